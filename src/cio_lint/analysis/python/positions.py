"""Source positions of nodes, from one lean code-generation pass.

LibCST's ``PositionProvider`` goes through the metadata machinery (a deep copy
check, a batched visit) and builds a ``CodeRange`` for every node twice over
(whitespace-inclusive, then syntactic); that cost more than parsing itself.
Only reported nodes need a position, and only in files with findings, so this
generates the code once, tracking line and column, and keeps plain tuples of
the span of every node, with the same meaning as ``PositionProvider``'s (the
syntactic span where a node records one, else the whitespace-inclusive span).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
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
        if not self.every_node and isinstance(node, _UNREPORTED):
            return
        # Nodes without a syntactic position keep their whitespace-inclusive span.
        if id(node) not in self.spans:
            self.spans[id(node)] = (start_line, start_column, self.line, self.column)

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        start_line, start_column = self.line, self.column
        try:
            yield
        finally:
            spans = self.spans
            end_line, end_column = self.line, self.column
            if start_node is not None and id(start_node) in spans:
                start_line, start_column = spans[id(start_node)][:2]
            if end_node is not None and id(end_node) in spans:
                end_line, end_column = spans[id(end_node)][2:]
            spans[id(node)] = (start_line, start_column, end_line, end_column)


def syntactic_spans(module: cst.Module, every_node: bool = False) -> dict[int, Span]:
    """The span of every node of ``module`` (whitespace and punctuation only with
    ``every_node``), keyed by ``id(node)``."""
    state = _PositionState(
        default_indent=module.default_indent, default_newline=module.default_newline,
        every_node=every_node,
    )
    module._codegen(state)
    return state.spans
