"""The machine-readable output formats, produced from real lint runs.

Each format is checked the way its consumer reads it: JSON against the shipped
schema, SARIF against the published SARIF 2.1.0 schema, GitHub workflow commands
with the toolkit's escaping, GitLab Code Quality and JUnit XML by structure.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest

from cio_lint import __version__
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.findings import FileError, Finding, Position, Severity
from cio_lint.core.fingerprints import VERSION as SCHEME
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions, reporters
from cio_lint.report.github import escape_data, escape_property
from cio_lint.rules import REGISTRY

from .conftest import SHARED, run_cli

SELECT = "CIO201,CIO401"

BAD = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)
cio.identify(id="5", created_at=int(time.time() * 1000))
cio.track(customer_id="5", name="Signed Up")
"""

#: The same mistake twice in one file: two findings, two fingerprints.
TWICE = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)
cio.identify(id="5", created_at=int(time.time() * 1000))
cio.identify(id="6", created_at=int(time.time() * 1000))
"""

CLEAN = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)
cio.identify(id="5", created_at=int(time.time()))
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(directory: Path, *names: str) -> RunResult:
    """Lint files of ``directory`` as the CLI does from inside it."""
    previous = Path.cwd()
    os.chdir(directory)
    try:
        resolver = ConfigResolver(None, {"select": tuple(SELECT.split(","))})
        return lint_paths([Path(name) for name in names], resolver, None)
    finally:
        os.chdir(previous)


def render(run: RunResult, output_format: str) -> str:
    out = io.StringIO()
    reporters()[output_format](run, out, ReportOptions())
    return out.getvalue()


def cli_report(directory: Path, output_format: str, *paths: str) -> tuple[int, str]:
    """Run the installed CLI with ``-o`` and return its exit code and the report file."""
    result = run_cli(
        "check", *paths, "--select", SELECT, "--output-format", output_format,
        "-o", "report.out", cwd=directory,
    )
    assert result.stdout == "", result.stdout
    return result.returncode, (directory / "report.out").read_text(encoding="utf-8")


def json_schema() -> dict[str, Any]:
    text = resources.files("cio_lint.report").joinpath("json_schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def sarif_schema() -> dict[str, Any]:
    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not available at {path}")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def test_every_format_is_a_cli_choice() -> None:
    result = run_cli("check", "--help")
    for name in ("json", "json-lines", "sarif", "github", "gitlab", "junit"):
        assert name in reporters()
        assert name in result.stdout


# json ---------------------------------------------------------------------------------


def test_json_document_validates_and_carries_every_field(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    code, text = cli_report(tmp_path, "json", "bad.py")
    assert code == 1
    document = json.loads(text)
    schema = json_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert list(document) == ["version", "tool", "findings", "errors", "summary"]
    assert document["version"] == 1
    assert document["tool"]["version"] == __version__
    assert document["summary"] == {
        "files_checked": 1, "findings": 2, "by_code": {"CIO201": 1, "CIO401": 1}, "errors": 0,
    }
    millis = document["findings"][0]
    assert list(millis) == [
        "code", "name", "severity", "path", "start", "end", "message", "wrong", "correct",
        "fix", "docs_url", "fingerprint",
    ]
    assert millis["code"] == "CIO201"
    assert millis["path"] == "bad.py"
    assert millis["start"] == {"line": 5, "column": 33}
    assert millis["end"] == {"line": 5, "column": 56}
    assert millis["message"] == (
        "`created_at` gets milliseconds (`int(time.time() * 1000)`); Customer.io reads seconds"
    )
    assert millis["wrong"] == "int(time.time() * 1000)"
    assert millis["correct"] == "int(time.time())"
    assert millis["fix"]["safe"] is True
    assert millis["fix"]["edits"] == [
        {"start": {"line": 5, "column": 33}, "end": {"line": 5, "column": 56},
         "replacement": "int(time.time())"},
    ]
    assert millis["docs_url"].endswith("#cio201-millisecond-timestamp")
    assert document["findings"][1]["severity"] == "warning"


def test_json_reports_unreadable_files_as_errors(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    (tmp_path / "gone.py").symlink_to("/nonexistent-cio-lint-target.py")
    run = lint(tmp_path, "bad.py", "gone.py")
    document = json.loads(render(run, "json"))
    jsonschema.validate(document, json_schema())
    assert document["errors"] == [
        {"path": "gone.py", "message": "no such file (was it deleted?)", "internal": False}
    ]
    assert document["summary"]["errors"] == 1


def test_json_is_deterministic(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    assert render(lint(tmp_path, "bad.py"), "json") == render(lint(tmp_path, "bad.py"), "json")


def test_json_of_a_clean_run(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    document = json.loads(render(lint(tmp_path, "ok.py"), "json"))
    jsonschema.validate(document, json_schema())
    assert document["findings"] == []
    assert document["summary"] == {"files_checked": 1, "findings": 0, "by_code": {}, "errors": 0}


# json-lines ---------------------------------------------------------------------------


def test_json_lines_has_one_json_finding_object_per_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    code, text = cli_report(tmp_path, "json-lines", "bad.py")
    assert code == 1
    lines = text.splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert objects == json.loads(render(lint(tmp_path, "bad.py"), "json"))["findings"]
    schema = json_schema()
    finding_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                      "$ref": "#/$defs/finding"}
    for item in objects:
        jsonschema.validate(item, finding_schema)


# sarif --------------------------------------------------------------------------------


def sarif_of(directory: Path, *names: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(lint(directory, *names), "sarif"))
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    return document


def test_sarif_validates_and_describes_every_rule(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    code, text = cli_report(tmp_path, "sarif", "bad.py")
    assert code == 1
    document = json.loads(text)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cio-lint"
    assert driver["semanticVersion"] == __version__
    assert [rule["id"] for rule in driver["rules"]] == list(REGISTRY)
    for rule, registered in zip(driver["rules"], REGISTRY.values()):
        assert rule["name"] == registered.name
        assert rule["helpUri"].endswith(f"#{registered.code.lower()}-{registered.name}")
        assert registered.wrong_example.strip() in rule["help"]["markdown"]
        assert registered.correct_example.strip() in rule["help"]["text"]
        assert rule["properties"]["tags"][0] == "customer.io"
        assert rule["defaultConfiguration"].get("enabled", True) is registered.default_enabled
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_results_locations_and_fixes(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    run = sarif_of(tmp_path, "bad.py")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    millis, style = run["results"]
    for result in (millis, style):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert set(result["partialFingerprints"]) == {SCHEME}
    assert millis["ruleId"] == "CIO201"
    assert millis["level"] == "error"
    assert style["level"] == "warning"
    location = millis["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "bad.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 5, "startColumn": 33, "endLine": 5, "endColumn": 56,
    }
    (fix,) = millis["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 5, "startColumn": 33, "endLine": 5, "endColumn": 56},
            "insertedContent": {"text": "int(time.time())"},
        }
    ]
    assert fix["properties"] == {"safe": True}
    assert style["fixes"][0]["properties"] == {"safe": False}


def test_sarif_uri_is_a_percent_encoded_relative_reference(tmp_path: Path) -> None:
    write(tmp_path, "my app/sign,up ü.py", BAD)
    run = sarif_of(tmp_path, "my app/sign,up ü.py")["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20app/sign%2Cup%20%C3%BC.py", "uriBaseId": "%SRCROOT%"}


def test_sarif_puts_errors_in_notifications_not_results(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    (tmp_path / "gone.py").symlink_to("/nonexistent-cio-lint-target.py")
    run = sarif_of(tmp_path, "bad.py", "gone.py")["runs"][0]
    assert len(run["results"]) == 2
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["descriptor"] == {"id": "file-error"}
    assert "no such file" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "gone.py"
    )


def test_sarif_internal_error_marks_the_execution_unsuccessful() -> None:
    run = RunResult(errors=[FileError("<project>", "internal error in CIO404: boom", True)])
    out = io.StringIO()
    reporters()["sarif"](run, out, ReportOptions())
    document = json.loads(out.getvalue())
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    (invocation,) = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["descriptor"] == {"id": "internal-error"}
    assert "locations" not in notification


# fingerprints -------------------------------------------------------------------------


def fingerprints_of(run: RunResult) -> dict[str, list[str]]:
    """Fingerprints as SARIF and GitLab report them, by format."""
    sarif = json.loads(render(run, "sarif"))["runs"][0]["results"]
    gitlab = json.loads(render(run, "gitlab"))
    findings = json.loads(render(run, "json"))["findings"]
    return {
        "sarif": [result["partialFingerprints"][SCHEME] for result in sarif],
        "gitlab": [issue["fingerprint"] for issue in gitlab],
        "json": [finding["fingerprint"] for finding in findings],
    }


def test_fingerprints_survive_a_line_inserted_above(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    before = fingerprints_of(lint(tmp_path, "bad.py"))
    write(tmp_path, "bad.py", BAD.replace("cio = ", "\n\ncio = "))
    moved = lint(tmp_path, "bad.py")
    assert [f.line for f in moved.findings] == [7, 8]
    after = fingerprints_of(moved)
    assert before == after
    assert before["sarif"] == before["gitlab"] == before["json"]
    assert len(set(before["sarif"])) == 2


def test_identical_findings_in_one_file_get_distinct_stable_fingerprints(
    tmp_path: Path,
) -> None:
    write(tmp_path, "twice.py", TWICE)
    first = fingerprints_of(lint(tmp_path, "twice.py"))["sarif"]
    assert len(first) == len(set(first)) == 2
    write(tmp_path, "twice.py", "# a comment\n" + TWICE)
    assert fingerprints_of(lint(tmp_path, "twice.py"))["sarif"] == first


def test_fingerprints_depend_on_path_and_code(tmp_path: Path) -> None:
    write(tmp_path, "a.py", BAD)
    write(tmp_path, "b.py", BAD)
    by_file = fingerprints_of(lint(tmp_path, "a.py", "b.py"))["sarif"]
    assert len(set(by_file)) == 4


# github -------------------------------------------------------------------------------


def test_github_escaping_matches_the_toolkit() -> None:
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext%3A a%2Cb"


def test_github_commands_from_the_cli(tmp_path: Path) -> None:
    write(tmp_path, "src/a,b:c.py", BAD)
    code, text = cli_report(tmp_path, "github", "src/a,b:c.py")
    assert code == 1
    millis, style = text.splitlines()
    assert millis.startswith(
        "::error file=src/a%2Cb%3Ac.py,line=5,endLine=5,col=33,endColumn=56,"
        "title=CIO201 millisecond-timestamp::`created_at` gets milliseconds"
    )
    assert "%0Acorrect: int(time.time())%0Adocs: " in millis
    assert style.startswith("::warning file=src/a%2Cb%3Ac.py,line=6,")
    assert "\r" not in text


def test_github_escapes_messages_and_omits_columns_across_lines() -> None:
    finding = Finding(
        code="CIO999", name="made-up", severity=Severity.INFO, path="x.py",
        start=Position(2, 5), end=Position(4, 2), message="50% of\r\nthe data: lost, sadly",
        wrong="w", correct="c",
    )
    out = render(RunResult(findings=[finding], files_checked=1), "github")
    assert out == (
        "::notice file=x.py,line=2,endLine=4,title=CIO999 made-up::"
        "50%25 of%0D%0Athe data: lost, sadly%0Acorrect: c%0Adocs: "
        f"{finding.docs_url}\n"
    )


def test_github_reports_unreadable_files_as_errors(tmp_path: Path) -> None:
    (tmp_path / "gone.py").symlink_to("/nonexistent-cio-lint-target.py")
    out = render(lint(tmp_path, "gone.py"), "github")
    assert out == (
        "::error file=gone.py,title=cio-lint could not check this file::"
        "gone.py: no such file (was it deleted?)\n"
    )


# gitlab -------------------------------------------------------------------------------


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    code, text = cli_report(tmp_path, "gitlab", "bad.py")
    assert code == 1
    issues = json.loads(text)
    assert isinstance(issues, list)
    assert len(issues) == 2
    for issue in issues:
        assert list(issue) == ["description", "check_name", "fingerprint", "severity", "location"]
        assert issue["location"]["path"] == "bad.py"
        assert issue["description"].startswith(issue["check_name"] + " ")
    millis, style = issues
    assert millis["check_name"] == "CIO201"
    assert millis["severity"] == "critical"
    assert millis["location"]["lines"] == {"begin": 5, "end": 5}
    assert style["severity"] == "major"
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_gitlab_lists_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "gone.py").symlink_to("/nonexistent-cio-lint-target.py")
    (issue,) = json.loads(render(lint(tmp_path, "gone.py"), "gitlab"))
    assert issue["check_name"] == "cio-lint-error"
    assert issue["severity"] == "critical"
    assert issue["location"] == {"path": "gone.py", "lines": {"begin": 1, "end": 1}}


# junit --------------------------------------------------------------------------------


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "cio-lint"
    return suite


def test_junit_one_testcase_per_file_one_failure_per_finding(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    write(tmp_path, "twice.py", TWICE)
    write(tmp_path, "ok.py", CLEAN)
    code, text = cli_report(tmp_path, "junit", "bad.py", "ok.py", "twice.py")
    assert code == 1
    suite = parse_junit(text)
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == ["bad.py", "twice.py"]
    assert [case.get("classname") for case in cases] == ["bad.py", "twice.py"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "2", "0")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"files_checked": "3", "findings": "4", "errors": "0"}
    failures = cases[0].findall("failure")
    assert [failure.get("type") for failure in failures] == ["CIO201", "CIO401"]
    millis = failures[0]
    assert millis.get("message", "").startswith("CIO201 millisecond-timestamp: ")
    assert millis.text is not None
    assert "bad.py:5:33: CIO201" in millis.text
    assert "wrong: int(time.time() * 1000)" in millis.text
    assert "correct: int(time.time())" in millis.text
    assert len(cases[1].findall("failure")) == 2


def test_junit_clean_run_has_a_passing_summary_testcase(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    suite = parse_junit(render(lint(tmp_path, "ok.py"), "junit"))
    (case,) = suite.findall("testcase")
    assert case.get("name") == "1 file checked"
    assert list(case) == []
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")


def test_junit_errors_and_escaping(tmp_path: Path) -> None:
    (tmp_path / "gone.py").symlink_to("/nonexistent-cio-lint-target.py")
    run = lint(tmp_path, "gone.py")
    run.findings.append(
        Finding(
            code="CIO999", name="made-up", severity=Severity.ERROR, path="<&\">.py",
            start=Position(1, 1), end=Position(1, 2), message="a <b> & \"c\"\x07",
            wrong="x\x00y", correct="]]>",
        )
    )
    suite = parse_junit(render(run, "junit"))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "1")
    strange, gone = suite.findall("testcase")
    assert strange.get("name") == "<&\">.py"
    failure = strange.find("failure")
    assert failure is not None
    assert failure.get("message") == 'CIO999 made-up: a <b> & "c"\\x07'
    assert failure.text is not None
    assert "wrong: x\\x00y" in failure.text
    assert "correct: ]]>" in failure.text
    error = gone.find("error")
    assert error is not None
    assert error.get("type") == "file"
    assert error.get("message") == "no such file (was it deleted?)"
