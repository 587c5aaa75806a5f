"""Writing files safely: a temporary file in the same directory, then a rename.

A reader (or a crash) never sees a half-written file, and an existing file keeps
its permission bits. Temporary files are named ``.NAME.cio-lint-XXXXXXXX.tmp`` so
that the next write of NAME can tell its own leftovers (from a run that was killed)
from anybody else's files, and remove them. A write never leaves the project through
a symbolic link: ``link_out_of_project`` says when it would.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

#: What a temporary file of ours is called, beside the file it replaces.
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".cio-lint-", ".tmp"
#: A temporary file this old was left by a run that died: no write takes this long.
STALE_AFTER_SECONDS = 5 * 60


def write_atomically(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` in one step.

    A symlink is written through: the file it points to is replaced and the link
    stays a link (renaming over the link itself would turn it into a copy). Callers
    that must not leave the project check ``link_out_of_project`` first.
    """
    path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    import tempfile  # with shutil, bz2 and lzma: loaded by the first write, not every run

    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}{TEMPORARY_PREFIX}", suffix=TEMPORARY_SUFFIX, dir=directory
    )
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    remove_stale_temporaries(path)


def remove_stale_temporaries(path: Path) -> None:
    """Remove what killed runs left while writing ``path``: only our own regular files,
    named as ours for that very file and older than any write takes."""
    ours = re.compile(
        re.escape(f".{path.name}{TEMPORARY_PREFIX}") + r"[A-Za-z0-9_]+"
        + re.escape(TEMPORARY_SUFFIX)
    )
    cutoff = time.time() - STALE_AFTER_SECONDS
    try:
        candidates = [e for e in os.scandir(path.parent) if ours.fullmatch(e.name)]
    except OSError:
        return
    for entry in candidates:
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
                    and info.st_mtime < cutoff):
                os.unlink(entry.path)


def link_out_of_project(path: Path, project: Path) -> str | None:
    """Why writing ``path`` would go through a symbolic link out of ``project`` (None: it
    would not).

    A link that stays inside the project is written through, and a plain path the user
    names outside the project is theirs to name; but a link (a committed one, say) must
    never carry a write out of the project, and a dangling link must never create its
    target wherever it points.
    """
    absolute = Path(os.path.abspath(path))
    if absolute.is_symlink() and not absolute.exists():
        return "is a dangling link"
    resolved = Path(os.path.realpath(absolute))
    real_project = Path(os.path.realpath(project))
    if resolved.is_relative_to(real_project):
        return None
    named_inside = absolute.is_relative_to(os.path.abspath(project)) or absolute.is_relative_to(
        real_project
    )
    if named_inside or absolute.is_symlink():
        return f"is a link out of the project (to {resolved})"
    return None
