"""Reading a project's own small files (dependency lists, lock files) without trusting
them: only regular files, within a size limit, and only those that resolve inside the
project root, so a link to ``/etc`` or ``/dev/zero`` is passed over, never read."""

from __future__ import annotations

from pathlib import Path

from cio_lint.core import probes
from cio_lint.core.bounded_read import read_regular_file


def text_of(path: Path, limit: int) -> str | None:
    """The UTF-8 text of a regular file, or None when it is missing, odd or too big."""
    try:
        return read_regular_file(path, limit).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def inside(base: Path, path: Path) -> Path | None:
    """``path`` resolved, when it stays within the project root ``base`` (resolved)."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    try:
        resolved.relative_to(base)
    except ValueError:
        return None
    return resolved


def text_inside(base: Path, path: Path, limit: int) -> str | None:
    """The text of ``path`` when it resolves inside ``base``; None otherwise."""
    if not probes.lexists(path):
        return None  # most places asked about hold no such file: one lstat says so
    resolved = inside(base, path)
    return text_of(resolved, limit) if resolved is not None else None
