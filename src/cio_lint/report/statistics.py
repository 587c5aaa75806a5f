"""``--statistics``: how many findings of each rule, most frequent first.

A table for people; with ``--output-format json`` a JSON array, one object per rule
(``code``, ``name``, ``count``, ``fixable``: findings ``--fix`` fixes,
``unsafe_fixable``: findings whose fix needs ``--unsafe-fixes``), as ruff writes it.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from cio_lint.core.findings import Finding
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    rows = counts(run.findings)
    if not rows:
        return
    width = len(str(rows[0]["count"]))
    for row in rows:
        mark = " [fixable]" if row["fixable"] or row["unsafe_fixable"] else ""
        out.write(f"{row['count']:>{width}}  {row['code']}  {row['name']}{mark}\n")


def report_json(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(counts(run.findings), out, indent=2)
    out.write("\n")


def counts(findings: list[Finding]) -> list[dict[str, Any]]:
    """One row per rule with findings: most findings first, then by code."""
    by_code = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    return [
        {
            "code": code,
            "name": names[code],
            "count": count,
            "fixable": sum(1 for f in findings
                           if f.code == code and f.fix is not None and f.fix.safe),
            "unsafe_fixable": sum(1 for f in findings
                                  if f.code == code and f.fix is not None and not f.fix.safe),
        }
        for code, count in sorted(by_code.items(), key=lambda item: (-item[1], item[0]))
    ]
