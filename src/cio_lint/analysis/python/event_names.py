"""Event names in Python code: which calls carry one and what text it always has.

A name is followed through locals, module constants, class constants
(``Events.SIGNED_UP``, ``Event.SIGNED_UP.value``) and constants of other modules to
the value assigned (see ``Dataflow.origin``), and
that value's text is evaluated when it is fixed at write time: literals, ``+``
of constants, f-strings of constants, ``sep.join`` of a literal list.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence

import libcst as cst

from cio_lint.analysis.events import EVENT_METHODS, EventName
from cio_lint.analysis.python.scopes import Scope, expression, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import SdkCall

#: How many names, constants or nested parts are followed before giving up.
MAX_DEPTH = 8

#: Fixed text, or the expression whose value is interpolated there.
PythonPiece = str | cst.BaseExpression


def event_names(model: SemanticModel, calls: Iterable[SdkCall]) -> list[EventName]:
    """The event name of each of ``calls`` (the module's SDK calls, then the calls of
    project functions that pass a caller's argument on as the name)."""
    found = []
    for call in calls:
        arg = call.event_name
        if arg is None or call.method not in EVENT_METHODS.get(call.kind, ()):
            continue
        written = expression(arg)
        value, via = follow(model, written, scope_of(call), call.order)
        text = static_text(model, value, scope_of(call), call.order)
        literal = (
            value
            if isinstance(value, (cst.SimpleString, cst.ConcatenatedString))
            and string_value(value) is not None
            else None
        )
        external = id(value) in model.stand_ins
        via_line = model.range(value).start.line if via is not None and not external else None
        found.append(EventName(call, arg, value, via, via_line, text, literal))
    return found

# -- values through names --------------------------------------------------------------


def follow(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> tuple[cst.BaseExpression, str | None]:
    """Follow locals, module constants and class constants to the assigned value, and say
    what it came through (a constant of another module: its qualified name)."""
    value = model.origin(expr, scope, order)
    if value is expr:
        return expr, None
    stand_in = model.stand_ins.get(id(value))
    return value, stand_in.qualname if stand_in is not None else model.code(expr)


def static_text(
    model: SemanticModel,
    expr: cst.BaseExpression,
    scope: Scope,
    order: int | None = None,
    depth: int = 0,
) -> str | None:
    """The string an expression always evaluates to, or None when it depends on run time."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, cst.SimpleString):
        return string_value(expr)
    if isinstance(expr, cst.ConcatenatedString):
        return _joined(model, (expr.left, expr.right), scope, order, depth)
    if isinstance(expr, (cst.Name, cst.Attribute)):
        value, _ = follow(model, expr, scope, order)
        return None if value is expr else static_text(model, value, scope, None, depth + 1)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _joined(model, (expr.left, expr.right), scope, order, depth)
    if isinstance(expr, cst.FormattedString):
        pieces = fstring_pieces(model, expr, scope, order, depth)
        if pieces is None or not all(isinstance(p, str) for p in pieces):
            return None
        return "".join(p for p in pieces if isinstance(p, str))
    join = join_parts(expr)
    if join is not None and join[1] is not None:
        return _joined(model, join[1], scope, order, depth,
                       static_text(model, join[0], scope, order, depth + 1))
    return None


def _joined(
    model: SemanticModel,
    parts: Sequence[cst.BaseExpression],
    scope: Scope,
    order: int | None,
    depth: int,
    separator: str | None = "",
) -> str | None:
    texts = [static_text(model, part, scope, order, depth + 1) for part in parts]
    if separator is None or any(t is None for t in texts):
        return None
    return separator.join(t for t in texts if t is not None)


def fstring_pieces(
    model: SemanticModel,
    node: cst.FormattedString,
    scope: Scope,
    order: int | None,
    depth: int,
) -> list[PythonPiece] | None:
    """Text and values of an f-string; None when its text cannot be evaluated."""
    pieces: list[PythonPiece] = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            text = _fstring_text(node, part.value)
            if text is None:
                return None
            pieces.append(text)
            continue
        assert isinstance(part, cst.FormattedStringExpression)
        text = None
        if part.conversion is None and part.format_spec is None:
            text = static_text(model, part.expression, scope, order, depth + 1)
        pieces.append(text if text is not None else part.expression)
    return pieces


def _fstring_text(node: cst.FormattedString, raw: str) -> str | None:
    """The value of an f-string's literal text (escapes and ``{{`` resolved)."""
    if "\\" in raw:
        quote = node.end
        plain = node.start[: -len(quote)].replace("f", "").replace("F", "")
        try:
            value = ast.literal_eval(f"{plain}{quote}{raw}{quote}")
        except (SyntaxError, ValueError):
            return None
        if not isinstance(value, str):
            return None
        raw = value
    return raw.replace("{{", "{").replace("}}", "}")


def join_parts(
    expr: cst.BaseExpression,
) -> tuple[cst.BaseExpression, Sequence[cst.BaseExpression] | None] | None:
    """``sep.join(items)``: the separator and the listed items (None if not a literal list)."""
    if not (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "join"
        and len(expr.args) == 1
        and isinstance(expr.func.value, (cst.SimpleString, cst.ConcatenatedString))
    ):
        return None
    items = expr.args[0].value
    if isinstance(items, (cst.List, cst.Tuple)) and all(
        isinstance(e, cst.Element) for e in items.elements
    ):
        return expr.func.value, [e.value for e in items.elements]
    return expr.func.value, None

