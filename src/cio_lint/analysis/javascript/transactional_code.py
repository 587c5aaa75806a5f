"""What a JavaScript request field's value is, and the corrected request written as
JavaScript.

``to: "555-123-4567"``, ``identifiers: String(user.id)``, ``transactional_message_id:
0x1F``: the value is followed through ``const``s and described in neutral terms. A
correction is the object literal with fields set, laid out like the fields already
there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.transactional import FieldValue, FieldValueKind

#: Global functions and methods that turn a value into a bare string or number.
_CONVERSIONS = frozenset({"String", "Number", "parseInt", "parseFloat", "BigInt"})
_CONVERSION_METHODS = frozenset({"toString", "toFixed", "valueOf"})
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
#: A placeholder the rules write for "fill this in" (Python's ``...``): JS has no such
#: value, so it is written as a string.
_PLACEHOLDER = "..."


def field_value(semantic: JsSemantic, value: TsNode, scope: Scope, order: int) -> FieldValue:
    """``value`` as written, what it was last given before ``order``, and its shape."""
    written = syntax.unwrap(value) or value
    origin = semantic.origin(written, scope, order)
    name = syntax.text(written) if written.type in (
        "identifier", "shorthand_property_identifier") else None
    text = syntax.string_value(origin)
    if text is not None and origin.type in syntax.STRING_TYPES:
        return FieldValue(value, origin, FieldValueKind.STRING, name, text)
    if origin.type == "number":
        number = _integer(syntax.text(origin))
        kind = FieldValueKind.INTEGER if number is not None else FieldValueKind.FLOAT
        return FieldValue(value, origin, kind, name, syntax.text(origin), number)
    return FieldValue(value, origin, _shape(semantic, origin, scope), name)


def _integer(literal: str) -> int | None:
    cleaned = literal.replace("_", "").removesuffix("n")
    try:
        return int(cleaned, 0) if cleaned[:2].lower() in ("0x", "0o", "0b") else int(cleaned)
    except ValueError:
        return None


def _shape(semantic: JsSemantic, origin: TsNode, scope: Scope) -> FieldValueKind:
    if origin.type == "template_string":
        return FieldValueKind.FORMATTED_STRING
    if origin.type == "array":
        return FieldValueKind.SEQUENCE
    if origin.type == "call_expression":
        function = syntax.unwrap(origin.child_by_field_name("function"))
        if function is None:
            return FieldValueKind.OTHER
        name = syntax.text(function) if function.type == "identifier" else None
        if name in _CONVERSIONS and name is not None and scope.holder(name) is None:
            return FieldValueKind.CONVERSION
        parts = syntax.member_parts(function)
        if parts is not None and parts[1] in _CONVERSION_METHODS and \
                not syntax.arguments(origin):
            return FieldValueKind.CONVERSION
    return FieldValueKind.OTHER


def value_code(code: str) -> str:
    """Value code as JavaScript: the rules' ``...`` placeholder becomes ``"..."``."""
    return f'"{_PLACEHOLDER}"' if code.strip() == _PLACEHOLDER else code


def key_code(key: str) -> str:
    """An object key: bare when it is an identifier, else a string literal."""
    return key if _IDENTIFIER.fullmatch(key) else '"' + key.replace('"', '\\"') + '"'


def mapping_literal(entries: Mapping[str, str]) -> str:
    """``{ key: value, ... }`` for string keys and value code."""
    if not entries:
        return "{}"
    items = ", ".join(f"{key_code(key)}: {value_code(value)}" for key, value in entries.items())
    return "{ " + items + " }"


def object_with_entries(data: bytes, node: TsNode, additions: Mapping[str, str]) -> str:
    """The object literal ``node`` as code with keys set: an existing key gets the new
    value, the others are appended in the layout of the existing entries."""
    pending = dict(additions)
    edits: list[tuple[int, int, str]] = []
    items = [child for child in node.named_children if child.type != "comment"]
    for item in items:
        key = syntax.property_key(item)
        if key is None or key not in pending:
            continue
        code = value_code(pending.pop(key))
        if item.type == "pair":
            value = item.child_by_field_name("value") or item
            edits.append((value.start_byte, value.end_byte, code))
        else:
            edits.append((item.start_byte, item.end_byte, f"{key_code(key)}: {code}"))
    added = [f"{key_code(key)}: {value_code(value)}" for key, value in pending.items()]
    if added:
        edits.append(_appended(data, node, items, added))
    return spliced(data, node, edits)


def _appended(
    data: bytes, node: TsNode, items: list[TsNode], added: list[str]
) -> tuple[int, int, str]:
    """The edit that adds entries after the last one, one per line if the object is."""
    close = node.end_byte - 1  # the closing brace
    if not items:
        return close, close, " " + ", ".join(added) + " "
    last = items[-1]
    between = data[last.end_byte:close].decode("utf-8", "replace")
    trailing = between.lstrip().startswith(",")
    if node.start_point[0] != last.start_point[0]:  # one entry per line
        line_start = data.rfind(b"\n", 0, last.start_byte) + 1
        indent = data[line_start:last.start_byte].decode("utf-8", "replace")
        text = "".join(f"\n{indent}{entry}," for entry in added)
        if trailing:
            at = last.end_byte + between.index(",") + 1
            return at, at, text
        return last.end_byte, last.end_byte, "," + text[:-1]
    if trailing:
        at = last.end_byte + between.index(",") + 1
        return at, at, " " + ", ".join(added) + ","
    return last.end_byte, last.end_byte, ", " + ", ".join(added)


def spliced(data: bytes, node: TsNode, edits: list[tuple[int, int, str]]) -> str:
    """The text of ``node`` with byte ranges inside it replaced (ranges not overlapping)."""
    out: list[bytes] = []
    position = node.start_byte
    for start, end, text in sorted(edits):
        out.append(data[position:start])
        out.append(text.encode("utf-8", "surrogatepass"))
        position = end
    out.append(data[position:node.end_byte])
    return b"".join(out).decode("utf-8", "replace")
