"""An action done once per process, by whichever thread asks for it first."""

from __future__ import annotations

import threading
from collections.abc import Callable


def once(action: Callable[[], None]) -> Callable[[], None]:
    """A function that runs ``action`` the first time it is called and does nothing after;
    a thread that calls it meanwhile waits until ``action`` is done (``functools.cache``
    would let two threads run it side by side)."""
    done = False
    lock = threading.Lock()

    def run() -> None:
        nonlocal done
        if done:
            return
        with lock:
            if not done:
                action()
                done = True

    return run
