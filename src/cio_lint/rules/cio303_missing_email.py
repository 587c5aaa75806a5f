"""CIO303 missing-email: a profile created by identify without an ``email`` attribute."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.records import Function, Node, SdkCall
    from cio_lint.core.client_kinds import ClientKind

#: ``user.id``-style ids whose owner object likely has the ``email`` too.
_ID_ATTRIBUTES = frozenset({"id", "pk", "uuid", "guid"})


class MissingEmail(Rule):
    code = "CIO303"
    name = "missing-email"
    severity = Severity.WARNING
    summary = "An identify that creates a profile (sign-up, `created_at`) without `email`."
    why = (
        "Customer.io sends email only to people whose profile has an `email` attribute. A "
        "profile created without one exists, enters segments and campaigns, and then every "
        "email step silently skips it: welcome series, receipts and newsletters never arrive. "
        "Send the address with the identify that creates the person. An identify creates "
        "when it sends `created_at` or runs in sign-up code: a function named like "
        "`sign_up`, `register` or `createUser`, or the handler of a POST or PUT route such "
        "as `/signup`. Plain attribute "
        "updates are not flagged, and email-based workspaces (`id-kind = \"email\"`) are exempt."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def signup(user):\n"
        "    cio.identify(id=user.id, created_at=int(user.date_joined.timestamp()))\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def signup(user):\n"
        "    cio.identify(id=user.id, email=user.email,\n"
        "                 created_at=int(user.date_joined.timestamp()))\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function registerUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function registerUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, {\n"
        "    email: user.email,\n"
        "    created_at: Math.floor(Date.now() / 1000),\n"
        "  });\n"
        "}\n"
    )
    correct_pattern = "cio.identify(id=user.id, email=user.email, created_at=...)"
    config_keys = ("id-kind",)

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        if ctx.config.id_kind == "email":
            return
        model = ctx.model
        emailed: set[_Identity] | None = None
        for call in model.sdk_calls():
            if call.method != "identify" or call.kind not in (ClientKind.TRACK,
                                                               ClientKind.PIPELINES):
                continue
            if not model.attributes_complete(call):
                continue  # ``**attrs`` or a dict built elsewhere may carry the email
            keys = {attribute.key for attribute in model.attributes(call)}
            if any(key.lower() == "email" for key in keys):
                continue
            customer_id = call.customer_id
            if customer_id is None or model.email_source(customer_id, call.place, call.order):
                continue  # the id is the address (CIO302's business), or unknown
            if emailed is None:
                emailed = _identities_sent_email(ctx)
            if _identity(ctx, call, customer_id) in emailed:
                continue  # another identify of this person in the function sends it
            reason = _creation_reason(model, call, keys)
            if reason is not None:
                self._report(ctx, call, customer_id, reason)

    def _report(
        self, ctx: LintContext, call: SdkCall, customer_id: Node, reason: str
    ) -> None:
        who = ctx.quote(customer_id, 30)
        ctx.report(
            self,
            call.node,
            f"`identify` creates `{who}` ({reason}) without `email`: no email can reach it",
            correct=_with_email(ctx, call, customer_id),
            anchor=call.node,
            wrong=ctx.model.code(call.node).splitlines()[0],
        )


#: One person in one function (its node's identity; 0 for module level), of one client
#: kind, named by the id expression.
_Identity: TypeAlias = "tuple[int, ClientKind, str]"


def _identity(ctx: LintContext, call: SdkCall, customer_id: Node) -> _Identity:
    function = call.context.function
    where = id(function.node) if function is not None else 0
    return (where, call.kind, ctx.model.expression_key(customer_id))


def _identities_sent_email(ctx: LintContext) -> set[_Identity]:
    """Every person some identify sends an ``email`` to, per function: built once per
    file, so each identify that lacks one is judged in constant time."""
    model = ctx.model
    return {
        _identity(ctx, call, call.customer_id)
        for call in model.sdk_calls()
        if call.method == "identify" and call.customer_id is not None
        and any(a.key.lower() == "email" for a in model.attributes(call))
    }


def _creation_reason(model: ModuleModel, call: SdkCall, keys: set[str]) -> str | None:
    """Why this identify creates the person, or None for a plain attribute update."""
    from cio_lint.analysis.identity import creates_people, route_creates_people

    if "created_at" in keys:
        return "it sends `created_at`"
    function: Function | None = call.context.function
    while function is not None:
        if function.name and creates_people(function.name, function.class_name):
            where = f"{function.class_name}.{function.name}" if function.class_name \
                else function.name
            return f"in `{clip(where, 30)}`"
        route = None if function.name else model.handled_route(function)
        if route is not None and route_creates_people(route):
            return f"in the `{clip(route, 30)}` route"
        function = function.parent
    return None


def _with_email(ctx: LintContext, call: SdkCall, customer_id: Node) -> str | None:
    """This call with the email added: ``user.email`` next to ``user.id`` (None: the
    rule's pattern is shown instead)."""
    owner = "user"
    read = ctx.model.property_read(customer_id)
    if read is not None and read.name in _ID_ATTRIBUTES:
        owner = read.owner
    return ctx.model.with_added_attribute(call, "email", f"{owner}.email")


RULE = MissingEmail()
