"""How the text format shows one finding: its location and message, the source lines,
the chain of calls it was made through, the wrong and the correct code, its fix and its
rule's documentation link (given once, at the rule's first finding)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TextIO

from cio_lint.core.escaping import escape_controls
from cio_lint.core.findings import Finding, Severity
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions
from cio_lint.report.code_text import ELLIPSIS, compact, is_multiline, shorten, span_text
from cio_lint.report.snippet import source_rows

_PYTHON_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: ``  correct: `` : the column where the code of a ``wrong:``/``correct:`` line starts.
_CODE_INDENT = " " * 11


def write_findings(run: RunResult, out: TextIO, options: ReportOptions,
                   style: Callable[..., str]) -> None:
    """Every finding of ``run``, in order, each followed by a blank line."""
    documented: set[str] = set()
    for finding in run.findings:
        lines = run.lines.get(finding.path, {})
        path = escape_controls(finding.path)
        location = style(f"{path}:{finding.line}:{finding.column}:", bold=True)
        code = style(finding.code, fg=_SEVERITY_COLOUR[finding.severity], bold=True)
        out.write(f"{location} {code} {finding.name} {escape_controls(finding.message)}\n")
        if options.show_source:
            out.writelines(row + "\n" for row in source_rows(finding, lines))
        out.writelines(line + "\n" for line in related_lines(finding))
        if finding.wrong:
            out.write(f"  {style('wrong:', fg='red')}   {wrong_code(finding, lines)}\n")
        first, *more = correct_code(finding.correct)
        out.write(f"  {style('correct:', fg='green')} {first}\n")
        out.writelines(f"{_CODE_INDENT}{line}\n" for line in more)
        if finding.fix is not None:
            kind = "fix:    " if finding.fix.safe else "fix (unsafe):"
            out.write(f"  {kind} {escape_controls(finding.fix.description)}\n")
        if finding.code not in documented:
            documented.add(finding.code)
            out.write(f"  docs:    cio-lint rule {finding.code} ({finding.docs_url})\n")
        out.write("\n")


def related_lines(finding: Finding) -> list[str]:
    """``  = via app/events.py:42:5: `cio.track` called here``, one per related location."""
    return [
        f"  = via {escape_controls(r.path)}:{r.start.line}:{r.start.column}: "
        f"{escape_controls(r.message)}"
        for r in finding.related
    ]


def wrong_code(finding: Finding, lines: dict[int, str]) -> str:
    """The offending code on one line, escaped.

    A rule that flags a whole call over several lines may give only its first line as
    ``wrong``; the quoted source then shows the call whole.
    """
    text = finding.wrong
    if is_multiline(text):
        text = compact(text)
    elif finding.end.line > finding.start.line:
        span, whole = span_text(lines, finding.start, finding.end)
        first_line = span.split("\n", 1)[0]
        if span and compact(first_line) == compact(text):
            text = compact(span) + ("" if whole else f" {ELLIPSIS}")
    return escape_controls(shorten(text.strip()))


def correct_code(text: str) -> list[str]:
    """The correct code, every line of it (escaped), without a common indentation."""
    lines = _PYTHON_LINE_BREAK.split(text)
    while len(lines) > 1 and not lines[0].strip():
        lines.pop(0)
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if len(lines) == 1:
        return [escape_controls(lines[0].strip())]
    dedented = textwrap.dedent("\n".join(line.rstrip() for line in lines)).split("\n")
    return [escape_controls(line) for line in dedented]
