"""The records every stage hands on: findings and their fixes.

One ``Finding`` feeds every output format, the baseline and the fixer, so it
carries everything any of them needs and nothing that depends on one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cio_lint.core.rule_meta import Severity as Severity
from cio_lint.core.rule_meta import docs_url as docs_url


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """A place in a file: 1-based line, 1-based column counted in characters."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from ``start`` up to (not including) ``end``."""

    start: Position
    end: Position
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A rewrite of one finding. Safe fixes never change what the program means
    beyond correcting the mistake; unsafe ones need a human's look."""

    edits: tuple[Edit, ...]
    safe: bool
    description: str


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding rests on: a link of the chain of project functions that
    leads from the reported call to the SDK, so a reviewer can check it in seconds."""

    path: str
    start: Position
    end: Position
    message: str


#: Ends a finding's own message where the chain of calls it was made through begins
#: (``...; via `record_signup()` -> `cio.track` at app/events.py:42``).
VIA = "; via "


@dataclass(frozen=True, slots=True)
class Finding:
    """One occurrence of one rule's mistake in one file."""

    code: str
    name: str
    severity: Severity
    path: str
    start: Position
    end: Position
    message: str
    wrong: str
    correct: str
    fix: Fix | None = None
    #: Lines on which a ``# noqa`` comment suppresses this finding.
    suppression_lines: tuple[int, ...] = field(default=(), compare=False)
    #: The intermediate places of a finding made through project functions.
    related: tuple[Related, ...] = ()

    @property
    def line(self) -> int:
        return self.start.line

    @property
    def column(self) -> int:
        return self.start.column

    @property
    def docs_url(self) -> str:
        return docs_url(self.code, self.name)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start.line, self.start.column, self.code)
