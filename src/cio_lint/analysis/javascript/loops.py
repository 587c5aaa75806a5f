"""Loops around JavaScript SDK calls, what paces them, and the calls started once per
item without waiting for each other (un-awaited calls in a loop, ``forEach(async ...)``,
``Promise.all(rows.map(...))``).

A loop that awaits each call sends at most one request per round trip; one that does not
await starts them all at once. Either is paced by an awaited sleep
(``await sleep(ms)``, ``await new Promise((r) => setTimeout(r, ms))``, ``setTimeout`` of
``timers/promises``), a rate limiter (``limiter.schedule``, ``removeTokens``) or ``batch()``.
A limiter wrapping the call itself (``limit(() => cio.track(...))``, p-queue's ``add``)
puts the call in a function of its own, so it is no longer sent by the loop at all.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.execution import SMALL_LOOP, Loop, LoopKind, names_rate_limiter
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.semantic import JsSemantic

#: Awaited calls that pause (by the callee's last name, lowercased).
_SLEEPS = frozenset({"sleep", "delay", "wait", "settimeout", "pause", "timeout", "snooze"})
#: Array methods that run a function once per item, all at once when it is async.
PER_ITEM = frozenset({"forEach", "map", "flatMap"})


def describe_loop(semantic: JsSemantic, node: TsNode) -> Loop:
    """The loop ``node`` as a message names it, and whether it runs over a handful."""
    return Loop(node, LoopKind.WHILE if node.type in ("while_statement", "do_statement")
                else LoopKind.FOR, f"`{header(node)}` loop", small=is_small(semantic, node))


def header(node: TsNode) -> str:
    """``for (const user of users)``, ``while (cursor)``: a loop's first line."""
    if node.type == "do_statement":
        condition = node.child_by_field_name("condition")
        tail = syntax.text(condition) if condition is not None else ""
        return f"do … while {tail}".strip()
    body = node.child_by_field_name("body")
    raw = syntax.text(node)
    if body is not None:
        raw = raw[: body.start_byte - node.start_byte]
    text = " ".join(raw.split())
    return text if len(text) <= 28 else text[:27] + "…"


def is_small(semantic: JsSemantic, node: TsNode) -> bool:
    """``for (const x of ["a", "b"])`` or ``for (let i = 0; i < 3; i++)``: no bulk job."""
    if node.type == "for_in_statement":
        return small_collection(semantic, node.child_by_field_name("right"))
    if node.type == "for_statement":
        condition = node.child_by_field_name("condition")
        right = condition.child_by_field_name("right") if condition is not None else None
        if condition is not None and condition.type == "expression_statement":
            inner = condition.named_children
            right = inner[0].child_by_field_name("right") if inner else None
        if right is not None and right.type == "number":
            try:
                return int(syntax.text(right)) <= SMALL_LOOP
            except ValueError:
                return False
    return False


def small_collection(semantic: JsSemantic, node: TsNode | None) -> bool:
    """An array literal (or a name of one) of at most ``SMALL_LOOP`` items."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "identifier":
        node = syntax.unwrap(semantic.origin(node, semantic.scope_of(node), node.start_byte))
    if node is None or node.type != "array":
        return False
    items = [child for child in node.named_children if child.type != "comment"]
    return len(items) <= SMALL_LOOP and all(item.type != "spread_element" for item in items)


def is_paced(loop: TsNode) -> bool:
    """Does the loop's body wait on a sleep or a rate limiter, or send through ``batch()``?"""
    body = loop.child_by_field_name("body")
    return body is not None and any(_paces(node) for node in syntax.walk(body))


def _paces(node: TsNode) -> bool:
    if node.type == "await_expression" and node.named_children:
        awaited = syntax.unwrap(node.named_children[0])
        if awaited is not None and awaited.type == "new_expression":
            return "setTimeout" in syntax.text(awaited)
        if awaited is not None and awaited.type == "call_expression":
            name = _callee_name(awaited)
            return name.rsplit(".", 1)[-1].lower() in _SLEEPS or names_rate_limiter(name)
    if node.type == "call_expression":
        name = _callee_name(node)
        return names_rate_limiter(name) or name.endswith(".batch")
    return False


def _callee_name(call: TsNode) -> str:
    callee = call.child_by_field_name("function")
    return (syntax.dotted(callee) or "") if callee is not None else ""


def enclosing_loops(node: TsNode) -> list[TsNode]:
    """The loops whose body holds ``node``, inside its function, innermost last."""
    found: list[TsNode] = []
    current, parent = node, node.parent
    while parent is not None and parent.type not in syntax.FUNCTION_TYPES:
        if parent.type in syntax.LOOP_TYPES and parent.child_by_field_name("body") == current:
            found.append(parent)
        current, parent = parent, parent.parent
    return list(reversed(found))


def per_item_call(function: TsNode) -> tuple[TsNode, TsNode, str] | None:
    """``rows.forEach(fn)``/``rows.map(fn)`` that runs ``function`` once per item: the
    call, the collection, and the method."""
    arguments = function.parent
    while arguments is not None and arguments.type in ("parenthesized_expression",):
        arguments = arguments.parent
    if arguments is None or arguments.type != "arguments":
        return None
    args = [child for child in arguments.named_children if child.type != "comment"]
    call = arguments.parent
    if not args or args[0] != function or call is None or call.type != "call_expression":
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    parts = syntax.member_parts(callee) if callee is not None else None
    if parts is None or parts[1] not in PER_ITEM:
        return None
    return call, parts[0], parts[1]
