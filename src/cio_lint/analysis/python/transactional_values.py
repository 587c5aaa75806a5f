"""What a Python request field's value is: the literal shapes CIO502-CIO504 judge.

``to="555-123-4567"``, ``identifiers=str(user.id)``, ``transactional_message_id=0x1F``:
the value is followed through locals and described in neutral terms.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.transactional import FieldValue, FieldValueKind

#: Built-ins that turn a value into a bare string or number (unless shadowed).
_CONVERSIONS = frozenset({"str", "int"})


def field_value(
    model: SemanticModel, value: cst.BaseExpression, scope: Scope, order: int
) -> FieldValue:
    """``value`` as written, what it was last given before ``order``, and its shape."""
    origin = model.origin(value, scope, order)
    name = value.value if isinstance(value, cst.Name) else None
    text = string_value(origin)
    if text is not None:
        return FieldValue(value, origin, FieldValueKind.STRING, name, text)
    if isinstance(origin, cst.Integer):
        number = int(origin.value.replace("_", ""), 0)
        return FieldValue(value, origin, FieldValueKind.INTEGER, name, origin.value, number)
    if isinstance(origin, cst.Float):
        return FieldValue(value, origin, FieldValueKind.FLOAT, name, origin.value)
    return FieldValue(value, origin, _shape(model, origin), name)


def _shape(model: SemanticModel, origin: cst.BaseExpression) -> FieldValueKind:
    if isinstance(origin, cst.FormattedString):
        return FieldValueKind.FORMATTED_STRING
    if isinstance(origin, (cst.List, cst.Tuple, cst.Set)):
        return FieldValueKind.SEQUENCE
    if (
        isinstance(origin, cst.Call)
        and isinstance(origin.func, cst.Name)
        and origin.func.value in _CONVERSIONS
        and not model.lookup(origin.func.value, model.root)
    ):
        return FieldValueKind.CONVERSION
    return FieldValueKind.OTHER
