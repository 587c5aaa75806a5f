"""Results held until the report, stored compactly.

A run keeps every file's findings and facts until the project phase and the report. In
a project of many files most of their texts (paths, codes, rule names, advice, often the
message) and places repeat from file to file, yet each result that comes back from a
worker process or the cache carries copies of its own. Kept once per equal value, the
memory a run needs grows with what differs between files, not with every repetition.

The same holds for what modules export (the summaries of their functions, thousands of
links naming the same few calls and paths) and for the source lines findings quote.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from cio_lint.analysis.summaries import KNOWLEDGE_RECORDS, FunctionSummary, Knowledge, located
from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.findings import Finding, Position
from cio_lint.engine.file_run import Analyzer, Batch, FileResult

#: The immutable records exports are made of, with their fields in constructor order:
#: each is rebuilt from shared parts and kept once per equal value.
_RECORDS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(kind)) for kind in KNOWLEDGE_RECORDS
}

_Shared = TypeVar("_Shared")


class Interner:
    """One copy of each text, place and export record seen, for as long as results arrive."""

    def __init__(self, *, exports: bool = True) -> None:
        #: Share what results export and the lines they quote too (``result``); a pass
        #: that another interner repeats soon after, in the same process, leaves them.
        self._exports = exports
        self._texts: dict[str, str] = {}
        self._places: dict[Position, Position] = {}
        #: Records and tuples of texts, places and records (never of numbers or flags
        #: alone: ``(1,)`` and ``(True,)`` are equal and must not stand for each other).
        self._records: dict[Any, Any] = {}

    def text(self, value: str) -> str:
        return self._texts.setdefault(value, value)

    def place(self, position: Position) -> Position:
        return self._places.setdefault(position, position)

    def _shared(self, value: _Shared) -> _Shared:
        return self._records.setdefault(value, value)  # type: ignore[no-any-return]

    def knowledge(self, value: Knowledge) -> Knowledge:
        """An export with its texts, places and records shared."""
        return self._part(value)  # type: ignore[no-any-return]

    def _part(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.text(value)
        if kind is Position:
            return self.place(value)
        if kind is tuple:
            return self._shared(tuple([self._part(item) for item in value]))
        if (names := _RECORDS.get(kind)) is not None:
            return self._shared(kind(*[self._part(getattr(value, name)) for name in names]))
        return value  # a flag, a number, None, a client kind

    def value(self, value: FactValue) -> FactValue:
        """A fact's key or value with its texts shared (its types kept exactly: ``1``,
        ``1.0`` and ``True`` are equal, and never stand for each other)."""
        if type(value) is str:
            return self.text(value)
        if type(value) is tuple:
            shared = tuple(self.value(item) for item in value)
            return self._shared(shared) if all(type(i) is str for i in shared) else shared
        return value

    def finding(self, finding: Finding) -> Finding:
        text, place = self.text, self.place
        return Finding(
            text(finding.code), text(finding.name), finding.severity, text(finding.path),
            place(finding.start), place(finding.end), text(finding.message),
            text(finding.wrong), text(finding.correct), finding.fix,
            self._lines(finding.suppression_lines), finding.related,
        )

    def _lines(self, numbers: tuple[int, ...]) -> tuple[int, ...]:
        # Line numbers only (never flags), so equal tuples are interchangeable.
        return self._shared(numbers) if numbers else numbers

    def fact(self, fact: Fact) -> Fact:
        text, place = self.text, self.place
        return Fact(
            text(fact.rule), self.value(fact.key), self.value(fact.value), text(fact.path),
            place(fact.start), place(fact.end), text(fact.wrong), text(fact.project),
        )

    def _exported(self, knowledge: Knowledge, result: FileResult) -> Knowledge:
        # Located once here, rather than copied by every linking round (``located``
        # returns a summary whose links all have their places as it is).
        if isinstance(knowledge, FunctionSummary):
            knowledge = located(knowledge, result.path)
        return knowledge if result.built_here else self.knowledge(knowledge)

    def result(self, result: FileResult) -> FileResult:
        """``result``, its findings and facts sharing what earlier results hold."""
        result.path = self.text(result.path)
        if not result.built_here:  # else shared in its batch already, in this process
            result.findings = [self.finding(finding) for finding in result.findings]
            result.suppressed = [self.finding(finding) for finding in result.suppressed]
            result.facts = [self.fact(fact) for fact in result.facts]
        if self._exports:
            result.lines = {number: self.text(line) for number, line in result.lines.items()}
            result.exports = {
                self.text(name): self._exported(knowledge, result)
                for name, knowledge in result.exports.items()
            }
            result.reexports = {self.text(name): self.text(target)
                                for name, target in result.reexports.items()}
            result.project_imports = frozenset(map(self.text, result.project_imports))
        return result


def compacting(analyze: Analyzer, interner: Interner | None = None) -> Analyzer:
    """``analyze``, its results stored compactly (see ``Interner``)."""
    interner = interner or Interner()

    def compact(batch: Batch) -> list[FileResult]:
        return [interner.result(result) for result in analyze(batch)]

    return compact
