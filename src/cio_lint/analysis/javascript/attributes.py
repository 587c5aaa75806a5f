"""The entries a JavaScript/TypeScript call sends to Customer.io, and their literal types.

Entries come from the call's options object (``identify(id, {...})``), its ``data``,
``traits`` or ``properties`` object (through a local too), shorthand keys
(``{ email }``), quoted keys (``"first-name"``) and spreads of a known object literal
(``{ ...profile }``); nested object values are followed a few levels deep. A computed
key (``[field]: v``) names no known attribute and is left out, and so is a key whose value
is ``undefined`` (``JSON.stringify`` drops it).
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node as TsNode

from cio_lint.analysis.attributes import (
    LiteralType,
    SentEntry,
    TypedLiteral,
    namespace_of,
)
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import scope, ts
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.core.client_kinds import ClientKind

_MAX_NESTING = 4
_MAX_SPREADS = 4
#: Track methods whose options object is itself the attributes.
_OBJECT_IS_ATTRIBUTES = frozenset({"identify", "add_device"})

_Item = tuple[str, TsNode, TsNode, TsNode]  # key, value, key node, container


def object_items(
    semantic: JsSemantic, value: TsNode, where: Scope, order: int | None, depth: int = 0
) -> Iterator[_Item]:
    """The fixed-key entries of the object literal ``value`` is (or was given), spreads of
    known literals included."""
    literal = semantic.origin(value, where, order)
    if literal.type != "object":
        return
    for entry in literal.named_children:
        if entry.type == "spread_element":
            if entry.named_children and depth < _MAX_SPREADS:
                yield from object_items(semantic, entry.named_children[0], where, order,
                                        depth + 1)
            continue
        if entry.type not in ("pair", "shorthand_property_identifier"):
            continue  # methods, getters, comments
        key = syntax.property_key(entry)
        if key is None:
            continue  # a computed key: which attribute is unknown
        value = entry.child_by_field_name("value") or entry
        if _is_undefined(value):
            continue  # JSON.stringify leaves the key out: nothing is sent
        yield key, value, entry.child_by_field_name("key") or entry, literal


def _is_undefined(value: TsNode) -> bool:
    value = syntax.unwrap(value) or value
    return value.type == "undefined" or (
        value.type == "identifier" and syntax.text(value) == "undefined"
    )


def sent_entries(
    semantic: JsSemantic, objects: dict[int, TsNode], call: SdkCall
) -> list[SentEntry]:
    """The top-level entries a call sends."""
    namespace = namespace_of(call)
    if namespace is None:
        return []
    node = ts(call.node)
    source: TsNode | None
    if call.kind is ClientKind.TRACK and call.method in _OBJECT_IS_ATTRIBUTES:
        source = objects.get(node.id)
    else:
        value = call.value(call.signature.attributes)
        source = ts(value) if value is not None else None
    if source is None:
        return []
    return [
        SentEntry(key, value, key_node, container, namespace, call)
        for key, value, key_node, container in object_items(
            semantic, source, scope(call.place), call.order
        )
    ]


def all_entries(
    semantic: JsSemantic, objects: dict[int, TsNode], call: SdkCall
) -> list[SentEntry]:
    """Every entry a call sends, entries of nested objects included."""
    result: list[SentEntry] = []
    for entry in sent_entries(semantic, objects, call):
        result.append(entry)
        result.extend(_nested(semantic, entry, 0))
    return result


def _nested(semantic: JsSemantic, entry: SentEntry, depth: int) -> list[SentEntry]:
    if depth >= _MAX_NESTING:
        return []
    result: list[SentEntry] = []
    for key, value, key_node, container in object_items(
        semantic, ts(entry.value), scope(entry.call.place), entry.call.order
    ):
        child = SentEntry(key, value, key_node, container, entry.namespace, entry.call,
                          (*entry.parents, entry.key))
        result.append(child)
        result.extend(_nested(semantic, child, depth + 1))
    return result


def _value(semantic: JsSemantic, entry: SentEntry) -> TsNode:
    return semantic.origin(ts(entry.value), scope(entry.call.place), entry.call.order)


def clears_attribute(semantic: JsSemantic, entry: SentEntry) -> bool:
    """``null``, ``undefined``, ``""`` or a boolean: nothing secret is stored."""
    value = _value(semantic, entry)
    if value.type in ("null", "undefined", "true", "false"):
        return True
    if value.type == "identifier" and syntax.text(value) == "undefined":
        return True
    return syntax.string_value(value) == ""


def literal_type(semantic: JsSemantic, entry: SentEntry) -> TypedLiteral | None:
    """The JSON type of the entry's value when it is a literal (directly or through a const)."""
    value = _value(semantic, entry)
    kind = _literal_kind(value)
    if kind is None:
        return None
    text = syntax.text(value).strip()
    plain = syntax.string_value(value) if kind is LiteralType.STRING else None
    converted = tuple(
        (other, _converted(kind, text, plain, other)) for other in LiteralType if other is not kind
    )
    return TypedLiteral(kind, value, text, converted)


def _literal_kind(node: TsNode) -> LiteralType | None:
    if node.type in syntax.STRING_TYPES:
        return LiteralType.STRING
    if node.type == "number":
        return LiteralType.NUMBER
    if node.type == "unary_expression" and syntax.operator(node) in ("-", "+"):
        argument = node.child_by_field_name("argument")
        return LiteralType.NUMBER if argument is not None and argument.type == "number" else None
    if node.type in ("true", "false"):
        return LiteralType.BOOLEAN
    return None


def _converted(
    mine: LiteralType, text: str, plain: str | None, usual: LiteralType
) -> str | None:
    """The literal ``text`` written as a ``usual`` value, when the value allows it."""
    if mine is LiteralType.STRING:
        return _from_string(plain, usual) if plain is not None else None
    if usual is LiteralType.STRING:
        return f'"{text}"'
    if mine is LiteralType.BOOLEAN:  # to a number
        return "1" if text == "true" else "0"
    if text in ("0", "1"):  # a number to a boolean
        return "true" if text == "1" else "false"
    return None


def _from_string(plain: str, usual: LiteralType) -> str | None:
    cleaned = plain.strip()
    if usual is LiteralType.BOOLEAN:
        return cleaned.lower() if cleaned.lower() in ("true", "false") else None
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if cleaned.lstrip("+-").isdigit():
        return str(int(cleaned))
    return repr(number) if number == number and abs(number) != float("inf") else None

