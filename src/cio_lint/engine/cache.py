"""A content-addressed cache of per-file results, so unchanged files are not re-parsed.

The key covers everything a file's result depends on: its bytes (by their digest, which
the manifest knows without reading them), the path shown (whose
ending chooses the frontend and grammar: ``.ts`` and ``.tsx`` read differently), the
versions of the parser and grammars that read it, its module identity, the clients it
imports from other modules, the effective configuration and the tool version. A cache
directory is not trusted input (it may be committed to the repository being linted),
so a cache never changes results: every entry is signed with a per-user key kept
outside any checkout (an entry made elsewhere, or edited, never verifies), is checked
against the current file before use, and is read and written without following links
(``cache_files``). Entries are JSON, never pickle; a corrupt, foreign or unreadable
entry is a miss and is rewritten, never a crash.

The entries' JSON (``cache_format``) and what it decodes to load only when an entry is
read or written: a run that replays its last result (``replay``) needs neither.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cio_lint import __version__
from cio_lint.analysis.frontends import frontend_for
from cio_lint.engine.cache_files import (
    DIRECTORY_NAME,
    ENVIRONMENT_VARIABLE,
    CacheFiles,
    CacheUnavailable,
    check_location,
    entry_parts,
    load_secret,
    read_verified,
    signature,
)
from cio_lint.engine.cache_pruning import (
    MARKER,
    MARKER_TEXT,
    REFRESH_AFTER,
    keep_newest,
    pruning_due,
    remove_unused,
)
from cio_lint.engine.cache_sealing import seal, seal_json, unseal, unseal_json
from cio_lint.engine.cache_version import FORMAT
from cio_lint.engine.digests import digest_of, line_count
from cio_lint.engine.quick_replay import QUICK

if TYPE_CHECKING:
    from cio_lint.analysis.summaries import Knowledge
    from cio_lint.engine.file_run import FileResult

__all__ = ["Cache", "CacheUnavailable", "cache_directory", "clean_cache", "open_cache"]

#: The shelf of run records (``replay``), beside the entries' shards.
RUNS = "runs"
#: The shelf of the reports replayed runs printed (``report_records``).
REPORTS = "reports"


class Cache:
    """Signed results by key under one directory (``<dir>/v5/ab/abcdef....json``)."""

    def __init__(self, directory: Path, secret: bytes) -> None:
        self.root = directory
        self.directory = directory / f"v{FORMAT}"
        self._files = CacheFiles(directory)
        self._secret = secret

    @staticmethod
    def key(digest: str, display: str, module: str, is_package: bool,
            external: Mapping[str, Knowledge], config: str, codes: frozenset[str],
            aliases: Sequence[str] = ()) -> str:
        from cio_lint.analysis.summary_json import fingerprint

        hashed = hashlib.sha256()
        for part in (
            __version__, str(FORMAT), display, frontend_for(display).parser_version(), module,
            ",".join(aliases), str(is_package),
            config,
            ",".join(sorted(codes)),
            fingerprint(external),
            digest,  # of the file's bytes: a manifest knows it without reading them
        ):
            hashed.update(part.encode("utf-8", "surrogateescape"))
            hashed.update(b"\x00")
        return hashed.hexdigest()

    def keep_out_of_git(self) -> None:
        """Mend the directory's ``.gitignore`` (``*``) if it exists: a cache is never committed."""
        self._files.keep_out_of_git()

    def _where(self, key: str, shelf: str = "") -> tuple[str, ...]:
        return entry_parts(key, shelf)

    def get(self, key: str, source: bytes) -> FileResult | None:
        """The stored result for ``source``, or None unless it is ours, intact and fits."""
        return self.lookup(key, digest_of(source), line_count(source))

    def lookup(self, key: str, digest: str, lines: int) -> FileResult | None:
        """The stored result for the file whose bytes have ``digest`` and ``lines``
        lines, or None unless it is ours, intact and fits."""
        from cio_lint.engine.cache_format import decode_entry

        body = self.read_entry(key)
        if body is None:
            return None
        result = decode_entry(key, body, digest, lines,
                              lambda sealed: unseal(self._secret, key, sealed))
        if result is not None:
            self.in_use(key)
        return result

    def in_use(self, key: str, shelf: str = "") -> bool:
        """The entry under ``key`` was used: keep it from being pruned (its time is
        set at most once a day: whether it was now)."""
        return self._files.refresh(*self._where(key, shelf), older_than=REFRESH_AFTER)

    def sealed(self, key: str, value: Any) -> str:
        """``value`` (JSON) sealed for the entry under ``key`` (``cache_sealing``)."""
        return seal_json(self._secret, key, value)

    def unsealed(self, key: str, sealed: str) -> Any:
        """What ``sealed`` sealed for ``key``; ``ValueError`` for anything else."""
        return unseal_json(self._secret, key, sealed)

    def read_entry(self, key: str, shelf: str = "") -> bytes | None:
        """The body of the entry stored under ``key`` (on ``shelf``: run records,
        reports), or None unless it is ours and intact."""
        return self._read_verified(key, *self._where(key, shelf))

    def read_signed(self, name: str) -> bytes | None:
        """The body of the signed file ``name`` (``v<N>/name``), or None unless it is
        ours and intact (the manifest is trusted no more than an entry)."""
        return self._read_verified(name, f"v{FORMAT}", name)

    def write_signed(self, name: str, body: bytes) -> None:
        """Store ``body`` signed as ``v<N>/name``; failing to write never fails the run."""
        self._write_signed(name, body, f"v{FORMAT}", name)

    def _read_verified(self, signed_as: str, *where: str) -> bytes | None:
        return read_verified(self._files, self._secret, signed_as, *where)

    def _write_signed(self, signed_as: str, body: bytes, *where: str) -> None:
        """Store ``body`` at ``where`` signed for ``signed_as``; never fails the run."""
        try:
            self._files.write(signature(self._secret, signed_as, body) + b"\n" + body, *where)
        except OSError:
            return

    def entry(self, key: str, result: FileResult, digest: str) -> bytes | None:
        """What ``put`` would store for a result of the file whose bytes have ``digest``;
        None for a result never stored."""
        from cio_lint.engine.cache_format import encode_entry

        if result.errors or result.over_budget:
            return None  # an internal error, or a budget run out, is worth recomputing
        try:
            return encode_entry(key, result, digest, seal(self._secret, key, result.secrets))
        except (TypeError, ValueError, RecursionError):
            return None  # not representable (a fact outside FactValue): recompute next time

    def put(self, key: str, result: FileResult, source: bytes) -> None:
        """Store a result at once (a run defers its writes: ``CachingAnalyzer.store``)."""
        body = self.entry(key, result, digest_of(source))
        if body is not None:
            self.write_entry(key, body)

    def prune(self) -> None:
        """Remove the entries of older formats (no run of this version reads them), and,
        once a day, the entries, run records and reports of this one unused for 30 days
        (``cache_pruning``)."""
        from cio_lint.engine.cache_cleaning import prune_formats

        prune_formats(self.root, f"v{FORMAT}")
        now = time.time()
        if not pruning_due(self.directory, now):
            return
        try:  # claimed first, so a concurrent run does not scan as well
            self._files.write(MARKER_TEXT, f"v{FORMAT}", MARKER)
        except OSError:
            return
        remove_unused(self.directory, now)
        remove_unused(self.directory / RUNS, now)
        remove_unused(self.directory / REPORTS, now)
        remove_unused(self.directory / QUICK, now)

    def write_entry_chunks(self, key: str, chunks: Iterable[bytes], shelf: str = "") -> None:
        """Store an entry made of ``chunks``, signed as it is written, so a large one is
        never held whole; one larger than an entry may be is not kept, and failing to
        write never fails the run."""
        mac = hmac.new(self._secret, key.encode("ascii") + b"\x00", hashlib.sha256)
        with contextlib.suppress(OSError):
            self._files.write_signed_stream(chunks, mac, *self._where(key, shelf))

    def keep_newest(self, count: int, shelf: str) -> None:
        """Keep only the ``count`` most recently used entries of ``shelf`` (run records)."""
        keep_newest(self.directory / shelf, count)

    def write_entry(self, key: str, body: bytes, shelf: str = "") -> None:
        """Store an entry; failing to write one never fails the run."""
        self._write_signed(key, body, *self._where(key, shelf))


def cache_directory(explicit: Path | None, root: Path) -> Path:
    """``--cache-dir``, else ``$CIO_LINT_CACHE_DIR``, else ``.cio_lint_cache`` in the root."""
    if explicit is not None:
        return explicit
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment)
    return root / DIRECTORY_NAME


def clean_cache(explicit: Path | None, root: Path) -> tuple[Path, list[str]]:
    """``cio-lint clean``: the project's cache directory, and what was removed from it.

    A cache directory that is a link is unlinked, never followed."""
    directory = cache_directory(explicit, root)
    if os.path.islink(directory):
        try:
            os.unlink(directory)
        except OSError:
            return directory, []
        return directory, [directory.name]
    from cio_lint.engine.cache_cleaning import clear

    return directory, clear(directory)


def open_cache(explicit: Path | None, root: Path) -> Cache:
    """The cache for a project at ``root``; ``CacheUnavailable`` says why there is none.

    A directory the user named is used as given; the default one, inside the project,
    must not be a link out of it (a committed link would make a run write elsewhere).
    """
    directory = cache_directory(explicit, root)
    if directory == root / DIRECTORY_NAME:
        check_location(directory, root)
    cache = Cache(directory, load_secret(root))
    cache.keep_out_of_git()  # a torn or planted .gitignore is mended even when all entries hit
    return cache
