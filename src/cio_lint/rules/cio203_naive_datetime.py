"""CIO203 naive-datetime: ``datetime.now()``/``utcnow()``/``today()`` sent to the Track SDK."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.time_values import TimestampType, TimestampTypes, TypedTimestamp
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Edit, Fix, Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule
from cio_lint.rules.timestamps import PayloadValue, through, track_payload


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
        "deprecated since Python 3.12 and is right only by accident of the SDK's assumption."
    )
    wrong_example = (
        "from datetime import datetime\n\n"
        'cio.track(customer_id=user.id, name="logged_in", timestamp=datetime.now())\n'
    )
    correct_example = (
        "from datetime import datetime, timezone\n\n"
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
        types = TimestampTypes(ctx.semantic)
        for call in ctx.semantic.sdk_calls():
            for item in track_payload(ctx.semantic, call):
                found = types.classify(item.value, call.place, call.order)
                if found is not None and found.type is TimestampType.NAIVE_DATETIME:
                    self._report(ctx, call, item, found)

    def _report(
        self, ctx: LintContext, call: SdkCall, item: PayloadValue, found: TypedTimestamp
    ) -> None:
        naive = found.naive_call
        assert naive is not None
        code = ctx.semantic.code(naive)
        method = naive.func.attr.value if isinstance(naive.func, cst.Attribute) else "now"
        if method == "utcnow":
            consequence = (
                "`utcnow()` is deprecated since Python 3.12 and returns a naive datetime that "
                "is right only because the SDK assumes UTC; send an aware datetime"
            )
        else:
            consequence = (
                "the SDK reads a naive datetime as UTC, so the server's local time is sent "
                "shifted by its UTC offset"
            )
        rewrite = aware_now(ctx, naive, call.place, call.order)
        fix = None
        correct = (
            f"{ctx.semantic.code(naive.func.value)}.now(dt_timezone.utc)  "
            "# from datetime import timezone as dt_timezone"
            if isinstance(naive.func, cst.Attribute) else self.correct_pattern
        )
        if rewrite is not None:
            aware, edits = rewrite
            fix = Fix(edits, safe=False, description=f"send an aware datetime: `{aware}`")
            correct = ctx.semantic.code(found.node).replace(code, aware, 1)
        ctx.report(
            self,
            item.value,
            f"`{item.slot}` of `{call.method}` gets a naive `{code}`{through(found)}: "
            f"{consequence}",
            correct=correct,
            fix=fix,
            anchor=call.node,
            wrong=ctx.semantic.code(found.node),
        )


def aware_now(
    ctx: LintContext, naive: cst.Call, scope: Scope, order: int
) -> tuple[str, tuple[Edit, ...]] | None:
    """``<datetime class>.now(<utc>)`` for a naive call, with an import edit when needed."""
    if not isinstance(naive.func, cst.Attribute):
        return None
    model = ctx.semantic
    owner = model.code(naive.func.value)
    tz = model.name_for("datetime.timezone", scope, order)
    # ``datetime.UTC`` only when imported by name: the module attribute needs Python 3.11.
    utc = f"{tz}.utc" if tz is not None else model.name_for("datetime.UTC", scope, order)
    edits: list[Edit] = []
    if utc is None:
        insertion = _timezone_import_edit(ctx, naive.func.value, scope, order)
        if insertion is None:
            return None
        edits.append(insertion)
        utc = "timezone.utc"
    replacement = f"{owner}.now({utc})"
    edits.append(ctx.replace(naive, replacement))
    return replacement, tuple(sorted(edits, key=lambda edit: edit.start))


def _timezone_import_edit(
    ctx: LintContext, owner: cst.BaseExpression, scope: Scope, order: int
) -> Edit | None:
    """Add ``timezone`` to the ``from datetime import datetime`` that binds ``owner``."""
    model = ctx.semantic
    if not isinstance(owner, cst.Name):
        return None
    if model.lookup("timezone", scope, order) or "timezone" in model.root.bindings:
        return None  # e.g. django.utils.timezone: adding the import would shadow it
    visible = model.lookup(owner.value, scope, order)
    if not visible or visible[0].qualname != "datetime.datetime":
        return None
    for statement, qualname, alias in model.imports:
        if not (isinstance(statement, cst.ImportFrom) and isinstance(alias, cst.ImportAlias)):
            continue
        if qualname != "datetime.datetime" or _local_name(alias) != owner.value:
            continue
        last = alias.asname.name if alias.asname is not None else alias.name
        end = ctx.span(last)[1]
        return Edit(end, end, ", timezone")
    return None


def _local_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return alias.name.value if isinstance(alias.name, cst.Name) else ""


RULE = NaiveDatetime()
