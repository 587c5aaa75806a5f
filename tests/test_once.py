"""``once``: the action runs a single time, and callers meanwhile wait for it."""

from __future__ import annotations

import threading
import time

from cio_lint.core.once import once


def test_the_action_runs_once_and_every_caller_waits_for_it() -> None:
    runs: list[float] = []
    finished: list[float] = []

    def slow() -> None:
        runs.append(time.monotonic())
        time.sleep(0.2)

    run = once(slow)

    def caller() -> None:
        run()
        finished.append(time.monotonic())

    threads = [threading.Thread(target=caller) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run()
    assert len(runs) == 1
    assert all(at >= runs[0] + 0.2 for at in finished)  # none returned before it was done
