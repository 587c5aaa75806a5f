"""The ``key: value`` lines of a YAML lock file (pnpm-lock.yaml, yarn berry's yarn.lock),
each with the keys that enclose it.

Lock files are machine-written block mappings: one key per line, nesting by indentation,
scalars plain or quoted, flow mappings (``{integrity: ...}``) kept as text. That much is
read here, line by line, in time linear in the text; lists, anchors and multi-line
scalars are passed over. No YAML library is needed for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A key (quoted or plain), a colon, and the rest of the line.
_ENTRY = re.compile(r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s"'#][^:#]*?(?:\([^)]*\))*))"""
                    r""":(?:\s+(.*))?""")
#: Deeper than this, a lock file has nothing cio-lint reads.
MAX_DEPTH = 8


def entries(text: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(enclosing keys + key, value)`` for each mapping line; ``""`` for a key that opens
    a nested mapping."""
    stack: list[tuple[int, str]] = []
    for raw in text.splitlines():
        stripped = raw.lstrip(" ")
        if not stripped or stripped.startswith(("#", "-")):
            continue
        indent = len(raw) - len(stripped)
        match = _ENTRY.fullmatch(stripped.rstrip())
        if match is None:
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        key = _key(match)
        if len(stack) >= MAX_DEPTH:
            continue
        yield (*(k for _, k in stack), key), scalar(match.group(4) or "")
        stack.append((indent, key))


def scalar(text: str) -> str:
    """A plain or quoted scalar's text, its comment dropped."""
    text = text.strip()
    if text[:1] == '"' and text.endswith('"') and len(text) > 1:
        return text[1:-1].replace('\\"', '"')
    if text[:1] == "'" and text.endswith("'") and len(text) > 1:
        return text[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*", "", text)


def _key(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1).replace('\\"', '"')
    if match.group(2) is not None:
        return match.group(2).replace("''", "'")
    return match.group(3).strip()
