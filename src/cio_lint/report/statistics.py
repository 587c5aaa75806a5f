"""``--statistics``: how many findings of each rule, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from cio_lint.engine.pipeline import RunResult
from cio_lint.report import ReportOptions
from cio_lint.rules import REGISTRY


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    counts = Counter(f.code for f in run.findings)
    if not counts:
        return
    width = len(str(max(counts.values())))
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = REGISTRY.get(code)
        name = rule.name if rule is not None else ""
        fixable = sum(1 for f in run.findings if f.code == code and f.fix is not None)
        mark = " [fixable]" if fixable else ""
        out.write(f"{count:>{width}}  {code}  {name}{mark}\n")
