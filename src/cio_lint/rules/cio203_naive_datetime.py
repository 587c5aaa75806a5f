"""CIO203 naive-datetime: ``datetime.now()``/``utcnow()``/``today()`` sent to the Track SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip
from cio_lint.rules.timestamps import PayloadValue, through, track_payload

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.analysis.time_values import TypedTimestamp


class NaiveDatetime(Rule):
    code = "CIO203"
    name = "naive-datetime"
    severity = Severity.WARNING
    summary = (
        "A naive `datetime.now()`, `datetime.utcnow()` or `datetime.today()` sent in a Track "
        "SDK payload."
    )
    why = (
        "The Track SDK reads a datetime without a time zone as UTC. `datetime.now()` and "
        "`datetime.today()` return the server's local time, so on any server not running in "
        "UTC every timestamp and date attribute is off by the UTC offset: events land hours "
        "early or late and 'in the last day' conditions misfire. `datetime.utcnow()` is "
        "deprecated since Python 3.12 and is right only by accident of the SDK's assumption. "
        "The rule does not apply to JavaScript or TypeScript: a `Date` is an instant, with no "
        "naive form (CIO202 judges a `Date` sent to the Track API)."
    )
    wrong_example = (
        "from datetime import datetime\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="logged_in", timestamp=datetime.now())\n'
    )
    correct_example = (
        "from datetime import datetime, timezone\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="logged_in", timestamp=datetime.now(timezone.utc))\n'
    )
    correct_pattern = "datetime.now(timezone.utc)"
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Unsafe: `datetime.now()` becomes `datetime.now(timezone.utc)`, which changes the value "
        "sent (that is the point) and makes it aware, so code that compares it with naive "
        "datetimes raises TypeError. `timezone` is imported into an existing "
        "`from datetime import ...` when missing (or spelled `datetime.timezone.utc` after "
        "`import datetime`); no fix when the name `timezone` is taken by something else."
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.time_values import TimestampType

        if not ctx.model.timestamp_conventions().naive_dates:
            return
        for call in ctx.calls():
            for item in track_payload(ctx.model, call):
                found = ctx.model.timestamp_type(item.value, call.place, call.order)
                if found is not None and found.type is TimestampType.NAIVE_DATETIME:
                    self._report(ctx, call, item, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        from cio_lint.core.findings import Fix

        assert found.naive_call is not None
        naive = ctx.model.naive_clock(found.naive_call, call.place, call.order)
        code = ctx.model.code(naive.node)
        if naive.method == "utcnow":
            consequence = "`utcnow()` is deprecated since Python 3.12"
        else:
            consequence = "read as UTC, off by the server's UTC offset"
        fix = None
        correct = naive.hint or self.correct_pattern
        if naive.aware is not None:
            aware = naive.aware.text
            fix = Fix(naive.aware.edits, safe=False,
                      description=f"send an aware datetime: `{aware}`")
            correct = ctx.model.code(found.node).replace(code, aware, 1)
        ctx.report(
            self,
            item.value,
            f"`{clip(item.slot, 30)}` gets a naive `{ctx.quote(naive.node, 30)}`"
            f"{through(found)}: {consequence}",
            correct=correct,
            fix=fix,
            anchor=call.node,
            wrong=ctx.model.code(found.node),
            via=call.via,
        )


RULE = NaiveDatetime()
