"""CIO202 dropped-timestamp: a date string where the Track SDK needs a datetime or seconds."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip
from cio_lint.rules.sdk_versions import unsure
from cio_lint.rules.timestamps import PayloadValue, passed_as, through, track_payload

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.analysis.time_values import TimestampType, TypedTimestamp

#: Methods whose ``timestamp`` silently drops a string ``int()`` cannot parse
#: (``backfill`` raises instead). Before 3.0 they took ``**data``: ``timestamp=`` was an
#: event attribute there, and the event got the time it was received either way.
_DROPPING_METHODS = frozenset({"track", "track_anonymous"})
#: The first major whose ``track`` has a ``timestamp`` parameter.
_TIMESTAMP_MAJOR = 3


@cache
def _text() -> frozenset[TimestampType]:
    from cio_lint.analysis.time_values import TimestampType

    return frozenset({TimestampType.DATE_TEXT, TimestampType.TEXT})


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
        "wrong day. That is customerio 3.x; 2.x and older take event attributes as keywords, "
        "so `track(..., timestamp=...)` sends an attribute named `timestamp` and the event "
        "still gets the time it was received: there, `backfill(customer_id, name, "
        "timestamp)` sends an event at a given time (a project on 2.x is told that; with no "
        "version pinned, the message names both). As an attribute, an ISO or formatted date "
        "string is stored as text: Customer.io compares dates as Unix seconds, so segment "
        "and campaign conditions such as 'trial_ends_at is in the next 3 days' never match it. "
        "The Node SDK converts nothing: it sends `JSON.stringify` of the payload, so a `Date` "
        "(or a dayjs/moment/luxon object) goes out as an ISO string, in `timestamp` and in "
        "attributes alike, where Customer.io reads Unix seconds."
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
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "order_placed", timestamp: new Date() });\n'
        "await cio.identify(user.id, { trial_ends_at: user.trialEnd.toISOString() });\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.track(user.id, {\n"
        '  name: "order_placed",\n'
        "  timestamp: Math.floor(Date.now() / 1000),\n"
        "});\n"
        "await cio.identify(user.id, {\n"
        "  trial_ends_at: Math.floor(user.trialEnd.getTime() / 1000),\n"
        "});\n"
    )
    correct_pattern = "a datetime or integer Unix seconds, e.g. int(dt.timestamp())"

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.time_values import TimestampType, is_date_key

        sends_as_is = ctx.model.timestamp_conventions().track_sends_as_is
        for call in ctx.calls():
            for item in track_payload(ctx.model, call):
                if item.is_timestamp and call.method not in _DROPPING_METHODS:
                    continue
                if not item.is_timestamp and not is_date_key(item.slot):
                    continue
                found = ctx.model.timestamp_type(item.value, call.place, call.order)
                if found is None:
                    continue
                if item.is_timestamp and found.type in _text() and sends_as_is:
                    self._report_sent_timestamp(ctx, call, item, found)
                elif item.is_timestamp and found.type in _text():
                    self._report_timestamp(ctx, call, item, found)
                elif not item.is_timestamp and found.type is TimestampType.DATE_TEXT:
                    self._report_attribute(ctx, call, item, found)

    def _report_timestamp(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        code = ctx.model.code(found.node)
        versions = ctx.config.sdk.track
        seconds = ctx.model.track_replacement(found, call.place, call.order)
        quoted = f"`{ctx.quote(found.node, 30)}`{through(found)}"
        short = f"`{ctx.quote(found.node, 22)}`{through(found)}"  # room for both versions
        if versions.only_before(_TIMESTAMP_MAJOR):
            given = call.arg("timestamp")
            if given is None or given.keyword is None or call.via is not None:
                # A positional timestamp is a TypeError there (CIO304's); how a project
                # function passes it on is not known.
                return
            message = (
                f"customerio {versions.releases_text()} sends `timestamp` of `{call.method}` "
                f"({quoted}) as data, not as the event's time"
            )
            correct = (
                f"backfill(customer_id, name, {seconds}, **data)" if call.method == "track"
                else f"upgrade customerio to 3.0 or later, then timestamp={seconds}"
            )
        elif versions.only_from(_TIMESTAMP_MAJOR):
            message = f"`timestamp` of `{call.method}` is a string ({quoted}): the SDK drops it"
            correct = passed_as(call, "timestamp", seconds)
        else:
            message = (
                f"`timestamp` of `{call.method}` is a string ({short}): 3.x drops it, 2.x "
                "sends it as data"
            )
            correct = (
                f"{passed_as(call, 'timestamp', seconds)}  # if you use customerio 3.x "
                f"({unsure(versions)}); "
                "on 2.x, backfill(customer_id, name, timestamp, **data)"
            )
        ctx.report(self, item.value, message, correct=correct, anchor=call.node, wrong=code,
                   via=call.via)

    def _report_sent_timestamp(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        """An SDK that sends the value as is (Node): the event gets an ISO string or text
        where the Track API reads Unix seconds."""
        seconds = ctx.model.track_replacement(found, call.place, call.order)
        assign = ctx.model.timestamp_conventions().assign
        sent = "sent as an ISO string, " if found.source is found.node else ""
        ctx.report(
            self,
            item.value,
            f"`timestamp` of `{call.written}` is {found.how} "
            f"(`{ctx.quote(found.node, 22)}`{through(found)}): {sent}not Unix seconds",
            correct=passed_as(call, "timestamp", seconds, assign),
            anchor=call.node,
            wrong=ctx.model.code(found.node),
            via=call.via,
        )

    def _report_attribute(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        code = ctx.model.code(found.node)
        conventions = ctx.model.timestamp_conventions()
        what, sent, width = "a date string", "", 30
        if conventions.track_sends_as_is and found.source is found.node:
            what, sent, width = found.how, ", sent as ISO text", 18  # a date object
        ctx.report(
            self,
            item.value,
            f"`{clip(item.slot, 30)}` is {what} (`{ctx.quote(found.node, width)}`"
            f"{through(found)}){sent}: date conditions never match it",
            correct=passed_as(
                call, item.slot, ctx.model.track_replacement(found, call.place, call.order),
                conventions.assign,
            ),
            anchor=call.node,
            wrong=code,
            via=call.via,
        )


RULE = DroppedTimestamp()
