"""Time units in Python code: seconds, milliseconds, nanoseconds or a monotonic clock,
followed through local names and same-module helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.time_values import TimeUnit, TimeValue

SECONDS_CALLS = frozenset({"time.time", "time.mktime", "calendar.timegm"})
#: Clocks that count from an arbitrary point (boot, process start): no unit makes them a
#: point in time, so they get no rewrite, whatever they are multiplied or divided by.
_MONOTONIC_CALLS = frozenset({
    "time.monotonic", "time.perf_counter", "time.process_time", "time.thread_time",
    "time.monotonic_ns", "time.perf_counter_ns", "time.process_time_ns",
    "time.thread_time_ns",
})
#: Wall-clock nanoseconds since the epoch.
_NANO_CALLS = frozenset({"time.time_ns"})
#: Seconds times these factors (1000 == 1000.0: 1e3 matches too) count in these units.
_SCALED_SECONDS: dict[float, TimeUnit] = {
    1000: TimeUnit.MILLISECONDS,
    1_000_000: TimeUnit.MICROSECONDS,
    1_000_000_000: TimeUnit.NANOSECONDS,
}
#: Nanoseconds divided by these count in these units.
_SCALED_NANOSECONDS: dict[float, TimeUnit] = {
    1000: TimeUnit.MICROSECONDS,
    1_000_000: TimeUnit.MILLISECONDS,
}
#: Calls that keep a number's unit: ``int(time.time() * 1000)`` is still milliseconds.
NUMBER_WRAPPERS = frozenset({"int", "round", "math.floor", "math.ceil", "math.trunc", "float"})


def number_value(node: cst.BaseExpression) -> float | None:
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0)
    if isinstance(node, cst.Float):
        try:
            return float(node.value.replace("_", ""))
        except ValueError:  # pragma: no cover - the parser guarantees a float
            return None
    return None


class _Traced(Protocol):
    @property
    def via(self) -> str | None: ...


Traced = TypeVar("Traced", bound=_Traced)


def through_local(
    model: SemanticModel,
    name: cst.Name,
    scope: Scope,
    order: int | None,
    classify: Callable[[cst.BaseExpression], Traced | None],
) -> Traced | None:
    """Classify the value a local name was assigned, noting the name it came through
    (messages say "through `ts`"); ``None`` when the name's value is not known."""
    origin = model.origin(name, scope, order)
    if origin is name:
        return None
    found = classify(origin)
    if found is not None and found.via is None:
        return replace(found, via=name.value)  # type: ignore[type-var]
    return found


class TimeAnalysis:
    """Classifies expressions by time unit, through locals and same-module helpers."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model

    def classify(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int = 0
    ) -> TimeValue | None:
        if depth > 6:
            return None
        model = self.model
        if isinstance(expr, cst.Name):
            return through_local(
                model, expr, scope, order,
                lambda value: self.classify(value, scope, None, depth + 1),
            )
        if isinstance(expr, cst.Integer):
            digits = len(expr.value.replace("_", "").lstrip("0"))
            if digits >= 19:
                value = int(expr.value.replace("_", ""), 0)
                return TimeValue(TimeUnit.NANOSECONDS, expr, str(value // 1_000_000_000), True)
            if digits >= 13:
                value = int(expr.value.replace("_", ""), 0)
                return TimeValue(TimeUnit.MILLISECONDS, expr, str(value // 1000), True)
            return None
        if isinstance(expr, cst.BinaryOperation):
            return self._binary(expr, scope, order, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, order, depth)
        return None

    def _binary(
        self, expr: cst.BinaryOperation, scope: Scope, order: int | None, depth: int
    ) -> TimeValue | None:
        model = self.model
        if isinstance(expr.operator, cst.Multiply):
            for source, factor in ((expr.left, expr.right), (expr.right, expr.left)):
                unit = _scaled(_SCALED_SECONDS, factor)
                if unit is None:
                    continue
                seconds = self._wall_seconds(source, scope, order)
                if seconds is not None:
                    return TimeValue(unit, expr, f"int({seconds})", True)
                inner = self.classify(source, scope, order, depth + 1)
                if inner is not None and inner.unit is TimeUnit.MONOTONIC:
                    return TimeValue(TimeUnit.MONOTONIC, expr)
        if isinstance(expr.operator, (cst.FloorDivide, cst.Divide)):
            inner = self.classify(expr.left, scope, order, depth + 1)
            unit = _scaled(_SCALED_NANOSECONDS, expr.right)
            if inner is not None and inner.unit is TimeUnit.NANOSECONDS and unit is not None:
                left = model.code(expr.left)
                return TimeValue(unit, expr, f"{left} // 1_000_000_000", True)
            if inner is not None and inner.unit is TimeUnit.MONOTONIC:
                return inner
        if isinstance(expr.operator, (cst.Add, cst.Subtract)):
            for side in (expr.left, expr.right):
                inner = self.classify(side, scope, order, depth + 1)
                if inner is not None and inner.unit is not TimeUnit.SECONDS:
                    return TimeValue(inner.unit, expr)
        return None

    def _call(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> TimeValue | None:
        model = self.model
        name = model.qualname(call.func, scope, order) or dotted_name(call.func)
        if name in _NANO_CALLS:
            return TimeValue(
                TimeUnit.NANOSECONDS, call, f"{model.code(call)} // 1_000_000_000", True
            )
        if name in _MONOTONIC_CALLS:
            return TimeValue(TimeUnit.MONOTONIC, call)
        if name in NUMBER_WRAPPERS and len(call.args) >= 1:
            inner = self.classify(call.args[0].value, scope, order, depth + 1)
            if inner is None or inner.unit is TimeUnit.SECONDS:
                return None
            return TimeValue(inner.unit, call, _wrapped_seconds(name, inner.seconds),
                             inner.plain, inner.via)
        function = model.resolve_function(call.func, scope, order)
        if function is not None and not call.args:
            for value in as_scope(function.place).returns:
                found = self.classify(value, as_scope(function.place), None, depth + 1)
                if found is not None and found.unit is not TimeUnit.SECONDS:
                    return TimeValue(found.unit, call, None, False, via=f"{function.name}()")
        return None

    def _wall_seconds(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None
    ) -> str | None:
        """The code of ``expr`` when it is Unix seconds, or seconds moved by a constant
        (``time.time() + 3600``, an hour from now), without its outer parentheses; None
        otherwise (``time.time() - start`` is a duration, not a point in time)."""
        if self.is_seconds_source(expr, scope, order):
            return _unparenthesized_code(self.model, expr)
        if not isinstance(expr, cst.BinaryOperation):
            return None
        pairs = [(expr.left, expr.right)]
        if isinstance(expr.operator, cst.Add):
            pairs.append((expr.right, expr.left))
        elif not isinstance(expr.operator, cst.Subtract):
            return None
        for source, offset in pairs:
            if _is_constant(offset) and self.is_seconds_source(source, scope, order):
                return _unparenthesized_code(self.model, expr)
        return None

    def is_seconds_source(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None
    ) -> bool:
        """``time.time()``, ``dt.timestamp()``, ``calendar.timegm(...)``: Unix seconds."""
        expr = self.model.origin(expr, scope, order)
        if not isinstance(expr, cst.Call):
            return False
        name = self.model.qualname(expr.func, scope, order) or dotted_name(expr.func)
        if name in SECONDS_CALLS:
            return True
        return isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "timestamp"


def _scaled(table: dict[float, TimeUnit], factor: cst.BaseExpression) -> TimeUnit | None:
    """The unit a number scaled by ``factor`` counts in, per ``table``."""
    value = number_value(factor)
    return None if value is None else table.get(value)


def _is_constant(expr: cst.BaseExpression) -> bool:
    """A number written out: ``3600``, ``7 * 86400``, ``-60``."""
    if number_value(expr) is not None:
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _is_constant(expr.expression)
    if isinstance(expr, cst.BinaryOperation) and isinstance(
        expr.operator, (cst.Add, cst.Subtract, cst.Multiply)
    ):
        return _is_constant(expr.left) and _is_constant(expr.right)
    return False


def _unparenthesized_code(model: SemanticModel, expr: cst.BaseExpression) -> str:
    """``expr``'s code without the parentheses around it: ``int(...)`` adds its own."""
    if not expr.lpar:
        return model.code(expr)
    return model.module.code_for_node(expr.with_changes(lpar=(), rpar=()))


def _wrapped_seconds(wrapper: str, seconds: str | None) -> str | None:
    """The seconds rewrite of ``wrapper(<inner>)``: ``int(time.time() * 1000)`` is
    ``int(time.time())``; ``round`` and the ``math`` functions keep their name."""
    if seconds is None or wrapper == "float":
        return seconds
    core = seconds[4:-1] if seconds.startswith("int(") else seconds
    if "//" in core:
        return core
    if seconds.isdigit():
        return seconds
    outer = "int" if wrapper == "int" or seconds.startswith("int(") else wrapper
    return f"{outer}({core})"
