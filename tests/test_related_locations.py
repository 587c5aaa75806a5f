"""A finding made through a chain of project functions carries the chain's places to the user.

The message names the chain (``...; via `record_signup()` -> `cio.track` at
app/events.py:42``); the places themselves are ``Finding.related``, which every output
format shows as well as it can, and which never changes a finding's identity.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped, unused-ignore]

from cio_lint.analysis.records import Link, Via
from cio_lint.core.config import Config
from cio_lint.core.findings import Finding, Position, Related, Severity, docs_url
from cio_lint.core.fingerprints import VERSION as SCHEME
from cio_lint.core.fingerprints import fingerprints
from cio_lint.core.results import RunResult
from cio_lint.engine.baseline import filter_baseline, load_baseline, write_baseline
from cio_lint.report import ReportOptions, reporters
from cio_lint.report.json_format import document as json_document
from cio_lint.report.sarif import document as sarif_document
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import LintContext, via_related, via_suffix

from .sarif_schemas import STRUCTURE, sarif_schema

CALL = Link("record_signup()")
TRACK = Link("cio.track", "app/events.py", Position(42, 5), Position(42, 14))
DOCS = docs_url("CIO601", "unhandled-api-error")


# the message and the related locations of LintContext.report ------------------------------


def test_the_suffix_names_each_call_and_where_the_calls_after_the_first_are() -> None:
    assert via_suffix(Via((CALL, TRACK))) == (
        "; via `record_signup()` -> `cio.track` at app/events.py:42"
    )


def test_a_long_path_in_the_suffix_keeps_its_file_name_only() -> None:
    inner = Link("send_event()", "services/notifications/customer_io/events.py",
                 Position(7, 9), Position(7, 21))
    deep = Link("cio.track", "services/notifications/customer_io/client.py", Position(88, 5),
                Position(88, 14))
    assert via_suffix(Via((CALL, inner, deep))) == (
        "; via `record_signup()` -> `send_event()` at …/events.py:7"
        " -> `cio.track` at …/client.py:88"
    )


def test_a_call_text_is_quoted_on_one_short_line() -> None:
    odd = Link("track(\n" + "x" * 60 + ")", "a.py", Position(1, 1), Position(2, 2))
    suffix = via_suffix(Via((CALL, odd)))
    assert suffix == "; via `record_signup()` -> `track(\\n" + "x" * 31 + "…` at a.py:1"


def test_an_empty_chain_adds_nothing() -> None:
    assert via_suffix(Via(())) == ""
    assert via_related(Via(())) == ()


def test_each_link_with_a_place_is_a_related_location() -> None:
    inner = Link("send_event(user)", "app/send.py", Position(3, 5), Position(3, 21))
    assert via_related(Via((CALL, inner, TRACK))) == (
        Related("app/send.py", Position(3, 5), Position(3, 21), "`send_event(user)` called here"),
        Related("app/events.py", Position(42, 5), Position(42, 14), "`cio.track` called here"),
    )


class _Model:
    """Just what ``LintContext.report`` asks of a module's model."""

    def span(self, node: object) -> tuple[Position, Position]:
        return Position(9, 5), Position(9, 28)

    def source_text(self, node: object) -> str:
        return "record_signup(user.id)"


def test_report_with_a_chain_ends_the_message_with_it_and_records_its_places() -> None:
    context = LintContext("app/views.py", _Model(), Config())  # type: ignore[arg-type]
    rule = REGISTRY["CIO601"]
    context.report(rule, object(), "`cio.track` is not in a `try`",  # type: ignore[arg-type]
                   via=Via((CALL, TRACK)))
    context.report(rule, object(), "`cio.track` is not in a `try`")  # type: ignore[arg-type]
    chained, direct = context.findings
    assert chained.message == (
        "`cio.track` is not in a `try`; via `record_signup()` -> `cio.track` at app/events.py:42"
    )
    assert chained.related == (
        Related("app/events.py", Position(42, 5), Position(42, 14), "`cio.track` called here"),
    )
    assert (chained.path, chained.start, chained.wrong) == (
        "app/views.py", Position(9, 5), "record_signup(user.id)")
    assert direct.message == "`cio.track` is not in a `try`"
    assert direct.related == ()


# every output format -----------------------------------------------------------------------

#: The caller's call in app/views.py; the SDK call a wrapper makes in "app/my events.py"
#: (a space, to show the SARIF URI is encoded like the result's own) and a second place
#: in the caller's own file.
FINDING = Finding(
    code="CIO601", name="unhandled-api-error", severity=Severity.WARNING,
    path="app/views.py", start=Position(9, 5), end=Position(9, 28),
    message="`cio.track` is not in a `try`: an API error becomes a 500; "
            "via `record_signup()` -> `notify()` at app/views.py:3 -> "
            "`cio.track` at app/my events.py:42",
    wrong="record_signup(user.id)", correct="try:\n    record_signup(user.id)\nexcept E:\n    ...",
    related=(
        Related("app/views.py", Position(3, 5), Position(3, 13), "`notify()` called here"),
        Related("app/my events.py", Position(42, 5), Position(42, 14), "`cio.track` called here"),
    ),
)
PLAIN = Finding(
    code="CIO601", name="unhandled-api-error", severity=Severity.WARNING,
    path="app/views.py", start=Position(12, 1), end=Position(12, 10),
    message="`cio.track` is not in a `try`: an API error becomes a 500",
    wrong="cio.track", correct="try: ...",
)


def run_of(*findings: Finding) -> RunResult:
    return RunResult(
        findings=list(findings), files_checked=1, checked_paths=["app/views.py"],
        lines={"app/views.py": {9: "    record_signup(user.id)", 12: "cio.track"}},
        rules={code: rule.doc() for code, rule in REGISTRY.items()},
    )


def render(run: RunResult, output_format: str, show_source: bool = True) -> str:
    out = io.StringIO()
    reporters()[output_format](run, out, ReportOptions(show_source=show_source))
    return out.getvalue()


def json_schema() -> dict[str, Any]:
    text = resources.files("cio_lint.report").joinpath("json_schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


RELATED_JSON = [
    {"path": "app/views.py", "start": {"line": 3, "column": 5},
     "end": {"line": 3, "column": 13}, "message": "`notify()` called here"},
    {"path": "app/my events.py", "start": {"line": 42, "column": 5},
     "end": {"line": 42, "column": 14}, "message": "`cio.track` called here"},
]


def test_json_lists_the_related_locations_of_every_finding() -> None:
    document = json.loads(render(run_of(FINDING, PLAIN), "json"))
    jsonschema.validate(document, json_schema(), format_checker=jsonschema.FormatChecker())
    chained, plain = document["findings"]
    assert list(chained)[-3:] == ["docs_url", "fingerprint", "related"]
    assert chained["related"] == RELATED_JSON
    assert chained["message"] == FINDING.message
    assert plain["related"] == []


def test_json_schema_refuses_a_related_location_without_its_place() -> None:
    document = json_document(run_of(FINDING))
    del document["findings"][0]["related"][1]["start"]
    try:
        jsonschema.validate(document, json_schema())
    except jsonschema.ValidationError as error:
        assert "'start' is a required property" in error.message
    else:
        raise AssertionError("the schema accepted a related location without a start")


def test_json_lines_carries_the_same_related_locations() -> None:
    lines = render(run_of(FINDING, PLAIN), "json-lines").splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects == json.loads(render(run_of(FINDING, PLAIN), "json"))["findings"]
    assert [item["related"] for item in objects] == [RELATED_JSON, []]


def test_sarif_gives_related_locations_numbered_and_located_like_the_result() -> None:
    document = sarif_document(run_of(FINDING, PLAIN), cwd=Path("/work"))
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    jsonschema.Draft4Validator(STRUCTURE).validate(document)
    chained, plain = document["runs"][0]["results"]
    assert chained["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "app/views.py", "uriBaseId": "%SRCROOT%"}
    assert chained["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 13},
            },
            "message": {"text": "`notify()` called here"},
        },
        {
            "id": 2,
            "physicalLocation": {
                "artifactLocation": {"uri": "app/my%20events.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 42, "startColumn": 5, "endLine": 42, "endColumn": 14},
            },
            "message": {"text": "`cio.track` called here"},
        },
    ]
    assert chained["message"] == {"text": FINDING.message}
    assert "relatedLocations" not in plain


def test_sarif_related_location_of_a_file_outside_the_working_directory() -> None:
    outside = replace(FINDING, related=(
        Related("/srv/lib/events.py", Position(1, 1), Position(1, 4), "`x()` called here"),))
    document = sarif_document(run_of(outside), cwd=Path("/work"))
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    (related,) = document["runs"][0]["results"][0]["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///srv/lib/events.py"}


def test_sarif_structure_refuses_a_related_location_without_a_message() -> None:
    document = sarif_document(run_of(FINDING), cwd=Path("/work"))
    del document["runs"][0]["results"][0]["relatedLocations"][0]["message"]
    try:
        jsonschema.Draft4Validator(STRUCTURE).validate(document)
    except jsonschema.ValidationError as error:
        assert "'message' is a required property" in error.message
    else:
        raise AssertionError("STRUCTURE accepted a related location without a message")


def test_text_shows_each_related_location_on_a_line_of_its_own() -> None:
    assert render(run_of(FINDING), "text") == (
        "app/views.py:9:5: CIO601 unhandled-api-error " + FINDING.message + "\n"
        "    |\n"
        "  9 |     record_signup(user.id)\n"
        "    |     ^^^^^^^^^^^^^^^^^^^^^^\n"
        "  = via app/views.py:3:5: `notify()` called here\n"
        "  = via app/my events.py:42:5: `cio.track` called here\n"
        "  wrong:   record_signup(user.id)\n"
        "  correct: try:\n"
        "               record_signup(user.id)\n"
        "           except E:\n"
        "               ...\n"
        f"  docs:    cio-lint rule CIO601 ({DOCS})\n"
        "\n"
        "Found 1 finding in 1 file (1 file checked): CIO601 x1.\n"
    )


def test_text_without_source_still_shows_the_related_locations() -> None:
    lines = render(run_of(FINDING), "text", show_source=False).splitlines()
    assert lines[:4] == [
        "app/views.py:9:5: CIO601 unhandled-api-error " + FINDING.message,
        "  = via app/views.py:3:5: `notify()` called here",
        "  = via app/my events.py:42:5: `cio.track` called here",
        "  wrong:   record_signup(user.id)",
    ]


def test_text_escapes_control_characters_of_a_related_location() -> None:
    odd = replace(FINDING, related=(
        Related("app/\x1b[31mevil.py", Position(1, 1), Position(1, 2), "`x`\ncalled here"),))
    lines = render(run_of(odd), "text", show_source=False).splitlines()
    assert lines[1] == "  = via app/\\x1b[31mevil.py:1:1: `x`\\ncalled here"


def test_concise_is_one_line_per_finding_the_message_naming_the_chain() -> None:
    assert render(run_of(FINDING, PLAIN), "concise") == (
        f"app/views.py:9:5: CIO601 {FINDING.message}\n"
        f"app/views.py:12:1: CIO601 {PLAIN.message}\n"
    )


def test_github_annotation_carries_the_message_only() -> None:
    assert render(run_of(FINDING), "github") == (
        "::warning file=app/views.py,line=9,endLine=9,col=5,endColumn=28,"
        "title=CIO601 unhandled-api-error::" + FINDING.message
        + "%0Acorrect: try:%0A    record_signup(user.id)%0Aexcept E:%0A    ...%0A"
        f"docs: {DOCS}\n"
    )


def test_gitlab_issue_carries_the_message_only() -> None:
    (fingerprint,) = fingerprints([FINDING])
    assert json.loads(render(run_of(FINDING), "gitlab")) == [
        {
            "description": f"CIO601 {FINDING.message}",
            "check_name": "CIO601",
            "fingerprint": fingerprint,
            "severity": "major",
            "location": {"path": "app/views.py", "lines": {"begin": 9, "end": 9}},
        }
    ]


def test_junit_failure_carries_the_message_only() -> None:
    root = ET.fromstring(render(run_of(FINDING), "junit").encode("utf-8"))
    (case,) = root.iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert failure.attrib == {
        "type": "CIO601", "message": f"CIO601 unhandled-api-error: {FINDING.message}"}
    assert failure.text == (
        f"app/views.py:9:5: CIO601 {FINDING.message}\n"
        "wrong: record_signup(user.id)\n"
        "correct: try:\n    record_signup(user.id)\nexcept E:\n    ...\n"
        f"docs: {DOCS}"
    )


# identity ----------------------------------------------------------------------------------


def moved(finding: Finding, line: int) -> Finding:
    """``finding`` with the wrapper's SDK call moved to ``line`` of its file."""
    track = Related("app/my events.py", Position(line, 5), Position(line, 14),
                    "`cio.track` called here")
    message = finding.message.replace("app/my events.py:42", f"app/my events.py:{line}")
    return replace(finding, message=message, related=(finding.related[0], track))


def test_a_wrapper_moving_in_another_file_keeps_the_fingerprint() -> None:
    assert moved(FINDING, 57).message.endswith("at app/my events.py:57")
    assert fingerprints([FINDING]) == fingerprints([moved(FINDING, 57)])
    assert fingerprints([replace(FINDING, related=())]) == fingerprints([FINDING])


def test_without_wrong_text_the_chain_is_left_out_of_the_fingerprint_too() -> None:
    bare = replace(FINDING, wrong="")
    assert fingerprints([bare]) == fingerprints([moved(bare, 57)])
    other = replace(bare, message=bare.message.replace("a 500", "an error page"))
    assert fingerprints([other]) != fingerprints([bare])


def test_another_caller_is_another_finding() -> None:
    other = replace(FINDING, wrong="record_signup(admin.id)")
    assert fingerprints([other]) != fingerprints([FINDING])


def test_a_baselined_finding_stays_known_when_its_wrapper_moves(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [FINDING])
    recorded: Counter[str] = load_baseline(baseline)
    assert filter_baseline([moved(FINDING, 57)], recorded) == ([], 1)
    new = replace(FINDING, start=Position(20, 5), end=Position(20, 28),
                  wrong="record_signup(admin.id)")
    assert filter_baseline([moved(FINDING, 57), new], recorded) == ([new], 1)


def test_every_format_names_the_same_fingerprint_whatever_the_chain() -> None:
    before, after = run_of(FINDING), run_of(moved(FINDING, 57))
    for run in (before, after):
        assert json.loads(render(run, "json"))["findings"][0]["fingerprint"] == (
            json.loads(render(before, "sarif"))["runs"][0]["results"][0]
            ["partialFingerprints"][SCHEME])
