"""The helper process that loads the analysis while a large run walks: it changes where
files are analysed, never what is found."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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
    allow_helper,
    meanwhile,
    running_helper,
    stop_helper,
    wake_helper,
)
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
