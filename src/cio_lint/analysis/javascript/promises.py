"""What becomes of a promise in JavaScript: awaited, returned, caught, or left floating,
and whether a rejection is caught around the place it is awaited.

Every ``customerio-node`` call returns a promise. Its rejection is seen only where the
promise is awaited (inside a ``try`` that catches), given ``.catch``/``.then(_, onRejected)``,
or handed on to code that does one of those; a synchronous ``try`` around a call that is
not awaited catches nothing.
"""

from __future__ import annotations

from enum import Enum

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax

_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "non_null_expression",
     "satisfies_expression", "type_assertion"}
)
#: ``Promise.all([...])`` and friends settle when the promises they are given do.
_COMBINATORS = frozenset(
    {"Promise.all", "Promise.allSettled", "Promise.race", "Promise.any"}
)


class Fate(str, Enum):
    AWAITED = "awaited"  # ``await p`` (directly or through a combinator or ``.then``)
    RETURNED = "returned"  # ``return p``, an arrow's body: the caller decides
    CAUGHT = "caught"  # ``p.catch(h)``, ``p.then(f, h)``
    FLOATING = "floating"  # a statement of its own, or ``void p``: nobody ever sees it
    KEPT = "kept"  # assigned, passed on, put in an object: followed no further


def fate(node: TsNode) -> tuple[Fate, TsNode]:
    """What happens to the promise ``node`` makes, and the expression that decides it
    (the ``await``, the ``.catch`` call, the statement)."""
    current = node
    while True:
        parent = current.parent
        if parent is None:
            return Fate.KEPT, current
        kind = parent.type
        if kind in _WRAPPERS or kind in ("ternary_expression", "binary_expression"):
            if kind == "ternary_expression" and parent.child_by_field_name("condition") == current:
                return Fate.KEPT, parent
            current = parent
            continue
        if kind == "member_expression" and parent.child_by_field_name("object") == current:
            chained = _chained(parent)
            if chained is None:
                return Fate.KEPT, parent
            name, call = chained
            if name == "catch" or (name == "then" and len(syntax.arguments(call)) >= 2):
                return Fate.CAUGHT, call
            current = call  # ``.then(f)``/``.finally(f)``: a new promise, same rejection
            continue
        if kind == "await_expression":
            return Fate.AWAITED, parent
        if kind == "return_statement":
            return Fate.RETURNED, parent
        if kind == "arrow_function" and parent.child_by_field_name("body") == current:
            return Fate.RETURNED, parent
        if kind == "expression_statement":
            return Fate.FLOATING, parent
        if kind == "unary_expression" and syntax.operator(parent) == "void":
            return Fate.FLOATING, parent
        if kind == "sequence_expression":
            if parent.named_children and parent.named_children[-1] != current:
                return Fate.FLOATING, parent
            current = parent
            continue
        if kind == "array" and _in_combinator(parent) is not None:
            combinator = _in_combinator(parent) or parent
            if _combinator_name(combinator) == "Promise.allSettled":
                return Fate.CAUGHT, combinator  # it never rejects: each result says
            current = combinator
            continue
        if kind == "arguments" and _combinator_name(parent.parent) is not None:
            if _combinator_name(parent.parent) == "Promise.allSettled":
                return Fate.CAUGHT, parent.parent or parent
            current = parent.parent or parent
            continue
        return Fate.KEPT, parent


def _chained(member: TsNode) -> tuple[str, TsNode] | None:
    """``p.then(...)``, ``p.catch(...)``, ``p.finally(...)``: the method and its call."""
    prop = member.child_by_field_name("property")
    call = member.parent
    if prop is None or call is None or call.type != "call_expression":
        return None
    name = syntax.text(prop)
    if name not in ("then", "catch", "finally"):
        return None
    return name, call


def _combinator_name(call: TsNode | None) -> str | None:
    if call is None or call.type != "call_expression":
        return None
    name = syntax.dotted(call.child_by_field_name("function"))
    return name if name in _COMBINATORS else None


def _in_combinator(array: TsNode) -> TsNode | None:
    """The ``Promise.all(...)`` call an array literal is the argument of."""
    arguments = array.parent
    if arguments is None or arguments.type != "arguments":
        return None
    call = arguments.parent
    return call if _combinator_name(call) is not None else None


def rethrows(handler: TsNode) -> bool:
    """Does a ``catch`` clause throw on every path (a bare ``throw err`` as one of its own
    statements)? Such a clause logs at most; the error still escapes."""
    body = handler.child_by_field_name("body")
    if body is None:
        return False
    return any(child.type == "throw_statement" for child in body.named_children)


def caught_around(node: TsNode, stop: TsNode | None = None) -> bool:
    """Is ``node`` inside the body of a ``try`` whose ``catch`` does not rethrow, before
    reaching ``stop`` (exclusive)?"""
    current = node
    parent = current.parent
    while parent is not None and parent != stop:
        if parent.type == "try_statement" and parent.child_by_field_name("body") == current:
            handler = parent.child_by_field_name("handler")
            if handler is not None and not rethrows(handler):
                return True
        current, parent = parent, parent.parent
    return False
