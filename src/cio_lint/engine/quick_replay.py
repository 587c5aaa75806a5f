"""A check that changed nothing since its report was last replayed prints that report
again from stamps alone, before the command line, configuration and walk load.

A run whose report was kept (``report_records``) still imports the command line,
resolves configuration and walks the tree to learn that nothing changed: most of its
time. So when such a run prints a kept report, it collects its files and looks the
report up once more, watched (watching every run from its start would cost a call per
audit event, and each ``id()`` raises one), and records what that looked at:

- every file it opened or looked for, and every folder it listed: the interpreter's
  audit events see each ``open``, ``os.scandir`` and ``os.listdir``, whichever module
  made it, and each question whether a path is there (``core.probes``);
- the files it linted (the manifest knows them by their stamps, without opening them),
  and the other regular files of the folders it listed (a file judged by its stamp).

A file is recorded by its stamp (device, inode, size, modification and change times,
mode), or as missing; a folder by the names and kinds of its entries, so a file
created, removed or renamed there is seen; a path only looked for by what it is (a
file, a folder, nothing), so a repository's ``.git`` may change all it likes. Folders
above the project are not recorded: only the paths looked for in them (``/tmp`` or a
home folder changes all the time, in names no run asks about). The interpreter's own
files (its library, the installed packages' code) are left out, as the cache's keys
leave them out: the cio-lint and Python versions stand for them; the folders of
installed packages it listed are kept, by their entries.

The next run with the same arguments, working directory, interpreter and environment
variables that shape a report checks them all; when every one is the same, it prints
the same report and exits with the same status, having loaded nothing else. The record
is signed with the cache's per-user key like every entry, lives on the ``quick`` shelf
of the cache the run used, and is not written when a file it covers changed in the
last two seconds (a change within a file system's timestamp granularity could go
unseen).
"""

from __future__ import annotations

import os
import stat
import sys
import time
from contextlib import contextmanager

from cio_lint import __version__
from cio_lint.core.probes import PROBE_EVENT, forget
from cio_lint.engine.cache_files import (
    DIRECTORY_NAME,
    ENVIRONMENT_VARIABLE,
    CacheFiles,
    entry_parts,
    existing_secret,
    read_verified,
)
from cio_lint.engine.cache_version import FORMAT

#: ``typing.TYPE_CHECKING`` without importing ``typing``: a replay never needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any

#: The shelf of quick records in a cache directory.
QUICK = "quick"
#: How many quick records a cache keeps (one per command line).
KEPT = 16
#: A file changed more recently than this (seconds) leaves the run unrecorded.
RACY_SECONDS = 2.0
#: Environment variables that shape a report, besides ``CIO_LINT_*``: colour, where
#: the signing key and the default configuration live, what Python imports.
_ENVIRONMENT = ("FORCE_COLOR", "NO_COLOR", "TERM", "HOME", "XDG_CACHE_HOME",
                "XDG_CONFIG_HOME", "PYTHONPATH")

Stamp = tuple[int, int, int, int, int, int]


def replay(argv: Sequence[str]) -> tuple[str, int] | None:
    """The report and exit status recorded for this command line, if nothing it
    covers changed since; None otherwise."""
    try:
        found = _find(argv)
        if found is None:
            return None
        import json

        record = json.loads(found)
        for path, entries in record["folders"]:
            if _entries(path) != entries:
                return None
        for path, stamp in record["files"]:
            if _stamp(path) != (tuple(stamp) if stamp is not None else None):
                return None
        for path, kind in record["kinds"]:
            if _kind(path) != kind:
                return None
        text, status = record["text"], record["status"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(text, str) or not isinstance(status, int):
        return None
    return text, status


def run_key(argv: Sequence[str]) -> str:
    """What a run's report follows from besides the files: cio-lint and the interpreter,
    the arguments, the working directory, whether output goes to a terminal, and the
    environment variables that shape a report."""
    import hashlib

    environment = sorted((name, value) for name, value in os.environ.items()
                         if name.startswith("CIO_LINT") or name in _ENVIRONMENT)
    shape = ("quick", FORMAT, __version__, sys.version, sys.executable, list(argv),
             os.getcwd(), environment, os.isatty(1))
    return hashlib.sha256(repr(shape).encode("utf-8", "surrogateescape")).hexdigest()


def _find(argv: Sequence[str]) -> bytes | None:
    """The verified body of the quick record for ``argv`` in the cache the run would
    use (a run with no cache directory to look in hashes nothing)."""
    directories = [folder for folder in _cache_directories(argv) if os.path.isdir(folder)]
    if not directories:
        return None
    key = run_key(argv)
    where = entry_parts(key, QUICK)
    secret = None
    for directory in directories:
        if not os.path.isfile(os.path.join(directory, *where)):
            continue
        from pathlib import Path

        secret = secret or existing_secret()
        if secret is None:
            return None
        body = read_verified(CacheFiles(Path(directory)), secret, key, *where)
        if body is not None:
            return body
    return None


def _cache_directories(argv: Sequence[str]) -> list[str]:
    """``--cache-dir``, else ``$CIO_LINT_CACHE_DIR``, else the default directory in the
    working directory or a folder above it (where a project root may be)."""
    for index, argument in enumerate(argv):
        if argument == "--cache-dir" and index + 1 < len(argv):
            return [argv[index + 1]]
        if argument.startswith("--cache-dir="):
            return [argument.partition("=")[2]]
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return [from_environment]
    return [os.path.join(folder, DIRECTORY_NAME) for folder in _above(os.getcwd())]


def _above(path: str) -> list[str]:
    """``path`` and every folder above it."""
    found = [path]
    while os.path.dirname(path) != path:
        path = os.path.dirname(path)
        found.append(path)
    return found


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
            status.st_ctime_ns, status.st_mode)


def _kind(path: str) -> str | None:
    """What ``path`` is: a regular file, a folder, something else, or a link to one of
    them (or to nothing); None when nothing."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return f"link to {_kind_of_target(path)}"
    except OSError:
        return None
    return _kind_of_target(path)


def _kind_of_target(path: str) -> str:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "nothing"
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "other"


def _entries(folder: str) -> str | None:
    """What a folder holds: a digest of its entries' names, each marked as a folder or
    not; None when it cannot be listed."""
    import hashlib

    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name + ("/" if entry.is_dir() else "") for entry in listing)
    except OSError:
        return None
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


class Recorder:
    """What a run opens, looks for and lists, from the interpreter's audit events."""

    def __init__(self) -> None:
        self.opened: set[str] = set()
        self.probed: set[str] = set()
        self.listed: set[str] = set()

    def note(self, event: str, arguments: tuple[Any, ...]) -> None:
        if event == "open":
            target = self.opened
        elif event == PROBE_EVENT:
            target = self.probed
        elif event in ("os.scandir", "os.listdir"):
            target = self.listed
        else:
            return
        try:
            path = arguments[0] if arguments else None
            if not isinstance(path, int):
                target.add(os.fsdecode(os.fspath(path if path is not None else ".")))
        except Exception:  # an odd argument is not the run's problem
            return


_watching: list[Recorder] = []
_hooked: list[bool] = []


def _hook(event: str, arguments: tuple[Any, ...]) -> None:
    # Called for every audit event of the process from the first watch on (each
    # ``id()`` raises one), so it does nothing unless a watch is on. A hook cannot be
    # removed: a watch is only ever started just before the process ends.
    if _watching:
        _watching[-1].note(event, arguments)


@contextmanager
def watching() -> Iterator[Recorder]:
    """What the code run meanwhile opens, looks for and lists (answers remembered
    from before are forgotten first: each question is asked again)."""
    forget()
    if not _hooked:
        sys.addaudithook(_hook)
        _hooked.append(True)
    recorder = Recorder()
    _watching.append(recorder)
    try:
        yield recorder
    finally:
        _watching.remove(recorder)


def record(recorder: Recorder, cache_root: str, write: Callable[[str, bytes], None],
           argv: Sequence[str], linted: Iterable[str], text: str, status: int) -> None:
    """Keep ``text`` and ``status`` as what ``argv`` prints while nothing ``recorder``
    saw changes (``write(key, body)`` stores the record on the ``quick`` shelf of the
    cache at ``cache_root``). Nothing is kept when a file changed in the last seconds."""
    files, folders, probed = _covered(recorder, linted, os.path.abspath(cache_root))
    stamps = {path: _stamp(path) for path in files}
    newest = time.time_ns() - int(RACY_SECONDS * 1e9)
    if any(stamp is not None and stat.S_ISREG(stamp[5]) and max(stamp[3], stamp[4]) >= newest
           for stamp in stamps.values()):
        return
    import json

    body = {"folders": sorted((folder, _entries(folder)) for folder in folders),
            "files": sorted(stamps.items()),
            "kinds": sorted((path, _kind(path)) for path in probed),
            "text": text, "status": status}
    write(run_key(argv),
          json.dumps(body, separators=(",", ":")).encode("utf-8", "surrogateescape"))


def _covered(recorder: Recorder, linted: Iterable[str], cache: str
             ) -> tuple[set[str], set[str], set[str]]:
    """What a record covers (none of the cache's own): every file opened or linted, and
    the regular files of the folders listed, by their stamps; the folders listed, by
    their entries; the other paths looked for, by what they are (a file, a folder,
    something else, nothing): the answer is all a run took from them."""
    code = {os.path.abspath(prefix) for prefix in
            (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}

    def ours(path: str) -> bool:
        return _inside(path, cache) or "__pycache__" in path.split(os.sep)

    listed = {path for path in map(os.path.abspath, list(recorder.listed)) if not ours(path)}
    files = {path for path in map(os.path.abspath, (*list(recorder.opened), *linted))
             if not ours(path) and not any(_inside(path, place) for place in code)}
    for folder in listed:
        if any(_inside(folder, place) for place in code):
            continue  # the interpreter's: their names only
        try:
            with os.scandir(folder) as entries:
                files.update(entry.path for entry in entries if entry.is_file())
        except OSError:
            continue
    probed = {path for path in map(os.path.abspath, list(recorder.probed))
              if not ours(path) and path not in files}
    return files, listed, probed


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
