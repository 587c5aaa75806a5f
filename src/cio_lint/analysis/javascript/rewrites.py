"""Fix text for JavaScript/TypeScript calls: an attribute added, an entry removed, a key
renamed. Each rewrite edits the call's own source text, so the rest stays as written."""

from __future__ import annotations

import json
import re

from tree_sitter import Node as TsNode

from cio_lint.analysis.attributes import SentEntry
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import ts
from cio_lint.analysis.records import SdkCall
from cio_lint.core.client_kinds import ClientKind

_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
_SHORTHAND = frozenset({"shorthand_property_identifier", "shorthand_property_identifier_pattern"})


def replaced(outer: TsNode, inner: TsNode, new_text: str) -> str:
    """``outer``'s source with ``inner``'s bytes (or an empty span at its start) replaced."""
    return edited(outer, inner.start_byte, inner.end_byte, new_text)


def edited(outer: TsNode, start: int, end: int, new_text: str) -> str:
    source = outer.text or b""
    base = outer.start_byte
    return (
        source[: start - base].decode("utf-8", "replace") + new_text
        + source[end - base:].decode("utf-8", "replace")
    )


def with_added_attribute(call: SdkCall, key: str, value_text: str) -> str | None:
    """The call also sending ``key: value_text`` as a profile attribute: inside its
    attributes object when written there, around it (``{ ...attrs, email }``) otherwise;
    a Pipelines call as a pattern (its other keys elided)."""
    node = ts(call.node)
    entry = f"{property_name(key)}: {value_text}"
    if call.kind is ClientKind.PIPELINES:
        callee = node.child_by_field_name("function")
        written = syntax.text(callee) if callee is not None else call.written
        return f"{written}({{ ..., traits: {{ {entry}, ... }} }})"
    args = syntax.arguments(node)
    if not args:
        return None
    if len(args) == 1:
        return edited(node, args[0].end_byte, args[0].end_byte, f", {{ {entry} }}")
    attrs = syntax.unwrap(args[1]) or args[1]
    if attrs.type == "object":
        return _with_entry(node, attrs, entry)
    return replaced(node, args[1], f"{{ ...{syntax.text(args[1])}, {entry} }}")


def _with_entry(outer: TsNode, literal: TsNode, entry: str) -> str:
    """``literal`` (written inside ``outer``) with ``entry`` first."""
    opening = literal.start_byte + 1
    filled = any(child.type != "comment" for child in literal.named_children)
    return edited(outer, opening, opening, f" {entry}," if filled else f" {entry} ")


def property_name(name: str) -> str:
    """``email`` as an object key: bare when it is an identifier, quoted otherwise."""
    return name if _IDENTIFIER.match(name) else json.dumps(name)


def entry_node(entry: SentEntry) -> TsNode:
    """The whole ``key: value`` pair (or shorthand ``key``) of an entry."""
    key = ts(entry.key_node)
    if key.type in _SHORTHAND or key.parent is None:
        return key
    return key.parent


def without_entry(call: SdkCall, entry: SentEntry) -> str | None:
    """The call (or the object written away from it) without the entry."""
    container = ts(entry.container)
    pair = entry_node(entry)
    if container.type != "object" or pair.parent is None or pair.parent.id != container.id:
        return None
    kept = [syntax.text(child) for child in container.named_children
            if child.type != "comment" and child.id != pair.id]
    literal = "{ " + ", ".join(kept) + " }" if kept else "{}"
    node = ts(call.node)
    if written_inside(container, node):
        return replaced(node, container, literal)
    return literal


def renamed_key(entry: SentEntry, new_name: str) -> str | None:
    """The entry's key spelled ``new_name``: ``timezone``, ``"first-name"``, and a
    shorthand ``{ Timezone }`` as ``timezone: Timezone``."""
    key = ts(entry.key_node)
    if key.type in _SHORTHAND:
        return f"{property_name(new_name)}: {syntax.text(key)}"
    if key.type in ("property_identifier", "identifier"):
        return property_name(new_name)
    if key.type == "string":
        written = syntax.text(key)
        quote = written[0]
        if "\\" in written or quote in new_name or "\\" in new_name:
            return None  # escapes: leave the rewrite to a person
        return f"{quote}{new_name}{quote}"
    return None


def entry_source(entry: SentEntry, key_text: str | None = None) -> str:
    """``password: form.password`` as written (``key_text`` in place of the key)."""
    key = ts(entry.key_node)
    if key.type in _SHORTHAND:
        return key_text if key_text is not None else syntax.text(key)
    value = ts(entry.value)
    written_key = key_text if key_text is not None else syntax.text(key)
    return f"{written_key}: {syntax.text(value)}"


def written_inside(node: TsNode, outer: TsNode) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte
