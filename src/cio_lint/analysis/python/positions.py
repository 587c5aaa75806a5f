"""Source positions of nodes, from a lean code-generation pass over what is asked.

LibCST's ``PositionProvider`` goes through the metadata machinery (a deep copy
check, a batched visit) and builds a ``CodeRange`` for every node twice over
(whitespace-inclusive, then syntactic); that cost more than parsing itself.
Only reported nodes need a position, and only in files with findings, so this
generates code tracking line and column, and keeps plain tuples of the span of
every node, with the same meaning as ``PositionProvider``'s (the syntactic span
where a node records one, else the whitespace-inclusive span). ``ModuleSpans``
generates only the top-level statements that hold a node asked about.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType

import libcst as cst
from libcst._nodes.expression import _BaseParenthesizedNode as _Parenthesizable
from libcst._nodes.internal import CodegenState

Span = tuple[int, int, int, int]  # start line, start column (0-based), end line, end column

_NEWLINE = re.compile(r"\r\n?|\n")
#: Nodes no finding is ever placed on: whitespace and punctuation, about half of a
#: module's nodes. Their spans are left out unless asked for (``every_node``), which
#: halves what positions cost in a dense file.
_UNREPORTED: tuple[type[cst.CSTNode], ...] = (
    cst.BaseParenthesizableWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Newline,
    cst.Comment, cst.Comma, cst.Dot, cst.Colon, cst.AssignEqual, cst.LeftParen,
    cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace,
    cst.RightCurlyBrace, cst.Semicolon,
)


@dataclass
class _PositionState(CodegenState):
    spans: dict[int, Span] = field(default_factory=dict)
    every_node: bool = False
    line: int = 1
    column: int = 0
    _starts: list[tuple[int, int]] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start_line, start_column = self._starts.pop()
        if not self.every_node:
            unreported = _unreported_types.get(type(node))
            if unreported is None:
                unreported = _unreported_types[type(node)] = isinstance(node, _UNREPORTED)
            if unreported:
                return
        # Nodes without a syntactic position keep their whitespace-inclusive span.
        if id(node) not in self.spans:
            self.spans[id(node)] = (start_line, start_column, self.line, self.column)

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> _SyntacticSpan:
        return _SyntacticSpan(self, node, start_node, end_node)


class _SyntacticSpan:
    """Records a node's syntactic span around its code (a plain class: LibCST enters one
    for nearly every node, and a generator-based context manager costs several times more).
    """

    __slots__ = ("column", "end_node", "line", "node", "start_node", "state")

    def __init__(self, state: _PositionState, node: cst.CSTNode,
                 start_node: cst.CSTNode | None, end_node: cst.CSTNode | None) -> None:
        self.state = state
        self.node = node
        self.start_node = start_node
        self.end_node = end_node
        self.line = state.line
        self.column = state.column

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        state = self.state
        spans = state.spans
        start_line, start_column = self.line, self.column
        end_line, end_column = state.line, state.column
        start_node, end_node = self.start_node, self.end_node
        if start_node is not None and id(start_node) in spans:
            start_line, start_column = spans[id(start_node)][:2]
        if end_node is not None and id(end_node) in spans:
            end_line, end_column = spans[id(end_node)][2:]
        spans[id(self.node)] = (start_line, start_column, end_line, end_column)


#: Whether each node type is one of ``_UNREPORTED`` (isinstance on LibCST's abstract
#: classes is slow, and asked once per node).
_unreported_types: dict[type, bool] = {}


def syntactic_spans(module: cst.Module, every_node: bool = False) -> dict[int, Span]:
    """The span of every node of ``module`` (whitespace and punctuation only with
    ``every_node``), keyed by ``id(node)``."""
    state = _PositionState(
        default_indent=module.default_indent, default_newline=module.default_newline,
        every_node=every_node,
    )
    _generate(module, state)
    return state.spans


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


def _parenthesized(node: _Parenthesizable, state: CodegenState) -> _Parenthesized:
    return _Parenthesized(node, state)


#: Held while LibCST's expressions parenthesize themselves with ``_Parenthesized``.
_PLAIN_PARENTHESES = threading.Lock()


def _generate(node: cst.CSTNode, state: _PositionState) -> None:
    """``node._codegen(state)``, with expressions parenthesized by ``_Parenthesized``
    (the same tokens, in the same order, so the same code and spans)."""
    original = _Parenthesizable.__dict__.get("_parenthesize")
    if original is None:  # a LibCST that parenthesizes otherwise
        node._codegen(state)
        return
    with _PLAIN_PARENTHESES:
        _Parenthesizable._parenthesize = _parenthesized  # type: ignore[assignment]
        try:
            node._codegen(state)
        finally:
            _Parenthesizable._parenthesize = original  # type: ignore[method-assign]


class ModuleSpans:
    """The spans of a module's nodes, generated one top-level statement at a time.

    Rules ask about a few nodes of a module, and generating the code of every
    statement to find them took a sixth of a run on dense code. CPython's tree says
    on which line each top-level statement starts, and the semantic pass which
    statement each node is in, so only the statements that hold a node asked about
    are generated. Each one must end where the next starts: anything that does not
    add up, or a node the pass did not note, falls back to the whole module.
    """

    def __init__(
        self,
        module: cst.Module,
        *,
        statement_lines: Sequence[int] | None = None,
        statement_of: Mapping[int, int] | None = None,
        line_count: int = 0,
    ) -> None:
        self._module = module
        self._statement_of = statement_of or {}
        self._starts = (
            _statement_starts(module, statement_lines) if statement_lines is not None else None
        )
        self._line_count = line_count
        self._spans: dict[int, Span] = {}
        self._generated: set[int] = set()
        #: The whole module was generated: its reported nodes, or every node.
        self._whole = False
        self._every_node = False

    def known(self, node: cst.CSTNode) -> Span | None:
        """The node's span if it was generated already (nothing is generated)."""
        return self._spans.get(id(node))

    def span(self, node: cst.CSTNode) -> Span:
        """The node's span, generating its statement (or the module) if need be."""
        key = id(node)
        found = self._spans.get(key)
        if found is not None:
            return found
        index = self._statement_of.get(key)
        if (
            index is not None and not self._whole and index not in self._generated
            and self._generate(index)
        ):
            found = self._spans.get(key)
            if found is not None:
                return found
        if not self._whole:
            self._spans, self._whole = syntactic_spans(self._module), True
            found = self._spans.get(key)
            if found is not None:
                return found
        if not self._every_node:  # whitespace or punctuation: every node's span, once
            self._spans, self._every_node = syntactic_spans(self._module, every_node=True), True
        return self._spans[key]

    def _generate(self, index: int) -> bool:
        """Generate top-level statement ``index`` alone; False (and never again) when
        its start is unknown or it does not end where what follows it starts."""
        starts = self._starts
        if starts is None or starts[index] is None:
            return False
        module = self._module
        body = module.body
        if index + 1 < len(body):
            end = starts[index + 1]
        else:  # the last statement ends where the module's trailing comments begin
            end = self._line_count + 1 - len(module.footer)
        state = _PositionState(
            default_indent=module.default_indent, default_newline=module.default_newline,
            line=starts[index] or 0,
        )
        _generate(body[index], state)
        if (state.line, state.column) != (end, 0):
            self._starts = None
            return False
        self._spans.update(state.spans)
        self._generated.add(index)
        return True


def _statement_starts(
    module: cst.Module, statement_lines: Sequence[int]
) -> list[int | None] | None:
    """The line each top-level statement's code (its leading comments and blank lines
    included) starts on, from the lines CPython gives for its first token; None for a
    statement whose first token's line cannot be told, None for all when CPython's
    statements do not match LibCST's."""
    starts: list[int | None] = []
    at = 0
    for statement in module.body:
        if at >= len(statement_lines):
            return None
        line = statement_lines[at] - len(statement.leading_lines)
        at += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        decorators: Sequence[cst.Decorator] = getattr(statement, "decorators", ())
        if not decorators:
            starts.append(line)
            continue
        # CPython gives the line of the first decorator's expression: the line of its
        # ``@`` unless a bracket or a backslash comes between them.
        first = decorators[0]
        if first.decorator.lpar or any(
            c in first.whitespace_after_at.value for c in "\r\n\\"
        ):
            starts.append(None)
        else:
            starts.append(line - len(first.leading_lines))
    return starts if at == len(statement_lines) else None
