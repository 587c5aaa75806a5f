"""One line per finding, ``path:line:col: CODE message``, for editors and problem matchers."""

from __future__ import annotations

from typing import TextIO

from cio_lint.core.escaping import escape_controls
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    for finding in run.findings:
        path, message = escape_controls(finding.path), escape_controls(finding.message)
        out.write(f"{path}:{finding.line}:{finding.column}: {finding.code} {message}\n")
    for error in run.errors:
        out.write(escape_controls(f"{error.path}:1:1: error: {error.message}") + "\n")
