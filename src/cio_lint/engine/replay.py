"""A run whose inputs are all unchanged gives the result the last such run gave, without
linking the project again: pre-commit on the same files, CI on a restored cache, an
editor's save of a file whose bytes did not change.

A record of a run is keyed by everything its result follows from (``run_keys``). A
run is recorded only when its result follows from those alone: not when a file could
not be read, came from standard input, ran out of time or met an internal error, nor
when a project rule read the project's other files (templates, front-end code), which
no key covers.

A record is a cache entry like any other: signed with the per-user key, read without
following links, its credentials sealed. None is written that holds one of the run's
secrets in the clear. This module imports nothing of the analysis: replaying a run loads
only what reads its files and prints its report.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from cio_lint.core.finding_json import finding_document, finding_of
from cio_lint.core.results import RunResult
from cio_lint.engine.cache import RUNS, Cache
from cio_lint.engine.rule_docs import RuleDocs
from cio_lint.engine.run_keys import RECORD
from cio_lint.engine.secret_search import SecretSearch, stored_forms

#: Records kept per cache directory, the most recently written.
KEPT = 16
#: A record inflates to no more than this (its JSON lines).
MAX_INFLATED = 1024 * 1024 * 1024
#: Compressed bytes inflated at a time.
_PIECE = 256 * 1024
#: What reading a damaged or foreign record can raise: all mean "no record".
_BAD_RECORD = (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError)


def replayed(cache: Cache, key: str) -> RunResult | None:
    """The result recorded under ``key``, or None unless one is, ours and intact."""
    body = cache.read_entry(key, RUNS)
    if body is None:
        return None
    try:
        lines = _json_lines(_inflated_lines(body))
        head: Any = next(lines)
        if head["record"] != RECORD or head["key"] != key:
            return None
        findings, suppressed, quoted = (int(count) for count in head["counts"])
        result = RunResult(
            findings=[finding_of(next(lines)) for _ in range(findings)],
            suppressed=[finding_of(next(lines)) for _ in range(suppressed)],
            files_checked=int(head["files_checked"]),
            checked_paths=[str(path) for path in head["checked_paths"]],
            not_parsed=[str(path) for path in head["not_parsed"]],
            rules=RuleDocs(),
        )
        for path, numbered in (next(lines) for _ in range(quoted)):
            result.lines[str(path)] = {int(n): str(text) for n, text in numbered.items()}
        if next(lines, None) is not None:
            return None  # more than the head said: not a record this version wrote
        result.secrets = tuple(str(value) for value in cache.unsealed(key, head["secrets"]))
        entries = [str(entry) for entry in head["entries"]]
    except (*_BAD_RECORD, StopIteration):
        return None
    if cache.in_use(key, RUNS):  # once a day: the entries it stands for stay in use too
        for entry in entries:
            cache.in_use(entry)
    return result


def record(cache: Cache, key: str, result: RunResult, entries: Sequence[str]) -> bool:
    """Record ``result`` under ``key``, when it follows from what the key covers and no
    secret of the run would stand in the record in the clear. ``entries`` are the keys
    of the cache entries the run used: a run that only replays keeps them from being
    pruned, so the run after a change still finds them.

    A record is JSON lines, a head then one line per finding and per quoted file, made,
    compressed and written one line at a time: a large project's record is never held
    whole, in objects or in text. Only the ``KEPT`` most recent records are kept: each
    state of a project has its own, and an older state is rarely seen again.

    Whether the result is one to record, written or not (a cache that cannot be
    written fails no run)."""
    if not result.reproducible or result.errors:
        return False
    search = SecretSearch(form for value in result.secrets for form in stored_forms(value))
    try:
        lines = _record_lines(cache, key, result, entries, search)
        cache.write_entry_chunks(key, _deflated(lines), RUNS)
    except _Unrecordable:
        return False
    cache.keep_newest(KEPT, RUNS)
    cache.prune()  # records, as entries, go once unused for 30 days
    return True


class _Unrecordable(Exception):
    """A line of the record would hold a secret, or cannot be JSON: no record."""


def _record_lines(cache: Cache, key: str, result: RunResult, entries: Sequence[str],
                  search: SecretSearch) -> Iterator[bytes]:
    head = {
        "record": RECORD, "key": key,
        "counts": [len(result.findings), len(result.suppressed), len(result.lines)],
        "files_checked": result.files_checked, "checked_paths": result.checked_paths,
        "not_parsed": result.not_parsed, "entries": list(entries),
        "secrets": cache.sealed(key, list(result.secrets)),
    }
    documents: Iterator[Any] = itertools.chain(
        (head,),
        (finding_document(finding) for finding in result.findings),
        (finding_document(finding) for finding in result.suppressed),
        ([path, {str(n): text for n, text in numbered.items()}]
         for path, numbered in result.lines.items()),
    )
    for document in documents:
        try:
            line = json.dumps(document, separators=(",", ":")).encode("utf-8") + b"\n"
        except (TypeError, ValueError, RecursionError):
            raise _Unrecordable from None
        if search.found_in(line):
            raise _Unrecordable
        yield line


def _deflated(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks`` compressed as a zlib stream (level 1: JSON of findings packs tenfold)."""
    deflate = zlib.compressobj(1)
    for chunk in chunks:
        packed = deflate.compress(chunk)
        if packed:
            yield packed
    yield deflate.flush()


def _inflated_lines(body: bytes) -> Iterator[bytes]:
    """The lines of the zlib stream ``body``, inflated a piece at a time (never more
    than ``MAX_INFLATED`` bytes in all); ``ValueError`` for anything else."""
    inflate = zlib.decompressobj()
    pending, total = b"", 0
    for start in range(0, len(body), _PIECE):
        data = pending + inflate.decompress(body[start:start + _PIECE])
        total += len(data) - len(pending)
        if total > MAX_INFLATED:
            raise ValueError("record too large")
        *complete, pending = data.split(b"\n")
        yield from complete
    if not inflate.eof or inflate.unused_data:
        raise ValueError("not one whole zlib stream")
    if pending:
        yield pending


def _json_lines(lines: Iterator[bytes]) -> Iterator[Any]:
    """Each line as JSON, one at a time; the texts that repeat from line to line (paths,
    codes, messages) are kept once."""
    texts: dict[str, str] = {}

    def shared(document: dict[str, Any]) -> dict[str, Any]:
        return {key: texts.setdefault(value, value) if type(value) is str else value
                for key, value in document.items()}

    for line in lines:
        yield json.loads(line, object_hook=shared)
