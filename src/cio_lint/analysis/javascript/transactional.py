"""Transactional requests in JavaScript/TypeScript: ``new Send*Request({...})``, the one
view CIO501-CIO504 share.

customerio-node's ``sendEmail``/``sendPush``/... throw unless given a request object,
so only the ``Send*Request`` constructions are requests (a plain object passed to
``sendEmail`` is a different mistake, CIO304's). The options object may be written at
the construction or in a ``const`` first, and the request may be completed afterwards
(``req.to = ...``); either makes its field set known (*closed*) or not. Node's field
names are the SDK's own (``from``, ``device``), so no spelling differs.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.transactional import (
    CHANNEL_OF_CLASS,
    Entry,
    LiteralDict,
    TransactionalRequest,
)

#: Values JSON leaves out or sends as null: never a usable field.
_NOTHING = frozenset({"null", "undefined"})
#: Functions and methods that only read what they are given.
_READING_FUNCTIONS = frozenset(
    {"JSON.stringify", "console.log", "console.info", "console.debug", "console.warn",
     "console.error", "String", "Boolean", "structuredClone"}
)
_READING_METHODS = frozenset(
    {"attach", "debug", "info", "warn", "warning", "error", "log", "trace", "hasOwnProperty",
     "toString", "toJSON"}
)


def entry(key: str, key_node: TsNode, value: TsNode) -> Entry:
    inner = syntax.unwrap(value) or value
    return Entry(key, key_node, value, null=inner.type in _NOTHING)


def transactional_requests(
    semantic: JsSemantic, requests: list[SdkCall], sdk_nodes: set[int]
) -> list[TransactionalRequest]:
    """Every ``Send*Request`` construction of the module, in source order."""
    found = []
    for call in requests:
        channel = CHANNEL_OF_CLASS.get(call.method)
        if channel is None:
            continue
        node: TsNode = call.node  # type: ignore[assignment]
        scope: Scope = call.place  # type: ignore[assignment]
        bound = call.bound
        fields = {
            name: entry(name, arg.keyword_node or arg.node, arg.value)  # type: ignore[arg-type]
            for name, arg in bound.args.items()
        }
        closed = not (bound.star_kwargs or bound.star_args or bound.excess_positional)
        added: set[str] = set()
        args = syntax.arguments(node)
        options = syntax.unwrap(args[0]) if args else None
        watched: list[tuple[str, int, int | None]] = [
            (name, order, None) for name, order in _holders(node, scope)
        ]
        if options is not None and options.type == "identifier":
            binding = semantic.binding(syntax.text(options), scope, call.order)
            if binding is not None:
                watched.append((binding.name, binding.order, call.order))
        for name, start, end in watched:
            later, opaque = changes(semantic, scope, name, start, end, sdk_nodes)
            added |= later
            closed = closed and not opaque and not later
        if _escapes(node):
            closed = False
        constructor = node.child_by_field_name("constructor")
        written = syntax.text(constructor) if constructor is not None else call.method
        found.append(TransactionalRequest(
            channel=channel, node=node, label=f"`new {written}(...)`", fields=fields,
            closed=closed, added_later=frozenset(added), misspelled=bool(bound.unexpected),
            place=scope, order=call.order,
        ))
    return found


def literal_dict(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int, sdk_nodes: set[int]
) -> LiteralDict | None:
    """The object literal ``node`` is shown to be, written there or through ``const``s."""
    start = syntax.unwrap(node) or node
    value = semantic.origin(start, scope, order)
    if value.type != "object":
        return None
    entries: dict[str, Entry] = {}
    closed = True
    for item in value.named_children:
        if item.type == "comment":
            continue
        key = syntax.property_key(item)
        if key is None or item.type in ("spread_element", "method_definition"):
            closed = False
            continue
        entries[key] = entry(key, item.child_by_field_name("key") or item,
                             item.child_by_field_name("value") or item)
    added: set[str] = set()
    via = None
    if start.type in ("identifier", "shorthand_property_identifier"):
        via = syntax.text(start)
        binding = semantic.binding(via, scope, order)
        if binding is not None:
            later, opaque = changes(semantic, scope, via, binding.order, order, sdk_nodes)
            added |= later
            closed = closed and not opaque and not later
    return LiteralDict(value, entries, closed, frozenset(added), via)


def _holders(node: TsNode, scope: Scope) -> Iterator[tuple[str, int]]:
    """Names given exactly this construction (``const req = new SendEmailRequest(...)``)."""
    for name, bindings in scope.bindings.items():
        for binding in bindings:
            value = syntax.unwrap(binding.value) if binding.value is not None else None
            if value is not None and value.id == node.id:
                yield name, binding.order


def _escapes(node: TsNode) -> bool:
    """Returned from its function or stored on an object, to be completed elsewhere."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression",
                                                  "satisfies_expression"):
        parent = parent.parent
    if parent is None:
        return False
    if parent.type in ("return_statement", "arrow_function", "pair", "array"):
        return True
    return parent.type == "assignment_expression" and (
        (parent.child_by_field_name("left") or parent).type != "identifier"
    )


def changes(
    semantic: JsSemantic, scope: Scope, name: str, start: int, end: int | None,
    sdk_nodes: set[int],
) -> tuple[set[str], bool]:
    """Keys set on ``name`` after ``start`` (and before ``end``), and whether anything
    else may change it or take it elsewhere (an unknown call, a computed key, a return)."""
    holder = scope.holder(name) or scope
    added: set[str] = set()
    opaque = False
    for node in syntax.walk(holder.node):
        if node.start_byte <= start or (end is not None and node.start_byte >= end):
            continue
        if node.type == "shorthand_property_identifier" and syntax.text(node) == name:
            opaque = True  # put into another object
            continue
        if node.type != "identifier" or syntax.text(node) != name:
            continue
        key, unknown = _use(node, sdk_nodes)
        if key is not None:
            added.add(key)
        opaque = opaque or unknown
    return added, opaque


def _use(node: TsNode, sdk_nodes: set[int]) -> tuple[str | None, bool]:
    """What one mention of the name does: sets a key, or may change it in unknown ways."""
    parent = node.parent
    if parent is None:
        return None, False
    if parent.type in ("member_expression", "subscript_expression") and \
            (parent.child_by_field_name("object") or parent).id == node.id:
        outer = parent.parent
        if outer is None:
            return None, False
        if outer.type in ("assignment_expression", "augmented_assignment_expression") and \
                (outer.child_by_field_name("left") or outer).id == parent.id:
            parts = syntax.member_parts(parent)
            return (parts[1], False) if parts is not None else (None, True)
        if outer.type == "call_expression" and \
                (outer.child_by_field_name("function") or outer).id == parent.id:
            parts = syntax.member_parts(parent)
            return None, parts is None or parts[1] not in _READING_METHODS
        return None, False
    if parent.type == "arguments" and parent.parent is not None:
        call = parent.parent
        if call.id in sdk_nodes:
            return None, False
        function = call.child_by_field_name("function")
        dotted = syntax.dotted(function)
        parts = syntax.member_parts(function) if function is not None else None
        reading = dotted in _READING_FUNCTIONS or (
            parts is not None and parts[1] in _READING_METHODS)
        return None, not reading
    if parent.type in ("return_statement", "pair", "array", "arrow_function"):
        return None, True
    if parent.type == "assignment_expression":
        return None, (parent.child_by_field_name("right") or parent).id == node.id
    return None, False
