"""The time budget of one file: interrupted when over, never one file's interruption in
the next, and one watchdog thread per analysing thread rather than one per file."""

from __future__ import annotations

import threading
import time

import pytest

from cio_lint.engine.budget import OverBudget, within_time


def _busy(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def _watchdog_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "cio-lint watchdog"]


def _on_a_thread_of_its_own(function: object) -> list[object]:
    """Run ``function`` on a fresh thread (a fresh watchdog); what it returned or raised."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(function())  # type: ignore[operator]
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return outcome


def test_a_file_over_its_budget_is_interrupted_and_the_next_runs_whole() -> None:
    def files() -> list[str]:
        seen = []
        for seconds, work in ((0.05, 1.0), (5.0, 0.3), (0.05, 1.0), (5.0, 0.05)):
            started = time.monotonic()
            try:
                seen.append(within_time(seconds, lambda work=work: _busy(work)))
            except OverBudget:  # well before the work would have ended
                seen.append("over" if time.monotonic() - started < 0.8 else "late")
        return seen

    assert _on_a_thread_of_its_own(files) == [["over", "done", "over", "done"]]


def test_one_watchdog_serves_every_file_of_a_thread() -> None:
    before = set(_watchdog_threads())

    def many_files() -> int:
        for _ in range(300):
            within_time(5.0, lambda: None)
        return len(set(_watchdog_threads()) - before)

    assert _on_a_thread_of_its_own(many_files) == [1]


def test_the_watchdog_ends_soon_after_its_thread() -> None:
    before = set(_watchdog_threads())
    started: list[threading.Thread] = []

    def one_file() -> None:
        within_time(5.0, lambda: None)
        started.extend(set(_watchdog_threads()) - before)

    _on_a_thread_of_its_own(one_file)
    (watchdog,) = started
    watchdog.join(timeout=5)
    assert not watchdog.is_alive()


@pytest.mark.parametrize("threads", [2, 4])
def test_threads_analysing_side_by_side_are_each_interrupted_alone(threads: int) -> None:
    """A language server analyses on more than one thread: one file over its budget
    never interrupts another thread's file."""
    outcomes: dict[int, object] = {}

    def analyse(index: int) -> None:
        try:
            outcomes[index] = within_time(0.1 if index == 0 else 5.0,
                                          lambda: _busy(0.6 if index == 0 else 0.3))
        except OverBudget:
            outcomes[index] = "over"

    workers = [threading.Thread(target=analyse, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert outcomes == {0: "over", **{i: "done" for i in range(1, threads)}}
