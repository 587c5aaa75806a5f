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
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Position, Severity, docs_url
from cio_lint.core.fingerprints import VERSION as SCHEME
from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions, reporters
from cio_lint.report.code_text import compact, shorten
from cio_lint.report.color import use_color
from cio_lint.report.github import escape_data, escape_property
from cio_lint.report.rule_ratings import PRECISION
from cio_lint.rules import REGISTRY

from .conftest import run_cli
from .sarif_schemas import STRUCTURE, sarif_schema

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
        "fix", "docs_url", "fingerprint", "related",
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
    assert millis["related"] == []  # a direct SDK call rests on no other place
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


def test_sarif_meets_the_structure_checked_where_the_published_schema_is_absent(
    tmp_path: Path,
) -> None:
    """A fresh clone validates against ``STRUCTURE``: it accepts cio-lint's SARIF and
    refuses a document that breaks what code scanning relies on."""
    jsonschema.Draft4Validator.check_schema(STRUCTURE)
    write(tmp_path, "bad.py", BAD)
    document = json.loads(render(lint(tmp_path, "bad.py"), "sarif"))
    jsonschema.Draft4Validator(STRUCTURE).validate(document)
    region = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(STRUCTURE).validate(document)


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
    for rule, registered in zip(driver["rules"], REGISTRY.values(), strict=False):
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


SECRET_SOURCE = """\
from customerio import CustomerIO

cio = CustomerIO(site_id="site-4c1d9e8f7a6b5c3d", api_key=KEY)
cio.identify(id="5", password=form.password)
"""


def test_sarif_lists_credential_and_secret_rules_as_security_alerts(tmp_path: Path) -> None:
    """GitHub code scanning shows a rule tagged ``security`` with a numeric
    ``security-severity`` as a security alert (and rates it by that number)."""
    write(tmp_path, "keys.py", SECRET_SOURCE)
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        run = lint_paths([Path("keys.py")], ConfigResolver(None, {"select": ("ALL",)}), None)
    finally:
        os.chdir(previous)
    document = json.loads(render(run, "sarif"))
    sarif_run = document["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {result["ruleId"] for result in sarif_run["results"]} >= {"CIO103", "CIO701"}
    security = {rule["id"]: rule["properties"] for rule in rules
                if "security" in rule["properties"]["tags"]}
    assert set(security) == {"CIO103", "CIO701"}
    assert security["CIO103"]["security-severity"] == "8.0"
    assert security["CIO701"]["security-severity"] == "7.0"
    for rule in rules:
        severity = rule["properties"].get("security-severity")
        assert (severity is not None) == (rule["id"] in security), rule["id"]
    jsonschema.Draft4Validator(sarif_schema()).validate(document)


def test_sarif_rates_the_precision_of_every_rule(tmp_path: Path) -> None:
    assert set(REGISTRY) <= set(PRECISION), "rate the new rule in report/rule_ratings.py"
    write(tmp_path, "ok.py", CLEAN)
    document = json.loads(render(lint(tmp_path, "ok.py"), "sarif"))
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"]: rule["properties"]["precision"] for rule in rules} == {
        code: PRECISION[code] for code in REGISTRY
    }
    assert {rule["properties"]["precision"] for rule in rules} <= {
        "very-high", "high", "medium", "low",
    }
    by_id = {rule["id"]: rule["properties"] for rule in rules}
    assert by_id["CIO000"]["precision"] == "very-high"  # the compiler says so
    assert by_id["CIO101"]["precision"] == "medium"  # judged from names
    assert by_id["CIO201"] == {"tags": ["customer.io", "timestamps"], "precision": "high"}
    jsonschema.Draft4Validator(sarif_schema()).validate(document)


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


#: What GitLab and Jenkins (the xunit plugin's JUnit schema) both read: per element,
#: the attributes it must have, those it may have, and the elements it may hold.
JUNIT_CONVENTIONS: dict[str, tuple[set[str], set[str], set[str]]] = {
    "testsuites": (set(), {"name", "time", "tests", "failures", "errors"}, {"testsuite"}),
    "testsuite": (
        {"name", "tests", "failures", "errors"},
        {"skipped", "time", "timestamp", "hostname", "id", "package", "file", "group"},
        {"properties", "testcase", "system-out", "system-err"},
    ),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, set(), set()),
    "testcase": (
        {"name", "classname"}, {"time", "group"},
        {"failure", "error", "skipped", "system-out", "system-err"},
    ),
    "failure": (set(), {"type", "message"}, set()),
    "error": (set(), {"type", "message"}, set()),
}


def assert_junit_conventions(root: ET.Element) -> None:
    """Elements and attributes as the consumers read them, counts that add up, and no
    two test cases GitLab would take for one (same classname and name)."""
    for element in root.iter():
        required, optional, children = JUNIT_CONVENTIONS[element.tag]
        assert required <= set(element.attrib), (element.tag, element.attrib)
        assert set(element.attrib) <= required | optional, (element.tag, element.attrib)
        assert {child.tag for child in element} <= children, element.tag
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors", "")) == sum(c.find("error") is not None for c in cases)
        keys = [(case.get("classname"), case.get("name")) for case in cases]
        assert len(keys) == len(set(keys)), keys
    for key in ("tests", "failures", "errors"):
        assert root.get(key) == str(sum(int(s.get(key, "")) for s in root.iter("testsuite")))


def test_junit_one_testcase_per_finding_and_per_clean_file(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    write(tmp_path, "twice.py", TWICE)
    write(tmp_path, "ok.py", CLEAN)
    code, text = cli_report(tmp_path, "junit", "bad.py", "ok.py", "twice.py")
    assert code == 1
    suite = parse_junit(text)
    cases = suite.findall("testcase")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("bad.py", "CIO201 at 5:33"),
        ("bad.py", "CIO401 at 6:33"),
        ("twice.py", "CIO201 at 5:33"),
        ("twice.py", "CIO201 at 6:33"),
        ("ok.py", "no findings"),
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "4", "0")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"files_checked": "3", "findings": "4", "errors": "0"}
    failures = [case.find("failure") for case in cases[:4]]
    assert [failure.get("type") for failure in failures if failure is not None] == [
        "CIO201", "CIO401", "CIO201", "CIO201",
    ]
    millis = failures[0]
    assert millis is not None
    assert millis.get("message", "").startswith("CIO201 millisecond-timestamp: ")
    assert millis.text is not None
    assert millis.text.splitlines()[0].startswith("bad.py:5:33: CIO201 `created_at` gets ")
    assert millis.text.splitlines()[1:] == [
        "wrong: int(time.time() * 1000)",
        "correct: int(time.time())",
        f"docs: {docs_url('CIO201', 'millisecond-timestamp')}",
    ]
    assert list(cases[4]) == []
    assert_junit_conventions(ET.fromstring(text.encode("utf-8")))


def test_junit_clean_run_has_a_passing_testcase_per_file(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    write(tmp_path, "app/also_ok.py", CLEAN)
    text = render(lint(tmp_path, "ok.py", "app/also_ok.py"), "junit")
    suite = parse_junit(text)
    assert [(case.get("classname"), case.get("name"), list(case))
            for case in suite.findall("testcase")] == [
        ("app/also_ok.py", "no findings", []), ("ok.py", "no findings", []),
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "0")
    assert_junit_conventions(ET.fromstring(text.encode("utf-8")))


def test_junit_run_without_files_is_one_passing_testcase() -> None:
    text = render(RunResult(), "junit")
    suite = parse_junit(text)
    (case,) = suite.findall("testcase")
    assert (case.get("classname"), case.get("name"), list(case)) == (
        "cio-lint", "0 files checked", [],
    )
    assert_junit_conventions(ET.fromstring(text.encode("utf-8")))


def test_junit_names_stay_unique_when_findings_share_a_place() -> None:
    def finding(message: str) -> Finding:
        return Finding(code="CIO999", name="made-up", severity=Severity.ERROR, path="x.py",
                       start=Position(3, 1), end=Position(3, 4), message=message,
                       wrong="abc", correct="xyz")

    run = RunResult(findings=[finding("one"), finding("two")], files_checked=1,
                    checked_paths=["x.py"])
    text = render(run, "junit")
    names = [case.get("name") for case in parse_junit(text).findall("testcase")]
    assert names == ["CIO999 at 3:1", "CIO999 at 3:1 (2)"]
    assert_junit_conventions(ET.fromstring(text.encode("utf-8")))


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
    run.errors.append(FileError("<project>", "internal error in CIO404: boom", True))
    text = render(run, "junit")
    suite = parse_junit(text)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "2")
    strange, gone, internal = suite.findall("testcase")
    assert (strange.get("classname"), strange.get("name")) == ("<&\">.py", "CIO999 at 1:1")
    failure = strange.find("failure")
    assert failure is not None
    assert failure.get("message") == 'CIO999 made-up: a <b> & "c"\\x07'
    assert failure.text is not None
    assert "wrong: x\\x00y" in failure.text
    assert "correct: ]]>" in failure.text
    assert (gone.get("classname"), gone.get("name")) == ("gone.py", "not checked")
    error = gone.find("error")
    assert error is not None
    assert error.get("type") == "file"
    assert error.get("message") == "no such file (was it deleted?)"
    assert (internal.get("classname"), internal.get("name")) == ("<project>", "internal error")
    internal_error = internal.find("error")
    assert internal_error is not None and internal_error.get("type") == "internal"
    assert_junit_conventions(ET.fromstring(text.encode("utf-8")))


# text helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("cio.identify(\n    id=uid,  # who\n    plan='pro',\n)",
         "cio.identify(id=uid, plan='pro',)"),
        ("track(\n  '# not a comment',\n  f\"{a}  # nor this {b!r:>{w}}\",\n)",
         "track('# not a comment', f\"{a}  # nor this {b!r:>{w}}\",)"),
        ('send(\n    """two\n  lines""",\n)', 'send("""two\n  lines""",)'),
        ("x = [\n    1,\n    2\n]", "x = [1, 2]"),
        ("total = a \\\n    + b", "total = a + b"),
        # Cut short (the lines after were not quoted): compact as far as it goes.
        ("cio.identify(\n    id=uid,\n    email=", "cio.identify(id=uid, email="),
        ('send(\n    """never closed\n  # kept', 'send("""never closed\n  # kept'),
    ],
)
def test_compact_code_drops_comments_and_keeps_strings(code: str, shown: str) -> None:
    assert compact(code) == shown


@pytest.mark.parametrize("code", [
    "cio.track(user.id, 'signed_up')", "cio.track(id, 'a  b')", "x = f'{a}' #  note",
    "call(a,\tb)", "cio.identify(", 'send("""never closed', "a = 1 \\", "s = '#'",
    "x  =  1", " lead and trail ",
])
def test_one_line_already_compact_is_left_as_the_tokenizer_would_leave_it(code: str) -> None:
    from cio_lint.report.code_text import _compacted

    assert compact(code) == _compacted(code.strip())


def test_shorten_cuts_with_an_ellipsis() -> None:
    assert shorten("x" * 76) == "x" * 76
    assert shorten("x" * 77) == "x" * 75 + "…"
    assert shorten("f(a,       " + "b" * 80, width=12) == "f(a,…"


@pytest.mark.parametrize(
    ("choice", "tty", "environ", "coloured"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_use_color(choice: str, tty: bool, environ: dict[str, str], coloured: bool) -> None:
    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert use_color(choice, Stream(), environ) is coloured
    assert use_color(choice, None, environ) is (choice == "always")


# JavaScript and TypeScript -------------------------------------------------------------

TYPESCRIPT = """\
import { TrackClient } from "customerio-node";

export function signUp(cio: TrackClient, user: { id: string }) {
  const created = 1;
  cio.identify(user.id, { created_at: created });
}
"""


def test_every_format_carries_a_typescript_findings_path_line_and_column(
    tmp_path: Path,
) -> None:
    write(tmp_path, "src/signup.ts", TYPESCRIPT)

    def report(output_format: str) -> str:
        result = run_cli("check", "src", "--select", "CIO303", "--no-cache",
                         "--output-format", output_format, "-o", "report.out", cwd=tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        return (tmp_path / "report.out").read_text(encoding="utf-8")

    assert report("concise").startswith("src/signup.ts:5:3: CIO303 ")
    text = report("text")
    assert text.startswith("src/signup.ts:5:3: CIO303 missing-email ")
    assert "  5 |   cio.identify(user.id, { created_at: created });\n" in text
    document = json.loads(report("json"))
    jsonschema.validate(document, json_schema(), format_checker=jsonschema.FormatChecker())
    (finding,) = document["findings"]
    assert (finding["path"], finding["start"], finding["code"]) == (
        "src/signup.ts", {"line": 5, "column": 3}, "CIO303")
    (line,) = report("json-lines").splitlines()
    assert json.loads(line)["path"] == "src/signup.ts"
    assert json.loads(line)["start"] == {"line": 5, "column": 3}
    sarif = json.loads(report("sarif"))
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/signup.ts"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (5, 3)
    assert report("github").startswith(
        "::warning file=src/signup.ts,line=5,endLine=5,col=3,")
    (issue,) = json.loads(report("gitlab"))
    assert issue["location"] == {"path": "src/signup.ts", "lines": {"begin": 5, "end": 5}}
    cases = ET.fromstring(report("junit").encode("utf-8")).iter("testcase")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("src/signup.ts", "CIO303 at 5:3")]
