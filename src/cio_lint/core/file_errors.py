"""A file the run could not lint: kept apart from ``findings`` because reading files
needs it on every run, and findings only when some file is analysed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileError:
    """A file that could not be linted at all (I/O), or an internal error."""

    path: str
    message: str
    internal: bool = False
