"""Code quoted in a message: one line, comments dropped, whitespace runs collapsed.

Strings and templates keep their text; only the space between tokens is rewritten.
"""

from __future__ import annotations

import re

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript.parsing import Parsed

_SPACE = re.compile(r"\s+")
_KEPT = frozenset({"string", "template_string", "regex", "jsx_text"})


def one_line(parsed: Parsed, node: TsNode) -> str:
    """``node``'s source on one line, without its comments."""
    pieces: list[str] = []
    position = node.start_byte
    stack = [node]
    kept: list[tuple[int, int, bool]] = []  # (start, end, keep text as is)
    while stack:
        current = stack.pop()
        if current.type == "comment":
            kept.append((current.start_byte, current.end_byte, False))
            continue
        if current.type in _KEPT:
            kept.append((current.start_byte, current.end_byte, True))
            continue
        stack.extend(current.children)
    for start, end, keep in sorted(kept):
        pieces.append(_squeeze(parsed.data[position:start]))
        if keep:
            pieces.append(parsed.data[start:end].decode("utf-8", "replace").replace("\n", "\\n"))
        else:
            pieces.append(" ")
        position = end
    pieces.append(_squeeze(parsed.data[position : node.end_byte]))
    text = "".join(pieces)
    text = re.sub(r"([(\[{]) ", r"\1", text)
    text = re.sub(r" ([)\]},])", r"\1", text)
    return _SPACE.sub(" ", text).strip()


def _squeeze(data: bytes) -> str:
    return _SPACE.sub(" ", data.decode("utf-8", "replace"))
