"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One test suite ``cio-lint``. Each finding is a failed test case of its own
(``classname`` the file, ``name`` ``CODE at line:col``), so a CI dashboard lists
every finding; each file checked without findings is one passing test case, and
each file that could not be checked an errored one. Only elements and attributes
that both GitLab and Jenkins (the xunit plugin's JUnit schema) read are written, and
no two test cases share a ``classname`` and ``name`` (GitLab keeps only the first).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions

SUITE = "cio-lint"
#: The name of the passing test case of a file without findings.
CLEAN = "no findings"

#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = document(run)
    ET.indent(root)
    out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode())
    out.write("\n")


def document(run: RunResult) -> ET.Element:
    suite = ET.Element("testsuite", name=SUITE)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("files_checked", run.files_checked),
        ("findings", len(run.findings)),
        ("errors", len(run.errors)),
    ):
        ET.SubElement(properties, "property", name=name, value=str(value))
    cases = _Cases(suite)
    for finding in run.findings:
        _failure(cases.add(finding.path, f"{finding.code} at {finding.line}:{finding.column}"),
                 finding)
    for error in run.errors:
        _error(cases.add(error.path, "internal error" if error.internal else "not checked"),
               error)
    reported = {f.path for f in run.findings} | {e.path for e in run.errors}
    for path in sorted(set(run.checked_paths) - reported):
        cases.add(path, CLEAN)
    if not cases.count:
        ET.SubElement(suite, "testcase", classname=SUITE, name="0 files checked")
    testcases = suite.findall("testcase")
    counts = {
        "tests": len(testcases),
        "failures": sum(1 for case in testcases if case.find("failure") is not None),
        "errors": sum(1 for case in testcases if case.find("error") is not None),
        "skipped": 0,
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", name=SUITE)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(counts[key]))
    root.append(suite)
    return root


class _Cases:
    """Adds test cases, numbering a name that repeats in one file (``(2)``, ...)."""

    def __init__(self, suite: ET.Element) -> None:
        self.suite = suite
        self.seen: dict[tuple[str, str], int] = {}
        self.count = 0

    def add(self, path: str, name: str) -> ET.Element:
        key = (path, name)
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] > 1:
            name = f"{name} ({self.seen[key]})"
        self.count += 1
        return ET.SubElement(self.suite, "testcase", classname=_text(path), name=_text(name))


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


def _error(case: ET.Element, error: FileError) -> None:
    ET.SubElement(case, "error", type="internal" if error.internal else "file",
                  message=_text(error.message)).text = _text(error.message)


def _text(value: str) -> str:
    """``value`` with the characters XML cannot carry shown as ``\\xNN``."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
