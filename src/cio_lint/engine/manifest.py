"""What the last runs learnt about each file, keyed by its ``stat``: a warm run of an
unchanged tree only stats its files, it neither reads nor hashes them.

A record holds a file's stamp (size, modification and change times in nanoseconds,
inode and device), the SHA-256 digest and line count of its bytes (what a cache entry
is checked against), each prefilter's verdict on it (by the prefilter's fingerprint:
another configuration or rule selection asks afresh) and the words of other modules'
exports it was searched for. Apart from those, it holds why a walked file whose first
bytes were read to judge it is not source (a generated or minified JavaScript file), or
that it is: a walk asks again only when that file's stamp changes.

A file whose stamp differs in any way is read again; so is one changed too close to
when it was last read (its stamp could hide a second change within the clock's
granularity: git's "racy" rule), since a record is written only for a file last
changed ``RACY_NS`` before the run that read it began.

The manifest lives in the cache directory and is trusted no more than an entry: it is
signed with the same per-user key (one edited, or made by another user, is ignored as a
whole), read only as a regular file and never through a link, written to a fresh file
renamed into place, and made for one version of cio-lint and one cache format.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from cio_lint import __version__
from cio_lint.engine.stamps import Stamp

NAME = "manifest.json"
#: Changes this close to the start of the run that read a file may not show in its stamp.
RACY_NS = 2_000_000_000
#: Records kept for files no run has looked at lately (a run over a subdirectory keeps
#: the rest), beyond which the oldest go.
MAX_RECORDS = 200_000
#: A walk's judgement of a file: its stamp then, and why it is not source (None: it is).
Judged = tuple[Stamp, "str | None"]
T = TypeVar("T")


@dataclass
class Record:
    """What is known about one file's bytes, while its stamp is unchanged."""

    stamp: Stamp
    digest: str
    lines: int
    #: Prefilter fingerprint -> whether that prefilter admits the file.
    verdicts: dict[str, bool] = field(default_factory=dict)
    #: Word -> whether the file holds it as a whole identifier.
    words: dict[str, bool] = field(default_factory=dict)


class SignedStore(Protocol):
    """Where the manifest is kept: the cache (``Cache.read_signed``/``write_signed``)."""

    def read_signed(self, name: str) -> bytes | None: ...

    def write_signed(self, name: str, body: bytes) -> None: ...


class Manifest:
    """The records of one cache directory: those loaded, and those this run made."""

    def __init__(self, store: SignedStore) -> None:
        self._store = store
        #: Set before any file is stamped: what counts as changed too recently.
        self.started_ns = time.time_ns()
        self._loaded, self._loaded_sources = _decode(store.read_signed(NAME))
        self._current: dict[str, Record] = {}
        self._dropped: set[str] = set()
        #: Path -> (stamp, why the file is not source or None) judged by this run's walk.
        self._sources: dict[str, Judged] = {}
        self._changed = False

    def known(self, path: str, stamp: Stamp) -> Record | None:
        """The record of the file at absolute ``path`` if its stamp is ``stamp``."""
        record = self._loaded.get(path)
        if record is None or record.stamp != stamp:
            return None
        self._current[path] = record
        return record

    def record(self, path: str, stamp: Stamp, digest: str, lines: int) -> Record:
        """A new record for a file just read (its stamp taken before reading)."""
        record = Record(stamp, digest, lines)
        self._current[path] = record
        self._dropped.discard(path)
        self._changed = True
        return record

    @property
    def has_records(self) -> bool:
        """Whether an earlier run left records (files it may answer without reading)."""
        return bool(self._loaded)

    @property
    def has_judged(self) -> bool:
        """Whether any walk's judgement was loaded (``judged`` can answer)."""
        return bool(self._loaded_sources)

    def judged(self, path: str) -> Judged | None:
        """The stamp the file at absolute ``path`` had when a walk judged whether it is
        source, and why it is not (None: it is); None when no walk read it to judge."""
        return self._loaded_sources.get(path)

    def judge(self, path: str, stamp: Stamp, reason: str | None) -> None:
        """A walk judged the file at ``path``, stamped ``stamp`` before it was read."""
        self._sources[path] = (stamp, reason)
        if self._loaded_sources.get(path) != (stamp, reason):
            self._changed = True

    def learnt(self) -> None:
        """A record in use learnt something (a verdict, a word): the manifest is saved."""
        self._changed = True

    def forget(self, path: str) -> None:
        """The file is not what its record says: keep no record of it."""
        self._current.pop(path, None)
        self._dropped.add(path)
        self._changed = True

    def save(self) -> None:
        """Write the records (those not judged racy), keeping the others' as they were;
        a run that learnt nothing (a warm run of an unchanged tree) writes nothing."""
        if not self._changed:
            return
        limit = self.started_ns - RACY_NS
        fresh = {path: record for path, record in self._current.items()
                 if max(record.stamp[1], record.stamp[2]) < limit}
        judged = {path: judged for path, judged in self._sources.items()
                  if max(judged[0][1], judged[0][2]) < limit}
        self._store.write_signed(NAME, _encode(
            _with_older(fresh, self._loaded, {*self._current, *self._dropped}),
            _with_older(judged, self._loaded_sources, set(self._sources))))
        self._changed = False


def _with_older(fresh: dict[str, T], loaded: dict[str, T], now: set[str]) -> dict[str, T]:
    """``fresh``, with the ``loaded`` entries of paths this run did not look at (``now``
    holds those it did), the newest that fit within ``MAX_RECORDS``."""
    room = MAX_RECORDS - len(fresh)
    kept = [(path, value) for path, value in loaded.items() if path not in now]
    return {**dict(kept[-room:] if room > 0 else []), **fresh}


def _encode(records: dict[str, Record], sources: dict[str, Judged] | None = None) -> bytes:
    """JSON, with every word written once (a word table) and referred to by number."""
    table: dict[str, int] = {}

    def number(word: str) -> int:
        return table.setdefault(word, len(table))

    files = {
        path: [list(r.stamp), r.digest, r.lines, r.verdicts,
               [number(w) for w, held in r.words.items() if held],
               [number(w) for w, held in r.words.items() if not held]]
        for path, r in records.items()
    }
    import json  # (a run without a cache never reads or writes a manifest)

    judged = {path: [list(stamp), reason] for path, (stamp, reason) in (sources or {}).items()}
    return json.dumps({"version": __version__, "words": list(table), "files": files,
                       "sources": judged}, separators=(",", ":")).encode("utf-8")


def _decode(body: bytes | None) -> tuple[dict[str, Record], dict[str, Judged]]:
    """The records and the walk's judgements of a verified manifest body; none for any
    other version or shape."""
    if body is None:
        return {}, {}
    import json

    try:
        document: Any = json.loads(body.decode("utf-8"))
        if document["version"] != __version__:
            return {}, {}
        words = [str(word) for word in document["words"]]
        word = words.__getitem__
        records = {}
        for path, (stamp, digest, lines, verdicts, held, absent) in document["files"].items():
            known = dict.fromkeys(map(word, held), True)
            known.update(dict.fromkeys(map(word, absent), False))
            records[str(path)] = Record(
                _stamp(stamp), str(digest), int(lines),
                {str(k): bool(v) for k, v in verdicts.items()}, known)
        sources = {str(path): (_stamp(stamp), None if reason is None else str(reason))
                   for path, (stamp, reason) in document["sources"].items()}
        return records, sources
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return {}, {}


def _stamp(values: Any) -> Stamp:
    size, mtime, ctime, inode, device = map(int, values)
    return size, mtime, ctime, inode, device
