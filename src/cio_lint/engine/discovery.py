"""Finding the Python files to lint: walking, exclusion and path display."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PYTHON_SUFFIXES = (".py", ".pyi")


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


class GlobMatcher:
    """Exclude / per-file-ignores globs compiled once, matched against plain strings.

    A glob without ``/`` matches any single path component (``build``, ``*_pb2.py``);
    one with ``/`` matches the path relative to ``root`` (or anything below it).
    Walking a large tree asks this for every file, so it avoids filesystem calls.
    """

    def __init__(self, globs: Sequence[str], root: Path) -> None:
        self.root = os.path.abspath(root)
        component = [g.rstrip("/") for g in globs if "/" not in g.rstrip("/")]
        anchored = [g.rstrip("/").lstrip("./") for g in globs if "/" in g.rstrip("/")]
        self._component = _compile(component)
        self._anchored = _compile([*anchored, *(g + "/*" for g in anchored)])

    def matches(self, path: str | Path) -> bool:
        absolute = os.path.abspath(path)
        if absolute.startswith(self.root + os.sep):
            relative = absolute[len(self.root) + 1:]
        elif absolute == self.root:
            relative = ""
        else:
            relative = absolute.lstrip(os.sep)
        relative = relative.replace(os.sep, "/")
        if self._component is not None and any(
            self._component.match(part) for part in relative.split("/") if part
        ):
            return True
        return self._anchored is not None and self._anchored.match(relative) is not None


def _compile(globs: Sequence[str]) -> re.Pattern[str] | None:
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(glob)})" for glob in globs))


def matches_glob(path: str | Path, glob: str, root: Path) -> bool:
    """Does ``path`` match one exclude / per-file-ignores glob (relative to ``root``)?"""
    return GlobMatcher([glob], root).matches(path)


def real_path(path: Path) -> Path:
    """The file behind ``path`` (symlinks followed; never raises, even on a loop), so a
    file reached through a symlinked directory or file is linted once, not twice."""
    return Path(os.path.realpath(path))


def discover(
    paths: Sequence[Path],
    is_excluded: Callable[[Path], bool],
    *,
    force_exclude: bool = False,
    skipped: list[Skipped] | None = None,
) -> Iterator[SourceFile]:
    """Yield the files to lint under ``paths`` in a stable (sorted) order.

    Directories are walked for ``*.py``/``*.pyi`` without following symlinked
    directories (so a symlink loop cannot trap the walk). A file named explicitly
    is always linted unless ``force_exclude`` is set.
    """
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            yield from _walk(given, is_excluded, seen, skipped)
        elif force_exclude and is_excluded(given):
            continue
        else:
            key = real_path(given)
            if key not in seen:
                seen.add(key)
                yield SourceFile(given, display_path(given), explicit=True)


def _walk(
    top: Path,
    is_excluded: Callable[[Path], bool],
    seen: set[Path],
    skipped: list[Skipped] | None,
) -> Iterator[SourceFile]:
    def on_error(error: OSError) -> None:
        if skipped is not None:
            skipped.append(Skipped(str(error.filename), error.strerror or str(error)))

    for directory, dirnames, filenames in os.walk(top, onerror=on_error):
        base = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not is_excluded(base / d))
        # Resolved once per directory: a plain file's real and shown paths follow from it.
        real_base = real_path(base)
        shown_base = display_path(base)
        for name in sorted(filenames):
            if not name.endswith(PYTHON_SUFFIXES):
                continue
            path = base / name
            if is_excluded(path):
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue  # gone since the directory was listed
            if stat.S_ISLNK(mode):
                if not path.exists():
                    if skipped is not None:
                        skipped.append(Skipped(display_path(path), "broken symbolic link"))
                    continue
                key, shown = real_path(path), display_path(path)
                mode = os.stat(path).st_mode
            else:
                key = real_base / name
                shown = name if shown_base == "." else f"{shown_base}/{name}"
            if not stat.S_ISREG(mode):
                if skipped is not None and not stat.S_ISDIR(mode):
                    skipped.append(Skipped(shown, "not a regular file"))
                continue
            if key not in seen:
                seen.add(key)
                yield SourceFile(path, shown)
