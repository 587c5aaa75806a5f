"""Removing what a cache directory holds: everything (``cio-lint clean``), or the entries
of older formats, which no run reads again, at the end of a run that writes the cache.

Only what cio-lint writes there is removed (``v<N>`` entry directories, its
``.gitignore``, unfinished temporary files), never through a link: ``--cache-dir`` may
name a directory that holds other things too.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

_FORMAT_DIRECTORY = re.compile(r"v[0-9]+")
_OURS = re.compile(r"v[0-9]+|\.gitignore|\..+\.tmp")


def prune_formats(root: Path, current: str) -> list[str]:
    """Remove the entry directories of formats other than ``current``; their names."""
    return _remove(root, lambda name: bool(_FORMAT_DIRECTORY.fullmatch(name))
                   and name != current)


def clear(root: Path) -> list[str]:
    """Remove every cache entry under ``root`` (and ``root``, when that empties it)."""
    removed = _remove(root, lambda name: bool(_OURS.fullmatch(name)))
    with contextlib.suppress(OSError):
        os.rmdir(root)
    return removed


def _remove(root: Path, wanted: Callable[[str], bool]) -> list[str]:
    removed: list[str] = []
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return removed
    for entry in entries:
        if not wanted(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil  # only removing a whole cache needs it

                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)  # a file, or a link: never what it points to
        except OSError:
            continue
        removed.append(entry.name)
    return removed
