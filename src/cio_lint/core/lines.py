"""Lines as Python counts them: only ``\\r\\n``, ``\\r`` and ``\\n`` end a line.

``str.splitlines()`` also splits at form feed, VT, FS/GS/RS, NEL, U+2028 and
U+2029, which source code may hold inside strings and comments. Every position a
finding or an edit carries is in Python's lines, so every split of source text
that positions are counted in goes through here; one extra split would move each
later edit, quote and comment onto the wrong line.
"""

from __future__ import annotations

import re

_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LONE_CR = re.compile(r"\r(?!\n)")


def lines_with_ends(text: str) -> list[str]:
    """``text``'s lines, each with its line ending (``"".join`` gives ``text`` back)."""
    return _LINE.findall(text)


def lines_without_ends(text: str) -> list[str]:
    """``text``'s lines without their endings, as ``splitlines()`` would give in Python's model."""
    return [strip_line_end(line) for line in _LINE.findall(text)]


def strip_line_end(line: str) -> str:
    """``line`` without its line ending (and only that: a trailing form feed stays)."""
    return line.rstrip("\r\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line starts; a text ending in a newline also gets the
    offset of the empty line after it (where an edit may append)."""
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def with_lf_line_ends(text: str) -> str:
    """``text`` with each lone ``\\r`` made ``\\n``: the same lines and columns, for tools
    (``tokenize`` reading through ``io.StringIO``) that only split at ``\\n``."""
    return _LONE_CR.sub("\n", text)
