"""``--statistics``: how many findings of each rule, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    counts = Counter(f.code for f in run.findings)
    if not counts:
        return
    names = {f.code: f.name for f in run.findings}
    width = len(str(max(counts.values())))
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = names[code]
        fixable = sum(1 for f in run.findings if f.code == code and f.fix is not None)
        mark = " [fixable]" if fixable else ""
        out.write(f"{count:>{width}}  {code}  {name}{mark}\n")
