"""Why a file cannot be analysed, raised by a frontend and reported as CIO000.

A module of its own: the engine and the parsers raise and catch it, and none of them
needs the frontend protocol for that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cio_lint.core.findings import Position


class Unparsable(Exception):
    """The file cannot be analysed: where, and why, in words fit for a finding."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message
