"""Parse JavaScript or TypeScript with tree-sitter, and say where the tree is damaged.

tree-sitter always returns a tree: what it cannot read becomes an ``ERROR`` node (or a
``MISSING`` token it assumed). Those regions are reported as syntax errors, and the rest
of the file is still checked; nothing inside a damaged region is judged. Columns are
counted in characters, as for Python, although tree-sitter counts bytes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from tree_sitter import Node as TsNode
from tree_sitter import Tree

from cio_lint.analysis.javascript.grammars import Grammar, parser
from cio_lint.analysis.records import Damage
from cio_lint.core.findings import Position

#: The first damaged regions reported per file; one broken brace can damage many.
MAX_DAMAGE = 20


@dataclass
class Parsed:
    """One parsed file: the tree and the text it indexes into."""

    tree: Tree
    data: bytes
    grammar: Grammar

    def __post_init__(self) -> None:
        starts = [0]
        index = self.data.find(b"\n")
        while index >= 0:
            starts.append(index + 1)
            index = self.data.find(b"\n", index + 1)
        self._line_starts = starts
        self.ascii = self.data.isascii()

    @property
    def root(self) -> TsNode:
        return self.tree.root_node

    def text(self, node: TsNode) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def position(self, offset: int) -> Position:
        """The 1-based line and character column of a byte offset."""
        line = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[line]
        if self.ascii:
            return Position(line + 1, offset - start + 1)
        column = len(self.data[start:offset].decode("utf-8", "replace"))
        return Position(line + 1, column + 1)

    def span(self, node: TsNode) -> tuple[Position, Position]:
        return self.position(node.start_byte), self.position(node.end_byte)

    def damage(self) -> list[Damage]:
        """The regions tree-sitter could not read, outermost first, in source order."""
        if not self.root.has_error:
            return []
        found: list[Damage] = []
        stack = [self.root]
        while stack and len(found) < MAX_DAMAGE:
            node = stack.pop()
            if node.is_error or node.is_missing:
                start, end = self.span(node)
                found.append(Damage(start, end, self._describe(node)))
                continue
            stack.extend(child for child in reversed(node.children) if child.has_error)
        return sorted(found, key=lambda damage: (damage.start.line, damage.start.column))

    def _describe(self, node: TsNode) -> str:
        if node.is_missing:
            return f"syntax error: missing `{node.type}`"
        text = self.text(node).strip().split("\n", 1)[0]
        if len(text) > 30:
            text = text[:29] + "…"
        return f"syntax error: unexpected `{text}`" if text else "syntax error"


def parse(source: str, grammar: Grammar) -> Parsed:
    data = source.encode("utf-8", "surrogatepass")
    return Parsed(parser(grammar).parse(data), data, grammar)
