"""Customer.io's own person id (``cio_id``) in Python code, with or without its prefix.

The Track API addresses a person by cio_id only as ``cio_<cio_id>``; a bare cio_id is
read as a new id of your own. What counts as prefixed is decided on the text the code
builds: ``f"cio_{cio_id}"``, ``"cio_" + cio_id``, ``"cio_%s" % cio_id``,
``"cio_{}".format(cio_id)`` or a literal that already starts with it.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.identity import CIO_PREFIX, CioIdSource, NamedBy, is_cio_id_name
from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value

#: Methods that read one field of a mapping: ``data.get("cio_id")``.
_FIELD_READERS = frozenset({"get", "pop"})


def cio_id_evidence(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> CioIdSource | None:
    """Why ``expr`` is a cio_id without its prefix, or None."""
    if has_prefix(expr):
        return None
    origin = model.origin(expr, scope, order)
    if origin is not expr and has_prefix(origin):
        return None  # ``cio_id = f"cio_{raw}"`` earlier: the name holds the prefixed form
    for node in (expr, origin):
        found = _named_cio_id(node)
        if found is not None:
            return found
    return None


def has_prefix(node: cst.BaseExpression) -> bool:
    """Does the text ``node`` builds start with ``cio_``?"""
    text = string_value(node)
    if text is not None:
        return text.startswith(CIO_PREFIX)
    if isinstance(node, cst.FormattedString):
        first = node.parts[0] if node.parts else None
        return isinstance(first, cst.FormattedStringText) and first.value.startswith(
            CIO_PREFIX
        )
    if isinstance(node, cst.BinaryOperation) and isinstance(
        node.operator, (cst.Add, cst.Modulo)
    ):
        return has_prefix(node.left)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value == "format" and has_prefix(node.func.value)
    return False


def _named_cio_id(node: cst.BaseExpression) -> CioIdSource | None:
    if type(node) is cst.Name:
        return CioIdSource(NamedBy.VARIABLE, node.value) if is_cio_id_name(node.value) else None
    if isinstance(node, cst.Attribute):
        name = node.attr.value
        return CioIdSource(NamedBy.ATTRIBUTE, name) if is_cio_id_name(name) else None
    key: str | None = None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        element = node.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
    elif (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in _FIELD_READERS
        and node.args
    ):
        key = string_value(node.args[0].value)
    if key is not None and is_cio_id_name(key):
        return CioIdSource(NamedBy.FIELD, key)
    return None


def prefixed(model: SemanticModel, node: cst.CSTNode) -> str | None:
    """``f"cio_{user.cio_id}"`` for a plain name or attribute read; None otherwise."""
    current = node
    while isinstance(current, cst.Attribute):
        current = current.value
    if not isinstance(current, cst.Name):
        return None
    return f'f"{CIO_PREFIX}{{{model.code(node).strip()}}}"'
