"""Facts: the small observations a file hands to the project phase.

A project rule (one that needs every file, like "tracks but never identifies")
records facts while a file is analysed and judges them once per project. Facts
travel to worker processes and back and are stored in the result cache as JSON,
so their key and value are limited to what JSON can carry back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cio_lint.core.findings import Position

#: What a fact's key and value may be: plain scalars and (nested) tuples of them.
#: Anything richer (an Enum, a frozenset) would not survive the cache; pass its
#: ``.value`` or a sorted tuple instead.
FactValue = str | int | float | bool | None | tuple["FactValue", ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """One observation of one rule at one place of one file."""

    rule: str
    key: FactValue
    value: FactValue
    path: str
    start: Position
    end: Position
    #: The source quoted in a finding about this fact, secrets masked.
    wrong: str
    #: The project root (directory of the governing pyproject.toml) of the file.
    project: str = ""
