"""A run that writes the cache removes, at most once a day, entries unused for 30 days."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from cio_lint.engine.cache_version import FORMAT

from .conftest import forget_run_records, run_cli
from .test_cli import write

APP = "from customerio import CustomerIO\ncio = CustomerIO(S, K)\ncio.identify(id=user.email)\n"
DAY = 24 * 60 * 60
OLD_NAME = "ab" * 32 + ".json"  # named as an entry is named


def _project(tmp_path: Path) -> Path:
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    for name in ("a.py", "b.py", "c.py"):
        write(tmp_path, name, APP.replace("user", name[0]))
    return tmp_path


def _entries(project: Path) -> set[Path]:
    return set((project / ".cio_lint_cache" / f"v{FORMAT}").glob("*/*.json"))


def _check(project: Path, *files: str) -> set[Path]:
    """Lint ``files``; the cache's entries afterwards."""
    assert run_cli("check", *files, cwd=project).returncode == 1
    return _entries(project)


def _age(path: Path, days: float) -> float:
    """Make ``path`` (a link itself, not its target) look last touched ``days`` ago."""
    when = time.time() - days * DAY
    os.utime(path, (when, when), follow_symlinks=False)
    return when


def _marker(project: Path) -> Path:
    return project / ".cio_lint_cache" / f"v{FORMAT}" / ".pruned"


def test_entries_unused_for_30_days_go_and_recent_ones_stay(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (a,) = _check(project, "a.py")
    (b,) = _check(project, "a.py", "b.py") - {a}
    _age(a, 31)
    _age(b, 29)
    _age(_marker(project), 2)
    after = _check(project, "c.py")  # a.py and b.py are not linted: their entries unused
    assert a not in after
    assert b in after
    assert len(after) == 2  # b's, and the one just written for c.py


def test_a_run_that_only_reads_removes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (a,) = _check(project, "a.py")
    (b,) = _check(project, "b.py") - {a}
    _age(a, 40)
    _age(_marker(project), 2)
    assert _check(project, "b.py") == {a, b}


def test_a_hit_refreshes_its_entry_at_most_once_a_day(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (a,) = _check(project, "a.py")
    recently = _age(a, 0.5)
    forget_run_records(project / ".cio_lint_cache")  # the entry is read, not the record
    assert _check(project, "a.py") == {a}
    assert a.stat().st_mtime == recently  # used today already: a warm run writes nothing
    _age(a, 40)
    forget_run_records(project / ".cio_lint_cache")
    _check(project, "a.py")
    assert a.stat().st_mtime > time.time() - DAY


def test_an_entry_hit_in_a_pruning_run_survives_it(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (a,) = _check(project, "a.py")
    _age(a, 40)
    _age(_marker(project), 2)
    after = _check(project, "a.py", "b.py")  # a hit, b written: the run prunes
    assert a in after and len(after) == 2


def test_pruning_happens_at_most_once_a_day(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (a,) = _check(project, "a.py")
    assert _marker(project).is_file()  # the first run that writes prunes (nothing to remove)
    _age(a, 40)
    assert a in _check(project, "b.py")  # pruned less than a day ago: not again
    _age(_marker(project), 1.1)
    assert a not in _check(project, "c.py")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_link_where_the_marker_belongs_is_replaced_not_followed(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    (a,) = _check(project, "a.py")
    _age(a, 40)
    marker = _marker(project)
    marker.unlink()
    outside = write(tmp_path, "outside.txt", "keep me")
    os.symlink(outside, marker)
    after = _check(project, "b.py")
    assert a not in after
    assert outside.read_text() == "keep me"
    assert marker.is_file() and not marker.is_symlink()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_foreign_files_and_links_are_left_alone(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    cache = project / ".cio_lint_cache" / f"v{FORMAT}"
    target = write(tmp_path, "outside/target.json", "keep me")
    elsewhere = write(tmp_path, "elsewhere/" + OLD_NAME, "keep me too")
    foreign = [
        write(cache, "ab/notes.txt", "mine"),
        write(cache, "ab/" + OLD_NAME.upper(), "mine"),
        write(cache, "zz/" + OLD_NAME, "mine"),  # not a directory cio-lint makes
        write(project / ".cio_lint_cache", "notes.json", "mine"),
    ]
    os.symlink(target, cache / "ab" / ("cd" * 32 + ".json"))
    os.symlink(elsewhere.parent, cache / "ef")
    leftover = write(cache, f"ab/.{OLD_NAME}.x1y2.tmp", "half")  # a stopped run's
    for path in [*foreign, target, elsewhere, leftover, cache / "ab" / ("cd" * 32 + ".json"),
                 cache / "ef"]:
        _age(path, 400)
    before = _entries(project)
    (new,) = _check(project, "a.py") - before
    assert all(path.read_text() == "mine" for path in foreign)
    assert (cache / "ab" / ("cd" * 32 + ".json")).is_symlink()
    assert target.read_text() == "keep me"
    assert (cache / "ef").is_symlink() and elsewhere.read_text() == "keep me too"
    assert not leftover.exists()
    assert new.parent.parent == cache
