"""Fix text for event names, written in JavaScript: a fixed name with the variable part
moved into the event's data object."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import cast

from tree_sitter import Node as TsNode

from cio_lint.analysis.events import BuiltName, EventName, quoted
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.javascript.transactional_code import spliced
from cio_lint.analysis.records import Node

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
#: Properties that identify their owner: ``product.slug`` is best keyed ``product``.
_IDENTIFYING = frozenset(
    {"slug", "id", "uuid", "name", "key", "code", "handle", "title", "sku", "value"}
)
_NOT_OWNERS = frozenset({"this", "req", "request", "ctx", "event", "body", "params", "query"})


def fixed_name_rewrite(
    semantic: JsSemantic, event: EventName, built: BuiltName, drop: Collection[Node] = ()
) -> str | None:
    """The call with a fixed name and the variable part moved into its data.

    ``cio.track(id, { name: `viewed_${product.slug}` })`` becomes
    ``cio.track(id, { name: "viewed", data: { product: product.slug } })``; the call's
    own data object is kept. Options given through a ``const`` are shown as that object
    rewritten. Values in ``drop`` (personal data) are left out.
    """
    fixed = built.fixed_name()
    call: TsNode = event.call.node  # type: ignore[assignment]
    arg: TsNode = event.arg  # type: ignore[assignment]
    pair = arg.parent
    options = pair.parent if pair is not None else None
    if not fixed or event.call.via is not None or pair is None or pair.type != "pair" \
            or options is None or options.type != "object":
        return None
    # Options given through a const are rewritten where they are written.
    written = call if _inside(options, call) else options
    dropped = {ts_node.id for ts_node in _ts_nodes(drop)}
    values = [value for value in _ts_nodes(built.values) if value.id not in dropped]
    entries = _moved_entries(values)
    container = event.call.signature.attributes or "data"
    edits = [(arg.start_byte, arg.end_byte, quoted(fixed, _quote_of(written, arg)))]
    if entries:
        holder = next(
            (entry for entry in options.named_children
             if entry.type == "pair" and syntax.property_key(entry) == container),
            None,
        )
        holder_value = holder.child_by_field_name("value") if holder is not None else None
        if holder_value is not None:
            merged = _merged_object(holder_value, entries)
            edits.append((holder_value.start_byte, holder_value.end_byte, merged))
        else:
            edits.append((pair.end_byte, pair.end_byte,
                          f", {container}: {_merged_object(None, entries)}"))
    return spliced(semantic.parsed.data, written, edits)


def quoted_like(literal: Node | None, text: str) -> str:
    """``text`` as a string literal in the quote style of ``literal`` (double by default)."""
    node: TsNode | None = literal  # type: ignore[assignment]
    if node is not None and node.type in syntax.STRING_TYPES:
        return quoted(text, syntax.text(node)[:1])
    return quoted(text)


def _ts_nodes(nodes: Collection[Node]) -> list[TsNode]:
    """The tree-sitter nodes behind handles this frontend made."""
    return [cast(TsNode, node) for node in nodes]


def _inside(node: TsNode, outer: TsNode) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _quote_of(call: TsNode, skip: TsNode) -> str:
    """The quote the call's other string literals use (double when there are none)."""
    for node in syntax.walk(call):
        if node.type == "string" and not _inside(node, skip):
            return syntax.text(node)[:1]
    return '"'


def _moved_entries(values: Sequence[TsNode]) -> list[str]:
    """``key: value`` (or the shorthand ``key``) for each value cut out of the name."""
    entries: list[str] = []
    taken: set[str] = set()
    for value in values:
        key = data_key(value) or "value"
        if key in taken:
            key = f"{key}{len(taken) + 1}"
        taken.add(key)
        code = syntax.text(value)
        entries.append(key if code == key else f"{key}: {code}")
    return entries


def data_key(node: TsNode | None) -> str | None:
    """A sensible event-data key (an identifier) for a value cut out of a name."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    key: str | None = None
    if node.type == "identifier":
        key = syntax.text(node)
    elif node.type in ("member_expression", "subscript_expression"):
        parts = syntax.member_parts(node)
        if parts is not None:
            owner = syntax.unwrap(parts[0])
            owner_name = syntax.text(owner) if owner is not None and owner.type in (
                "identifier", "property_identifier") else ""
            if owner is not None and owner.type == "member_expression":
                owner_name = syntax.text(owner.child_by_field_name("property") or owner)
            key = parts[1]
            if parts[1] in _IDENTIFYING and owner_name and owner_name not in _NOT_OWNERS:
                key = owner_name
    elif node.type == "call_expression":
        function = syntax.unwrap(node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        if parts is not None:
            return data_key(parts[0])
    return key if key is not None and _IDENTIFIER.fullmatch(key) else None


def _merged_object(existing: TsNode | None, entries: Sequence[str]) -> str:
    """An object literal holding the moved entries and ``existing`` (kept as written)."""
    items = list(entries)
    if existing is not None and existing.type == "object":
        items.extend(syntax.text(entry) for entry in existing.named_children
                     if entry.type != "comment")
    elif existing is not None:
        items.append(f"...{syntax.text(existing)}")
    return "{ " + ", ".join(items) + " }"
