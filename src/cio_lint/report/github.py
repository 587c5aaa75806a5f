"""``--output-format github``: GitHub Actions workflow commands that annotate the diff.

Escaping follows GitHub's own toolkit (``@actions/core``): in the message ``%``,
CR and LF are percent-encoded; in properties ``:`` and ``,`` are as well, since
they separate the properties. Other control characters from the linted files (an
ESC, a BEL) are escaped first, so the log viewer shows them instead of obeying them.
Columns are given only for single-line findings, which is all GitHub accepts.
"""

from __future__ import annotations

from typing import TextIO

from cio_lint.core.escaping import escape_controls
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Severity
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions
from cio_lint.report.paths import names_a_file

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    for finding in run.findings:
        out.write(finding_command(finding) + "\n")
    for error in run.errors:
        out.write(error_command(error) + "\n")


def finding_command(finding: Finding) -> str:
    properties = [
        ("file", finding.path),
        ("line", str(finding.start.line)),
        ("endLine", str(finding.end.line)),
    ]
    if finding.start.line == finding.end.line:
        properties += [("col", str(finding.start.column)), ("endColumn", str(finding.end.column))]
    properties.append(("title", f"{finding.code} {finding.name}"))
    message = escape_controls(finding.message, keep_newlines=True)
    correct = escape_controls(finding.correct, keep_newlines=True)
    text = f"{message}\ncorrect: {correct}\ndocs: {finding.docs_url}"
    return command(_COMMAND[finding.severity], properties, text)


def error_command(error: FileError) -> str:
    properties = [("file", error.path)] if names_a_file(error.path) else []
    title = "cio-lint internal error" if error.internal else "cio-lint could not check this file"
    properties.append(("title", title))
    message = escape_controls(f"{error.path}: {error.message}", keep_newlines=True)
    return command("error", properties, message)


def command(name: str, properties: list[tuple[str, str]], message: str) -> str:
    """``::name key=value,...::message`` with the toolkit's escaping."""
    rendered = ",".join(
        f"{key}={escape_property(escape_controls(value))}" for key, value in properties
    )
    return f"::{name}{' ' + rendered if rendered else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
