"""CIO301 track-before-identify: the sign-up flow done in the wrong order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Project, ProjectRule, group_by_key

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.core.facts import Fact
    from cio_lint.core.findings import Finding


_TRACKING = frozenset({"track", "pageview", "add_device", "page", "screen"})
#: Calls that create or update profiles: ``identify``, and ``batch`` (it may hold identifies).
_IDENTIFYING = frozenset({"identify", "batch"})
# Project facts: an event tracked for a known customer id; a call that creates profiles
# (through the SDK, or through Segment's or RudderStack's library forwarding to Customer.io).
_TRACKED = "tracked"
_IDENTIFIED = "identified"
_FORWARDED = "forwarded"
_PYTHON_SUFFIXES = (".py", ".pyi")


class TrackBeforeIdentify(ProjectRule):
    code = "CIO301"
    name = "track-before-identify"
    severity = Severity.WARNING
    summary = "An event tracked for a customer before the identify call that creates them."
    why = (
        "An event for a person Customer.io does not know yet may be dropped or may not "
        "trigger the campaign it was meant to start: the profile that the campaign's audience "
        "filter reads does not exist at the moment the event arrives. Identify first, then "
        "track. Project-wide, a codebase that tracks events for customers and identifies "
        "nobody relies on profiles being created some other way (a CSV import, another "
        "service); if nothing does, its events land on no profile. Identifying counts "
        "wherever the project does it: an `identify` through the Python or Node SDK, "
        "through Segment's or RudderStack's `analytics` library for Python or Node "
        "(forwarded to Customer.io), or "
        "through Customer.io's JavaScript snippet or browser, React Native, Flutter, iOS or "
        "Android SDK in the project's templates and front-end or mobile code."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def sign_up(user):\n"
        '    cio.track(customer_id=user.id, name="signed_up")\n'
        "    cio.identify(id=user.id, email=user.email)\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def sign_up(user):\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        '    cio.track(customer_id=user.id, name="signed_up")\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function signUp(user: { id: string; email: string }) {\n"
        '  await cio.track(user.id, { name: "signed_up", data: {} });\n'
        "  await cio.identify(user.id, { email: user.email });\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function signUp(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, { email: user.email });\n"
        '  await cio.track(user.id, { name: "signed_up", data: {} });\n'
        "}\n"
    )
    correct_pattern = "call identify for this customer before tracking events for them"

    def check(self, ctx: LintContext) -> None:
        by_function: dict[int, list[SdkCall]] = {}
        for node in ctx.model.forwarded_identify_calls():
            ctx.fact(self, node, _FORWARDED, None)
        for call in ctx.model.sdk_calls():
            self._record(ctx, call)
        for call in ctx.calls():
            if call.context.function is not None and call.customer_id is not None:
                by_function.setdefault(id(call.context.function), []).append(call)
        for calls in by_function.values():
            self._check_function(ctx, sorted(calls, key=lambda c: c.order))

    def _record(self, ctx: LintContext, call: SdkCall) -> None:
        """Facts for the project-wide form: who tracks for customers, who identifies."""
        if call.method in _IDENTIFYING:
            ctx.fact(self, call.node, _IDENTIFIED, None)
        elif call.method in _TRACKING and call.customer_id is not None:
            ctx.fact(self, call.node, _TRACKED, call.method)

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        """One finding when the project tracks for customers and never identifies anyone:
        not in Python, and not in its templates or front-end code (searched last, and only
        then, since it means reading files no rule parses)."""
        kinds = group_by_key(facts)
        tracked = kinds.get(_TRACKED, [])
        if (
            not project.complete
            or not tracked
            or kinds.get(_IDENTIFIED)
            or kinds.get(_FORWARDED)
            or project.identity_sources()
        ):
            return []
        files = len({fact.path for fact in tracked})
        count = f"{len(tracked)} event{'s' if len(tracked) != 1 else ''}"
        if files > 1:
            count += f" in {files} files"
        python = all(fact.path.endswith(_PYTHON_SUFFIXES) for fact in tracked)
        where = "Python" if python else "server code"
        example = (
            "cio.identify(id=user.id, email=user.email)" if python
            else "cio.identify(user.id, { email: user.email })"
        )
        return [
            self.finding(
                tracked[0],
                f"project-wide (advice): no `identify` in {where}, templates or front end: "
                f"{count} may reach no profile",
                f"identify each customer ({example}) when they sign up, before tracking "
                "their events",
            )
        ]

    def _check_function(self, ctx: LintContext, calls: list[SdkCall]) -> None:
        for index, call in enumerate(calls):
            if call.method not in _TRACKING:
                continue
            assert call.customer_id is not None
            who = ctx.model.expression_key(call.customer_id)
            if any(_identifies(ctx, other, call, who) for other in calls[:index]):
                continue
            later = next(
                (
                    other for other in calls[index + 1:]
                    # Both made by one project function: judged inside it, not here.
                    if other.node is not call.node and _identifies(ctx, other, call, who)
                ),
                None,
            )
            if later is None:
                continue
            line = ctx.span(later.node)[0].line
            receiver = ctx.model.callee_text(later) or later.written
            ctx.report(
                self,
                call.node,
                f"`{call.written}` for `{ctx.quote(call.customer_id, 30)}` runs before its "
                f"`identify` (line {line}): the event can miss its campaign",
                correct=f"move `{receiver}(...)` from line {line} above this call",
                anchor=call.node,
                wrong=ctx.model.code(call.node).splitlines()[0],
                via=call.via,
            )


def _identifies(ctx: LintContext, other: SdkCall, call: SdkCall, who: str) -> bool:
    """Is ``other`` an identify of the customer ``call`` tracks for, on a path with it?"""
    return (
        other.method == "identify"
        and other.kind is call.kind
        and other.customer_id is not None
        and ctx.model.expression_key(other.customer_id) == who
        and not other.context.exclusive_with(call.context)
    )


RULE = TrackBeforeIdentify()
