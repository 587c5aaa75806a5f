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
secrets in the clear.
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


def remember(cache: Cache, key: str, report: ReportRecord, secrets: Sequence[str]) -> None:
    """Record ``report`` under ``key``: not when it is longer than ``MAX_TEXT`` or holds
    one of ``secrets`` (the run's) in the clear."""
    text = report.text.encode("utf-8", "surrogatepass")
    if len(text) > MAX_TEXT:
        return
    from cio_lint.engine.secret_search import SecretSearch, stored_forms

    if secrets and SecretSearch(
            form for value in secrets for form in stored_forms(value)).found_in(text):
        return
    head = _HEAD + (b"1" if report.reported else b"0") + b"\n"
    cache.write_entry(key, zlib.compress(head + text, 1), REPORTS)
    cache.keep_newest(KEPT, REPORTS)
