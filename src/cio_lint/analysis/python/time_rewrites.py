"""The Python text a timestamp fix sends instead: seconds for a date string, the
datetime behind a number, an aware clock call (with the ``timezone`` import it needs).
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, expression, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.python.time_values import NUMBER_WRAPPERS, TimeAnalysis
from cio_lint.analysis.python.timestamp_types import TimestampTypes
from cio_lint.analysis.time_values import (
    AwareRewrite,
    NaiveClock,
    TimestampType,
    TimeUnit,
    TypedTimestamp,
    iso_text_seconds,
)
from cio_lint.core.findings import Edit, Position


def track_replacement(
    model: SemanticModel, types: TimestampTypes, found: TypedTimestamp, scope: Scope,
    order: int,
) -> str:
    """What to send instead: the datetime behind ``.isoformat()`` (seconds when it is naive,
    which the SDK would shift), the seconds of a literal, else the canonical pattern."""
    if found.source is not None:
        behind_node = expression(found.source)
        source = model.code(behind_node)
        behind = types.classify(behind_node, scope, order)
        if behind is not None and behind.type is TimestampType.NAIVE_DATETIME:
            return f"int({source}.timestamp())"
        return source
    node = syntax(found.node)
    if isinstance(node, cst.Call) and len(node.args) == 1 and (
        dotted_name(node.func) == "time.strftime"
    ):
        return "int(time.time())"
    text = string_value(node)
    seconds = iso_text_seconds(text) if text is not None else None
    if seconds is not None:
        return str(seconds)
    return "int(dt.timestamp())"


def pipelines_replacement(
    model: SemanticModel, times: TimeAnalysis, found: TypedTimestamp, scope: Scope
) -> str:
    """The datetime this value stands for, written out for this occurrence."""
    node = expression(found.node)
    code = model.code(node)
    if found.source is not None:
        return model.code(expression(found.source))
    if found.type is TimestampType.NUMBER:
        return _number_as_datetime(model, times, node, scope)
    if found.type is TimestampType.NUMERIC_TEXT:
        return f"datetime.fromtimestamp(int({code}), tz=timezone.utc)"
    if found.type is TimestampType.DATE_TEXT and string_value(node) is not None:
        return f"datetime.fromisoformat({code})"
    return "datetime.now(timezone.utc)"


def _number_as_datetime(
    model: SemanticModel, times: TimeAnalysis, node: cst.BaseExpression, scope: Scope
) -> str:
    """``time.time()`` is now, ``int(dt.timestamp())`` is ``dt``, milliseconds are divided."""
    inner = node
    while isinstance(inner, cst.Call) and dotted_name(inner.func) in NUMBER_WRAPPERS and (
        inner.args
    ):
        inner = inner.args[0].value
    if isinstance(inner, cst.Call) and not inner.args:
        if dotted_name(inner.func) == "time.time":
            return "datetime.now(timezone.utc)"
        if isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "timestamp":
            return model.code(inner.func.value)
    seconds = model.code(node)
    unit = times.classify(node, scope, None)
    if unit is not None and unit.unit is not TimeUnit.SECONDS:
        seconds = unit.seconds or f"{seconds} / 1000"
    return f"datetime.fromtimestamp({seconds}, tz=timezone.utc)"


def naive_clock(model: SemanticModel, call: cst.Call, scope: Scope, order: int) -> NaiveClock:
    """The clock method a naive call uses and its ``<datetime class>.now(<utc>)`` rewrite."""
    if not isinstance(call.func, cst.Attribute):
        return NaiveClock(call, "now", None)
    hint = (
        f"{model.code(call.func.value)}.now(dt_timezone.utc)  "
        "# from datetime import timezone as dt_timezone"
    )
    return NaiveClock(call, call.func.attr.value, _aware_now(model, call, call.func, scope,
                                                             order), hint)


def _aware_now(
    model: SemanticModel, call: cst.Call, func: cst.Attribute, scope: Scope, order: int
) -> AwareRewrite | None:
    """``<datetime class>.now(<utc>)``, with an import edit when ``timezone`` is missing."""
    tz = model.name_for("datetime.timezone", scope, order)
    # ``datetime.UTC`` only when imported by name: the module attribute needs Python 3.11.
    utc = f"{tz}.utc" if tz is not None else model.name_for("datetime.UTC", scope, order)
    edits: list[Edit] = []
    if utc is None:
        insertion = _timezone_import_edit(model, func.value, scope, order)
        if insertion is None:
            return None
        edits.append(insertion)
        utc = "timezone.utc"
    replacement = f"{model.code(func.value)}.now({utc})"
    start, end = _span(model, call)
    edits.append(Edit(start, end, replacement))
    return AwareRewrite(replacement, tuple(sorted(edits, key=lambda edit: edit.start)))


def _timezone_import_edit(
    model: SemanticModel, owner: cst.BaseExpression, scope: Scope, order: int
) -> Edit | None:
    """Add ``timezone`` to the ``from datetime import datetime`` that binds ``owner``."""
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
        end = _span(model, last)[1]
        return Edit(end, end, ", timezone")
    return None


def _local_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return alias.name.value if isinstance(alias.name, cst.Name) else ""


def _span(model: SemanticModel, node: cst.CSTNode) -> tuple[Position, Position]:
    """1-based positions of ``node``, as edits take them."""
    code_range = model.range(node)
    return (
        Position(code_range.start.line, code_range.start.column + 1),
        Position(code_range.end.line, code_range.end.column + 1),
    )
