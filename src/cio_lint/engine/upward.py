"""The nearest directory that answers, looking up from a directory: each asked once.

A walk asks for every directory of a tree which configuration file governs it and
which repository holds it; both answers come from the nearest directory above that
has one, so remembering each directory's answer makes the whole walk probe every
directory once instead of once per directory below it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def nearest(directory: Path, memo: dict[Path, T | None],
            probe: Callable[[Path], T | None]) -> T | None:
    """``probe``'s answer for ``directory`` or the nearest directory above it that has
    one (None: none has); ``memo`` keeps each directory's answer for the next call."""
    asked: list[Path] = []
    found = None
    for candidate in (directory, *directory.parents):
        if candidate in memo:
            found = memo[candidate]
            break
        asked.append(candidate)
        found = probe(candidate)
        if found is not None:
            break
    memo.update(dict.fromkeys(asked, found))
    return found
