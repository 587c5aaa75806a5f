"""Timestamp types in Python code: a number, a date string, another string, or a naive
``datetime``, followed through local names.
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.python.time_values import (
    NUMBER_WRAPPERS,
    SECONDS_CALLS,
    TimeAnalysis,
    through_local,
)
from cio_lint.analysis.time_values import (
    TimestampType,
    TypedTimestamp,
    is_date_text,
    is_int_text,
)

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


class TimestampTypes:
    """Classifies timestamp expressions by type, through local variables."""

    def __init__(self, model: SemanticModel, times: TimeAnalysis) -> None:
        self.model = model
        self.times = times

    def classify(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int = 0
    ) -> TypedTimestamp | None:
        if depth > 6:
            return None
        if type(expr) is cst.Name:
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
            name in SECONDS_CALLS
            or (name in NUMBER_WRAPPERS and bool(call.args))
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
    if is_date_text(text):
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
