"""The parts of Python source that can hold its import statements, found without parsing.

A Python file can only use what another project module exports by importing that
module, and every import statement spells the keyword ``import``; so a module's name
that a file does not hold within one of these parts is one it does not import. The
parts are much smaller than the file (a twentieth of the standard library's bytes),
so searching them for the names of many exporting modules is cheap (the engine's
prefilter does, for every file it skipped).

Each part is the logical line of an ``import`` (as bytes: in a comment or a string as
well as in code, since only more is taken), from the start of its physical line, and
back over the lines a backslash continues into it (``from app \\`` then
``.clients import cio``), to its end: through backslash continuations and, for the
names of a ``from`` import in brackets, to the bracket that closes them (a ``#`` there
starts a comment, which may hold a bracket of its own). ``\\n``, ``\\r\\n`` and ``\\r``
all end a line, as they do for Python.
"""

from __future__ import annotations

KEYWORD = b"import"


def import_text(data: bytes) -> bytes:
    """The parts of ``data`` that can hold an import statement, one per line."""
    parts: list[bytes] = []
    at = data.find(KEYWORD)
    while at >= 0:
        end = _statement_end(data, at + len(KEYWORD))
        parts.append(data[_statement_start(data, at):end])
        at = data.find(KEYWORD, end)
    return b"\n".join(parts)


def _line_start(data: bytes, at: int) -> int:
    """Where the physical line holding ``at`` starts."""
    newline = data.rfind(b"\n", 0, at)
    return max(newline, data.rfind(b"\r", newline + 1, at)) + 1


def _line_end(data: bytes, at: int) -> int:
    """Where the physical line holding ``at`` ends (its line break, or the end)."""
    newline = data.find(b"\n", at)
    if newline < 0:
        newline = len(data)
    carriage = data.find(b"\r", at, newline)
    return newline if carriage < 0 else carriage


def _next_line(data: bytes, end: int) -> int:
    """Where the line after the line break at ``end`` starts."""
    return end + (2 if data[end:end + 2] == b"\r\n" else 1)


def _statement_start(data: bytes, at: int) -> int:
    """The start of the physical line holding ``at``, or of the first line a backslash
    continues into it."""
    start = _line_start(data, at)
    while start > 0:
        end = start - 1  # the line break before ``start``: "\n", "\r", or "\r\n"'s "\n"
        if data[end] == ord("\n") and end > 0 and data[end - 1] == ord("\r"):
            end -= 1
        if end == 0 or data[end - 1] != ord("\\"):
            break
        start = _line_start(data, end)
    return start


def _statement_end(data: bytes, at: int) -> int:
    """The end of the logical line that goes on at ``at``: through backslash
    continuations, and through the bracket an opening one there asks for."""
    bracketed = False
    while True:
        end = _line_end(data, at)
        code = data[at:end]
        comment = code.find(b"#")
        if comment >= 0:
            code = code[:comment]
        if bracketed:
            close = code.find(b")")
            if close >= 0:
                return at + close + 1
        else:
            opening = code.find(b"(")
            if opening >= 0:
                bracketed, at = True, at + opening + 1
                continue
            if comment >= 0 or not code.endswith(b"\\"):
                return end
        if end == len(data):
            return end
        at = _next_line(data, end)
