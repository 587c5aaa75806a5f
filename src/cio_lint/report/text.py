"""The default human format: each finding with its source, the wrong and the correct code.

The ``wrong:`` line is one line (a call over several lines is shown whole, compact,
cut with an ellipsis past ``code_text.WIDTH``); the ``correct:`` code keeps every
line, since a multi-line rewrite (a ``try``/``except`` around a call) is the advice.
A finding made through project functions lists each call of the chain on a ``= via``
line with its full location, which an editor or terminal opens.
A rule's documentation link is given once, at its first finding, and the summary
says how many findings ``--fix`` would fix.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from typing import TextIO

import click

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


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

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
    for error in run.errors:
        where = escape_controls(f"{error.path}: {error.message}")
        out.write(f"{style('error:', fg='red', bold=True)} {where}\n")
    out.write(_summary(run, options) + "\n")


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


def _summary(run: RunResult, options: ReportOptions) -> str:
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
    hint = fix_hint(run.findings, options.unsafe_fixes)
    if hint:
        result += f"\n{hint}"
    if run.baselined:
        result += f"\n{run.baselined} known finding{'s' if run.baselined != 1 else ''} " \
                  "hidden by the baseline."
    if run.errors:
        count = len(run.errors)
        result += f"\n{count} file{'s' if count != 1 else ''} could not be checked."
    return result


def fix_hint(findings: list[Finding], unsafe_fixes: bool) -> str:
    """How many findings ``--fix`` would fix, as ruff says it ("" when none has a fix).

    Unsafe fixes are hidden unless ``--unsafe-fixes`` was given, when ``--fix`` added
    to the same command applies them too.
    """
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if unsafe_fixes:
        safe, unsafe = safe + unsafe, 0
    hidden = ""
    if unsafe:
        fixes = "1 hidden fix" if unsafe == 1 else f"{unsafe} hidden fixes"
        hidden = f" ({fixes} can be enabled with the `--unsafe-fixes` option)"
    if safe:
        return f"{safe} fixable with the `--fix` option{hidden}."
    return f"No fixes available{hidden}." if hidden else ""
