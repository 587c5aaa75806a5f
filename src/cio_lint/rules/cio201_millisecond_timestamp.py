"""CIO201 millisecond-timestamp: milliseconds sent where Customer.io expects Unix seconds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip
from cio_lint.rules.timestamps import payload

if TYPE_CHECKING:
    from cio_lint.analysis.records import Node, SdkCall
    from cio_lint.analysis.time_values import TimeValue

#: Attributes the Track API reads as Unix seconds whatever their name says.
_SECONDS_SLOTS = frozenset({"last_used"})  # a device's last use (add_device / addDevice)


class MillisecondTimestamp(Rule):
    code = "CIO201"
    name = "millisecond-timestamp"
    severity = Severity.ERROR
    summary = (
        "A millisecond, microsecond, nanosecond or monotonic-clock value sent as a "
        "Unix-seconds timestamp."
    )
    why = (
        "Customer.io reads every timestamp (`created_at`, any date attribute, an event's "
        "`timestamp`) as Unix seconds. A millisecond value such as 1704067200000 is accepted "
        "without error and stored as a date in the year 55976: date segments, campaign "
        "triggers and 'signed up N days ago' conditions silently stop matching. A device's "
        "`last_used` and a transactional request's `send_at` are Unix seconds too. "
        "`time.monotonic()`, `time.perf_counter_ns()` and the other monotonic clocks count "
        "from an arbitrary point such as boot: they are not wall-clock times at all. In "
        "JavaScript every clock reads milliseconds (`Date.now()`, `getTime()`, `+new Date()`, "
        "dayjs/moment `valueOf()`), and `performance.now()` and `process.hrtime` are "
        "monotonic."
    )
    wrong_example = (
        "import time\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, created_at=int(time.time() * 1000))\n"
    )
    correct_example = (
        "import time\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, created_at=int(time.time()))\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.identify(user.id, { created_at: Date.now() });\n'
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });\n"
    )
    correct_pattern = "int(time.time())"
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Safe when the flagged expression is a plain conversion of a seconds source "
        "(`time.time() * 1000`, `int(dt.timestamp() * 1e3)`, `time.time_ns() // 1_000_000`, "
        "a 13-digit literal; in JavaScript `Date.now()`, `d.getTime()`, `+new Date()`, "
        "`dayjs().valueOf()`) written at the call. Unsafe when the value comes through a "
        "variable, which other code (metrics, logs) may also read in milliseconds. No fix "
        "for a monotonic clock (no unit makes it a point in time) or when the expression "
        "holds a comment, which the rewrite would drop."
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.time_values import is_date_key

        for call in ctx.calls():
            every_attribute = call.method == "identify"
            for item in payload(ctx.model, call):
                if not (item.is_timestamp or every_attribute or is_date_key(item.slot)
                        or item.slot in _SECONDS_SLOTS):
                    continue
                found = ctx.model.time_value(item.value, call.place, call.order)
                if found is None:
                    continue
                self._report(ctx, call, item.slot, item.value, found)
        for request in ctx.model.requests():
            value = request.value("send_at")  # a scheduled send, in Unix seconds
            found = ctx.model.time_value(value, request.place, request.order) if (
                value is not None) else None
            if value is not None and found is not None:
                self._report(ctx, request, "send_at", value, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, slot: str, value: Node, found: TimeValue
    ) -> None:
        from cio_lint.analysis.time_values import TimeUnit
        from cio_lint.core.findings import Fix

        origin = ctx.model.code(found.node)
        where = f"`{clip(slot)}`"
        quoted = ctx.quote(found.node)
        if found.via and found.via != quoted:
            quoted += f"` via `{clip(found.via, 20)}"
        if found.unit is TimeUnit.MONOTONIC:
            message = f"{where} gets a monotonic-clock value (`{quoted}`), not a point in time"
        else:
            message = f"{where} gets {found.unit.value} (`{quoted}`); Customer.io reads seconds"
        correct = found.seconds or ctx.model.timestamp_conventions().now_seconds
        fix = None
        if found.seconds is not None and found.plain:
            safe = found.via is None
            fix = Fix(
                (ctx.replace(found.node, found.seconds),),
                safe=safe,
                description=f"send seconds: `{found.seconds}`",
            )
        ctx.report(self, value, message, correct=correct, fix=fix, anchor=call.node,
                   wrong=origin, via=call.via)


RULE = MillisecondTimestamp()
