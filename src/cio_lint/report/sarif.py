"""``--output-format sarif``: SARIF 2.1.0, the format GitHub code scanning uploads.

Every rule the run knew is described in ``tool.driver.rules`` (so a result's
``ruleIndex`` points at its documentation), results carry fingerprints that do not
depend on line numbers, fixes become SARIF ``fixes`` and the places a finding made
through project functions rests on become ``relatedLocations``. Files that could not
be checked are tool notifications, never results.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from cio_lint import DOCS_URL, __version__
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import (
    Finding,
    Fix,
    Position,
    Related,
    Severity,
    docs_url,
)
from cio_lint.core.fingerprints import VERSION as FINGERPRINT_SCHEME
from cio_lint.core.fingerprints import fingerprints
from cio_lint.core.results import RunResult
from cio_lint.core.rule_doc import RuleDoc
from cio_lint.report import ReportOptions
from cio_lint.report.paths import names_a_file
from cio_lint.report.rule_ratings import SECURITY_SEVERITY, precision

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

#: The rule families of the catalogue, by the hundreds digit of the code.
_FAMILY = {
    "0": "parsing",
    "1": "credentials-and-clients",
    "2": "timestamps",
    "3": "identity-and-profiles",
    "4": "events",
    "5": "transactional-messages",
    "6": "reliability-and-performance",
    "7": "data-hygiene",
}

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(run), out, indent=2)
    out.write("\n")


def document(run: RunResult, cwd: Path | None = None) -> dict[str, Any]:
    """The SARIF log; paths are relative to ``cwd`` (default: the working directory)."""
    root = (cwd or Path.cwd()).absolute().as_uri().rstrip("/") + "/"
    indexes = {code: index for index, code in enumerate(run.rules)}
    results = [
        _result(finding, fingerprint, indexes)
        for finding, fingerprint in zip(run.findings, fingerprints(run.findings), strict=False)
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(run.rules.values())},
                "invocations": [_invocation(run.errors)],
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _driver(rules: Iterable[RuleDoc]) -> dict[str, Any]:
    return {
        "name": "cio-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": DOCS_URL,
        "rules": [_rule(rule) for rule in rules],
    }


def _rule(rule: RuleDoc) -> dict[str, Any]:
    configuration: dict[str, Any] = {"level": _LEVEL[rule.severity]}
    if not rule.default_enabled:
        configuration["enabled"] = False
    tags = ["customer.io"]
    family = _FAMILY.get(rule.code[3:4])
    if family is not None:
        tags.append(family)
    properties: dict[str, Any] = {"tags": tags, "precision": precision(rule.code)}
    if rule.code in SECURITY_SEVERITY:
        # GitHub code scanning lists a rule tagged `security` as a security alert.
        tags.append("security")
        properties["security-severity"] = SECURITY_SEVERITY[rule.code]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": docs_url(rule.code, rule.name),
        "defaultConfiguration": configuration,
        "properties": properties,
    }


def _help_text(rule: RuleDoc) -> str:
    return (
        f"{rule.summary}\n\n{rule.why}\n\n"
        f"Wrong:\n{rule.wrong_example.rstrip()}\n\n"
        f"Correct:\n{rule.correct_example.rstrip()}\n\n"
        f"Fix: {rule.fix_safety}"
    )


def _help_markdown(rule: RuleDoc) -> str:
    fence = rule.example_language
    return (
        f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rule.why}\n\n"
        f"Wrong:\n\n```{fence}\n{rule.wrong_example.rstrip()}\n```\n\n"
        f"Correct:\n\n```{fence}\n{rule.correct_example.rstrip()}\n```\n\n"
        f"Fix: {rule.fix_safety}\n\n"
        f"[Documentation]({docs_url(rule.code, rule.name)})"
    )


def _result(finding: Finding, fingerprint: str, indexes: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in indexes:
        result["ruleIndex"] = indexes[finding.code]
    result.update(
        {
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(finding.path),
                        "region": _region(finding.start, finding.end),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_SCHEME: fingerprint},
        }
    )
    if finding.related:
        result["relatedLocations"] = [
            _related_location(number, related)
            for number, related in enumerate(finding.related, start=1)
        ]
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.path, finding.fix)]
    result["properties"] = {"wrong": finding.wrong, "correct": finding.correct}
    return result


def _related_location(number: int, related: Related) -> dict[str, Any]:
    """A related location: ``id`` numbers it within its result (from 1, as a message
    link ``[text](1)`` would name it)."""
    return {
        "id": number,
        "physicalLocation": {
            "artifactLocation": artifact_location(related.path),
            "region": _region(related.start, related.end),
        },
        "message": {"text": related.message},
    }


def artifact_location(path: str) -> dict[str, str]:
    """A display path as a URI reference: relative ones resolve against %SRCROOT%."""
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return {"uri": "file://" + ("" if path.startswith("/") else "/") + quote(path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


def _region(start: Position, end: Position) -> dict[str, int]:
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    }


def _fix(path: str, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(path),
                "replacements": [
                    {
                        "deletedRegion": _region(edit.start, edit.end),
                        "insertedContent": {"text": edit.replacement},
                    }
                    for edit in fix.edits
                ],
            }
        ],
        "properties": {"safe": fix.safe},
    }


def _invocation(errors: list[FileError]) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(error.internal for error in errors)
    }
    if errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in errors]
    return invocation


def _notification(error: FileError) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "descriptor": {"id": "internal-error" if error.internal else "file-error"},
    }
    if names_a_file(error.path):
        notification["locations"] = [
            {"physicalLocation": {"artifactLocation": artifact_location(error.path)}}
        ]
    return notification
