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

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

if TYPE_CHECKING:
    from cio_lint.core.findings import Finding


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    if run.findings:  # what shows a finding loads only for a run that has one
        from cio_lint.report.finding_text import write_findings

        write_findings(run, out, options, style)
    if run.errors:
        _write_errors(run, out, style)
    out.write(_summary(run, options) + "\n")


def _write_errors(run: RunResult, out: TextIO, style: Callable[..., str]) -> None:
    """One line per file that could not be checked (escaping loads only for these)."""
    from cio_lint.core.escaping import escape_controls

    for error in run.errors:
        where = escape_controls(f"{error.path}: {error.message}")
        out.write(f"{style('error:', fg='red', bold=True)} {where}\n")


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
