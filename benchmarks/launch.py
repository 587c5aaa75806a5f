"""Run one command and report its wall time, CPU time, peak RSS and exit status.

Linux carries a process's peak RSS (``ru_maxrss``) across ``exec``: a command started
by a large process reports at least that process's size (a ``grep`` started by a
benchmark holding 130 MB reports 130 MB). So ``measure.run_once`` starts this small
interpreter (``python -S``), which starts the command: the command's peak is then its
own, or this launcher's few MB at most. The figures go to the file descriptor named
first, as one JSON object; the command inherits the working directory, environment
and standard streams.

Usage: ``python -S launch.py FD COMMAND [ARG ...]``
"""

import json
import os
import sys
import time


def main() -> int:
    fd, command = int(sys.argv[1]), sys.argv[2:]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    report = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_kib": usage.ru_maxrss,  # Linux reports KiB
        "returncode": os.waitstatus_to_exitcode(status),
    }
    with os.fdopen(fd, "w") as out:
        out.write(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
