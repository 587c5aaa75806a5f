"""CIO202 dropped-timestamp: a date string where the Track SDK needs a datetime or seconds."""

from __future__ import annotations

from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.time_values import TimestampType, TypedTimestamp, is_date_key
from cio_lint.core.findings import Severity
from cio_lint.rules.base import LintContext, Rule, clip
from cio_lint.rules.timestamps import PayloadValue, through, track_payload

#: Methods whose ``timestamp`` silently drops a string ``int()`` cannot parse
#: (``backfill`` raises instead).
_DROPPING_METHODS = frozenset({"track", "track_anonymous"})
_TEXT = frozenset({TimestampType.DATE_TEXT, TimestampType.TEXT})


class DroppedTimestamp(Rule):
    code = "CIO202"
    name = "dropped-timestamp"
    severity = Severity.WARNING
    summary = (
        "An ISO/strftime string sent as a track timestamp (silently dropped) or as a date "
        "attribute (never matches date conditions)."
    )
    why = (
        "The Track SDK turns a datetime or an int-like value into Unix seconds, but it "
        "silently drops any other `timestamp` string: no error, and the event is recorded "
        "at the moment Customer.io receives it, so backfills and delayed sends land on the "
        "wrong day. As an attribute, an ISO or formatted date string is stored as text: "
        "Customer.io compares dates as Unix seconds, so segment and campaign conditions "
        "such as 'trial_ends_at is in the next 3 days' never match it."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="order_placed", timestamp=order.created.isoformat())\n'
        'cio.identify(id=user.id, trial_ends_at=user.trial_end.strftime("%Y-%m-%d"))\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="order_placed", timestamp=order.created)\n'
        "cio.identify(id=user.id, trial_ends_at=int(user.trial_end.timestamp()))\n"
    )
    correct_pattern = "a datetime or integer Unix seconds, e.g. int(dt.timestamp())"

    def check(self, ctx: LintContext) -> None:
        for call in ctx.model.sdk_calls():
            for item in track_payload(ctx.model, call):
                if item.is_timestamp and call.method not in _DROPPING_METHODS:
                    continue
                if not item.is_timestamp and not is_date_key(item.slot):
                    continue
                found = ctx.model.timestamp_type(item.value, call.place, call.order)
                if found is None:
                    continue
                if item.is_timestamp and found.type in _TEXT:
                    self._report_timestamp(ctx, call, item, found)
                elif not item.is_timestamp and found.type is TimestampType.DATE_TEXT:
                    self._report_attribute(ctx, call, item, found)

    def _report_timestamp(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        code = ctx.model.code(found.node)
        ctx.report(
            self,
            item.value,
            f"`timestamp` of `{call.method}` is a string (`{ctx.quote(found.node, 30)}`"
            f"{through(found)}): the SDK drops it",
            correct=f"timestamp={ctx.model.track_replacement(found, call.place, call.order)}",
            anchor=call.node,
            wrong=code,
        )

    def _report_attribute(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        code = ctx.model.code(found.node)
        ctx.report(
            self,
            item.value,
            f"`{clip(item.slot, 30)}` is a date string (`{ctx.quote(found.node, 30)}`"
            f"{through(found)}): date conditions never match it",
            correct=f"{item.slot}={ctx.model.track_replacement(found, call.place, call.order)}",
            anchor=call.node,
            wrong=code,
        )


RULE = DroppedTimestamp()
