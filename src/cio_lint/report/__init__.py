"""Output formats: each module turns a run's findings into one kind of document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from cio_lint.core.results import RunResult


class ReportOptions(NamedTuple):
    """How a report is written. (A named tuple, like ``CheckOptions``: every run that
    reports defines it.)"""

    color: bool = False
    show_source: bool = True
    #: ``--unsafe-fixes`` was given: ``--fix`` would apply unsafe fixes too.
    unsafe_fixes: bool = False


Reporter = Callable[["RunResult", TextIO, ReportOptions], None]


#: Each output format and the module that writes it (``--output-format`` offers these
#: names without importing any reporter: only the one asked for is loaded).
FORMATS = {
    "text": "text",
    "concise": "concise",
    "statistics": "statistics",
    "json": "json_format",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
}


def reporters() -> dict[str, Reporter]:
    """Format name -> reporter, each module imported when its reporter is first called,
    so one format never costs another."""
    return {name: _masking_fixes(_loaded(module)) for name, module in FORMATS.items()}


def _loaded(module: str) -> Reporter:
    def report(run: RunResult, stream: TextIO, options: ReportOptions) -> None:
        writer: Reporter = import_module(f"cio_lint.report.{module}").report
        writer(run, stream, options)

    return report


def statistics_reporter(output_format: str) -> Reporter:
    """``--statistics``: a JSON array of counts with ``--output-format json``, else the
    table (counts hold no source text, so nothing needs masking)."""
    from cio_lint.report import statistics

    return statistics.report_json if output_format == "json" else statistics.report


def _masking_fixes(report: Reporter) -> Reporter:
    """``report``, shown the run with its fixes' text masked: a run's findings carry the
    real replacement text (``--fix`` writes it), the only text of a run not masked yet."""

    def masked(run: RunResult, stream: TextIO, options: ReportOptions) -> None:
        if run.secrets:
            from cio_lint.core.secrets import mask_fix

            findings = [f if f.fix is None else replace(f, fix=mask_fix(f.fix, run.secrets))
                        for f in run.findings]
            run = replace(run, findings=findings)
        report(run, stream, options)

    return masked
