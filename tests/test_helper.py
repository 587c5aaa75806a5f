"""The helper process that loads the analysis while a large run walks: it changes where
files are analysed, never what is found."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cio_lint.core.config import Config
from cio_lint.engine import helper as helper_module
from cio_lint.engine.budget import DEFAULT_BUDGET
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import FileResult, analyze_batch
from cio_lint.engine.helper import (
    WAKE_AT_FILES,
    Helper,
    HelperLost,
    allow_helper,
    meanwhile,
    running_helper,
    stop_helper,
    wake_helper,
)
from cio_lint.engine.helper_process import _Pair, _Twin
from cio_lint.engine.limits import default_jobs
from cio_lint.engine.units import Unit
from cio_lint.engine.workers import ParallelAnalyzer
from cio_lint.rules import REGISTRY

from .conftest import run_cli
from .test_cli import BAD, write

pytestmark = pytest.mark.skipif(
    not hasattr(os, "posix_spawn"), reason="the helper is spawned with posix_spawn"
)

CLIENTS = """\
from customerio import CustomerIO

cio = CustomerIO(site_id="1f9a", api_key="sk_live_9fQ2x7LmA1b2C3d4")
"""
#: Never names Customer.io: only the client ``app.clients`` exports admits it.
JOBS = """\
import time

from app.clients import cio


def signed_up(user):
    cio.identify(id=user.id, updated_at=int(time.time() * 1000))
"""


def _project(root: Path) -> Path:
    """A project of ``WAKE_AT_FILES`` files and more, three of them Customer.io code."""
    write(root, "app/__init__.py", "")
    write(root, "app/clients.py", CLIENTS)
    write(root, "app/jobs.py", JOBS)
    write(root, "app/signup.py", BAD)
    for number in range(WAKE_AT_FILES + 20):
        write(root, f"lib/module_{number:03}.py",
              f"import json\n\n\ndef dump_{number}(value):\n    return json.dumps(value)\n")
    return root


def _findings(*args: str, cwd: Path) -> list[dict[str, object]]:
    result = run_cli("check", "--no-cache", "--output-format", "json", *args, ".", cwd=cwd)
    assert result.returncode == 1, result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def test_a_large_run_finds_with_a_helper_what_it_finds_alone(tmp_path: Path) -> None:
    root = _project(tmp_path)
    helped = _findings(cwd=root)
    alone = _findings("--jobs", "1", cwd=root)
    assert helped == alone
    where = {(f["path"], f["code"], f["start"]["line"]) for f in helped}  # type: ignore[index]
    assert ("app/jobs.py", "CIO201", 7) in where  # admitted through app.clients' export
    assert ("app/signup.py", "CIO201", 5) in where
    assert "sk_live_9fQ2x7LmA1b2C3d4" not in json.dumps(helped)  # masked as ever


#: Runs the console script's ``main`` and says, as the process ends, how many helpers
#: it started and whether it loaded the parser itself.
_WATCHED = """\
import os, sys
from cio_lint.engine import helper
spawned = []
spawn = helper.Helper.spawn.__func__
helper.Helper.spawn = classmethod(lambda cls, names: spawned.append(names) or spawn(cls, names))
exit_now = os._exit
def leave(status):
    print(json.dumps({"helpers": spawned, "libcst": "libcst" in sys.modules}), file=sys.stderr)
    sys.stderr.flush()
    exit_now(status)
import json
os._exit = leave
sys.argv = ["cio-lint", *sys.argv[1:]]
from cio_lint.entry import main
main()
"""


def _watched(*args: str, cwd: Path, cache: Path | None = None) -> dict[str, object]:
    caching = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    result = subprocess.run(
        [sys.executable, "-c", _WATCHED, "check", *caching, *args, "."], cwd=cwd,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    said: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    return said


def test_the_helper_analyses_so_the_run_never_loads_the_parser(tmp_path: Path) -> None:
    if default_jobs() < 2:
        pytest.skip("one CPU: no helper")
    root = _project(tmp_path)
    assert _watched(cwd=root) == {"helpers": [["app/__init__.py"]], "libcst": False}
    # One job asked for, or a small run: the run analyses alone.
    for one_job in (("--jobs", "1"), ("--jobs=1",), ("-j", "1"), ("-j1",)):
        assert _watched(*one_job, cwd=root) == {"helpers": [], "libcst": True}
    small = tmp_path / "small"
    write(small, "signup.py", BAD)
    assert _watched(cwd=small) == {"helpers": [], "libcst": True}


def test_a_warm_cache_starts_a_helper_only_for_many_files_to_read(tmp_path: Path) -> None:
    if default_jobs() < 2:
        pytest.skip("one CPU: no helper")
    root, cache = _project(tmp_path / "project"), tmp_path / "cache"
    time.sleep(2.1)  # a cache trusts no stamp younger than two seconds
    assert _watched(cwd=root, cache=cache)["helpers"] == [["app/__init__.py"]]
    # One file changed: the cache answers for the others, which are not even read.
    write(root, "app/signup.py", BAD + "\n")
    assert _watched(cwd=root, cache=cache) == {"helpers": [], "libcst": True}
    # Every file changed (another branch): as many to read as in a cold run.
    for module in (root / "lib").iterdir():
        module.write_text(module.read_text() + "\n")
    assert _watched(cwd=root, cache=cache) == {"helpers": [["app/__init__.py"]],
                                               "libcst": False}


@pytest.fixture
def batch(tmp_path: Path) -> list[tuple[Unit, dict[str, object]]]:
    path = write(tmp_path, "signup.py", BAD)
    unit = Unit(SourceFile(path, "signup.py"), Config(), frozenset(REGISTRY),
                BAD.encode(), module_name="signup")
    return [(unit, {})]


@pytest.fixture
def helper() -> Iterator[Helper]:
    started = Helper.spawn(("signup.py",))
    assert started is not None
    yield started
    started.stop()


def _said(results: list[FileResult]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for r in results for f in r.findings]


def test_a_batch_analysed_by_the_helper_is_analysed_as_here(
    helper: Helper, batch: list[tuple[Unit, dict[str, object]]]
) -> None:
    here = _said(analyze_batch(batch))  # type: ignore[arg-type]
    assert ("CIO201", 5, 33) in [said[:3] for said in here]
    assert _said(helper.analyse(batch, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]
    assert _said(helper.analyse(batch, DEFAULT_BUDGET)) == here  # type: ignore[arg-type]


def test_an_error_in_the_helper_is_raised_where_the_batch_was_sent(
    helper: Helper, batch: list[tuple[Unit, dict[str, object]]]
) -> None:
    batch[0][0].data = None  # nothing to analyse: the analysis asserts it has bytes
    with pytest.raises(AssertionError):
        helper.analyse(batch, DEFAULT_BUDGET)  # type: ignore[arg-type]


def test_work_meanwhile_is_done_once_while_the_helper_analyses(
    helper: Helper, batch: list[tuple[Unit, dict[str, object]]]
) -> None:
    done: list[int] = []
    with meanwhile(lambda: done.append(os.getpid())):
        helper.analyse(batch, DEFAULT_BUDGET)  # type: ignore[arg-type]
        helper.analyse(batch, DEFAULT_BUDGET)  # type: ignore[arg-type]
    assert done == [os.getpid()]
    with meanwhile(lambda: done.append(0)):
        pass  # nothing sent: the work is left to the stage that needs it
    helper.analyse(batch, DEFAULT_BUDGET)  # type: ignore[arg-type]
    assert done == [os.getpid()]


def test_when_the_helper_dies_its_batch_is_analysed_all_the_same(
    batch: list[tuple[Unit, dict[str, object]]]
) -> None:
    here = _said(analyze_batch(batch))  # type: ignore[arg-type]
    allow_helper(None)
    helper_module._allowed = True  # (on a one-CPU machine too)
    wake_helper(["signup.py"])
    started = running_helper()
    assert started is not None
    try:
        os.kill(started.pid, signal.SIGKILL)
        os.waitpid(started.pid, 0)
        analyzer = ParallelAnalyzer(2)
        assert _said(analyzer(batch)) == here  # type: ignore[arg-type]
        analyzer.close()
        assert running_helper() is None  # lost: not asked again
    finally:
        stop_helper()


def test_one_job_starts_no_helper() -> None:
    allow_helper(1)
    wake_helper(["signup.py"])
    assert running_helper() is None
    allow_helper(2)
    helper_module._allowed = True  # (on a one-CPU machine too)
    ParallelAnalyzer(1)  # one job, set by an API caller: no helper either
    wake_helper(["signup.py"])
    assert running_helper() is None


def test_a_run_of_many_small_batches_goes_on_without_the_helper(
    helper: Helper, batch: list[tuple[Unit, dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chain of re-exports sends one file per batch: past ``MAX_BATCHES`` round trips
    the run analyses the rest itself, with the same findings."""
    monkeypatch.setattr(helper_module, "MAX_BATCHES", 2)
    monkeypatch.setattr(helper_module, "_helper", helper)
    analyzer = ParallelAnalyzer(2)
    here = _said(analyze_batch(batch))  # type: ignore[arg-type]
    for _ in range(2):
        assert running_helper() is helper
        assert _said(analyzer(batch)) == here  # type: ignore[arg-type]
    assert helper.batches == 2
    assert _said(analyzer(batch)) == here  # type: ignore[arg-type]
    assert running_helper() is None and helper.batches == 2


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
