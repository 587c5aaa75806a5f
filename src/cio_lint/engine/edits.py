"""Apply the fixes findings carry: bounded rounds, never overlapping, never unparsable.

Each round applies every non-overlapping fix of the file (safe ones, and unsafe
ones when asked), re-lints the result and repeats until nothing changes (at most
``MAX_ROUNDS``). A round whose result no longer parses is thrown away whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cio_lint.core.findings import Finding, Position
from cio_lint.core.lines import line_starts

MAX_ROUNDS = 10


@dataclass
class FixOutcome:
    """What fixing one file did."""

    source: str
    applied: list[Finding] = field(default_factory=list)
    #: Why a round was discarded (its result did not parse), if one was.
    discarded: str | None = None


def fixable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def apply_edits(source: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """Apply the fixes of ``findings`` that do not overlap; return the text and the applied."""
    offsets = line_starts(source)
    chosen: list[tuple[int, int, Finding, list[tuple[int, int, str]]]] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(findings, key=Finding.sort_key):
        assert finding.fix is not None
        spans = [
            (_offset(offsets, edit.start), _offset(offsets, edit.end), edit.replacement)
            for edit in finding.fix.edits
        ]
        if any(start > end for start, end, _ in spans):
            continue
        if any(_overlaps(start, end, other) for start, end, _ in spans for other in taken):
            continue  # a later round gets it, once the overlapping fix is in place
        taken.extend((start, end) for start, end, _ in spans)
        chosen.append((spans[0][0], spans[0][1], finding, spans))
    edits = sorted((span for *_, spans in chosen for span in spans), reverse=True)
    text = source
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text, [finding for *_, finding, _ in chosen]


def fix_source(
    source: str,
    findings: Sequence[Finding],
    relint: Callable[[str], Sequence[Finding]],
    syntax_error: Callable[[str], str | None],
    *,
    unsafe: bool,
) -> FixOutcome:
    """Fix ``source`` round by round; ``relint`` lints a new version of the text, and
    ``syntax_error`` (the frontend's) says why a version would not parse."""
    outcome = FixOutcome(source)
    pending = [f for f in findings if fixable(f, unsafe)]
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        text, applied = apply_edits(outcome.source, pending)
        if not applied or text == outcome.source:
            break
        error = syntax_error(text)
        if error is not None:
            outcome.discarded = would_not_parse("fixes", applied, error)
            break
        outcome.source = text
        outcome.applied.extend(applied)
        pending = [f for f in relint(text) if fixable(f, unsafe)]
    return outcome


def would_not_parse(what: str, findings: Sequence[Finding], error: str) -> str:
    """Why a rewrite of a file was thrown away: the same words for fixes and noqa comments."""
    codes = ", ".join(sorted({f.code for f in findings}))
    return f"{what} for {codes} would not parse ({error})"


def _offset(line_offsets: list[int], position: Position) -> int:
    """The offset of ``position`` in Python's lines (``line_offsets`` from ``line_starts``)."""
    line = min(max(position.line, 1), len(line_offsets))
    return line_offsets[line - 1] + position.column - 1


def _overlaps(start: int, end: int, other: tuple[int, int]) -> bool:
    """Do two spans conflict? Two insertions at one point do (say, the same import
    twice); an insertion conflicts with a replacement only strictly inside it."""
    other_start, other_end = other
    if start == end and other_start == other_end:
        return start == other_start
    if start == end:
        return other_start < start < other_end
    if other_start == other_end:
        return start < other_start < end
    return start < other_end and other_start < end
