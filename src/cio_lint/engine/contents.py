"""A run's view of its files' bytes: read only when nothing signed already answers.

With a cache, each file is stat-ed first; when the manifest (``manifest``) holds a
record for that exact stamp, the file is not read: its digest and line count find its
cache entry, and the prefilter's verdict and the words searched for in it come from
the record. A question the record cannot answer reads the file then (once) and is
recorded for the next run. Without a cache every file is read, as before, and the
answers are only remembered for the run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from cio_lint.engine.digests import line_count
from cio_lint.engine.discovery import not_source, read_head
from cio_lint.engine.reading import read_unit
from cio_lint.engine.stamps import Stamp, stamp_of
from cio_lint.engine.units import Unit

if TYPE_CHECKING:  # the manifest loads with a cache, or when a run searches skipped files
    from pathlib import Path

    from cio_lint.core.file_errors import FileError
    from cio_lint.engine.manifest import Manifest, Record, SignedStore


class PrefilterTest(Protocol):
    """A prefilter, as the manifest records its verdicts: by the requirements it tests."""

    @property
    def fingerprint(self) -> str: ...

    def admits(self, data: bytes) -> bool: ...


class Contents:
    """The bytes, digests and searched words of one run's units (by identity)."""

    def __init__(self, store: SignedStore | None = None) -> None:
        """Contents that keep what they learn in ``store``'s manifest (a cache), if any."""
        self._manifest: Manifest | None = None
        if store is not None:  # made before any file is stat-ed
            from cio_lint.engine.manifest import Manifest

            self._manifest = Manifest(store)
        self._cwd = os.getcwd() if store is not None else ""
        #: Each unit's record: from the manifest, made on reading, or (without a
        #: manifest) kept for this run only.
        self._records: dict[int, tuple[str, Record]] = {}
        #: The units opened so far and, for each, why it cannot be linted (None: it can).
        #: A run that looked for its record (``replay``) opened its units already.
        self._opened: dict[int, FileError | None] = {}

    def open(self, unit: Unit) -> FileError | None:
        """Make ``unit`` ready to lint: its bytes read, unless its record answers for
        them; an I/O problem becomes a one-line error for that file. A unit is opened
        once: asked again, this says what it said then."""
        if id(unit) not in self._opened:
            self._opened[id(unit)] = self._open(unit)
        return self._opened[id(unit)]

    def _open(self, unit: Unit) -> FileError | None:
        manifest = self._manifest
        if manifest is None or unit.data is not None:
            return read_unit(unit)
        path = os.path.join(self._cwd, unit.source.path)  # absolute: the record's key
        try:
            status = os.stat(unit.source.path)
        except OSError:
            return read_unit(unit)  # says why
        if not stat.S_ISREG(status.st_mode):
            return read_unit(unit)
        stamp = stamp_of(status)
        record = manifest.known(path, stamp)
        if record is not None:
            unit.digest = record.digest
        else:
            error = read_unit(unit)
            if error is not None:
                return error
            assert unit.data is not None
            record = manifest.record(path, stamp, unit.content_digest(),
                                     line_count(unit.data))
        self._records[id(unit)] = (path, record)
        return None

    def not_source(self, path: Path) -> str | None:
        """Why a file a walk found is not source (``discovery.not_source``). With a
        manifest, a file whose first bytes its frontend read to judge it is not read
        again while its stamp is unchanged: the judgement recorded then stands."""
        manifest = self._manifest
        if manifest is None:
            return not_source(path)
        absolute = ""
        if manifest.has_judged:  # (a walk of Python files only never records one)
            absolute = os.path.join(self._cwd, path)
            known = manifest.judged(absolute)
            if known is not None and known[0] == _stamp(path):
                manifest.judge(absolute, *known)
                return known[1]
        stamps: list[Stamp] = []

        def head() -> bytes:  # stamped before it is read, as a record is
            stamp = _stamp(path)
            if stamp is not None:
                stamps.append(stamp)
            return read_head(path)

        reason = not_source(path, head)
        if stamps:
            manifest.judge(absolute or os.path.join(self._cwd, path), stamps[0], reason)
        return reason

    def save(self) -> None:
        """Keep what this run learnt about its files for the next (with a manifest)."""
        if self._manifest is not None:
            self._manifest.save()

    def load(self, unit: Unit) -> FileError | None:
        """Read ``unit``'s bytes now (its record answered for them so far). Bytes that
        are not those the record describes (the file changed since it was stat-ed) are
        linted as they are, and the record is dropped."""
        if unit.data is not None:
            return None
        error = read_unit(unit)
        known = self._records.get(id(unit))
        if known is not None and self._manifest is not None and (
            error is not None or known[1].digest != unit.content_digest()
        ):
            self._manifest.forget(known[0])
            del self._records[id(unit)]
        return error

    def lines(self, unit: Unit) -> int:
        """How many lines ``unit`` has (a cache entry's positions must lie within them)."""
        known = self._records.get(id(unit))
        if known is not None and unit.data is None:
            return known[1].lines
        return line_count(self.data(unit))

    def data(self, unit: Unit) -> bytes:
        """``unit``'s bytes (empty when they cannot be read now)."""
        if unit.data is None:
            self.load(unit)
        return unit.data or b""

    @property
    def remembers(self) -> bool:
        """Whether answers are kept for the next run (in a cache's manifest)."""
        return self._manifest is not None

    @property
    def warm(self) -> bool:
        """Whether an earlier run's records may answer for files without reading them."""
        return self._manifest is not None and self._manifest.has_records

    def verdict(self, unit: Unit, test: PrefilterTest) -> bool:
        """Whether ``test`` admits ``unit`` (the manifest may know without reading it)."""
        if self._manifest is None:  # asked once per unit: nothing to remember
            return test.admits(self.data(unit))
        return self._answer(unit, "verdicts", test.fingerprint, test.admits)

    def holds(self, unit: Unit, word: str, search: Callable[[bytes], bool]) -> bool:
        """Whether ``unit`` holds ``word`` (as ``search`` looks for it): searched once."""
        known = self._records.get(id(unit))
        if known is not None:  # the common answer, asked of every skipped file: fast
            answer = known[1].words.get(word)
            if answer is not None:
                return answer
        return self._answer(unit, "words", word, search)

    def held(self, unit: Unit, words: Sequence[str],
             search: Callable[[bytes], Callable[[str], bool]]) -> list[bool]:
        """Whether ``unit`` holds each of ``words``: those its record does not know are
        searched in one go (``search`` makes, from the bytes, the test for each word),
        so many words cost one reading and one preparation of the bytes."""
        answers = self._answers(unit, "words")
        missing = [word for word in words if word not in answers]
        if missing:
            test = search(self.data(unit))
            answers = self._answers(unit, "words")  # reading may have dropped the record
            for word in missing:
                answers[word] = test(word)
            self._learnt(unit)
        return [answers[word] for word in words]

    def _answer(self, unit: Unit, kind: str, key: str, compute: Callable[[bytes], bool]) -> bool:
        answers = self._answers(unit, kind)
        if key not in answers:
            answer = compute(self.data(unit))
            self._answers(unit, kind)[key] = answer  # reading may have dropped the record
            self._learnt(unit)
            return answer
        return answers[key]

    def _answers(self, unit: Unit, kind: str) -> dict[str, bool]:
        """The answers of ``kind`` (``verdicts``, ``words``) ``unit``'s record holds:
        a record for this run only if it has none."""
        known = self._records.get(id(unit))
        if known is None:
            from cio_lint.engine.manifest import Record

            known = self._records[id(unit)] = ("", Record((0, 0, 0, 0, 0), "", 0))
        answers: dict[str, bool] = getattr(known[1], kind)
        return answers

    def _learnt(self, unit: Unit) -> None:
        """``unit``'s record has new answers, to keep for the next run (a manifest's)."""
        known = self._records.get(id(unit))
        if self._manifest is not None and known is not None and known[0]:
            self._manifest.learnt()


def _stamp(path: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None
