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
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from cio_lint import __version__
from cio_lint.analysis.frontends import frontend_for
from cio_lint.analysis.summaries import Knowledge
from cio_lint.analysis.summary_json import fingerprint
from cio_lint.engine.cache_cleaning import clear, prune_formats
from cio_lint.engine.cache_files import CacheFiles, CacheUnavailable, check_location, load_secret
from cio_lint.engine.cache_format import (
    FORMAT,
    decode_entry,
    digest_of,
    encode_entry,
    line_count,
)
from cio_lint.engine.cache_pruning import (
    MARKER,
    MARKER_TEXT,
    REFRESH_AFTER,
    pruning_due,
    remove_unused,
)
from cio_lint.engine.cache_sealing import seal, unseal
from cio_lint.engine.contents import Contents
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.secret_search import SecretSearch

__all__ = ["Cache", "CacheUnavailable", "CachingAnalyzer", "cache_directory", "clean_cache",
           "open_cache"]

DIRECTORY_NAME = ".cio_lint_cache"
ENVIRONMENT_VARIABLE = "CIO_LINT_CACHE_DIR"


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

    def _where(self, key: str) -> tuple[str, str, str]:
        return (f"v{FORMAT}", key[:2], f"{key}.json")

    def _signature(self, key: str, body: bytes) -> bytes:
        """Binds the body to this key and this user: ``hex(HMAC-SHA256)``."""
        return hmac.new(self._secret, key.encode("ascii") + b"\x00" + body,
                        hashlib.sha256).hexdigest().encode("ascii")

    def get(self, key: str, source: bytes) -> FileResult | None:
        """The stored result for ``source``, or None unless it is ours, intact and fits."""
        return self.lookup(key, digest_of(source), line_count(source))

    def lookup(self, key: str, digest: str, lines: int) -> FileResult | None:
        """The stored result for the file whose bytes have ``digest`` and ``lines``
        lines, or None unless it is ours, intact and fits."""
        body = self._read_verified(key, *self._where(key))
        if body is None:
            return None
        result = decode_entry(key, body, digest, lines,
                              lambda sealed: unseal(self._secret, key, sealed))
        if result is not None:  # in use: keep it from being pruned
            self._files.refresh(*self._where(key), older_than=REFRESH_AFTER)
        return result

    def read_signed(self, name: str) -> bytes | None:
        """The body of the signed file ``name`` (``v<N>/name``), or None unless it is
        ours and intact (the manifest is trusted no more than an entry)."""
        return self._read_verified(name, f"v{FORMAT}", name)

    def write_signed(self, name: str, body: bytes) -> None:
        """Store ``body`` signed as ``v<N>/name``; failing to write never fails the run."""
        self._write_signed(name, body, f"v{FORMAT}", name)

    def _read_verified(self, signed_as: str, *where: str) -> bytes | None:
        """The body stored at ``where``, if its signature is ours for ``signed_as``."""
        try:
            signature, _, body = self._files.read(*where).partition(b"\n")
        except OSError:
            return None
        if not hmac.compare_digest(signature, self._signature(signed_as, body)):
            return None
        return body

    def _write_signed(self, signed_as: str, body: bytes, *where: str) -> None:
        """Store ``body`` at ``where`` signed for ``signed_as``; never fails the run."""
        try:
            self._files.write(self._signature(signed_as, body) + b"\n" + body, *where)
        except OSError:
            return

    def entry(self, key: str, result: FileResult, digest: str) -> bytes | None:
        """What ``put`` would store for a result of the file whose bytes have ``digest``;
        None for a result never stored."""
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
        once a day, the entries of this one unused for 30 days (``cache_pruning``)."""
        prune_formats(self.root, f"v{FORMAT}")
        now = time.time()
        if not pruning_due(self.directory, now):
            return
        try:  # claimed first, so a concurrent run does not scan as well
            self._files.write(MARKER_TEXT, f"v{FORMAT}", MARKER)
        except OSError:
            return
        remove_unused(self.directory, now)

    def write_entry(self, key: str, body: bytes) -> None:
        """Store an entry; failing to write one never fails the run."""
        self._write_signed(key, body, *self._where(key))


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


class CachingAnalyzer:
    """An analyser that answers from the cache where it can and stores the rest.

    Entries are written by ``store`` once the run knows every secret of the project:
    a file analysed early may repeat a key that only a later file shows to be one (in
    its text or in a fix's replacement, which stays real for ``--fix``), and an entry
    that holds any secret is never written. Until then each waits compressed: JSON of
    repetitive findings packs about tenfold, and a large project's entries would
    otherwise be most of what a cold run holds.
    """

    def __init__(self, analyze: Analyzer, cache: Cache | None,
                 contents: Contents | None = None,
                 compact: Callable[[FileResult], FileResult] | None = None) -> None:
        self._analyze = analyze
        self._cache = cache
        self._contents = contents or Contents()
        #: Applied to each stored result as it is read (``compact_results``), so a
        #: project's hits never all wait at once in the form their JSON decoded to.
        self._compact = compact or (lambda result: result)
        self._pending: list[tuple[str, bytes]] = []

    def __call__(self, batch: Batch) -> list[FileResult]:
        cache, contents = self._cache, self._contents
        if cache is None:
            return self._analyze(batch)
        for unit, _ in batch:
            if not unit.digest:
                unit.digest = digest_of(contents.data(unit))
        keys = [
            None if unit.from_stdin else Cache.key(
                unit.digest, unit.source.display, unit.module_name, unit.is_package,
                external, unit.config.fingerprint(), unit.codes, unit.module_aliases)
            for unit, external in batch
        ]
        found: list[FileResult | None] = []
        for key, (unit, _) in zip(keys, batch, strict=False):
            hit = cache.lookup(key, unit.digest, contents.lines(unit)) if key else None
            found.append(None if hit is None else self._compact(hit))
        missing = [i for i, hit in enumerate(found) if hit is None]
        unread = {i: error for i in missing if (error := contents.load(batch[i][0]))}
        for i, error in unread.items():  # gone or unreadable since it was stat-ed
            found[i] = FileResult(batch[i][0].source.display, errors=[error])
        missing = [i for i in missing if i not in unread]
        for index, fresh in zip(missing, self._analyze([batch[i] for i in missing]), strict=False):
            key = keys[index]
            body = cache.entry(key, fresh, batch[index][0].digest) if key else None
            if key is not None and body is not None:
                self._pending.append((key, zlib.compress(body, 1)))
            found[index] = fresh
        return [hit for hit in found if hit is not None]

    def store(self, secrets: Sequence[str]) -> None:
        """Write the entries made so far, but none that holds one of ``secrets``."""
        if self._cache is None:
            return
        search = SecretSearch(form for value in secrets for form in _stored_forms(value))
        for key, packed in self._pending:
            body = zlib.decompress(packed)
            if not search.found_in(body):
                self._cache.write_entry(key, body)
        if self._pending:
            self._cache.prune()  # one listing of the cache directory, only when it is written
        self._pending = []


def _stored_forms(value: str) -> set[bytes]:
    """How ``value`` can appear in an entry: as written, and escaped in a JSON string."""
    return {value.encode("utf-8", "surrogateescape"),
            json.dumps(value).encode("ascii")[1:-1],
            json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")[1:-1]}
