"""JavaScript/TypeScript comments as tree-sitter reads them, and where a new one is safe.

A ``// noqa`` inside a string, a template literal or JSX text is not a comment, so only
tree-sitter's ``comment`` nodes count (``{/* noqa */}`` in JSX is one). A line comment
may be added at the end of a line only when that end is code: not inside a string,
template, regular expression or block comment (where it would change a value or stop
nothing), nor between JSX tags (where ``// noqa`` would be rendered as text).
"""

from __future__ import annotations

from functools import cache

from tree_sitter import Node as TsNode
from tree_sitter import Query, QueryCursor

from cio_lint.analysis.comment import Comment
from cio_lint.analysis.javascript.grammars import Grammar, language
from cio_lint.analysis.javascript.parsing import Parsed

#: Nodes whose inside is not code: a line end in one cannot take a comment.
_NOT_CODE = frozenset({
    "string", "template_string", "regex", "comment", "jsx_text", "jsx_element",
    "jsx_fragment", "jsx_opening_element", "jsx_closing_element",
    "jsx_self_closing_element", "html_comment",
})
#: Code again inside one of those: ``${...}`` in a template, ``{...}`` in JSX.
_CODE_AGAIN = frozenset({"template_substitution", "jsx_expression"})


@cache
def _comment_query(grammar: Grammar) -> Query:
    query: Query = Query(language(grammar), "(comment) @comment")
    return query


def comments(parsed: Parsed) -> list[Comment]:
    """Every comment of the file in source order, with whether it stands alone."""
    captured = QueryCursor(_comment_query(parsed.grammar)).captures(parsed.root)
    nodes = sorted(captured.get("comment", ()), key=lambda node: node.start_byte)
    found = []
    for node in nodes:
        start = parsed.position(node.start_byte)
        line_start = parsed.data.rfind(b"\n", 0, node.start_byte) + 1
        alone = not parsed.data[line_start : node.start_byte].strip()
        found.append(Comment(start.line, start.column, parsed.text(node), own_line=alone))
    return found


def line_comment_lines(parsed: Parsed) -> frozenset[int]:
    """The lines (1-based) whose end is code, where ``// ...`` may be appended."""
    data = parsed.data
    safe = set()
    line = 1
    offset = data.find(b"\n")
    while offset >= 0:
        end = offset - 1 if offset > 0 and data[offset - 1] == 0x0D else offset
        if _is_code(parsed.root, end):
            safe.add(line)
        line += 1
        offset = data.find(b"\n", offset + 1)
    if data and not data.endswith(b"\n") and _is_code(parsed.root, len(data)):
        safe.add(line)
    return frozenset(safe)


def _is_code(root: TsNode, offset: int) -> bool:
    """Is the point just before ``offset``'s byte code, outside anything that spans it?"""
    node: TsNode | None = root.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.start_byte < offset < node.end_byte:
            if node.type in _CODE_AGAIN:
                return True
            if node.type in _NOT_CODE or node.is_error:
                return False
        node = node.parent
    return True
