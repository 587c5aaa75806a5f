"""`cio-lint clean` removes a project's cache; a run that writes the cache drops old formats."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cio_lint.engine.cache_version import FORMAT

from .conftest import run_cli
from .test_cli import write

APP = "from customerio import CustomerIO\ncio = CustomerIO(S, K)\ncio.identify(id=user.email)\n"


def _project(tmp_path: Path) -> Path:
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    write(tmp_path, "app.py", APP)
    return tmp_path


def test_clean_removes_the_cache_and_says_what(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_cli("check", "app.py", cwd=project).returncode == 1
    cache = project / ".cio_lint_cache"
    assert list(cache.glob("v*/*/*.json"))
    result = run_cli("clean", cwd=project)
    assert result.returncode == 0
    assert result.stdout == f"Removed {cache} (.gitignore, v{FORMAT})\n"
    assert not cache.exists()
    again = run_cli("clean", cwd=project)
    assert (again.returncode, again.stdout) == (0, f"No cache to remove at {cache}\n")


def test_clean_removes_only_what_cio_lint_writes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    shared = project / "shared"
    write(shared, "notes.txt", "keep me")
    write(shared, "v2/ab/entry.json", "{}")
    result = run_cli("clean", "--cache-dir", "shared", cwd=project)
    assert result.returncode == 0 and "(v2)" in result.stdout
    assert (shared / "notes.txt").read_text() == "keep me"
    assert not (shared / "v2").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_clean_unlinks_a_linked_cache_without_following_it(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    elsewhere = write(tmp_path, "elsewhere/v4/ab/entry.json", "{}")
    os.symlink(tmp_path / "elsewhere", project / ".cio_lint_cache")
    assert run_cli("clean", cwd=project).returncode == 0
    assert not os.path.lexists(project / ".cio_lint_cache")
    assert elsewhere.exists()


def test_a_run_that_writes_the_cache_drops_entries_of_older_formats(tmp_path: Path) -> None:
    project = _project(tmp_path)
    old = write(project, f".cio_lint_cache/v{FORMAT - 1}/ab/entry.json", "{}")
    assert run_cli("check", "app.py", cwd=project).returncode == 1
    assert not old.parent.parent.exists()
    assert list((project / ".cio_lint_cache").glob(f"v{FORMAT}/*/*.json"))


def test_a_bad_configuration_is_a_one_line_error_for_clean_too(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\nsdk-version = 'new'\n")
    result = run_cli("clean", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
