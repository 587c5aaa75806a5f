"""Event names built at run time in Python: f-strings, ``%``, ``.format()``, ``+``, ``str.join``.

Each is taken apart into the text that is fixed and the values interpolated
between, so rules can name the values and a fix can keep the fixed part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import libcst as cst

from cio_lint.analysis.events import BuiltName, merged_pieces
from cio_lint.analysis.python.event_names import (
    PythonPiece,
    fstring_pieces,
    join_parts,
    static_text,
)
from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


def built_name(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None = None
) -> BuiltName | None:
    """How a name is assembled at run time, or None when it is fixed or not built here."""
    if static_text(model, expr, scope, order) is not None:
        return None
    pieces: list[PythonPiece] | None = None
    how = ""

    def values(exprs: Sequence[cst.BaseExpression]) -> list[PythonPiece]:
        return [_static_or_expr(model, e, scope, order) for e in exprs]

    if isinstance(expr, cst.FormattedString):
        how, pieces = "an f-string", fstring_pieces(model, expr, scope, order, 0)
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
        template = static_text(model, expr.left, scope, order)
        if template is not None:
            how = "`%` formatting"
            pieces = _interleave(_PERCENT_SPEC.split(template.replace("%%", "%")),
                                 values(_percent_operands(expr.right)))
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        how, pieces = "`+` concatenation", values(list(_added(expr)))
    elif _is_format_call(expr):
        assert isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute)
        template = static_text(model, expr.func.value, scope, order)
        if template is not None:
            how = "`.format()`"
            texts = _FORMAT_FIELD.split(template.replace("{{", "\0").replace("}}", "\1"))
            texts = [t.replace("\0", "{").replace("\1", "}") for t in texts]
            pieces = _interleave(texts, values([a.value for a in expr.args if not a.star]))
            pieces.extend(a.value for a in expr.args if a.star)
    else:
        how, pieces = "`str.join`", _join_pieces(model, expr, scope, order)
    if not pieces or all(isinstance(p, str) for p in pieces):
        return None
    return BuiltName(how, expr, tuple(merged_pieces(pieces)))


def _static_or_expr(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> PythonPiece:
    text = static_text(model, expr, scope, order)
    return text if text is not None else expr




def _added(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The operands of a chain of ``+``, left to right."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        yield from _added(expr.left)
        yield from _added(expr.right)
    else:
        yield expr


def _percent_operands(right: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(right, cst.Tuple):
        return [e.value for e in right.elements]
    if isinstance(right, cst.Dict):
        return [e.value for e in right.elements if isinstance(e, cst.DictElement)]
    return [right]


def _is_format_call(expr: cst.BaseExpression) -> bool:
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
    )


def _interleave(texts: Sequence[str], values: Sequence[PythonPiece]) -> list[PythonPiece]:
    pieces: list[PythonPiece] = []
    for index, text in enumerate(texts):
        if text:
            pieces.append(text)
        if index < len(texts) - 1 and index < len(values):
            pieces.append(values[index])
    pieces.extend(values[len(texts) - 1:])
    return pieces


def _join_pieces(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> list[PythonPiece] | None:
    join = join_parts(expr)
    if join is None:
        return None
    separator = static_text(model, join[0], scope, order) or ""
    if join[1] is None:
        assert isinstance(expr, cst.Call)
        return [expr.args[0].value]
    pieces: list[PythonPiece] = []
    for index, element in enumerate(join[1]):
        if index and separator:
            pieces.append(separator)
        pieces.append(_static_or_expr(model, element, scope, order))
    return pieces

