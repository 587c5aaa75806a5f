"""CIO304 sdk-signature-misuse: Customer.io calls that fail at run time with the SDK in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules import argument_values, node_signatures
from cio_lint.rules import sdk_versions as by_version
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip, more

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.analysis.sdk_surface import PassedKeyword
    from cio_lint.core.sdk_version import SdkVersion

#: Keywords people pass to Track ``identify`` meaning its ``id`` parameter.
_ID_ALIASES = frozenset({"customer_id", "user_id", "customerId", "userId"})
#: Pipelines ``track`` keywords borrowed from the Track SDK, and their real names.
_PIPELINES_RENAMES = {"name": "event", "data": "properties"}
#: Request keywords spelled the way ``from`` is usually escaped, and the SDK's spelling.
_REQUEST_RENAMES = {"from_": "_from", "from": "_from"}
#: The longest message a "did you mean" hint may make (messages stay one short line).
_MESSAGE_WIDTH = 120


def _origin_note(ctx: LintContext, keyword: PassedKeyword) -> str:
    """`` (a key of `fields`)`` when it comes through ``**fields``."""
    if keyword.via is None:
        return ""
    return f" (a key of `{ctx.quote(keyword.via, 20)}`)"


class SdkSignatureMisuse(Rule):
    code = "CIO304"
    name = "sdk-signature-misuse"
    severity = Severity.ERROR
    summary = (
        "A Customer.io SDK call that fails at run time (bad keyword or argument shape, blank "
        "id, id type)."
    )
    why = (
        "These calls fail every time they run, usually in code paths tests do not cover: "
        "`identify(customer_id=...)` is a TypeError (the parameter is `id`); 2.x-style "
        "`track(..., price=1)` event attributes as keywords are a TypeError in `customerio` "
        "3.x (they go in `data={...}`), and so is 1.x/2.x's `disable_css_preproceessing=` "
        "(3.x spells it `disable_css_preprocessing`); a blank id raises CustomerIOException; "
        "`SendEmailRequest(from_=...)` is a TypeError (the sender is `_from`); "
        "`merge_customers` accepts only the id types `id`, `email` and `cio_id`; the "
        "Pipelines `track` takes `event=`/`properties=`, not `name=`/`data=`. Any other "
        "keyword a signature rejects, excess positional arguments and missing required "
        "arguments are TypeErrors too. Advice that depends on the `customerio` version "
        "follows the version the project pins (`sdk-version`, lock files, requirements, "
        "pyproject.toml): a project on 2.x is not told to use the 3.x signature, and is told "
        "when it calls what its version lacks (`batch` before 3.0, `cc=` and "
        "`send_whatsapp` before 3.2). With no version pinned, 3.x advice says so: set "
        "`sdk-version` to say which version runs. In Node the same mistakes are argument "
        "shapes: an object as the customer id (`identify({ id, email })` files every user "
        "under one empty `[object Object]` profile on customerio-node 4.x and earlier and "
        "throws on 5.x), Python's `track(id, \"name\", data)`, the 1.x/2.x "
        "`trackAnonymous(data)` on 3.x and later, a plain object given to `sendEmail` (it "
        "needs a `SendEmailRequest`), request keys the request class silently drops "
        "(`customer_id`, `cc`, `attachments`; `amp_body` and `plaintext_body` from 4.0 on), "
        "and browser-style calls on the CDP `Analytics` client (`analytics.track(\"Signed "
        "Up\", props)`, a numeric `userId`, a `track` without `event`), which throw "
        "ValidationError. The customerio-node version comes from package.json and the lock "
        "files (or `node-sdk-version`)."
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function signUp(user: { id: string; email: string }): Promise<void> {\n"
        "  await cio.identify({ id: user.id, email: user.email });\n"
        '  await cio.track(user.id, "signed_up", { plan: "pro" });\n'
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function signUp(user: { id: string; email: string }): Promise<void> {\n"
        "  await cio.identify(user.id, { email: user.email });\n"
        '  await cio.track(user.id, { name: "signed_up", data: { plan: "pro" } });\n'
        "}\n"
    )
    wrong_example = (
        "from customerio import APIClient, CustomerIO, SendEmailRequest\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "api = APIClient(app_api_key)\n"
        "cio.identify(customer_id=user.id, email=user.email)\n"
        'cio.track(customer_id=user.id, name="purchased", price=23.45)\n'
        'api.send_email(SendEmailRequest(transactional_message_id="receipt", to=user.email,\n'
        '                                identifiers={"id": user.id}, from_="shop@example.com"))\n'
    )
    correct_example = (
        "from customerio import APIClient, CustomerIO, SendEmailRequest\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "api = APIClient(app_api_key)\n"
        "cio.identify(id=user.id, email=user.email)\n"
        'cio.track(customer_id=user.id, name="purchased", data={"price": 23.45})\n'
        'api.send_email(SendEmailRequest(transactional_message_id="receipt", to=user.email,\n'
        '                                identifiers={"id": user.id}, _from="shop@example.com"))\n'
    )
    correct_pattern = "call the SDK with the parameters its signature declares"
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Safe: renaming `customer_id=`/`user_id=` to `id=` on identify, `from_=` to `_from=`, "
        "Pipelines `name=`/`data=` to `event=`/`properties=`, moving 2.x event keywords into "
        "`data={...}` (or the Pipelines `properties`/`traits`) when that is a dict literal "
        "written at the call, and lower-casing a merge id type such as `\"Email\"`. Each "
        "turns a call that always raises into the call that was meant. The edits touch only "
        "keyword names, the moved arguments and the dict's braces, so comments and line "
        "breaks stay; when moving a keyword would drop a comment or leave it beside another "
        "argument, there is no fix. Moving 2.x event keywords is unsafe when the project "
        "pins no `customerio` version, or pins 2.x and 3.x both: on 2.x the keywords were right. "
        "Node: moving `id` out of an `identify({ ... })` object written at the call, wrapping "
        "a positional event name and data in `{ name, data }`, quoting a numeric `userId` "
        "literal and renaming a CDP `track`'s `name:` to `event:` are safe; wrapping a plain "
        "object in `new SendEmailRequest(...)` (when the class is imported) and renaming "
        "`amp_body`/`plaintext_body` are safe only when every customerio-node version the "
        "project runs needs them."
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        model = ctx.model
        if not model.keyword_signatures():  # Node: shapes, then the values it rejects
            node_signatures.check(self, ctx)
            for call in model.sdk_calls():
                if call.kind is ClientKind.TRACK:
                    argument_values.check_blank_ids(self, ctx, call)
                    if call.method == "merge_customers":
                        argument_values.check_merge_types(self, ctx, call)
            return
        for call in model.sdk_calls():
            self._check_keywords(ctx, call)
            self._check_positional(ctx, call)
            self._check_required(ctx, call)
            argument_values.check_blank_ids(self, ctx, call)
            if call.kind is ClientKind.TRACK and call.method == "merge_customers":
                argument_values.check_merge_types(self, ctx, call)
            by_version.report_introduced(self, ctx, call, _message_label(ctx, call))
        for call in model.wrapper_calls():
            # Only what the caller's keywords do through the function's ``**kwargs``: what
            # the function passes itself is checked at its own SDK call.
            self._check_keywords(ctx, call)
        for call in (*model.requests(), *model.constructions()):
            self._check_keywords(ctx, call)
            self._check_positional(ctx, call)
        for call in model.requests():
            by_version.report_introduced(self, ctx, call, _message_label(ctx, call))

    # -- keywords the signature rejects ---------------------------------------------

    def _check_keywords(self, ctx: LintContext, call: SdkCall) -> None:
        from cio_lint.core.client_kinds import ClientKind

        versions = ctx.config.sdk.track
        rejected = [k for k in ctx.model.passed_keywords(call)
                    if _rejects(call, k.name, versions)]
        if not rejected:
            return
        movable: list[PassedKeyword] = []
        for keyword in rejected:
            if self._renamed(ctx, call, keyword):
                continue
            movable.append(keyword)
        if not movable:
            return
        container = call.signature.attributes
        if container is not None and container != call.signature.var_kwargs:
            if call.kind is ClientKind.TRACK and versions.only_before(3):
                return  # 2.x's ``track(customer_id, name, **data)`` takes them
            self._report_moved(ctx, call, movable, container)
        else:
            for keyword in movable:
                self._report_unexpected(ctx, call, keyword)

    def _renamed(self, ctx: LintContext, call: SdkCall, keyword: PassedKeyword) -> bool:
        """Report a keyword with a known right name (``from_`` -> ``_from``); True if done."""
        from cio_lint.core.client_kinds import ClientKind
        from cio_lint.core.findings import Fix

        target = None
        if call.kind is ClientKind.PIPELINES and call.method == "track":
            target = _PIPELINES_RENAMES.get(keyword.name)
        elif call.method == "SendEmailRequest":
            target = _REQUEST_RENAMES.get(keyword.name)
        if target is None:
            return False
        label = _message_label(ctx, call)
        failure = "the call" if call.kind is ClientKind.PIPELINES else "building it"
        consequence = f"{failure} raises TypeError (it is `{target}`)"
        fix = None
        if target not in call.bound.args and not _passes(ctx, call, target):
            edit = ctx.replace(keyword.key, ctx.model.renamed_key_text(keyword, target))
            # Through a project function, which may pass ``target`` itself: never safe.
            fix = Fix((edit,), safe=keyword.inline and call.via is None,
                      description=f"rename `{keyword.name}` to `{target}`")
        ctx.report(
            self, keyword.node,
            f"`{label}` has no `{clip(keyword.name, 30)}` parameter"
            f"{_origin_note(ctx, keyword)}: {consequence}",
            correct=ctx.model.keyword_text(target, keyword.value), fix=fix, anchor=call.node,
            wrong=ctx.model.written_keyword(keyword), via=call.via,
        )
        return True

    def _report_moved(
        self, ctx: LintContext, call: SdkCall, movable: list[PassedKeyword], container: str
    ) -> None:
        from cio_lint.core.client_kinds import ClientKind
        from cio_lint.core.findings import Fix

        names = ", ".join(f"`{k.name}`" for k in movable)
        shown = more([f"`{clip(k.name, 20)}`" for k in movable], shown=2)
        label = _message_label(ctx, call)
        versions = ctx.config.sdk.track
        certain = call.kind is not ClientKind.TRACK or versions.only_from(3)
        if call.kind is ClientKind.TRACK:
            unsure = "" if certain else f" ({by_version.unsure(versions)})"
            message = (
                f"`{label}` gets event attributes as keywords ({shown}): 3.x raises "
                f"TypeError{unsure}"
            )
        else:
            message = f"`{label}` has no parameter {shown}: the call raises TypeError"
        rewritten = ctx.model.moved_into_rewrite(call, movable, container)
        fix = None
        if rewritten is not None:
            fix = Fix(rewritten.edits, safe=certain,
                      description=f"move {names} into `{container}`")
        ctx.report(
            self, movable[0].node, message,
            correct=rewritten.text if rewritten is not None
            else ctx.model.mapping_argument_text(container, movable),
            fix=fix, anchor=call.node,
            wrong=", ".join(ctx.model.written_keyword(k) for k in movable), via=call.via,
        )

    def _report_unexpected(
        self, ctx: LintContext, call: SdkCall, keyword: PassedKeyword
    ) -> None:
        label = _message_label(ctx, call)
        params = call.signature.params
        import difflib  # only when a name is misspelt

        close = difflib.get_close_matches(keyword.name, params, n=1)
        versions = ctx.config.sdk.track
        name = clip(keyword.name, 30)
        message = f"`{label}` has no `{name}` parameter{_origin_note(ctx, keyword)}: "
        email = call.method == "SendEmailRequest"
        if email and by_version.email_keyword_missing(versions, keyword.name):
            old = by_version.EMAIL_KEYWORDS_ADDED[keyword.name][1]
            close = [old] if old is not None else []
            message += f"{versions.described()} raises TypeError"
            if old is None:
                message += f" (new in {by_version.email_keyword_release(keyword.name)})"
        elif keyword.name == by_version.OLD_CSS_KEYWORD and not versions.only_from(3):
            message = (f"`{label}({name}=...)`: 3.x raises TypeError "
                       f"({by_version.unsure(versions)})")
        elif close:
            message += "the call raises TypeError"
            hint = f"; did you mean `{close[0]}`?"
            if len(message + hint) <= _MESSAGE_WIDTH:  # else the correct line alone names it
                message += hint
        elif len(params) <= 3:
            takes = ", ".join(f"`{p}`" for p in params) or "no arguments"
            message += f"the call raises TypeError (it takes {takes})"
        else:
            message += "the call raises TypeError"
        ctx.report(
            self, keyword.node, message,
            correct=ctx.model.keyword_text(close[0], keyword.value) if close else None,
            anchor=call.node, wrong=ctx.model.written_keyword(keyword), via=call.via,
        )

    # -- positional and required arguments ------------------------------------------

    def _check_positional(self, ctx: LintContext, call: SdkCall) -> None:
        excess = call.bound.excess_positional
        if not excess:
            return
        signature = call.signature
        limit = len(signature.params) if signature.positional is None else signature.positional
        label = _message_label(ctx, call)
        takes = (
            "only keyword arguments" if limit == 0
            else f"at most {limit} positional argument{'s' if limit != 1 else ''}"
        )
        ctx.report(
            self, excess[0].value,
            f"`{label}` takes {takes} but gets {limit + len(excess)}: the call raises "
            "TypeError",
            anchor=call.node,
        )

    def _check_required(self, ctx: LintContext, call: SdkCall) -> None:
        from cio_lint.core.client_kinds import ClientKind
        from cio_lint.core.findings import Fix

        if call.bound.star_args or call.bound.star_kwargs:
            return
        missing = [p for p in call.signature.required if p not in call.bound.args]
        if not missing:
            return
        label = _call_label(ctx, call)
        if call.kind is ClientKind.TRACK and call.method == "identify":
            alias = next((k for k in call.bound.extra if k in _ID_ALIASES), None)
            if alias is not None:
                arg = call.bound.extra[alias]
                assert arg.keyword_node is not None
                ctx.report(
                    self, arg.keyword_node,
                    f"`{_message_label(ctx, call)}({alias}=...)`: identify's parameter is "
                    "`id`, so the call raises TypeError",
                    correct=ctx.model.keyword_text("id", arg.value),
                    wrong=ctx.model.keyword_text(alias, arg.value),
                    fix=Fix((ctx.replace(arg.keyword_node, "id"),), safe=True,
                            description=f"rename `{alias}` to `id`"),
                    anchor=call.node,
                )
                return
        names = ", ".join(f"`{p}`" for p in missing)
        ctx.report(
            self, call.node,
            f"`{_message_label(ctx, call)}` is missing the required "
            f"argument{'s' if len(missing) > 1 else ''} {names}: the call raises TypeError",
            correct=f"{label}({', '.join(f'{p}=...' for p in missing)}, ...)",
            anchor=call.node, wrong=ctx.model.code(call.node).splitlines()[0],
        )

    # -- values the SDK rejects -------------------------------------------------------


# -- helpers ---------------------------------------------------------------------------


def _rejects(call: SdkCall, name: str, versions: SdkVersion) -> bool:
    """Whether the signature of every version the project may run rejects ``name``."""
    if call.method == "SendEmailRequest":
        if name == by_version.OLD_CSS_KEYWORD and versions.only_before(3):
            return False
        if by_version.email_keyword_missing(versions, name):
            return True
    return name not in call.signature.params and call.signature.var_kwargs is None


def _passes(ctx: LintContext, call: SdkCall, name: str) -> bool:
    return any(k.name == name for k in ctx.model.passed_keywords(call))


def _call_label(ctx: LintContext, call: SdkCall) -> str:
    if call.receiver is None:
        return call.method
    return f"{ctx.model.code(call.receiver)}.{call.method}"


_message_label = argument_values.message_label

RULE = SdkSignatureMisuse()
