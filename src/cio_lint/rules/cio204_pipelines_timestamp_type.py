"""CIO204 pipelines-timestamp-type: a number or string as a Pipelines SDK timestamp."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule
from cio_lint.rules.timestamps import passed_as, through

if TYPE_CHECKING:
    from cio_lint.analysis.records import Node, SdkCall
    from cio_lint.analysis.time_values import TypedTimestamp


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
        "seconds, hits this first. The Node SDKs (`@customerio/cdp-analytics-node` "
        "`Analytics`, customerio-node 5 `PipelinesClient`) are the other way round: "
        "`timestamp` is a `Date` or an ISO-8601 string, and a number (`Date.now()`, Unix "
        "seconds) is not checked but sent unchanged as a JSON number, not the ISO-8601 time "
        "the Pipelines API documents."
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
    node_wrong_example = (
        'import { Analytics } from "@customerio/cdp-analytics-node";\n\n'
        "const analytics = new Analytics({ writeKey });\n"
        'analytics.track({ userId: user.id, event: "order_placed", timestamp: Date.now() });\n'
    )
    node_correct_example = (
        'import { Analytics } from "@customerio/cdp-analytics-node";\n\n'
        "const analytics = new Analytics({ writeKey });\n"
        'analytics.track({ userId: user.id, event: "order_placed", timestamp: new Date() });\n'
    )
    correct_pattern = "datetime.now(timezone.utc)"

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.time_values import TimestampType
        from cio_lint.core.client_kinds import ClientKind

        accepted = ctx.model.timestamp_conventions().pipelines_accepts
        for call in ctx.calls():
            if call.kind is not ClientKind.PIPELINES or call.signature.timestamp is None:
                continue
            value = call.value(call.signature.timestamp)
            if value is None:
                continue
            found = ctx.model.timestamp_type(value, call.place, call.order)
            if found is None or found.type is TimestampType.NAIVE_DATETIME or (
                found.type in accepted
            ):
                continue
            self._report(ctx, call, value, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, value: Node, found: TypedTimestamp
    ) -> None:
        from cio_lint.analysis.time_values import TimestampType

        code = ctx.model.code(found.node)
        receiver = ctx.quote(call.receiver, 20) if call.receiver is not None else "analytics"
        conventions = ctx.model.timestamp_conventions()
        if not conventions.pipelines_accepts:
            message = (f"`timestamp` of `{receiver}.{call.written}` is not a `datetime` "
                       f"(`{ctx.quote(found.node, 30)}`{through(found)}): AssertionError")
        elif found.type is TimestampType.NUMBER:
            message = (f"`timestamp` of `{receiver}.{call.written}` is a number "
                       f"(`{ctx.quote(found.node, 20)}`{through(found)}): sent as is, "
                       "not ISO-8601")
        else:
            message = (f"`timestamp` of `{receiver}.{call.written}` is {found.how} "
                       f"(`{ctx.quote(found.node, 24)}`{through(found)}), not "
                       f"{conventions.pipelines_wants}")
        ctx.report(
            self,
            value,
            message,
            correct=passed_as(
                call, "timestamp", ctx.model.pipelines_replacement(found, call.place),
                conventions.assign,
            ),
            anchor=call.node,
            wrong=code,
            via=call.via,
        )


RULE = PipelinesTimestampType()
