"""The run's analyser in front of the cache: answers from the entries where it can,
analyses the rest, and writes their entries once the run knows every secret."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

from cio_lint.engine.cache import Cache
from cio_lint.engine.contents import Contents
from cio_lint.engine.digests import digest_of
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.secret_search import SecretSearch, stored_forms


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
        #: The key of every entry this run read or will write (a run record keeps them
        #: in use while it replays: ``replay``).
        self.used: list[str] = []

    def __call__(self, batch: Batch) -> list[FileResult]:
        cache, contents = self._cache, self._contents
        if cache is None:
            return self._analyze(batch)
        for unit, _ in batch:
            if not unit.digest:  # (its bytes may not have been read: the manifest knew them)
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
            if hit is not None and key is not None:
                self.used.append(key)
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
                self.used.append(key)
            found[index] = fresh
        return [hit for hit in found if hit is not None]

    def store(self, secrets: Sequence[str]) -> None:
        """Write the entries made so far, but none that holds one of ``secrets``."""
        if self._cache is None:
            return
        search = SecretSearch(form for value in secrets for form in stored_forms(value))
        for key, packed in self._pending:
            body = zlib.decompress(packed)
            if not search.found_in(body):
                self._cache.write_entry(key, body)
        if self._pending:
            self._cache.prune()  # one listing of the cache directory, only when it is written
        self._pending = []
