"""CIO204 pipelines-timestamp-type: a number or string as a Pipelines SDK timestamp."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.python.time_values import (
    TimeAnalysis,
    TimestampType,
    TimestampTypes,
    TypedTimestamp,
    Unit,
)
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import LintContext, Rule
from cio_lint.rules.timestamps import through

_WRAPPERS = frozenset({"int", "round", "float", "math.floor", "math.ceil", "math.trunc"})


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
        types = TimestampTypes(ctx.semantic)
        for call in ctx.semantic.sdk_calls():
            if call.kind is not ClientKind.PIPELINES or call.signature.timestamp is None:
                continue
            value = call.value(call.signature.timestamp)
            if value is None:
                continue
            found = types.classify(value, call.place, call.order)
            if found is None or found.type is TimestampType.NAIVE_DATETIME:
                continue
            self._report(ctx, call, value, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, value: cst.BaseExpression, found: TypedTimestamp
    ) -> None:
        code = ctx.semantic.code(found.node)
        receiver = ctx.semantic.code(call.receiver) if call.receiver is not None else "analytics"
        ctx.report(
            self,
            value,
            f"`timestamp` of `{receiver}.{call.method}` gets {found.how}"
            f"{through(found)}: `{code}`; the Pipelines SDK requires a `datetime` and raises "
            "AssertionError, so this call fails and the message is lost",
            correct=f"timestamp={_as_datetime(ctx, call, found)}",
            anchor=call.node,
            wrong=code,
        )


def _as_datetime(ctx: LintContext, call: SdkCall, found: TypedTimestamp) -> str:
    """The datetime this value stands for, written out for this occurrence."""
    code = ctx.semantic.code(found.node)
    if found.source is not None:
        return ctx.semantic.code(found.source)
    if found.type is TimestampType.NUMBER:
        return _number_as_datetime(ctx, call, found.node)
    if found.type is TimestampType.NUMERIC_TEXT:
        return f"datetime.fromtimestamp(int({code}), tz=timezone.utc)"
    if found.type is TimestampType.DATE_TEXT and string_value(found.node) is not None:
        return f"datetime.fromisoformat({code})"
    return "datetime.now(timezone.utc)"


def _number_as_datetime(ctx: LintContext, call: SdkCall, node: cst.BaseExpression) -> str:
    """``time.time()`` is now, ``int(dt.timestamp())`` is ``dt``, milliseconds are divided."""
    inner = node
    while isinstance(inner, cst.Call) and dotted_name(inner.func) in _WRAPPERS and inner.args:
        inner = inner.args[0].value
    if isinstance(inner, cst.Call) and not inner.args:
        if dotted_name(inner.func) == "time.time":
            return "datetime.now(timezone.utc)"
        if isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "timestamp":
            return ctx.semantic.code(inner.func.value)
    seconds = ctx.semantic.code(node)
    unit = TimeAnalysis(ctx.semantic).classify(node, call.place, None)
    if unit is not None and unit.unit is not Unit.SECONDS:
        seconds = unit.seconds or f"{seconds} / 1000"
    return f"datetime.fromtimestamp({seconds}, tz=timezone.utc)"


RULE = PipelinesTimestampType()
