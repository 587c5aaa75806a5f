"""``--output-format json``: one versioned JSON document for scripts and dashboards.

The document is described by ``json_schema.json`` beside this module and in
docs/output-formats.md. Keys always come in the documented order, so two runs
over the same code give byte-identical output.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from cio_lint import DOCS_URL, __version__
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Fix, Position, Related
from cio_lint.core.fingerprints import fingerprints
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

#: Bumped only when a field changes meaning or disappears; new fields keep the version.
FORMAT_VERSION = 1

#: The package resource holding the JSON Schema of the document.
SCHEMA_RESOURCE = "json_schema.json"


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(run), out, indent=2)
    out.write("\n")


def document(run: RunResult) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "cio-lint", "version": __version__, "informationUri": DOCS_URL},
        "findings": finding_objects(run.findings),
        "errors": [error_object(error) for error in run.errors],
        "summary": {
            "files_checked": run.files_checked,
            "findings": len(run.findings),
            "by_code": dict(sorted(Counter(f.code for f in run.findings).items())),
            "errors": len(run.errors),
        },
    }


def finding_objects(findings: list[Finding]) -> list[dict[str, Any]]:
    """Each finding as a JSON object (shared with ``json-lines``)."""
    return [
        finding_object(finding, fingerprint)
        for finding, fingerprint in zip(findings, fingerprints(findings), strict=False)
    ]


def finding_object(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": finding.path,
        "start": _position(finding.start),
        "end": _position(finding.end),
        "message": finding.message,
        "wrong": finding.wrong,
        "correct": finding.correct,
        "fix": _fix(finding.fix),
        "docs_url": finding.docs_url,
        "fingerprint": fingerprint,
        "related": [_related(related) for related in finding.related],
    }


def error_object(error: FileError) -> dict[str, Any]:
    return {"path": error.path, "message": error.message, "internal": error.internal}


def _position(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column}


def _related(related: Related) -> dict[str, Any]:
    """Another place the finding rests on, located as the finding itself is."""
    return {
        "path": related.path,
        "start": _position(related.start),
        "end": _position(related.end),
        "message": related.message,
    }


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "safe": fix.safe,
        "description": fix.description,
        "edits": [
            {
                "start": _position(edit.start),
                "end": _position(edit.end),
                "replacement": edit.replacement,
            }
            for edit in fix.edits
        ],
    }
