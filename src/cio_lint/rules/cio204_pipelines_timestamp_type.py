"""CIO204 pipelines-timestamp-type: a number or string as a Pipelines SDK timestamp."""

from __future__ import annotations

from cio_lint.analysis.records import Node, SdkCall
from cio_lint.analysis.time_values import TimestampType, TypedTimestamp
from cio_lint.core.findings import Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import LintContext, Rule
from cio_lint.rules.timestamps import passed_as, through


class PipelinesTimestampType(Rule):
    code = "CIO204"
    name = "pipelines-timestamp-type"
    severity = Severity.ERROR
    summary = "An int, float or string `timestamp=` given to the Data Pipelines SDK."
    why = (
        "The Pipelines SDK (`customerio.analytics`) accepts only a `datetime` as `timestamp`: "
        "anything else fails its type check with AssertionError (\"timestamp must have "
        "<class 'datetime.datetime'>\") when the message is queued, so the call raises and "
        "the event or identify is lost. Code ported from the Track SDK, which takes Unix "
        "seconds, hits this first."
    )
    wrong_example = (
        "import time\n"
        "from customerio import analytics\n\n"
        'analytics.track(user_id=user.id, event="order_placed", timestamp=int(time.time()))\n'
    )
    correct_example = (
        "from datetime import datetime, timezone\n"
        "from customerio import analytics\n\n"
        'analytics.track(user_id=user.id, event="order_placed", '
        "timestamp=datetime.now(timezone.utc))\n"
    )
    correct_pattern = "datetime.now(timezone.utc)"

    def check(self, ctx: LintContext) -> None:
        for call in ctx.calls():
            if call.kind is not ClientKind.PIPELINES or call.signature.timestamp is None:
                continue
            value = call.value(call.signature.timestamp)
            if value is None:
                continue
            found = ctx.model.timestamp_type(value, call.place, call.order)
            if found is None or found.type is TimestampType.NAIVE_DATETIME:
                continue
            self._report(ctx, call, value, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, value: Node, found: TypedTimestamp
    ) -> None:
        code = ctx.model.code(found.node)
        receiver = ctx.quote(call.receiver, 20) if call.receiver is not None else "analytics"
        ctx.report(
            self,
            value,
            f"`timestamp` of `{receiver}.{call.method}` is not a `datetime` "
            f"(`{ctx.quote(found.node, 30)}`{through(found)}): AssertionError",
            correct=passed_as(
                call, "timestamp", ctx.model.pipelines_replacement(found, call.place)
            ),
            anchor=call.node,
            wrong=code,
            via=call.via,
        )


RULE = PipelinesTimestampType()
