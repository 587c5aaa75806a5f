"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One test suite ``cio-lint``; one test case per file with findings or errors, each
finding a ``<failure>`` and each error an ``<error>``. A clean run gets one passing
summary test case, so the report is never empty. ``tests`` counts test cases,
``failures`` and ``errors`` the test cases that failed or errored (as JUnit
consumers expect); the number of findings is the ``findings`` property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from cio_lint.core.findings import FileError, Finding
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

SUITE = "cio-lint"

#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = document(run)
    ET.indent(root)
    out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode())
    out.write("\n")


def document(run: RunResult) -> ET.Element:
    findings: dict[str, list[Finding]] = defaultdict(list)
    errors: dict[str, list[FileError]] = defaultdict(list)
    for finding in run.findings:
        findings[finding.path].append(finding)
    for error in run.errors:
        errors[error.path].append(error)
    paths = list(dict.fromkeys([*findings, *errors]))
    suite = ET.Element("testsuite", name=SUITE)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("files_checked", run.files_checked),
        ("findings", len(run.findings)),
        ("errors", len(run.errors)),
    ):
        ET.SubElement(properties, "property", name=name, value=str(value))
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname=_text(path), name=_text(path))
        for finding in findings[path]:
            _failure(case, finding)
        for error in errors[path]:
            ET.SubElement(case, "error", type="internal" if error.internal else "file",
                          message=_text(error.message)).text = _text(error.message)
    if not paths:
        noun = "file" if run.files_checked == 1 else "files"
        ET.SubElement(suite, "testcase", classname=SUITE,
                      name=f"{run.files_checked} {noun} checked")
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for case in cases if case.find("failure") is not None),
        "errors": sum(1 for case in cases if case.find("error") is not None),
        "skipped": 0,
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", name=SUITE)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(counts[key]))
    root.append(suite)
    return root


def _failure(case: ET.Element, finding: Finding) -> None:
    failure = ET.SubElement(
        case, "failure", type=finding.code,
        message=_text(f"{finding.code} {finding.name}: {finding.message}"),
    )
    failure.text = _text(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}\n"
        f"wrong: {finding.wrong}\n"
        f"correct: {finding.correct}\n"
        f"docs: {finding.docs_url}"
    )


def _text(value: str) -> str:
    """``value`` with the characters XML cannot carry shown as ``\\xNN``."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
