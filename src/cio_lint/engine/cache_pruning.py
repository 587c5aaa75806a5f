"""Removing cache entries no run has used for a while, so a cache does not grow forever.

An entry's modification time says when a run last wrote or used it: a hit refreshes
it, but at most once a day (``REFRESH_AFTER``), so a warm run stays read-mostly. A run
that writes the cache removes the entries of the current format unused for
``MAX_AGE`` (30 days), at most once a day per cache directory: the marker
``v<N>/.pruned`` says by its modification time when that last happened. Only regular
files named as cio-lint names them (entries, and temporary files a stopped run left)
are removed, never a link, never anything in a directory reached through one. A
concurrent run that finds an entry gone computes the file again, as for any miss.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

DAY = 24 * 60 * 60
MAX_AGE = 30 * DAY
REFRESH_AFTER = DAY
MARKER = ".pruned"
MARKER_TEXT = b"# When cio-lint last removed entries unused for 30 days (this file's mtime).\n"

_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_OURS = re.compile(rf"{_ENTRY.pattern}|\..+\.tmp")


def pruning_due(directory: Path, now: float) -> bool:
    """Whether the marker in ``directory`` is missing, not ours, or not from the last day."""
    try:
        status = os.lstat(directory / MARKER)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return not stat.S_ISREG(status.st_mode) or not 0 <= now - status.st_mtime < DAY


def remove_unused(directory: Path, now: float) -> list[str]:
    """Remove the entries under ``directory`` unused since ``now - MAX_AGE``; their paths."""
    return _remove([(shown, path) for used, path, shown in _ours(directory, _OURS)
                    if now - used >= MAX_AGE])


def keep_newest(directory: Path, count: int) -> list[str]:
    """Remove all but the ``count`` most recently used entries under ``directory``;
    their paths."""
    newest_first = sorted(_ours(directory, _ENTRY), reverse=True)
    return _remove([(shown, path) for _, path, shown in newest_first[count:]])


def _ours(directory: Path, names: re.Pattern[str]) -> list[tuple[float, str, str]]:
    """(last used, path, path within ``directory``) of each regular file named as
    ``names`` says in the shards of ``directory``: never a link, nor through one."""
    found: list[tuple[float, str, str]] = []
    for shard in _real_directories(directory, _SHARD):
        try:
            files = list(os.scandir(shard))
        except OSError:
            continue
        for file in files:
            if not names.fullmatch(file.name):
                continue
            try:
                status = file.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode):
                found.append((status.st_mtime, file.path, os.path.join(shard.name, file.name)))
    return found


def _remove(files: list[tuple[str, str]]) -> list[str]:
    """Unlink each (shown, path): were one a link by now, the link goes, never its target."""
    removed: list[str] = []
    for shown, path in files:
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed.append(shown)
    return removed


def _real_directories(directory: Path, names: re.Pattern[str]) -> list[os.DirEntry[str]]:
    """The subdirectories of ``directory`` whose names match, links and all else left out."""
    try:
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            return []
        return sorted((entry for entry in os.scandir(directory)
                       if names.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)),
                      key=lambda entry: entry.name)
    except OSError:
        return []
