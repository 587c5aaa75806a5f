"""Finding the files to lint (every language a frontend reads): walking, exclusion and
path display."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from cio_lint.analysis.frontends import SUFFIXES, frontend_for
from cio_lint.core import probes

PYTHON_SUFFIXES = (".py", ".pyi")
#: How much of a file its frontend may read to say it is not source (minified, generated).
HEAD_BYTES = 4096
#: Why a found file is not source to check (None: it is), as ``not_source`` says.
SourceJudge = Callable[[Path], "str | None"]


@dataclass(frozen=True)
class SourceFile:
    """A file to lint: where it is on disk and the path shown to the user."""

    path: Path
    display: str
    #: Named by the user rather than found by walking a directory.
    explicit: bool = False
    #: The absolute folder a walk found the file in ("" when named), so its
    #: configuration is looked up once per folder, not once per file.
    folder: str = field(default="", compare=False)

    def absolute(self) -> str:
        """The file's absolute path (a walked file's without asking for the working
        directory)."""
        return os.path.join(self.folder, self.path.name) if self.folder else os.path.abspath(
            self.path)


class Skipped(NamedTuple):
    """A path passed over while walking, with the reason (shown with --verbose). (A named
    tuple: every run defines it, and it costs a third of a frozen dataclass.)"""

    display: str
    reason: str


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path relative to the working directory when under it, POSIX-style."""
    base = cwd or Path.cwd()
    resolved = real_path(path)  # not Path.resolve(): that raises on a symlink loop
    if probes.is_link(path) and not resolved.exists():
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


class Exclusion(Protocol):
    """Why a path is left out (``excluded by `exclude```), or None to keep it.

    Called with the path, whether it is a directory, and whether the user named it: a
    named path (``--force-exclude``) is excluded when any directory above it is. A walk
    asks ``in_directory`` once per directory it lists, then judges each entry by its
    name: its directories were judged on the way down (and one named by the user is
    walked whatever exclusions say, as ruff does).
    """

    def __call__(self, path: Path, is_dir: bool, named: bool) -> str | None: ...

    def in_directory(self, directory: str) -> Callable[[str, bool], str | None]:
        """The judge of the entries (name, is a directory) of the absolute ``directory``."""
        ...


def discover(
    paths: Sequence[Path],
    is_excluded: Exclusion,
    *,
    force_exclude: bool = False,
    skipped: list[Skipped] | None = None,
    suffixes: tuple[str, ...] = SUFFIXES,
    judge_source: SourceJudge | None = None,
) -> Iterator[SourceFile]:
    """Yield the files to lint under ``paths`` in a stable (sorted) order.

    Directories are walked for ``suffixes`` (every frontend's) without following
    symlinked directories (so a symlink loop cannot trap the walk), passing over the
    files their frontend says are not source (a ``.d.ts``, a minified bundle, generated
    code). A path named explicitly is linted (a directory: walked) unless
    ``force_exclude`` is set and it is excluded or not source. Every path passed over is
    added to ``skipped`` with the reason. ``judge_source`` says whether a file is source
    (``not_source`` unless a run's manifest remembers: ``Contents.not_source``).
    """
    judge_source = judge_source or not_source
    seen: set[str] = set()
    for given in paths:
        if force_exclude:
            reason = is_excluded(given, probes.is_dir(given), True)
            if reason is None and probes.is_file(given):
                reason = judge_source(given)
            if reason is not None:
                _skip(skipped, display_path(given), reason)
                continue
        if probes.is_dir(given):
            yield from _walk(given, is_excluded, seen, skipped, suffixes, judge_source)
        else:
            key = os.path.realpath(given)
            if key not in seen:
                seen.add(key)
                yield SourceFile(given, display_path(given), explicit=True)


def not_source(path: Path, head: Callable[[], bytes] | None = None) -> str | None:
    """Why the file at ``path`` is not source to check, as its frontend judges it;
    ``head`` reads its first bytes, if the frontend asks (default: ``read_head``)."""
    return frontend_for(path.name).not_source(path.name, head or (lambda: read_head(path)))


def read_head(path: Path) -> bytes:
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
    seen: set[str],
    skipped: list[Skipped] | None,
    suffixes: tuple[str, ...],
    judge_source: SourceJudge,
) -> Iterator[SourceFile]:
    """Each directory is listed once (``os.scandir``: an entry's type comes with its
    name, so a plain file costs no system call here) and judged once; its files are
    yielded before its subdirectories are walked, all in sorted order."""
    cwd = os.path.realpath(os.getcwd())
    pending = [(str(top), os.path.abspath(top), os.path.realpath(top))]
    while pending:
        given, absolute, real = pending.pop()
        try:
            with os.scandir(given) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            _skip(skipped, str(error.filename), error.strerror or str(error))
            continue
        judge = is_excluded.in_directory(absolute)
        shown_base = _shown(real, given, cwd)
        below: list[tuple[str, str, str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            if not _is_dir(entry):
                files.append(entry)
                continue
            reason = judge(entry.name, True)
            if reason is not None:
                _skip(skipped, _joined(shown_base, entry.name) + "/", reason)
            elif not entry.is_symlink():  # a linked directory is never followed
                below.append((entry.path, os.path.join(absolute, entry.name),
                              os.path.join(real, entry.name)))
        for entry in files:
            found = _file(entry, judge, (shown_base, real, absolute), seen, skipped, suffixes,
                          judge_source)
            if found is not None:
                yield found
        pending.extend(reversed(below))


def _file(
    entry: os.DirEntry[str],
    judge: Callable[[str, bool], str | None],
    folder: tuple[str, str, str],
    seen: set[str],
    skipped: list[Skipped] | None,
    suffixes: tuple[str, ...],
    judge_source: SourceJudge,
) -> SourceFile | None:
    """The file a directory entry is, unless it is passed over (and why); ``folder`` is
    its directory as shown, real and absolute."""
    shown_base, real_base, absolute = folder
    name = entry.name
    if not name.endswith(suffixes):
        return None
    reason = judge(name, False)
    path = Path(entry.path)
    if reason is not None:
        _skip(skipped, _joined(shown_base, name), reason)
        return None
    if entry.is_symlink():
        if not path.exists():
            _skip(skipped, display_path(path), "broken symbolic link")
            return None
        key, shown = str(real_path(path)), display_path(path)
        try:
            regular, is_dir = entry.is_file(), entry.is_dir()
        except OSError:
            return None
    else:
        key, shown = os.path.join(real_base, name), _joined(shown_base, name)
        regular, is_dir = entry.is_file(follow_symlinks=False), False
    if not regular:
        if not is_dir:
            _skip(skipped, shown, "not a regular file")
        return None
    if key in seen:
        return None
    seen.add(key)
    reason = judge_source(path)
    if reason is not None:
        _skip(skipped, shown, reason)
        return None
    return SourceFile(path, shown, folder=absolute)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A directory, or a link to one (judged like one, never entered), as ``os.walk``
    sorts entries."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _shown(real: str, given: str, cwd: str) -> str:
    """How a walked directory is shown: relative to the working directory when under it
    (as ``display_path``), else as given. Computed from its real path, without a system
    call, since a walk never enters a link."""
    if real == cwd:
        return "."
    if real.startswith(cwd.rstrip(os.sep) + os.sep):
        return Path(real[len(cwd.rstrip(os.sep)) + 1:]).as_posix()
    return Path(given).as_posix()


def _joined(shown_base: str, name: str) -> str:
    return name if shown_base == "." else f"{shown_base}/{name}"
