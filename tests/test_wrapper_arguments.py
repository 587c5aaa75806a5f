"""What a caller passes into a project function that hands it to the SDK is judged as
the SDK argument it becomes: reported at the caller, naming the chain to the SDK call.

The exact findings of ``fixtures/whole_program/wrapper_arguments`` are its annotations
(tests/test_fixtures.py); here, what a user reads: messages, related places, fixes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.analysis.summaries import FunctionSummary
from cio_lint.analysis.summary_json import decode, encode
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.findings import Finding, Position

from .conftest import FIXTURES

PROJECT = FIXTURES / "whole_program" / "wrapper_arguments"


def _lint(directory: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    monkeypatch.chdir(directory)  # paths in messages relative to the project
    run = lint_paths([Path(".")], ConfigResolver(None, {"select": ("ALL",)}), None)
    assert not run.errors, run.errors
    return list(run.findings)


@pytest.fixture()
def findings(monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    return _lint(PROJECT, monkeypatch)


def _line(text: str, path: str = "app/views.py") -> int:
    """The line of the fixture file that holds ``text`` (once)."""
    lines = (PROJECT / path).read_text().splitlines()
    found = [number for number, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def _at(findings: list[Finding], line: int, code: str, path: str = "app/views.py") -> Finding:
    found = [f for f in findings if (f.path, f.line, f.code) == (path, line, code)]
    assert len(found) == 1, found
    return found[0]


def test_values_passed_into_a_wrapper_are_judged_with_the_chain(
    findings: list[Finding],
) -> None:
    assert _at(findings, _line("order_shipped"), "CIO203").message == (
        "`timestamp` gets a naive `datetime.now()`: read as UTC, off by the server's UTC "
        "offset; via `record_event()` -> `cio.track` at app/tracking.py:11"
    )
    assert _at(findings, _line("order_paid"), "CIO202").message == (
        "`timestamp` of `track` is a string (`order.paid_at.isoformat()`): the SDK drops "
        "it; via `record_event()` -> `cio.track` at app/tracking.py:11"
    )
    assert _at(findings, _line('record_event(user.id, "OrderRefunded")'), "CIO401").message == (
        'event name "OrderRefunded" is not snake_case: use "order_refunded"; via '
        "`record_event()` -> `cio.track` at app/tracking.py:11"
    )
    assert _at(findings, _line("password="), "CIO701").message == (
        "`password` is sent as a profile attribute: a password readable workspace-wide; "
        "via `upsert_person()` -> `cio.identify` at app/tracking.py:18"
    )


def test_a_keyword_forwarded_through_kwargs_is_checked_against_the_sdk_signature(
    findings: list[Finding],
) -> None:
    moved = _at(findings, _line("price=23.45"), "CIO304")
    assert moved.message == (
        "`track` gets event attributes as keywords (`price`): 3.x raises TypeError; via "
        "`track_with()` -> `cio.track` at app/tracking.py:25"
    )
    assert (moved.column, moved.wrong, moved.correct) == (57, "price=23.45",
                                                          'data={"price": 23.45}')
    assert moved.fix is None  # what the function passes itself is unknown
    line = _line("send_cdp(")
    renamed = _at(findings, line, "CIO304")
    assert renamed.fix is not None and not renamed.fix.safe
    (edit,) = renamed.fix.edits
    assert (edit.start, edit.end, edit.replacement) == (Position(line, 31), Position(line, 35),
                                                        "event")


def test_a_wrapper_call_is_never_said_to_miss_an_argument(findings: list[Finding]) -> None:
    # ``send_cdp(user_id=..., name=...)`` passes no ``event``: the misspelt keyword is the
    # finding. What a function adds itself is unknown, so nothing is ever "missing".
    signature = [f for f in findings if f.code == "CIO304"]
    assert [f.line for f in signature] == [_line("price=23.45"), _line("send_cdp(")]
    assert not any("missing" in f.message for f in signature)


def test_a_wrapper_of_a_wrapper_names_each_call_and_its_place(findings: list[Finding]) -> None:
    line = _line("record_signup(user.email")
    assert _at(findings, line, "CIO302").message == (
        "`id` of `identify` is the `email` attribute: a changed email forks the profile; "
        "via `record_signup()` -> `upsert_person()` at app/signup.py:7 -> `cio.identify` "
        "at app/tracking.py:18"
    )
    milliseconds = _at(findings, line, "CIO201")
    assert milliseconds.message.endswith(
        "; via `record_signup()` -> `record_event()` at app/signup.py:8 -> `cio.track` at "
        "app/tracking.py:11"
    )
    assert [(r.path, r.start, r.end, r.message) for r in milliseconds.related] == [
        ("app/signup.py", Position(8, 5), Position(8, 50), "`record_event()` called here"),
        ("app/tracking.py", Position(11, 9), Position(11, 77), "`cio.track` called here"),
    ]


def test_an_argument_that_reaches_several_sdk_calls_is_reported_once(
    findings: list[Finding],
) -> None:
    # ``record_everywhere`` sends its name and time with ``track`` and ``track_anonymous``.
    line = _line("record_everywhere(user")
    codes = sorted((f.code, f.column) for f in findings if f.line == line)
    assert codes == [("CIO203", 49), ("CIO401", 32), ("CIO404", 32)]
    assert _at(findings, line, "CIO401").message.endswith(
        "; via `record_everywhere()` -> `cio.track` at app/tracking.py:33"
    )
    # Counted once among the spellings: one other place, then this one.
    camel = _line('record_event(user.id, "OrderRefunded")')
    assert _at(findings, _line('"order_refunded")'), "CIO404").message == (
        f'event "order_refunded" is also sent as "OrderRefunded" at app/views.py:{camel} '
        "and 1 more: rename those"
    )


def test_names_passed_into_a_wrapper_are_compared_project_wide(
    findings: list[Finding],
) -> None:
    assert _at(findings, _line('seats="3"'), "CIO703").message == (
        f"`seats` is a string here but a number at app/views.py:{_line('seats=3')}: segments "
        "split by type"
    )


def test_look_alikes_and_the_wrappers_themselves_stay_clean(findings: list[Finding]) -> None:
    # A converted value, a logger, recursion that never reaches the SDK, Segment and
    # PostHog functions named like the project's own: nothing; nor in the wrappers.
    assert {f.path for f in findings} == {"app/views.py"}


def test_recursion_keeps_the_one_sdk_call_it_sees(findings: list[Finding]) -> None:
    retried = _at(findings, _line("retry_event(user"), "CIO401")
    assert retried.message.endswith("; via `retry_event()` -> `cio.track` at app/tracking.py:68")


@pytest.mark.parametrize(("version", "reported"), [("3.2", True), ("2.1", False)])
def test_a_timestamp_string_through_a_wrapper_follows_the_sdk_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str, reported: bool
) -> None:
    # 3.x drops the string whatever the function writes. On 2.x a keyword ``timestamp=``
    # is data and a positional one a TypeError: which one the function writes is not
    # known at the caller, so nothing is claimed there.
    (tmp_path / "pyproject.toml").write_text(f'[tool.cio-lint]\nsdk-version = "{version}"\n')
    (tmp_path / "events.py").write_text(
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n\n"
        "def record(uid, when):\n"
        '    cio.track(uid, "paid", timestamp=when)\n\n\n'
        "def paid(user, order):\n"
        "    record(user.id, order.paid_at.isoformat())\n"
    )
    found = [(f.line, f.column) for f in _lint(tmp_path, monkeypatch) if f.code == "CIO202"]
    assert found == ([(11, 21)] if reported else [])


def test_a_name_passed_into_a_wrapper_is_checked_against_the_events_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cio-lint]\nevents = ["order_placed", "signed_up"]\n'
    )
    (tmp_path / "events.py").write_text(
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n\n"
        "def record(uid, name):\n"
        "    cio.track(uid, name)\n\n\n"
        "def placed(user):\n"
        '    record(user.id, "order_placed")\n'
        '    record(user.id, "order_plcaed")\n'
    )
    found = [f for f in _lint(tmp_path, monkeypatch) if f.code == "CIO405"]
    assert [(f.line, f.column, f.message) for f in found] == [(
        12, 21,
        'event "order_plcaed" is not in the `events` config; did you mean "order_placed"?; '
        "via `record()` -> `cio.track` at events.py:7",
    )]
    assert found[0].correct == '"order_placed"'


def test_an_attribute_the_wrapper_names_is_judged_by_the_value_the_caller_gives(
    findings: list[Finding],
) -> None:
    line = _line("register(user.id, user.email, int(")
    assert _at(findings, line, "CIO201").message == (
        "`created_at` gets milliseconds (`int(time.time() * 1000)`); Customer.io reads "
        "seconds; via `register()` -> `cio.identify` at app/tracking.py:85"
    )
    dated = _at(findings, _line("user.joined.isoformat()"), "CIO202")
    assert (dated.wrong, dated.correct) == ("user.joined.isoformat()", "user.joined")


def test_a_key_the_wrapper_names_is_reported_at_the_wrapper_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cio-lint]\n")
    (tmp_path / "people.py").write_text(
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n\n"
        "def save(uid, secret, score):\n"
        "    cio.identify(id=uid, password=secret, _score=score)\n\n\n"
        "def signup(user):\n"
        "    save(user.id, user.password, 3)\n"
        '    save(user.id, "x", "3")\n'
    )
    found = sorted((f.line, f.column, f.code) for f in _lint(tmp_path, monkeypatch))
    assert found == [(7, 26, "CIO701"), (7, 43, "CIO702")]


def test_how_a_function_takes_its_arguments_survives_the_cache() -> None:
    summary = FunctionSummary(params=("user_id", "name"), keyword_only=("name",),
                              instance_method=True)
    assert summary.positional == ("user_id",)
    assert decode(encode(summary)) == summary


def test_a_method_called_through_its_class_gets_self_first(findings: list[Finding]) -> None:
    line = _line("Tracker.event(tracker, user.email")
    assert [f.code for f in findings if f.line == line] == ["CIO302"]
    assert _at(findings, line, "CIO302").message.endswith(
        "; via `Tracker.event()` -> `cio.track` at app/tracking.py:101"
    )


def test_keywords_a_wrapper_sends_as_data_are_the_data(findings: list[Finding]) -> None:
    # ``track_props(user_id, event, **properties)`` sends ``data=properties``: the
    # caller's keywords are event data, judged as such and never as SDK keywords.
    line = _line("track_props(")
    card = _at(findings, line, "CIO701")
    assert card.message == (
        "`card_number` is sent as event data: payment card data readable workspace-wide; "
        "via `track_props()` -> `cio.track` at app/tracking.py:137"
    )
    assert card.correct == 'track_props(user.id, "order_carded", price=3)'
    assert [f.code for f in findings if f.line == line] == ["CIO701"]
