"""The helper's own side: once loaded it forks a twin, and the two share each batch of
several files, one ticket per file; a twin that dies costs nothing found."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from cio_lint.core.config import Config
from cio_lint.engine.budget import DEFAULT_BUDGET
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import FileResult, analyze_batch
from cio_lint.engine.helper import Helper, HelperLost
from cio_lint.engine.helper_process import _Pair, _Twin
from cio_lint.engine.limits import default_jobs
from cio_lint.engine.units import Unit
from cio_lint.rules import REGISTRY

from .test_cli import BAD, write

pytestmark = pytest.mark.skipif(
    not hasattr(os, "posix_spawn"), reason="the helper is spawned with posix_spawn"
)


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started that still run (Linux's ``/proc``)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _twin_of(helper: Helper) -> int:
    deadline = time.monotonic() + 30
    while not (children := _children(helper.pid)):  # forked once the analysis is loaded
        assert time.monotonic() < deadline, "the helper forked no twin"
        time.sleep(0.01)
    assert len(children) == 1
    return children[0]


@pytest.fixture
def several(tmp_path: Path) -> list[tuple[Unit, dict[str, object]]]:
    """Files of different sizes and findings: a millisecond timestamp on line 5, 6, 7..."""
    batch: list[tuple[Unit, dict[str, object]]] = []
    for number in range(7):
        text = "# a comment\n" * number + BAD
        path = write(tmp_path, f"signup_{number}.py", text)
        batch.append((Unit(SourceFile(path, path.name), Config(), frozenset(REGISTRY),
                           text.encode(), module_name=path.stem), {}))
    return batch


def _by_file(results: list[FileResult]) -> list[tuple[str, list[tuple[str, int, int]]]]:
    return [(r.path, [(f.code, f.line, f.column) for f in r.findings]) for r in results]


twin_on_linux = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or sys.platform == "darwin" or default_jobs() < 2,
    reason="a twin is forked with two CPUs or more; its process is found in /proc",
)


@twin_on_linux
def test_a_batch_of_several_files_is_shared_with_the_twin_in_order(
    helper: Helper, several: list[tuple[Unit, dict[str, object]]]
) -> None:
    here = _by_file(analyze_batch(several))  # type: ignore[arg-type]
    assert [findings[0][:2] for _, findings in here] == [
        ("CIO201", 5 + number) for number in range(7)]
    assert _by_file(helper.analyse(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    twin = _twin_of(helper)
    # The twin analysed some of them: its own files' results came back with the rest.
    assert _by_file(helper.analyse(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    assert _children(helper.pid) == [twin]


@twin_on_linux
def test_when_the_twin_dies_the_helper_analyses_its_share(
    helper: Helper, several: list[tuple[Unit, dict[str, object]]]
) -> None:
    here = _by_file(analyze_batch(several))  # type: ignore[arg-type]
    os.kill(_twin_of(helper), signal.SIGKILL)
    assert _by_file(helper.analyse(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    assert _children(helper.pid) == []  # dropped, and waited for
    assert _by_file(helper.analyse(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]


@twin_on_linux
def test_the_twin_ends_with_the_helper() -> None:
    helper = Helper.spawn(("signup.py",))
    assert helper is not None
    twin = _twin_of(helper)
    helper.stop()  # killed, as when the run ends: the twin's pipe closes
    deadline = time.monotonic() + 30
    while Path(f"/proc/{twin}").exists() and "Z" not in _state(twin):
        assert time.monotonic() < deadline, "the twin outlived its helper"
        time.sleep(0.01)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"  # gone


@twin_on_linux
def test_a_helper_that_dies_is_noticed_though_its_twin_lives(
    helper: Helper, several: list[tuple[Unit, dict[str, object]]]
) -> None:
    """The twin holds none of the run's pipes: the helper's end is seen at once."""
    twin = _twin_of(helper)
    os.kill(helper.pid, signal.SIGKILL)
    os.waitpid(helper.pid, 0)
    lost: list[BaseException] = []

    def analyse() -> None:
        try:
            helper.analyse(several, DEFAULT_BUDGET)  # type: ignore[arg-type]
        except BaseException as error:
            lost.append(error)

    waiting = threading.Thread(target=analyse, daemon=True)
    waiting.start()
    waiting.join(30)
    assert [type(error) for error in lost] == [HelperLost]
    with contextlib.suppress(ProcessLookupError):
        os.kill(twin, signal.SIGKILL)


class _DyingProcess:
    """A twin's process that takes two files' tickets, then dies before it answers."""

    def __init__(self, tickets: int) -> None:
        self.sent: list[int] = []
        self.took: list[bytes] = []
        self._taking = threading.Thread(
            target=lambda: self.took.extend(os.read(tickets, 4) for _ in range(2)))

    def send(self, batch: list[object], budget: object) -> None:
        self.sent.append(len(batch))
        self._taking.start()

    def reply(self) -> object:
        self._taking.join()
        raise HelperLost("gone")

    def stop(self) -> None:
        pass


def test_a_twin_that_dies_mid_batch_leaves_its_files_to_the_helper(
    several: list[tuple[Unit, dict[str, object]]]
) -> None:
    here = _by_file(analyze_batch(several))  # type: ignore[arg-type]
    tickets_read, tickets_write = os.pipe()
    process = _DyingProcess(tickets_read)
    pair = _Pair(_Twin(process, tickets_read, tickets_write))  # type: ignore[arg-type]
    assert _by_file(pair.answer(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    # It had the whole batch, and took two files' tickets: the helper analysed those too.
    assert process.sent == [7]
    took = [int.from_bytes(ticket, sys.byteorder) for ticket in process.took]
    assert len(set(took)) == 2 and set(took) <= set(range(7))
    assert _by_file(pair.answer(several, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    assert process.sent == [7]  # dropped: the helper analyses alone from then on


def test_a_shared_batch_is_handed_out_largest_file_first(
    several: list[tuple[Unit, dict[str, object]]]
) -> None:
    tickets_read, tickets_write = os.pipe()
    _Twin(None, tickets_read, tickets_write).hand_out(several)  # type: ignore[arg-type]
    handed = os.read(tickets_read, 4096)
    os.close(tickets_read)
    os.close(tickets_write)
    places = [int.from_bytes(handed[i:i + 4], sys.byteorder) for i in range(0, len(handed), 4)]
    assert places == [6, 5, 4, 3, 2, 1, 0, 0xFFFF_FFFF, 0xFFFF_FFFF]  # and one end each
