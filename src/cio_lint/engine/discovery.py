"""Finding the files to lint (every language a frontend reads): walking, exclusion and
path display."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cio_lint.analysis.frontends import SUFFIXES, frontend_for

PYTHON_SUFFIXES = (".py", ".pyi")
#: How much of a file its frontend may read to say it is not source (minified, generated).
HEAD_BYTES = 4096


@dataclass(frozen=True)
class SourceFile:
    """A file to lint: where it is on disk and the path shown to the user."""

    path: Path
    display: str
    #: Named by the user rather than found by walking a directory.
    explicit: bool = False


@dataclass(frozen=True)
class Skipped:
    """A path passed over while walking, with the reason (shown with --verbose)."""

    display: str
    reason: str


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path relative to the working directory when under it, POSIX-style."""
    base = cwd or Path.cwd()
    resolved = real_path(path)  # not Path.resolve(): that raises on a symlink loop
    if path.is_symlink() and not resolved.exists():
        # A broken or looping link: name the link the user has, not a missing target.
        resolved = real_path(path.absolute().parent) / path.name
    try:
        return resolved.relative_to(real_path(base)).as_posix()
    except ValueError:
        return path.as_posix()


def real_path(path: Path) -> Path:
    """The file behind ``path`` (symlinks followed; never raises, even on a loop), so a
    file reached through a symlinked directory or file is linted once, not twice."""
    return Path(os.path.realpath(path))


#: Why a path is left out (``excluded by `exclude```), or None to keep it. Called with
#: the path, whether it is a directory, and whether the user named it: a walked path
#: is judged by its own name only, since its directories were judged on the way down
#: (and one named by the user is walked whatever exclusions say, as ruff does); a
#: named path (``--force-exclude``) is excluded when any directory above it is.
Exclusion = Callable[[Path, bool, bool], "str | None"]


def discover(
    paths: Sequence[Path],
    is_excluded: Exclusion,
    *,
    force_exclude: bool = False,
    skipped: list[Skipped] | None = None,
    suffixes: tuple[str, ...] = SUFFIXES,
) -> Iterator[SourceFile]:
    """Yield the files to lint under ``paths`` in a stable (sorted) order.

    Directories are walked for ``suffixes`` (every frontend's) without following
    symlinked directories (so a symlink loop cannot trap the walk), passing over the
    files their frontend says are not source (a ``.d.ts``, a minified bundle, generated
    code). A path named explicitly is linted (a directory: walked) unless
    ``force_exclude`` is set and it is excluded or not source. Every path passed over is
    added to ``skipped`` with the reason.
    """
    seen: set[Path] = set()
    for given in paths:
        if force_exclude:
            reason = is_excluded(given, given.is_dir(), True)
            if reason is None and given.is_file():
                reason = not_source(given)
            if reason is not None:
                _skip(skipped, display_path(given), reason)
                continue
        if given.is_dir():
            yield from _walk(given, is_excluded, seen, skipped, suffixes)
        else:
            key = real_path(given)
            if key not in seen:
                seen.add(key)
                yield SourceFile(given, display_path(given), explicit=True)


def not_source(path: Path) -> str | None:
    """Why the file at ``path`` is not source to check, as its frontend judges it."""
    return frontend_for(path.name).not_source(path.name, lambda: _head(path))


def _head(path: Path) -> bytes:
    """The first bytes of a file; none when it cannot be read (reading it says why)."""
    try:
        with path.open("rb") as stream:
            return stream.read(HEAD_BYTES)
    except OSError:
        return b""


def _skip(skipped: list[Skipped] | None, display: str, reason: str) -> None:
    if skipped is not None:
        skipped.append(Skipped(display, reason))


def _walk(
    top: Path,
    is_excluded: Exclusion,
    seen: set[Path],
    skipped: list[Skipped] | None,
    suffixes: tuple[str, ...],
) -> Iterator[SourceFile]:
    def on_error(error: OSError) -> None:
        _skip(skipped, str(error.filename), error.strerror or str(error))

    def kept(path: Path, is_dir: bool) -> bool:
        reason = is_excluded(path, is_dir, False)
        if reason is not None:
            _skip(skipped, display_path(path) + ("/" if is_dir else ""), reason)
        return reason is None

    for directory, dirnames, filenames in os.walk(top, onerror=on_error):
        base = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if kept(base / d, True))
        # Resolved once per directory: a plain file's real and shown paths follow from it.
        real_base = real_path(base)
        shown_base = display_path(base)
        for name in sorted(filenames):
            if not name.endswith(suffixes):
                continue
            path = base / name
            if not kept(path, False):
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue  # gone since the directory was listed
            if stat.S_ISLNK(mode):
                if not path.exists():
                    _skip(skipped, display_path(path), "broken symbolic link")
                    continue
                key, shown = real_path(path), display_path(path)
                mode = os.stat(path).st_mode
            else:
                key = real_base / name
                shown = name if shown_base == "." else f"{shown_base}/{name}"
            if not stat.S_ISREG(mode):
                if not stat.S_ISDIR(mode):
                    _skip(skipped, shown, "not a regular file")
                continue
            if key in seen:
                continue
            seen.add(key)
            reason = not_source(path)
            if reason is not None:
                _skip(skipped, shown, reason)
                continue
            yield SourceFile(path, shown)
