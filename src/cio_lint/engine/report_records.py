"""The text a replayed run printed, kept with its run record: the same run asked for the
same report prints that text again, without rebuilding its findings or writing them out.

A run whose inputs are unchanged replays its result (``replay``); its report then
follows from that result and from what shapes the text besides it: the format,
``--statistics``, quoted source lines, colour, ``--unsafe-fixes`` (the fix hint says
which fixes ``--fix`` would apply) and the working directory (SARIF's paths are relative
to it). A report record is keyed by the run's key and those together. It is kept only
for a run that is itself recorded, and only when nothing changes the findings between
the run and its report (a baseline, fixes) and nothing else is said about the run
(``--verbose``): the caller decides that.

A report record is a cache entry like a run record: signed with the per-user key,
pruned with the run records, and never written when it would hold one of the run's
secrets in the clear. It is made as the report is written (``KeptReport``): compressed
and searched for secrets a piece at a time, so a large project's report is never held
whole.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from typing import NamedTuple

from cio_lint.engine.cache import REPORTS, Cache

#: The shape of a report record.
RECORD = 1
#: Report records kept per cache directory, the most recently written.
KEPT = 16
#: The longest report text kept (its UTF-8 bytes); a longer one is printed, not kept.
MAX_TEXT = 64 * 1024 * 1024
#: What every report record starts with, before its findings flag and a line break.
_HEAD = b"cio-lint report %d " % RECORD
#: Characters of a report searched and compressed at a time.
_PIECE = 256 * 1024


class ReportRecord(NamedTuple):
    """A report as it was printed, and whether it reported anything (the exit code)."""

    text: str
    #: The run reported findings or files it could not read.
    reported: bool


def report_key(run_key: str, variant: Sequence[object]) -> str:
    """The key of the report of the run ``run_key`` written as ``variant`` says."""
    text = repr(("report", RECORD, run_key, tuple(variant)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def recalled(cache: Cache, key: str) -> ReportRecord | None:
    """The report recorded under ``key``, or None unless one is, ours and intact."""
    body = cache.read_entry(key, REPORTS)
    if body is None:
        return None
    try:
        inflate = zlib.decompressobj()
        data = inflate.decompress(body, MAX_TEXT + len(_HEAD) + 3)
        if not inflate.eof or inflate.unused_data or inflate.unconsumed_tail:
            return None
        head, _, text = data.partition(b"\n")
        if head not in (_HEAD + b"0", _HEAD + b"1"):
            return None
        return ReportRecord(text.decode("utf-8", "surrogatepass"), head.endswith(b"1"))
    except (zlib.error, UnicodeDecodeError):
        return None


class KeptReport:
    """A report record made from a report's text as it is written: each piece is searched
    for the run's ``secrets`` and compressed at once, so only the record is held (about a
    tenth of the text). None is made of a text longer than ``MAX_TEXT`` or holding a
    secret in the clear."""

    def __init__(self, reported: bool, secrets: Sequence[str]) -> None:
        from cio_lint.engine.secret_search import SecretSearch, stored_forms

        forms = {form for value in secrets for form in stored_forms(value)}
        self._search = SecretSearch(forms) if forms else None
        #: A secret that straddles two pieces lies within the end of the first and the next.
        self._overlap = max(map(len, forms), default=1) - 1
        self._tail = b""
        self._deflate = zlib.compressobj(1)
        self._packed = [self._deflate.compress(_HEAD + (b"1" if reported else b"0") + b"\n")]
        self._pending: list[str] = []
        self._pending_size = 0
        self._size = 0
        self._kept = True

    def write(self, text: str) -> None:
        """The report goes on with ``text``."""
        if not self._kept:
            return
        self._pending.append(text)
        self._pending_size += len(text)
        if self._pending_size >= _PIECE:
            self._pack()

    def _pack(self) -> None:
        data = "".join(self._pending).encode("utf-8", "surrogatepass")
        self._pending, self._pending_size = [], 0
        self._size += len(data)
        if self._size > MAX_TEXT or (
                self._search is not None and self._search.found_in(self._tail + data)):
            self._kept, self._packed, self._tail = False, [], b""
            return
        if self._overlap:
            self._tail = (self._tail + data)[-self._overlap:]
        self._packed.append(self._deflate.compress(data))

    def body(self) -> bytes | None:
        """The record of the whole text written, or None when none is kept."""
        if self._kept and self._pending:
            self._pack()
        if not self._kept:
            return None
        return b"".join([*self._packed, self._deflate.flush()])


def remember(cache: Cache, key: str, body: bytes) -> None:
    """Record ``body`` (a ``KeptReport``'s) under ``key``."""
    cache.write_entry(key, body, REPORTS)
    cache.keep_newest(KEPT, REPORTS)
