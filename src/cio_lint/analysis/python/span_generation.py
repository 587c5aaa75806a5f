"""Generate a node's code with a ``PositionState``, cheaply: LibCST's own generation
with shortcuts for the nodes that make up most of a module.

Nine nodes in ten are whitespace, punctuation, names and literals, and LibCST
generates each through three calls (``before_codegen``, ``_codegen_impl``,
``after_codegen``) and often a context manager. Generated for a
``ReportedPositionState``, those classes go through one function that moves the line
and column as their code would, and records a name's or literal's span directly;
every other node records its span without the calls around it. The same spans at
about half the cost.

The shortcuts are put in LibCST's classes once, by the first generation, and stay:
putting them in and taking them out again around each statement cost a tenth of the
generation (every change to ``CSTNode`` invalidates the caches of its 250 subclasses).
Handed any other state (``module.code``, LibCST's own ``PositionProvider``, a
``PositionState`` for every node) a shortcut generates exactly as LibCST does, so
nothing else that generates code, in this thread or another, sees a difference.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol

import libcst as cst
from libcst._nodes.expression import _BaseParenthesizedNode as _Parenthesizable
from libcst._nodes.internal import CodegenState

from cio_lint.analysis.python.span_state import (
    PositionState,
    ReportedPositionState,
    is_unreported,
)
from cio_lint.core.once import once


def generate(node: cst.CSTNode, state: PositionState) -> None:
    """``node._codegen(state)``: the same tokens in the same order, so the same spans."""
    install()
    node._codegen(state)


def _put_in_place() -> None:
    """Put the shortcuts in LibCST's classes."""
    if "_parenthesize" in _Parenthesizable.__dict__:  # else LibCST does it otherwise: leave it
        _Parenthesizable._parenthesize = _parenthesized  # type: ignore[assignment]
    for cls, shortcut in _SHORTCUTS.items():
        cls._codegen = shortcut  # type: ignore[attr-defined]


install = once(_put_in_place)


class _Parenthesized:
    """What ``_parenthesize`` does, as a plain class: LibCST's is a generator-based
    context manager, entered for every expression, and a sixth of the generation."""

    __slots__ = ("node", "span", "state")

    def __init__(self, node: _Parenthesizable, state: CodegenState) -> None:
        self.node = node
        self.state = state

    def __enter__(self) -> None:
        node, state = self.node, self.state
        for lpar in node.lpar:
            lpar._codegen(state)
        self.span = state.record_syntactic_position(node)
        self.span.__enter__()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.span.__exit__(kind, error, traceback)
        if kind is None:
            for rpar in self.node.rpar:
                rpar._codegen(self.state)


def _parenthesized(
    node: _Parenthesizable, state: CodegenState
) -> _Parenthesized | contextlib.nullcontext[None]:
    """Without parentheses, an expression whose code is all inside them has the
    syntactic span ``_any_node`` records anyway: nothing to do."""
    if (
        isinstance(state, ReportedPositionState) and not node.lpar
        and type(node) in _WHOLLY_PARENTHESIZED
    ):
        return _UNPARENTHESIZED
    return _Parenthesized(node, state)


_UNPARENTHESIZED = contextlib.nullcontext()
#: Expressions that generate all their code inside ``_parenthesize`` (a starred
#: element, for one, generates its comma outside).
_WHOLLY_PARENTHESIZED: frozenset[type] = frozenset({
    cst.Attribute, cst.Call, cst.Subscript, cst.BinaryOperation, cst.BooleanOperation,
    cst.Comparison, cst.UnaryOperation, cst.Dict, cst.List, cst.Tuple, cst.Set,
    cst.FormattedString, cst.ConcatenatedString, cst.Await, cst.Lambda, cst.IfExp,
    cst.GeneratorExp, cst.ListComp, cst.SetComp, cst.DictComp, cst.Ellipsis,
    cst.NamedExpr, cst.Yield,
})


_Codegen = Callable[..., None]
#: Every shortcut below checks its state itself and falls back to this: a decorator
#: doing it for them would cost a call per node, which is what they are there to save.
_generated_by_libcst: _Codegen = cst.CSTNode._codegen


class _Valued(Protocol):
    @property
    def value(self) -> str: ...


def _whitespace(node: _Valued, state: CodegenState, **kwargs: Any) -> None:
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    value = node.value
    if "\n" in value or "\r" in value:  # a backslash continuation
        state.add_token(value)
    else:
        state.column += len(value)
    return None


def _line_break(node: cst.CSTNode, state: CodegenState, **kwargs: Any) -> None:
    """A ``Newline``: always exactly one line break."""
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    state.line += 1
    state.column = 0
    return None


def _line_end(
    node: cst.TrailingWhitespace | cst.EmptyLine, state: CodegenState, **kwargs: Any
) -> None:
    """Indentation, whitespace, a comment and a line break: the next line starts."""
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    _whitespace(node.whitespace, state)
    state.line += 1
    state.column = 0
    return None


def _one_token(
    node: cst.Comma | cst.Dot | cst.Colon | cst.AssignEqual | cst.Semicolon,
    state: CodegenState, **kwargs: Any,
) -> None:
    """One character between whitespace (its syntactic span is never reported)."""
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    node.whitespace_before._codegen(state)
    state.column += 1
    node.whitespace_after._codegen(state)
    return None


def _opening(
    node: cst.LeftParen | cst.LeftSquareBracket | cst.LeftCurlyBrace,
    state: CodegenState, **kwargs: Any,
) -> None:
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    state.column += 1
    node.whitespace_after._codegen(state)
    return None


def _closing(
    node: cst.RightParen | cst.RightSquareBracket | cst.RightCurlyBrace,
    state: CodegenState, **kwargs: Any,
) -> None:
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    node.whitespace_before._codegen(state)
    state.column += 1
    return None


def _leaf(
    node: cst.Name | cst.Integer | cst.Float | cst.Imaginary | cst.SimpleString,
    state: CodegenState, **kwargs: Any,
) -> None:
    """A name or literal without parentheses: its value, and its span."""
    if not isinstance(state, ReportedPositionState) or node.lpar:
        return _generated_by_libcst(node, state, **kwargs)
    line, column = state.line, state.column
    value = node.value
    if "\n" in value or "\r" in value:  # a triple-quoted string
        state.add_token(value)
    else:
        state.column = column + len(value)
    state.spans[id(node)] = (line, column, state.line, state.column)
    return None


def _any_node(node: cst.CSTNode, state: CodegenState, **kwargs: Any) -> None:
    """Every other node: ``before_codegen`` and ``after_codegen`` done in place."""
    if not isinstance(state, ReportedPositionState):
        return _generated_by_libcst(node, state, **kwargs)
    line, column = state.line, state.column
    node._codegen_impl(state, **kwargs)
    if not is_unreported(node):
        # Nodes without a syntactic position keep their whitespace-inclusive span.
        state.spans.setdefault(id(node), (line, column, state.line, state.column))
    return None


#: ``_parenthesized`` works for any state, so it is no shortcut of its own.
_SHORTCUTS: dict[type, _Codegen] = {
    cst.CSTNode: _any_node,
    cst.SimpleWhitespace: _whitespace,
    cst.Newline: _line_break,
    **dict.fromkeys((cst.TrailingWhitespace, cst.EmptyLine), _line_end),
    **dict.fromkeys((cst.Comma, cst.Dot, cst.Colon, cst.AssignEqual, cst.Semicolon), _one_token),
    **dict.fromkeys((cst.LeftParen, cst.LeftSquareBracket, cst.LeftCurlyBrace), _opening),
    **dict.fromkeys((cst.RightParen, cst.RightSquareBracket, cst.RightCurlyBrace), _closing),
    **dict.fromkeys((cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString), _leaf),
}
