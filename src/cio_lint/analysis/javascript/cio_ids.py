"""Customer.io's own person id (``cio_id``) in JavaScript/TypeScript, with or without its
prefix.

The Track API addresses a person by cio_id only as ``cio_<cio_id>``; a bare cio_id is read
as a new id of your own. What counts as prefixed is decided on the text the code builds:
`` `cio_${cioId}` ``, ``"cio_" + cioId``, ``"cio_".concat(cioId)`` or a literal that
already starts with it.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.identity import CIO_PREFIX, CioIdSource, NamedBy, is_cio_id_name
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic

#: Methods that read one field of a mapping: ``params.get("cio_id")``.
_FIELD_READERS = frozenset({"get"})


def cio_id_evidence(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None
) -> CioIdSource | None:
    """Why ``node`` is a cio_id without its prefix, or None."""
    node = syntax.unwrap(node) or node
    if has_prefix(node):
        return None
    origin = semantic.origin(node, scope, order)
    if origin != node and has_prefix(origin):
        return None  # ``const cioId = `cio_${raw}``` earlier: the name holds the prefixed form
    for value in (node, origin):
        found = _named_cio_id(value)
        if found is not None:
            return found
    return None


def has_prefix(node: TsNode) -> bool:
    """Does the text ``node`` builds start with ``cio_``?"""
    node = syntax.unwrap(node) or node
    text = syntax.string_value(node)
    if text is not None:
        return text.startswith(CIO_PREFIX)
    if node.type == "template_string":
        return syntax.text(node)[1:].startswith(CIO_PREFIX)
    if node.type == "binary_expression" and syntax.operator(node) == "+":
        left = node.child_by_field_name("left")
        return left is not None and has_prefix(left)
    if node.type == "call_expression":
        function = syntax.unwrap(node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        return parts is not None and parts[1] == "concat" and has_prefix(parts[0])
    return False


def _named_cio_id(node: TsNode) -> CioIdSource | None:
    if node.type in ("identifier", "shorthand_property_identifier"):
        name = syntax.text(node)
        return CioIdSource(NamedBy.VARIABLE, name) if is_cio_id_name(name) else None
    if node.type == "member_expression":
        parts = syntax.member_parts(node)
        if parts is not None and is_cio_id_name(parts[1]):
            return CioIdSource(NamedBy.ATTRIBUTE, parts[1])
        return None
    key: str | None = None
    if node.type == "subscript_expression":
        parts = syntax.member_parts(node)
        key = parts[1] if parts is not None else None
    elif node.type == "call_expression":
        function = syntax.unwrap(node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        args = syntax.arguments(node)
        if parts is not None and parts[1] in _FIELD_READERS and args:
            key = syntax.string_value(args[0])
    if key is not None and is_cio_id_name(key):
        return CioIdSource(NamedBy.FIELD, key)
    return None


def prefixed(node: TsNode) -> str | None:
    """`` `cio_${user.cioId}` `` for a plain name or member read; None otherwise."""
    current = syntax.unwrap(node) or node
    while current.type == "member_expression":
        obj = current.child_by_field_name("object")
        if obj is None:
            return None
        current = syntax.unwrap(obj) or obj
    if current.type not in ("identifier", "this"):
        return None
    return f"`{CIO_PREFIX}${{{syntax.text(node).strip()}}}`"
