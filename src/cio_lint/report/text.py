"""The default human format: each finding with its source, the wrong and the correct code."""

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

import click

from cio_lint.core.escaping import escape_controls, escaped_width
from cio_lint.core.findings import Finding, Severity
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

_PYTHON_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    for finding in run.findings:
        path = escape_controls(finding.path)
        location = style(f"{path}:{finding.line}:{finding.column}:", bold=True)
        code = style(finding.code, fg=_SEVERITY_COLOUR[finding.severity], bold=True)
        out.write(f"{location} {code} {finding.name} {escape_controls(finding.message)}\n")
        if options.show_source:
            _source(out, finding, run.lines.get(finding.path, {}), style)
        if finding.wrong:
            out.write(f"  {style('wrong:', fg='red')}   {_one_line(finding.wrong)}\n")
        out.write(f"  {style('correct:', fg='green')} {_one_line(finding.correct)}\n")
        if finding.fix is not None:
            kind = "fix:    " if finding.fix.safe else "fix (unsafe):"
            out.write(f"  {kind} {escape_controls(finding.fix.description)}\n")
        out.write(f"  docs:    cio-lint rule {finding.code} ({finding.docs_url})\n\n")
    for error in run.errors:
        where = escape_controls(f"{error.path}: {error.message}")
        out.write(f"{style('error:', fg='red', bold=True)} {where}\n")
    out.write(_summary(run) + "\n")


def _source(out: TextIO, finding: Finding, lines: dict[int, str], style: object) -> None:
    numbers = [n for n in range(finding.start.line, finding.end.line + 1) if n in lines]
    if not numbers:
        return
    width = len(str(numbers[-1]))
    out.write(f"  {' ' * width} |\n")
    for number in numbers:
        text = lines[number].expandtabs(1)
        out.write(f"  {number:>{width}} | {escape_controls(text)}\n")
        first = finding.start.column if number == finding.start.line else _indent(text) + 1
        last = finding.end.column if number == finding.end.line else len(text) + 1
        # Columns count characters of the source; escaped ones take more room here.
        start, stop = escaped_width(text[: first - 1]), escaped_width(text[: last - 1])
        out.write(f"  {' ' * width} | {' ' * start}{'^' * max(1, stop - start)}\n")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _one_line(text: str) -> str:
    """Code on one line: first and last of its lines (as Python splits them), escaped."""
    lines = _PYTHON_LINE_BREAK.split(text.strip())
    if len(lines) <= 1:
        return escape_controls(text.strip())
    return escape_controls(f"{lines[0].strip()} ... {lines[-1].strip()}")


def _summary(run: RunResult) -> str:
    files = f"{run.files_checked} file{'s' if run.files_checked != 1 else ''} checked"
    if not run.findings:
        result = f"All checks passed ({files})."
    else:
        counts = Counter(f.code for f in run.findings)
        noun = "finding" if len(run.findings) == 1 else "findings"
        paths = len({f.path for f in run.findings})
        by_rule = ", ".join(f"{code} x{n}" for code, n in sorted(counts.items()))
        result = f"Found {len(run.findings)} {noun} in {paths} file{'s' if paths != 1 else ''} " \
                 f"({files}): {by_rule}."
    if run.baselined:
        result += f"\n{run.baselined} known finding{'s' if run.baselined != 1 else ''} " \
                  "hidden by the baseline."
    if run.errors:
        count = len(run.errors)
        result += f"\n{count} file{'s' if count != 1 else ''} could not be checked."
    return result
