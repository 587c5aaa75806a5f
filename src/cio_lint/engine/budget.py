"""What analysing one file may cost: past its budget it is reported and skipped.

Time: a watchdog timer raises ``OverBudget`` in the analysing thread (CPython's
``PyThreadState_SetAsyncExc``), so every loop of the frontend and of every rule is
interrupted at its next bytecode without a check in each of them. Native code (a
parser) finishes its call first; CPython's pre-check keeps that bounded by the size of
the file. Memory: worker processes run under an address-space limit, so a file that
needs more raises ``MemoryError`` there instead of exhausting the machine.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cio_lint.engine.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS

T = TypeVar("T")


@dataclass(frozen=True)
class Budget:
    """The time one file may take, and the memory a worker process may use."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def over_time(self) -> str:
        return (
            f"analysis stopped after {self.seconds:g} s: the file is too costly to analyse "
            "(raise --file-timeout to analyse it)"
        )

    def over_memory(self) -> str:
        return (
            f"analysis ran out of memory (the budget is {self.memory_mb} MB per worker "
            "process): the file is too costly to analyse"
        )


#: The budget of a run that sets none.
DEFAULT_BUDGET = Budget()


class OverBudget(BaseException):
    """Raised in the analysing thread when its time is up; a ``BaseException`` so that no
    rule's ``except Exception`` can swallow it."""


def within_time(seconds: float, function: Callable[[], T]) -> T:
    """``function()``, interrupted with ``OverBudget`` once ``seconds`` have passed."""
    _quiet_when_swallowed()
    deadline = _watchdog().arm(seconds)
    try:
        return function()
    finally:
        # A C call, first: once it has run the watchdog fires no more, whatever
        # interrupts the rest of this block.
        deadline.finished.append(True)
        deadline.disarm()


#: After the deadline the interruption is repeated this often, in case code that
#: swallows every exception (a weakref callback, a ``__del__``) caught the first one.
_REPEAT_SECONDS = 0.05
_REPEATS = 200
#: How often an idle watchdog looks whether the thread it watches has ended.
_IDLE_SECONDS = 1.0

_watchdogs = threading.local()


def _watchdog() -> _Watchdog:
    """The watchdog of the calling thread (made with its first file)."""
    watchdog: _Watchdog | None = getattr(_watchdogs, "watchdog", None)
    if watchdog is None:
        watchdog = _watchdogs.watchdog = _Watchdog(threading.current_thread())
    return watchdog


class _Watchdog:
    """One thread that watches the deadlines of one analysing thread, one file after
    another. Starting a thread for each file cost more than analysing a small one; this
    one starts with the first file and ends within ``_IDLE_SECONDS`` of the thread it
    watches."""

    def __init__(self, watched: threading.Thread) -> None:
        import ctypes  # only once a file is analysed: a run that analyses none never loads it

        self._watched = watched
        self._thread_id = ctypes.c_ulong(watched.ident or 0)
        self._set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
        self._over_budget = ctypes.py_object(OverBudget)
        self._ready = threading.Condition()
        self._next: _Deadline | None = None
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> _Deadline:
        """The deadline of the file about to be analysed, watched from now."""
        deadline = _Deadline(time.monotonic() + seconds, self)
        with self._ready:
            self._next = deadline
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="cio-lint watchdog", daemon=True
                )
                self._thread.start()
            self._ready.notify()
        return deadline

    def interrupt(self) -> None:
        """Raise ``OverBudget`` in the watched thread, at its next bytecode."""
        self._set_async_exc(self._thread_id, self._over_budget)

    def withdraw(self) -> None:
        """Take back an interruption not yet raised, if any is pending."""
        self._set_async_exc(self._thread_id, None)

    def _watch(self) -> None:
        while True:
            with self._ready:
                while self._next is None:
                    if not self._ready.wait(_IDLE_SECONDS) and not self._watched.is_alive():
                        return
                deadline, self._next = self._next, None
            deadline.watch()


class _Deadline:
    """Interrupts one thread at a time, unless it finished first.

    Under the lock, "finished" and "fire" exclude each other: once ``disarm`` has run, no
    interruption is pending, so none can land in the next file's analysis.
    """

    def __init__(self, at: float, watchdog: _Watchdog) -> None:
        self._at = at
        self._watchdog = watchdog
        self._lock = threading.Lock()
        self._fired = False
        self.finished: list[bool] = []
        self._stop = threading.Event()

    def watch(self) -> None:
        """In the watchdog's thread: wait out the budget, then interrupt until finished."""
        if self._stop.wait(max(0.0, self._at - time.monotonic())):
            return
        for _ in range(_REPEATS):
            with self._lock:
                if self.finished:
                    return
                self._fired = True
                self._watchdog.interrupt()
            if self._stop.wait(_REPEAT_SECONDS):
                return

    def disarm(self) -> None:
        self._stop.set()
        with self._lock:
            if self._fired:  # whether delivered or not, make sure none is pending
                self._watchdog.withdraw()


_default_unraisable_hook = sys.unraisablehook


def _quiet_when_swallowed() -> None:
    """An interruption that lands where Python can only print it (a weakref callback)
    is repeated anyway: print nothing for it."""
    if sys.unraisablehook is not _ignore_over_budget:
        global _default_unraisable_hook
        _default_unraisable_hook = sys.unraisablehook
        sys.unraisablehook = _ignore_over_budget


def _ignore_over_budget(unraisable: Any) -> None:
    if not isinstance(unraisable.exc_value, OverBudget):
        _default_unraisable_hook(unraisable)
