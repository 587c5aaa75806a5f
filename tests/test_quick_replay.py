"""A check replayed from stamps alone: the same report and exit status while nothing the
run looked at changed, and a real run as soon as anything did.

Each case lints a small project three times with a cache: the first run fills it, the
second prints its kept report and records what it looked at, the third is answered from
that record without loading the command line. Then one thing changes, and the next run
must print what a run without any cache prints. A record is only written for files
older than two seconds, so the projects are made once, then left to age.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import cio_lint_command
from .test_cli import BAD, CLEAN

QUICK_SHELF = ("v9", "quick")


def _make(root: Path) -> Path:
    """``outer/project``: one file with a CIO201 finding, one clean."""
    project = root / "outer" / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "track.py").write_text(BAD)
    (project / "app" / "helper.py").write_text(CLEAN)
    return project


def _run(project: Path, *extra: str, env: dict[str, str] | None = None,
         cache: bool = True, targets: tuple[str, ...] = (".",),
         ) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("NO_COLOR", "FORCE_COLOR") and not k.startswith("CIO_LINT")}
    full_env["PYTHONPROFILEIMPORTTIME"] = "1"  # stderr then names every module loaded
    full_env.update(env or {})
    caching = ("--cache-dir", str(project.parent.parent / "cache")) if cache else ("--no-cache",)
    return subprocess.run(
        [*cio_lint_command(), "check", "--output-format", "concise", *caching, *extra,
         *targets],
        cwd=project, capture_output=True, text=True, env=full_env, timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _replayed(result: subprocess.CompletedProcess[str]) -> bool:
    """Whether the run answered from its quick record (it never loaded the CLI)."""
    assert "Traceback" not in result.stderr, result.stderr
    return "cio_lint.cli" not in result.stderr


def _recorded(project: Path, *extra: str, targets: tuple[str, ...] = (".",)
              ) -> subprocess.CompletedProcess[str]:
    """Fill the cache, print the kept report (which records), then replay it."""
    first, second, third = (_run(project, *extra, targets=targets) for _ in range(3))
    assert not _replayed(first) and not _replayed(second)
    assert _replayed(third), third.stderr[-2000:]
    assert (third.stdout, third.returncode) == (first.stdout, first.returncode)
    return third


def _edit(project: Path) -> None:
    (project / "app" / "track.py").write_text(CLEAN)


def _add(project: Path) -> None:
    (project / "app" / "more.py").write_text(BAD)


def _remove(project: Path) -> None:
    (project / "app" / "track.py").unlink()


def _ignore(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("app/track.py\n")


def _configure(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.cio-lint]\nignore = ["CIO201"]\n')


def _configure_above(project: Path) -> None:
    """A configuration in a folder above the project: never listed, only looked for."""
    (project.parent / ".cio-lint.toml").write_text('ignore = ["CIO201"]\n')


def _package(project: Path) -> None:
    (project / "app" / "settings.py").write_text(
        'import time\nSTAMP = int(time.time() * 1000)\n')
    (project / "app" / "track.py").write_text(CLEAN + "from app.settings import STAMP\n"
                                              "cio.identify(id='5', updated_at=STAMP)\n")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit": _edit, "add": _add, "remove": _remove, "gitignore": _ignore,
    "config": _configure, "config-above": _configure_above, "imported": _package,
}


@pytest.fixture(scope="module")
def aged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A project per case (and a spare), all older than a record's racy window."""
    root = tmp_path_factory.mktemp("quick")
    projects = {name: _make(root / name)
                for name in (*CHANGES, "env", "planted", "file", "named")}
    time.sleep(2.1)
    return projects


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_the_run_would_see_is_a_real_run(
    aged: dict[str, Path], change: str,
) -> None:
    project = aged[change]
    _recorded(project)
    CHANGES[change](project)
    after = _run(project)
    truth = _run(project, cache=False)
    assert not _replayed(after)
    assert (after.stdout, after.returncode) == (truth.stdout, truth.returncode)


def test_named_files_are_replayed_and_a_change_to_one_is_seen(aged: dict[str, Path]) -> None:
    project = aged["named"]
    named = ("app/track.py", "app/helper.py")
    _recorded(project, targets=named)
    (project / "app" / "helper.py").write_text(BAD)
    after = _run(project, targets=named)
    truth = _run(project, cache=False, targets=named)
    assert not _replayed(after) and after.stdout.count("CIO201") == 2
    assert (after.stdout, after.returncode) == (truth.stdout, truth.returncode)


def test_another_environment_is_another_record(aged: dict[str, Path]) -> None:
    project = aged["env"]
    plain = _recorded(project, "--output-format", "text")
    coloured = _run(project, "--output-format", "text", env={"FORCE_COLOR": "1"})
    assert not _replayed(coloured)
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout


def test_a_record_not_signed_by_this_user_is_ignored(aged: dict[str, Path]) -> None:
    project = aged["planted"]
    _recorded(project)
    shelf = project.parent.parent / "cache" / Path(*QUICK_SHELF)
    [record] = shelf.glob("*/*.json")
    signature, _, body = record.read_bytes().partition(b"\n")
    planted = json.loads(body)
    planted["text"], planted["status"] = "all clean\n", 0
    record.write_bytes(signature + b"\n" + json.dumps(planted).encode())
    after = _run(project)
    assert not _replayed(after)
    assert after.returncode == 1 and "CIO201" in after.stdout


def test_a_report_written_to_a_file_is_not_recorded(aged: dict[str, Path]) -> None:
    project = aged["file"]
    for _ in range(3):
        result = _run(project, "--output-file", "report.txt")
        assert not _replayed(result)
    assert not (project.parent.parent / "cache" / Path(*QUICK_SHELF)).exists()


def test_files_changed_just_now_are_not_recorded(tmp_path: Path) -> None:
    project = _make(tmp_path)
    results = [_run(project) for _ in range(3)]
    assert not any(_replayed(result) for result in results)
    assert results[2].stdout == results[0].stdout
    assert not (tmp_path / "cache" / Path(*QUICK_SHELF)).exists()


@pytest.mark.parametrize("targets", [
    (".",),
    # As pre-commit names files, one of them excluded (by the .gitignore above).
    ("--force-exclude", "app/track.py", "build/gen.py"),
], ids=["walked", "named"])
def test_the_replay_covers_every_path_the_run_stats(
    aged: dict[str, Path], targets: tuple[str, ...],
) -> None:
    """Every ``stat`` of a run that prints its kept report is of a path the record keeps
    (a file, or an entry of a folder it lists), or of a folder above one (which is there
    as long as what it holds is), and every folder it lists is kept: a new question
    whether a file is there must go through ``core.probes``, and an answer remembered
    across runs in one process through ``probes.remembered``."""
    root = aged["env"].parent.parent / f"statted-{len(targets)}"
    project = root / "outer" / "project"
    shutil.copytree(aged["env"], project)
    # A repository above the project, and no configuration in it: what a run looks for
    # is looked for upwards too.
    (project.parent / ".git").mkdir()
    (project.parent / ".gitignore").write_text("build/\n")
    (project / "requirements.txt").write_text("customerio==2.1\n")
    (project / "pyproject.toml").write_text('[project]\nname = "app"\n')  # passed over
    (project / "package.json").write_text('{"dependencies": {"customerio-node": "^4.0.0"}}\n')
    (project / "web").mkdir()
    (project / "web" / "track.ts").write_text(
        'import { TrackClient } from "customerio-node";\n'
        'const cio = new TrackClient("s", "k");\n'
        "cio.identify(\"5\", { created_at: Date.now() });\n")
    (project / "app" / "__init__.py").write_text("")
    (project / "build").mkdir()
    (project / "build" / "gen.py").write_text(BAD)
    script = root / "statted.py"
    script.write_text(_WATCHING)
    cache = root / "cache"
    command = ["check", "--output-format", "concise", "--cache-dir", str(cache), *targets]
    for _ in range(2):  # fill the cache, then keep the report
        _run(project, targets=targets)
    out = root / "statted.json"
    watched = subprocess.run(
        [_python(), str(script), str(out), *command], cwd=project, capture_output=True,
        text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in watched.stderr, watched.stderr
    assert "CIO201" in watched.stdout and "gen.py" not in watched.stdout
    seen = json.loads(out.read_text())
    statted = [path for path in seen["statted"] if not _interpreters(path)]
    assert len(statted) > 20, statted  # the walk, the manifest, configuration
    files, folders = set(seen["files"]), set(seen["folders"])
    above = {folder for path in files | folders for folder in _folders_above(path)}
    missed = [path for path in statted
              if path not in files | folders | above
              and os.path.dirname(path) not in folders
              and "__pycache__" not in path and not path.startswith(str(cache))]
    assert sorted(set(missed)) == [], "\n".join(sorted(set(missed)))
    unlisted = {path for path in seen["listed"] if path not in folders
                and "__pycache__" not in path and not path.startswith(str(cache))}
    assert sorted(unlisted) == []


def _folders_above(path: str) -> list[str]:
    found = []
    while os.path.dirname(path) != path:
        path = os.path.dirname(path)
        found.append(path)
    return found


def _python() -> str:
    """The interpreter of the installed console script."""
    import sys

    return sys.executable


def _interpreters(path: str) -> bool:
    import sys

    return any(path == prefix or path.startswith(prefix.rstrip(os.sep) + os.sep)
               for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix})


#: Runs a check as the console script does, noting every path it stats, and writes them
#: with what the quick record covers (the check prints its kept report and records).
_WATCHING = '''
import json, os, sys
out = sys.argv[1]
sys.argv = ["cio-lint", *sys.argv[2:]]
statted, listed = [], []
real = os.stat, os.lstat, os.listdir, os.scandir
asking = []  # a question of core.probes: its own stat answers only what a path is
def watched(function, into):
    def call(path=".", *args, **kwargs):
        if not isinstance(path, int) and not asking:
            into.append(os.path.abspath(os.fsdecode(os.fspath(path))))
        return function(path, *args, **kwargs)
    return call
os.stat, os.lstat = watched(real[0], statted), watched(real[1], statted)
os.listdir, os.scandir = watched(real[2], listed), watched(real[3], listed)
from cio_lint.core import probes
def question(ask):
    def call(*args, **kwargs):
        asking.append(True)
        try:
            return ask(*args, **kwargs)
        finally:
            asking.pop()
    return call
for name in ("is_file", "is_dir", "exists", "lexists", "is_link"):
    setattr(probes, name, question(getattr(probes, name)))
from cio_lint import cli  # click's check of a path argument asks only what it is
cli.PathArgument.convert = question(cli.PathArgument.convert)
# Where a link leads: a file linted through it is stamped where it leads, and a walked
# one is an entry of a folder kept whole.
from cio_lint.engine import discovery
discovery.real_path = question(discovery.real_path)
from cio_lint.engine import quick_replay
def record(recorder, cache_root, write, argv, linted, text, status):
    os.stat, os.lstat, os.listdir, os.scandir = real
    files, folders, probed = quick_replay._covered(
        recorder, linted, os.path.abspath(cache_root))
    with open(out, "w") as handle:
        json.dump({"statted": statted, "listed": listed, "files": sorted(files),
                   "probed": sorted(probed), "folders": sorted(folders)}, handle)
quick_replay.record = record
cli.main()
'''
