"""Run on a thread with a large stack, so deeply nested code can be analysed.

LibCST parses and visits recursively: a long implicit string concatenation
(``pydoc_data/topics.py``) or thousands of nested brackets exceed Python's default
recursion limit, and raising the limit alone can overflow the main thread's C
stack. A worker thread with a 512 MiB stack (reserved, not committed, memory)
and a matching recursion limit handles both. Every way into analysis (the CLI, the
library, worker processes) goes through here; on such a thread already, the function
simply runs.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

STACK_BYTES = 512 * 1024 * 1024
RECURSION_LIMIT = 50_000

T = TypeVar("T")

_here = threading.local()


def run_with_large_stack(function: Callable[[], T]) -> T:
    """Call ``function`` on a large-stack thread; its result, or its exception, comes back."""
    if getattr(_here, "large_stack", False):
        return function()
    outcome: dict[str, object] = {}
    restored = threading.Event()

    def target() -> None:
        # The stack size is the process's: until the caller has put it back, any thread
        # this one starts (the budget's watchdog) would reserve 512 MiB too, and a
        # worker's address-space limit runs out after a few.
        restored.wait()
        _here.large_stack = True
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the calling thread
            outcome["error"] = error

    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    previous = threading.stack_size(STACK_BYTES)
    try:
        worker = threading.Thread(target=target, name="cio-lint")
        worker.start()
    finally:
        threading.stack_size(previous)
        restored.set()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
