"""One editor document as cio-lint sees it, and the smallest edit between two texts."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from cio_lint.core.findings import Position
from cio_lint.core.lines import line_starts, lines_without_ends
from cio_lint.server.positions import to_client


@dataclass(frozen=True)
class Document:
    """The text of ``uri`` at ``version`` (None: the disk's text of a file not open)."""

    uri: str
    path: Path
    text: str
    version: int | None = None
    lines: list[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", lines_without_ends(self.text))


def minimal_edit(document: Document, new_text: str, encoding: str) -> types.TextEdit:
    """One edit turning ``document``'s text into ``new_text``, touching only what differs,
    so the editor keeps the cursor, folds and marks everywhere else."""
    old = document.text
    prefix = 0
    limit = min(len(old), len(new_text))
    while prefix < limit and old[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < limit - prefix
           and old[len(old) - 1 - suffix] == new_text[len(new_text) - 1 - suffix]):
        suffix += 1
    starts = line_starts(old)
    return types.TextEdit(
        range=types.Range(
            to_client(document.lines, _position(starts, prefix), encoding),
            to_client(document.lines, _position(starts, len(old) - suffix), encoding),
        ),
        new_text=new_text[prefix: len(new_text) - suffix],
    )


def _position(starts: list[int], offset: int) -> Position:
    line = bisect.bisect_right(starts, offset) - 1
    return Position(line + 1, offset - starts[line] + 1)


def workspace_edit(
    document: Document, edit: types.TextEdit, versioned: bool
) -> types.WorkspaceEdit:
    """``edit`` of ``document``: tied to its version when the editor can check that, so a
    change made to a newer text is refused instead of applied in the wrong place."""
    if versioned:
        identifier = types.OptionalVersionedTextDocumentIdentifier(document.uri, document.version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(identifier, [edit])])
    return types.WorkspaceEdit(changes={document.uri: [edit]})
