"""Run one command and measure it the way the benchmark reports it.

Each command is started by a small launcher (``launch.py``), not by this process: Linux
carries a process's peak RSS across ``exec``, so a command started from here would
report at least this process's own size. The launcher times the command with a
monotonic clock from start until it exits, and takes CPU time and peak RSS from
``os.wait4``, which the kernel fills for the command and every descendant it reaped.
Descendants nobody reaps (a forkserver and its workers outlive the main process) would
be lost, so on Linux this process becomes a *child subreaper*: such orphans are
re-parented here and their usage is added. Peak RSS is the largest single process of the
tree (``ru_maxrss``), not a sum.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Sample:
    """One timed run of one command."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    timed_out: bool = False


@dataclass
class Series:
    """All runs of one tool on one corpus, in the order they were taken."""

    tool: str
    corpus: str
    label: str
    command: list[str]
    ok_returncodes: tuple[int, ...] = (0,)
    samples: list[Sample] = field(default_factory=list)
    findings: int | None = None
    note: str = ""

    @property
    def timed_out(self) -> bool:
        return any(sample.timed_out for sample in self.samples)

    @property
    def failed(self) -> bool:
        return any(
            not sample.timed_out and sample.returncode not in self.ok_returncodes
            for sample in self.samples
        )

    def _good(self) -> list[Sample]:
        return [s for s in self.samples if not s.timed_out]

    @property
    def median_wall(self) -> float | None:
        good = self._good()
        return statistics.median(s.wall for s in good) if good else None

    @property
    def median_cpu(self) -> float | None:
        good = self._good()
        return statistics.median(s.cpu for s in good) if good else None

    @property
    def peak_rss_mb(self) -> float | None:
        good = self._good()
        return max(s.rss_mb for s in good) if good else None

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "corpus": self.corpus,
            "label": self.label,
            "command": self.command,
            "runs": [asdict(sample) for sample in self.samples],
            "median_wall_s": self.median_wall,
            "median_cpu_s": self.median_cpu,
            "peak_rss_mb": self.peak_rss_mb,
            "timed_out": self.timed_out,
            "failed": self.failed,
            "findings": self.findings,
            "note": self.note,
        }


#: Starts each command, so that its peak RSS is its own (see the module docstring).
LAUNCHER = Path(__file__).with_name("launch.py")
PR_SET_CHILD_SUBREAPER = 36
ORPHAN_GRACE_S = 30.0


def become_subreaper() -> bool:
    """Adopt orphaned descendants so their CPU time and memory are counted (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)


def _reap_orphans(group: int) -> tuple[float, int]:
    """Wait (briefly) for adopted descendants; returns their CPU seconds and max RSS KiB."""
    cpu, rss = 0.0, 0
    deadline = time.monotonic() + ORPHAN_GRACE_S
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return cpu, rss
        if pid == 0:
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(group, signal.SIGKILL)
            time.sleep(0.005)
            continue
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss)


def run_once(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    stdout: Path,
    timeout: float,
) -> Sample:
    """Run ``command`` to completion (or kill its process group at ``timeout``)."""
    read_end, write_end = os.pipe()
    launched = [sys.executable, "-S", str(LAUNCHER), str(write_end), *command]
    with open(stdout, "wb") as out, open(stdout.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        try:
            process = subprocess.Popen(
                launched, cwd=cwd, env=dict(env), stdout=out, stderr=err,
                stdin=subprocess.DEVNULL, start_new_session=True, pass_fds=(write_end,),
            )
        finally:
            os.close(write_end)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped above
        if killed.is_set():
            # Kill whatever the timeout left behind in the group so it cannot skew later runs.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        orphan_cpu, orphan_rss = _reap_orphans(process.pid)
    with os.fdopen(read_end, "rb") as reader:
        launched_report = reader.read()
    if killed.is_set() or not launched_report:  # the launcher was killed: its own figures
        cpu, rss_kib, returncode = usage.ru_utime + usage.ru_stime, usage.ru_maxrss, \
            process.returncode
    else:
        report = json.loads(launched_report)
        wall, cpu, rss_kib = report["wall"], report["cpu"], report["rss_kib"]
        returncode = report["returncode"]
    return Sample(
        wall=round(wall, 4),
        cpu=round(cpu + orphan_cpu, 4),
        rss_mb=round(max(rss_kib, orphan_rss) / 1024, 1),  # Linux reports KiB
        returncode=returncode,
        timed_out=killed.is_set(),
    )
