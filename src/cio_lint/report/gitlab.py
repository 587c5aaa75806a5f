"""``--output-format gitlab``: a GitLab Code Quality report (a JSON array of issues).

Severities map error -> critical, warning -> major, info -> info. Fingerprints are
the SARIF ones (no line numbers), so GitLab keeps recognising a finding when code
above it moves. Files that could not be checked appear as ``cio-lint-error`` issues
so a merge request never looks clean because a file was skipped.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Severity
from cio_lint.core.fingerprints import fingerprints
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}

#: ``check_name`` of the issue standing for a file that could not be checked.
ERROR_CHECK = "cio-lint-error"


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    issues = [
        _issue(finding, fingerprint)
        for finding, fingerprint in zip(run.findings, fingerprints(run.findings), strict=False)
    ]
    issues.extend(_error_issue(error) for error in run.errors)
    json.dump(issues, out, indent=2)
    out.write("\n")


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{finding.code} {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[finding.severity],
        "location": {
            "path": finding.path,
            "lines": {"begin": finding.start.line, "end": finding.end.line},
        },
    }


def _error_issue(error: FileError) -> dict[str, Any]:
    return {
        "description": f"cio-lint could not check {error.path}: {error.message}",
        "check_name": ERROR_CHECK,
        "fingerprint": _error_fingerprint(error),
        "severity": "critical",
        "location": {"path": error.path, "lines": {"begin": 1, "end": 1}},
    }


def _error_fingerprint(error: FileError) -> str:
    """Errors have no flagged text: the path and the reason identify them."""
    payload = "\x1f".join(("error", error.path, error.message))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
