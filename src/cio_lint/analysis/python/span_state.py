"""The state of a code-generation pass that keeps the span of every node it generates.

LibCST generates code by calling each node's ``_codegen`` with a ``CodegenState``; this
state tracks line and column instead of keeping the text, and records plain tuples
with the same meaning as ``PositionProvider``'s (the syntactic span where a node records
one, else the whitespace-inclusive span).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState

Span = tuple[int, int, int, int]  # start line, start column (0-based), end line, end column

_NEWLINE = re.compile(r"\r\n?|\n")
#: Nodes no finding is ever placed on: whitespace and punctuation, about half of a
#: module's nodes. Their spans are left out unless asked for (``PositionState`` rather
#: than ``ReportedPositionState``), which halves what positions cost in a dense file.
UNREPORTED: tuple[type[cst.CSTNode], ...] = (
    cst.BaseParenthesizableWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Newline,
    cst.Comment, cst.Comma, cst.Dot, cst.Colon, cst.AssignEqual, cst.LeftParen,
    cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace,
    cst.RightCurlyBrace, cst.Semicolon,
)
#: Whether each node type is one of ``UNREPORTED`` (isinstance on LibCST's abstract
#: classes is slow, and asked once per node).
_unreported_types: dict[type, bool] = {}


def is_unreported(node: cst.CSTNode) -> bool:
    """Is ``node`` whitespace or punctuation, which no finding is placed on?"""
    kind = type(node)
    unreported = _unreported_types.get(kind)
    if unreported is None:
        unreported = _unreported_types[kind] = isinstance(node, UNREPORTED)
    return unreported


@dataclass
class PositionState(CodegenState):
    """Where generation is (line, column), and the span of every node generated so far."""

    spans: dict[int, Span] = field(default_factory=dict)
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
        if self.leaves_out(node):
            return
        # Nodes without a syntactic position keep their whitespace-inclusive span.
        if id(node) not in self.spans:
            self.spans[id(node)] = (start_line, start_column, self.line, self.column)

    def leaves_out(self, node: cst.CSTNode) -> bool:
        """Is ``node``'s span not kept?"""
        return False

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> SyntacticSpan:
        return SyntacticSpan(self, node, start_node, end_node)


class SyntacticSpan:
    """Records a node's syntactic span around its code (a plain class: LibCST enters one
    for nearly every node, and a generator-based context manager costs several times more).
    """

    __slots__ = ("column", "end_node", "line", "node", "start_node", "state")

    def __init__(self, state: PositionState, node: cst.CSTNode,
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


@dataclass
class ReportedPositionState(PositionState):
    """The spans of the nodes a finding can be placed on: whitespace and punctuation are
    left out. ``span_generation`` generates for this state by its shortcuts."""

    def leaves_out(self, node: cst.CSTNode) -> bool:
        return is_unreported(node)
