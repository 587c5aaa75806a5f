"""Time values in Python code: their unit (seconds, milliseconds, ...) and their type
(number, date string, naive or aware datetime), followed through local names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol, TypeVar

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value

# -- time values --------------------------------------------------------------------------

_SECONDS_CALLS = frozenset({"time.time", "time.mktime", "calendar.timegm"})
_MONOTONIC_CALLS = frozenset(
    {"time.monotonic", "time.perf_counter", "time.process_time", "time.thread_time"}
)
_NANO_CALLS = frozenset(
    {"time.time_ns", "time.monotonic_ns", "time.perf_counter_ns", "time.process_time_ns"}
)
_THOUSAND = frozenset({1000})  # 1000 == 1000.0: also matches 1e3
_MILLION = frozenset({1_000_000})  # also matches 1e6
_WRAPPERS = frozenset({"int", "round", "math.floor", "math.ceil", "math.trunc", "float"})


class Unit(str, Enum):
    SECONDS = "seconds"
    MILLISECONDS = "milliseconds"
    NANOSECONDS = "nanoseconds"
    MONOTONIC = "monotonic clock"


@dataclass(frozen=True)
class TimeValue:
    """A time expression and what cio-lint can say about it."""

    unit: Unit
    node: cst.BaseExpression  # the expression that produces the value
    seconds: str | None = None  # source of the seconds equivalent, when derivable
    plain: bool = False  # a plain conversion of a seconds source (safe to rewrite)
    via: str | None = None  # how it reached the sink: a variable or helper name


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
                return TimeValue(Unit.NANOSECONDS, expr, str(value // 1_000_000_000), True)
            if digits >= 13:
                value = int(expr.value.replace("_", ""), 0)
                return TimeValue(Unit.MILLISECONDS, expr, str(value // 1000), True)
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
                if number_value(factor) in _THOUSAND:
                    if self.is_seconds_source(source, scope, order):
                        seconds = model.code(source)
                        return TimeValue(Unit.MILLISECONDS, expr, f"int({seconds})", True)
                    inner = self.classify(source, scope, order, depth + 1)
                    if inner is not None and inner.unit is Unit.MONOTONIC:
                        return TimeValue(Unit.MONOTONIC, expr)
        if isinstance(expr.operator, (cst.FloorDivide, cst.Divide)):
            inner = self.classify(expr.left, scope, order, depth + 1)
            divisor = number_value(expr.right)
            if inner is not None and inner.unit is Unit.NANOSECONDS and divisor in _MILLION:
                left = model.code(expr.left)
                return TimeValue(Unit.MILLISECONDS, expr, f"{left} // 1_000_000_000", True)
            if inner is not None and inner.unit is Unit.MONOTONIC:
                return inner
        if isinstance(expr.operator, (cst.Add, cst.Subtract)):
            for side in (expr.left, expr.right):
                inner = self.classify(side, scope, order, depth + 1)
                if inner is not None and inner.unit is not Unit.SECONDS:
                    return TimeValue(inner.unit, expr)
        return None

    def _call(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> TimeValue | None:
        model = self.model
        name = model.qualname(call.func, scope, order) or dotted_name(call.func)
        if name in _NANO_CALLS:
            return TimeValue(
                Unit.NANOSECONDS, call, f"{model.code(call)} // 1_000_000_000", True
            )
        if name in _MONOTONIC_CALLS:
            return TimeValue(Unit.MONOTONIC, call)
        if name in _WRAPPERS and len(call.args) >= 1:
            inner = self.classify(call.args[0].value, scope, order, depth + 1)
            if inner is None or inner.unit is Unit.SECONDS:
                return None
            seconds = inner.seconds
            if seconds is not None and name != "float":
                core = seconds[4:-1] if seconds.startswith("int(") else seconds
                wrapper = "int" if name == "int" or seconds.startswith("int(") else name
                seconds = f"{wrapper}({core})" if not seconds.isdigit() else seconds
                if "//" in core:
                    seconds = core
            return TimeValue(inner.unit, call, seconds, inner.plain, inner.via)
        function = model.resolve_function(call.func, scope, order)
        if function is not None and not call.args:
            for value in as_scope(function.place).returns:
                found = self.classify(value, as_scope(function.place), None, depth + 1)
                if found is not None and found.unit is not Unit.SECONDS:
                    return TimeValue(found.unit, call, None, False, via=f"{function.name}()")
        return None

    def is_seconds_source(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None
    ) -> bool:
        """``time.time()``, ``dt.timestamp()``, ``calendar.timegm(...)``: Unix seconds."""
        expr = self.model.origin(expr, scope, order)
        if not isinstance(expr, cst.Call):
            return False
        name = self.model.qualname(expr.func, scope, order) or dotted_name(expr.func)
        if name in _SECONDS_CALLS:
            return True
        return isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "timestamp"


_DATE_KEY = re.compile(r"(_at|_time|_date|_ts|^timestamp|^date.*|^time$|^ts$)$", re.IGNORECASE)


def is_date_key(key: str) -> bool:
    """Attribute names Customer.io users compare as dates: ``*_at``, ``*_time``, ``date*``."""
    return bool(_DATE_KEY.search(key))


# -- timestamp types: strings, numbers, naive datetimes -------------------------------------


class TimestampType(str, Enum):
    """What kind of value a timestamp expression produces, as far as the source shows.

    The SDKs disagree on what a timestamp is: the Track SDK converts datetimes and
    int-like values and silently drops other strings; the Pipelines SDK accepts only
    a ``datetime``. The timestamp rules share this one classification.
    """

    DATE_TEXT = "date string"  # ISO-8601 / strftime / isoformat / str(datetime)
    TEXT = "string"  # some other non-numeric string
    NUMERIC_TEXT = "numeric string"  # "1704067200", strftime("%s")
    NUMBER = "number"  # int/float: literals, time.time(), int(...), dt.timestamp()
    NAIVE_DATETIME = "naive datetime"  # datetime.now()/utcnow()/today() without tz


@dataclass(frozen=True)
class TypedTimestamp:
    """A timestamp expression's type, with what a message or a fix needs to know."""

    type: TimestampType
    node: cst.BaseExpression  # the expression that produces the value
    how: str  # e.g. "an `.isoformat()` string", "a number literal"
    via: str | None = None  # the local variable it came through
    naive_call: cst.Call | None = None  # NAIVE_DATETIME: the now()/utcnow()/today() call
    source: cst.BaseExpression | None = None  # the datetime behind an isoformat/strftime


#: ``datetime.datetime`` constructors that return a naive value, and whether a tz can be given.
NAIVE_DATETIME_CALLS: dict[str, bool] = {
    "datetime.datetime.now": True,
    "datetime.datetime.today": False,
    "datetime.datetime.utcnow": False,
}
_TEXT_TYPES = frozenset({TimestampType.DATE_TEXT, TimestampType.TEXT})
#: (operator, left is naive, right is naive) -> the naive side of ``datetime +/- timedelta``.
_NAIVE_SHIFT: dict[tuple[type[cst.BaseBinaryOp], bool, bool], str] = {
    (cst.Add, True, False): "left",
    (cst.Subtract, True, False): "left",
    (cst.Add, False, True): "right",
}
_DATE_LITERAL = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{2}/\d{2}|"
    r"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4})",
)


def is_int_text(text: str) -> bool:
    """Would ``int(text)`` succeed? (the Track SDK's test for a usable timestamp string)"""
    try:
        int(text)
    except ValueError:
        return False
    return True


class TimestampTypes:
    """Classifies timestamp expressions by type, through local variables."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self.times = TimeAnalysis(model)

    def classify(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int = 0
    ) -> TypedTimestamp | None:
        if depth > 6:
            return None
        if isinstance(expr, cst.Name):
            return through_local(
                self.model, expr, scope, order,
                lambda value: self.classify(value, scope, None, depth + 1),
            )
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            return _literal_type(expr)
        if isinstance(expr, cst.FormattedString):
            return _fstring_type(expr)
        if isinstance(expr, (cst.Integer, cst.Float)):
            return TypedTimestamp(TimestampType.NUMBER, expr, "a number literal")
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            inner = self.classify(expr.expression, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NUMBER:
                return replace(inner, node=expr)
            return None
        if isinstance(expr, cst.BinaryOperation):
            return self._binary(expr, scope, order, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, order, depth)
        return None

    def _binary(
        self, expr: cst.BinaryOperation, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        left = self.classify(expr.left, scope, order, depth + 1)
        right = self.classify(expr.right, scope, order, depth + 1)
        adding = isinstance(expr.operator, cst.Add)
        for side in (left, right):
            if adding and side is not None and side.type in _TEXT_TYPES:
                return replace(side, node=expr, via=None)  # "..." + "Z" is still a string
        naive = _NAIVE_SHIFT.get((
            type(expr.operator),
            left is not None and left.type is TimestampType.NAIVE_DATETIME,
            right is not None and right.type is TimestampType.NAIVE_DATETIME,
        ))
        if naive == "left" and left is not None and right is None:
            return replace(left, node=expr, via=None)  # naive + timedelta stays naive
        if naive == "right" and right is not None and left is None:
            return replace(right, node=expr, via=None)
        numbers = [side for side in (left, right) if side is not None]
        if numbers and all(side.type is TimestampType.NUMBER for side in numbers):
            return TypedTimestamp(TimestampType.NUMBER, expr, "a number")
        return None

    def _call(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        model = self.model
        name = model.qualname(call.func, scope, order) or dotted_name(call.func)
        if name in NAIVE_DATETIME_CALLS:
            takes_tz = NAIVE_DATETIME_CALLS[name]
            if takes_tz and any(_is_not_none(arg.value) for arg in call.args):
                return None
            return TypedTimestamp(TimestampType.NAIVE_DATETIME, call,
                                  f"`{model.code(call)}`", naive_call=call)
        if name == "time.strftime":
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "a `time.strftime()` string")
        if self._is_number_call(call, name, scope, order):
            return TypedTimestamp(TimestampType.NUMBER, call, "a number")
        if name == "str" and len(call.args) == 1:
            inner = self.classify(call.args[0].value, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NAIVE_DATETIME:
                return TypedTimestamp(TimestampType.DATE_TEXT, call,
                                      "a `str()` of a datetime", source=call.args[0].value)
            return None
        if isinstance(call.func, cst.Attribute):
            return self._method(call, call.func, scope, order, depth)
        return None

    def _is_number_call(
        self, call: cst.Call, name: str, scope: Scope, order: int | None
    ) -> bool:
        """``time.time()``, ``dt.timestamp()``, ``int(...)``, ``round(...)``: a number."""
        return (
            name in _SECONDS_CALLS
            or (name in _WRAPPERS and bool(call.args))
            or self.times.is_seconds_source(call, scope, order)
            or self.times.classify(call, scope, order) is not None
        )

    def _method(
        self, call: cst.Call, func: cst.Attribute, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        method = func.attr.value
        if method == "isoformat":
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "an `.isoformat()` string",
                                  source=func.value)
        if method == "strftime" and call.args:
            fmt = string_value(call.args[0].value)
            if fmt == "%s":
                return TypedTimestamp(TimestampType.NUMERIC_TEXT, call,
                                      'a `strftime("%s")` string', source=func.value)
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "a `strftime()` string",
                                  source=func.value)
        if method == "replace" and not any(
            arg.keyword is not None and arg.keyword.value == "tzinfo" for arg in call.args
        ):
            inner = self.classify(func.value, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NAIVE_DATETIME:
                return replace(inner, node=call, via=None)
        return None


def _is_not_none(value: cst.BaseExpression) -> bool:
    return not (isinstance(value, cst.Name) and value.value == "None")


def _literal_type(expr: cst.SimpleString | cst.ConcatenatedString) -> TypedTimestamp | None:
    text = string_value(expr)
    if text is None:
        return None
    if is_int_text(text):
        return TypedTimestamp(TimestampType.NUMERIC_TEXT, expr, "a numeric string")
    if _DATE_LITERAL.match(text.strip()):
        return TypedTimestamp(TimestampType.DATE_TEXT, expr, "a date string literal")
    return TypedTimestamp(TimestampType.TEXT, expr, "a string literal")


def _fstring_type(expr: cst.FormattedString) -> TypedTimestamp | None:
    """An f-string is a date string when it formats with ``%`` codes; a string when it has
    non-digit text; unknown (maybe numeric) when it only interpolates."""
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringExpression) and part.format_spec:
            spec = "".join(
                p.value for p in part.format_spec if isinstance(p, cst.FormattedStringText)
            )
            if "%" in spec:
                return TypedTimestamp(TimestampType.DATE_TEXT, expr, "an f-string date",
                                      source=part.expression)
    text = "".join(p.value for p in expr.parts if isinstance(p, cst.FormattedStringText))
    if text.strip() and not text.strip().isdigit():
        return TypedTimestamp(TimestampType.TEXT, expr, "an f-string")
    return None


