"""CIO301 track-before-identify: the sign-up flow done in the wrong order."""

from __future__ import annotations

from cio_lint.findings import Severity
from cio_lint.rules.base import LintContext, Rule
from cio_lint.semantic import SdkCall
from cio_lint.values import normalized_code

_TRACKING = frozenset({"track", "pageview", "add_device", "page", "screen"})


class TrackBeforeIdentify(Rule):
    code = "CIO301"
    name = "track-before-identify"
    severity = Severity.WARNING
    summary = "An event tracked for a customer before the identify call that creates them."
    why = (
        "An event for a person Customer.io does not know yet may be dropped or may not "
        "trigger the campaign it was meant to start: the profile that the campaign's audience "
        "filter reads does not exist at the moment the event arrives. Identify first, then "
        "track."
    )
    wrong_example = (
        "def sign_up(user):\n"
        '    cio.track(customer_id=user.id, name="signed_up")\n'
        "    cio.identify(id=user.id, email=user.email)\n"
    )
    correct_example = (
        "def sign_up(user):\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        '    cio.track(customer_id=user.id, name="signed_up")\n'
    )
    correct_pattern = "call identify for this customer before tracking events for them"

    def check(self, ctx: LintContext) -> None:
        by_function: dict[int, list[SdkCall]] = {}
        for call in ctx.model.sdk_calls():
            if call.context.function is not None and call.customer_id is not None:
                by_function.setdefault(id(call.context.function), []).append(call)
        for calls in by_function.values():
            self._check_function(ctx, sorted(calls, key=lambda c: c.order))

    def _check_function(self, ctx: LintContext, calls: list[SdkCall]) -> None:
        for index, call in enumerate(calls):
            if call.method not in _TRACKING:
                continue
            assert call.customer_id is not None
            who = normalized_code(ctx.model, call.customer_id)

            def identifies(other: SdkCall) -> bool:
                return (
                    other.method == "identify"
                    and other.kind is call.kind
                    and other.customer_id is not None
                    and normalized_code(ctx.model, other.customer_id) == who
                    and not other.context.exclusive_with(call.context)
                )

            if any(identifies(other) for other in calls[:index]):
                continue
            later = next((other for other in calls[index + 1:] if identifies(other)), None)
            if later is None:
                continue
            line = ctx.span(later.node)[0].line
            receiver = ctx.model.code(later.node.func)
            ctx.report(
                self,
                call.node,
                f"`{call.method}` for `{ctx.model.code(call.customer_id)}` runs before "
                f"`identify` for the same customer (line {line}); the event can be dropped "
                "or miss its campaign: identify first",
                correct=f"move `{receiver}(...)` from line {line} above this call",
                anchor=call.node,
                wrong=ctx.model.code(call.node).splitlines()[0],
            )


RULE = TrackBeforeIdentify()
