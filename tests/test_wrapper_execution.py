"""Execution-context rules see calls of project functions that reach the SDK: the finding
sits at the caller's call, its message ends with the chain, and its related locations
are the places of the chain's links."""

from __future__ import annotations

from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.findings import Finding

from .conftest import FIXTURES

PROJECTS = FIXTURES / "whole_program"


def _finding(project: str, code: str, path: str, line: int) -> Finding:
    resolver = ConfigResolver(None, {"select": (code,)})
    run = lint_paths([PROJECTS / project], resolver, None)
    assert not run.errors, run.errors
    found = [f for f in run.findings if f.path.endswith(path) and f.line == line]
    assert len(found) == 1, [(f.path, f.line, f.message) for f in run.findings]
    return found[0]


def _related(finding: Finding) -> list[tuple[str, int, int, str]]:
    return [
        ("/".join(r.path.replace("\\", "/").split("/")[-2:]), r.start.line, r.start.column,
         r.message)
        for r in finding.related
    ]


def test_unhandled_error_of_a_wrapper_of_a_wrapper_names_both_links() -> None:
    finding = _finding("unhandled_wrapper", "CIO601", "app/views.py", 19)
    assert finding.column == 5
    assert finding.message == (
        "`start_onboarding` in view `onboard` is not in a `try`: an API error becomes a 500; "
        "via `start_onboarding()` -> `record_signup()` at …/onboarding.py:7 -> "
        "`cio.identify` at …/events.py:13"
    )
    assert _related(finding) == [
        ("app/onboarding.py", 7, 5, "`record_signup()` called here"),
        ("app/events.py", 13, 5, "`cio.identify` called here"),
    ]


def test_a_wrapper_mapped_by_a_thread_pool_is_unbounded_concurrency() -> None:
    finding = _finding("loop_wrapper", "CIO607", "app/sync.py", 33)
    assert finding.column == 27
    assert finding.message == (
        "`notify_account` sends a request per item of the `executor.map` over `rows` "
        "(line 33), 8 at once: 429s past 100/s; via `notify_account` -> `cio.identify` at "
        "…/notifications.py:12"
    )
    assert finding.wrong == "executor.map(notify_account, rows)"
    assert _related(finding) == [("app/notifications.py", 12, 5, "`cio.identify` called here")]


def test_a_wrapper_submitted_per_iteration_names_the_loop() -> None:
    finding = _finding("loop_wrapper", "CIO607", "app/sync.py", 44)
    assert finding.column == 25
    assert finding.message.startswith(
        "`notify_account` goes to a thread pool per iteration of the `for row in rows` loop "
        "(line 43): 429s past 100/s; via"
    )
    assert finding.wrong == "notify_account"


def test_a_pool_mapping_a_wrapper_is_not_also_an_unthrottled_loop() -> None:
    resolver = ConfigResolver(None, {"select": ("CIO602",)})
    run = lint_paths([PROJECTS / "loop_wrapper"], resolver, None)
    assert sorted(f.line for f in run.findings if f.path.endswith("sync.py")) == [
        19, 23, 28, 89
    ]


def test_a_synchronous_wrapper_called_in_a_coroutine_blocks_its_event_loop() -> None:
    finding = _finding("async_wrapper", "CIO603", "app/routes.py", 29)
    assert finding.column == 5
    assert finding.message == (
        "`record_signup` blocks the event loop of `async def signup` until Customer.io "
        "answers (up to 10 s a try); via `record_signup()` -> `cio.identify` at "
        "…/tracking.py:15"
    )
    assert finding.correct == "await asyncio.to_thread(record_signup, form.id, form.email)"
    assert _related(finding) == [("app/tracking.py", 15, 9, "`cio.identify` called here")]


def test_a_class_that_builds_its_client_in_init_created_per_request() -> None:
    finding = _finding("per_request_class", "CIO106", "app/views.py", 14)
    assert finding.column == 5
    assert finding.message == (
        "`CustomerIO(...)` built each time `signup()` runs: new connection each time; via "
        "`Tracker()` -> `CustomerIO` at …/tracking.py:11"
    )
    assert finding.correct == "tracker = Tracker()  # once, at module level; reuse it in signup()"
    assert _related(finding) == [("app/tracking.py", 11, 20, "`CustomerIO` called here")]
