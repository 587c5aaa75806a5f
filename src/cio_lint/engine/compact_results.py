"""Results held until the report, stored compactly.

A run keeps every file's findings and facts until the project phase and the report. In
a project of many files most of their texts (paths, codes, rule names, advice, often the
message) and places repeat from file to file, yet each result that comes back from a
worker process or the cache carries copies of its own. Kept once per equal value, the
memory a run needs grows with what differs between files, not with every repetition.
"""

from __future__ import annotations

from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.findings import Finding, Position
from cio_lint.engine.file_run import Analyzer, Batch, FileResult


class Interner:
    """One copy of each text and place seen, for as long as results arrive."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._places: dict[tuple[int, int], Position] = {}

    def text(self, value: str) -> str:
        return self._texts.setdefault(value, value)

    def place(self, position: Position) -> Position:
        return self._places.setdefault((position.line, position.column), position)

    def value(self, value: FactValue) -> FactValue:
        """A fact's key or value with its texts shared (its types kept exactly: ``1``,
        ``1.0`` and ``True`` are equal, and never stand for each other)."""
        if type(value) is str:
            return self.text(value)
        if type(value) is tuple:
            return tuple(self.value(item) for item in value)
        return value

    def finding(self, finding: Finding) -> Finding:
        text, place = self.text, self.place
        return Finding(
            text(finding.code), text(finding.name), finding.severity, text(finding.path),
            place(finding.start), place(finding.end), text(finding.message),
            text(finding.wrong), text(finding.correct), finding.fix,
            finding.suppression_lines, finding.related,
        )

    def fact(self, fact: Fact) -> Fact:
        text, place = self.text, self.place
        return Fact(
            text(fact.rule), self.value(fact.key), self.value(fact.value), text(fact.path),
            place(fact.start), place(fact.end), text(fact.wrong), text(fact.project),
        )

    def result(self, result: FileResult) -> FileResult:
        """``result``, its findings and facts sharing what earlier results hold."""
        result.path = self.text(result.path)
        result.findings = [self.finding(finding) for finding in result.findings]
        result.suppressed = [self.finding(finding) for finding in result.suppressed]
        result.facts = [self.fact(fact) for fact in result.facts]
        return result


def compacting(analyze: Analyzer) -> Analyzer:
    """``analyze``, its results stored compactly (see ``Interner``)."""
    interner = Interner()

    def compact(batch: Batch) -> list[FileResult]:
        return [interner.result(result) for result in analyze(batch)]

    return compact
