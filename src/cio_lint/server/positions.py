"""Positions between cio-lint and the editor.

cio-lint counts lines from 1 and columns in characters from 1; LSP counts both from 0,
and columns in the code units of the encoding the two sides agreed on (UTF-16 unless
the editor offers another), so a line with an emoji or a CJK name before a finding
would otherwise put the squiggle in the wrong place.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from cio_lint.core.findings import Position


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_client(lines: Sequence[str], position: Position, encoding: str) -> types.Position:
    """cio-lint's ``position`` in ``lines`` (without their endings) as the editor counts."""
    index = max(position.line - 1, 0)
    line = lines[index] if index < len(lines) else ""
    return types.Position(index, _units(line[: max(position.column - 1, 0)], encoding))


def from_client(lines: Sequence[str], position: types.Position, encoding: str) -> Position:
    """The editor's ``position`` as cio-lint counts (a column past the line: its end)."""
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for column, char in enumerate(line):
        if count >= position.character:
            return Position(position.line + 1, column + 1)
        count += _units(char, encoding)
    return Position(position.line + 1, len(line) + 1)


def client_range(
    lines: Sequence[str], start: Position, end: Position, encoding: str
) -> types.Range:
    return types.Range(to_client(lines, start, encoding), to_client(lines, end, encoding))
