"""What a run works within unless told otherwise: what one file's analysis may cost, and
how many processes analyse. Kept apart from ``budget``, which enforces the cost, and from
``workers``, so the command line shows the defaults (and decides on a helper process)
without loading either."""

from __future__ import annotations

import os

#: Far above any real file (a 20,000-line file of SDK calls takes about 20 s on a slow
#: machine), so results do not depend on the machine; hostile input still ends.
DEFAULT_SECONDS = 60.0
#: A worker's address space: its 512 MiB reserved stack, the interpreter and the file.
DEFAULT_MEMORY_MB = 4096


def default_jobs() -> int:
    """One job per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)
