"""Where cio-lint writes: never over an input, never through a link out of the project,
counting only what was written, cleaning up after a killed run, and refusing flags
that contradict each other.

"The project" is the directory of the pyproject.toml that configures the linted files
(the current directory when there is none); for ``-o`` and ``--write-baseline`` it is
the common root of the linted files' projects.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from cio_lint.engine.writing import write_atomically

from .conftest import run_cli
from .test_cli import write
from .test_fix import SAFE, SAFE_FIXED

PYPROJECT = "[tool.cio-lint]\n"
OUTPUT_OPTIONS = ["-o", "--output-file", "--write-baseline"]


def project_with_app(tmp_path: Path) -> Path:
    """A project (with its pyproject.toml) holding one fixable file, and a sibling outside."""
    project = tmp_path / "project"
    write(project, "pyproject.toml", PYPROJECT)
    write(project, "app.py", SAFE)
    (tmp_path / "outside").mkdir()
    return project


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 and one line on stderr that says what is wrong."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cio-lint: error: "), result.stderr
    for word in words:
        assert word in lines[0], result.stderr


# --- an output path that is one of the inputs -------------------------------------------


@pytest.mark.parametrize("option", OUTPUT_OPTIONS)
@pytest.mark.parametrize("spelling", ["app.py", "./sub/../app.py", "ABSOLUTE"])
def test_output_over_a_linted_file_is_refused(tmp_path: Path, option: str, spelling: str) -> None:
    project = project_with_app(tmp_path)
    (project / "sub").mkdir()
    target = str(project / "app.py") if spelling == "ABSOLUTE" else spelling
    result = run_cli("check", "--select", "CIO201", option, target, ".", cwd=project)
    assert_one_line_error(result, option, "app.py", "linted")
    assert (project / "app.py").read_text() == SAFE


@pytest.mark.parametrize("option", OUTPUT_OPTIONS)
def test_output_over_a_link_to_a_linted_file_is_refused(tmp_path: Path, option: str) -> None:
    project = project_with_app(tmp_path)
    (project / "report.json").symlink_to("app.py")
    result = run_cli("check", "--select", "CIO201", option, "report.json", "app.py",
                     cwd=project)
    assert_one_line_error(result, option, "report.json")
    assert (project / "app.py").read_text() == SAFE


def test_output_over_the_configuration_is_refused(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    result = run_cli("check", "--select", "CIO201", "-o", "pyproject.toml", ".", cwd=project)
    assert_one_line_error(result, "pyproject.toml")
    assert (project / "pyproject.toml").read_text() == PYPROJECT


def test_output_beside_the_inputs_is_written(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    result = run_cli("check", "--select", "CIO201", "--output-format", "json", "-o",
                     "report.json", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    assert '"CIO201"' in (project / "report.json").read_text()


# --- links out of the project ---------------------------------------------------------


@pytest.mark.parametrize("option", OUTPUT_OPTIONS)
def test_output_through_a_link_out_of_the_project_is_refused(
    tmp_path: Path, option: str
) -> None:
    project = project_with_app(tmp_path)
    victim = write(tmp_path, "outside/victim.txt", "precious\n")
    (project / "report.json").symlink_to(victim)
    result = run_cli("check", "--select", "CIO201", option, "report.json", "app.py",
                     cwd=project)
    assert_one_line_error(result, option, "report.json", "link out of the project")
    assert victim.read_text() == "precious\n"


@pytest.mark.parametrize("option", OUTPUT_OPTIONS)
def test_output_through_a_dangling_link_is_refused(tmp_path: Path, option: str) -> None:
    project = project_with_app(tmp_path)
    (project / "report.json").symlink_to(tmp_path / "outside" / "created.json")
    (project / "inside.json").symlink_to("missing.json")
    for link in ("report.json", "inside.json"):
        result = run_cli("check", "--select", "CIO201", option, link, "app.py", cwd=project)
        assert_one_line_error(result, option, link, "dangling link")
    assert not (tmp_path / "outside" / "created.json").exists()
    assert not (project / "missing.json").exists()


def test_output_under_a_linked_directory_out_of_the_project_is_refused(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    (project / "reports").symlink_to(tmp_path / "outside", target_is_directory=True)
    result = run_cli("check", "--select", "CIO201", "-o", "reports/r.json", "app.py",
                     cwd=project)
    assert_one_line_error(result, "reports/r.json", "link out of the project")
    assert list((tmp_path / "outside").iterdir()) == []


def test_output_through_a_link_inside_the_project_or_named_outside_it_is_written(
    tmp_path: Path,
) -> None:
    project = project_with_app(tmp_path)
    write(project, "reports.json", "{}")
    (project / "latest.json").symlink_to("reports.json")
    inside = run_cli("check", "--select", "CIO201", "--output-format", "json", "-o",
                     "latest.json", "app.py", cwd=project)
    assert inside.returncode == 1, inside.stderr
    assert (project / "latest.json").is_symlink()
    assert '"CIO201"' in (project / "reports.json").read_text()
    # A plain path the user names outside the project is theirs to name.
    named = run_cli("check", "--select", "CIO201", "--write-baseline", "../outside/b.json",
                    "app.py", cwd=project)
    assert named.returncode == 0, named.stderr
    assert (tmp_path / "outside" / "b.json").exists()


def test_fix_never_writes_through_a_link_out_of_the_project(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    real = write(tmp_path, "outside/real.py", SAFE)
    (project / "link.py").symlink_to(real)
    write(tmp_path, "outside/lib/module.py", SAFE)
    (project / "vendor").symlink_to(tmp_path / "outside" / "lib", target_is_directory=True)
    result = run_cli("check", "--select", "CIO201", "--fix", "--show-fixes", ".",
                     "vendor/module.py", cwd=project)
    assert "Traceback" not in result.stderr
    assert "cio-lint: link.py: not fixed: the file is a link out of the project" \
        in result.stderr
    assert "cio-lint: vendor/module.py: not fixed: the file is a link out of the project" \
        in result.stderr
    assert real.read_text() == SAFE
    assert (tmp_path / "outside" / "lib" / "module.py").read_text() == SAFE
    assert (project / "app.py").read_text() == SAFE_FIXED
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert result.returncode == 1


# --- counting only what was written ---------------------------------------------------


def test_summary_and_show_fixes_count_only_written_files(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    locked = write(project, "locked.py", SAFE)
    locked.chmod(0o444)
    try:
        result = run_cli("check", "--select", "CIO201", "--fix", "--show-fixes", ".",
                         cwd=project)
    finally:
        locked.chmod(0o644)
    assert locked.read_text() == SAFE
    assert "locked.py: not fixed: the file is read-only" in result.stderr
    assert "Fixed 1 finding in 1 file." in result.stderr
    shown = [line for line in result.stderr.splitlines() if line.startswith("fixed ")]
    assert shown == ["fixed app.py:5:33: CIO201 send seconds: `int(time.time())`"]


def test_nothing_written_says_fixed_nothing(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    (project / "app.py").chmod(0o444)
    try:
        result = run_cli("check", "--select", "CIO201", "--fix", "--exit-non-zero-on-fix",
                         "--show-fixes", "app.py", cwd=project)
    finally:
        (project / "app.py").chmod(0o644)
    assert "Fixed 0 findings in 0 files." in result.stderr
    assert "fixed app.py" not in result.stderr
    assert result.returncode == 1  # the finding remains


# --- temporary files left by a killed run -----------------------------------------------


def test_temporary_files_are_named_for_cio_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "app.py", "x = 1\n")
    renamed: list[str] = []
    real_replace = os.replace

    def recording(source: str, destination: str) -> None:
        renamed.append(Path(source).name)
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", recording)
    write_atomically(path, "y = 2\n")
    assert len(renamed) == 1
    assert re.fullmatch(r"\.app\.py\.cio-lint-[A-Za-z0-9_]+\.tmp", renamed[0]), renamed


def test_fix_removes_stale_temporary_files_of_that_file_only(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    hour_ago = time.time() - 3600
    stale = write(project, ".app.py.cio-lint-k1ll3d_x.tmp", "half")
    os.utime(stale, (hour_ago, hour_ago))
    fresh = write(project, ".app.py.cio-lint-running.tmp", "another run is writing")
    foreign = [
        write(project, ".app.py.swp", "an editor's"),
        write(project, ".app.py.cio-lint-notes.txt", "the user's"),
        write(project, ".other.py.cio-lint-k1ll3d_x.tmp", "another file's"),
    ]
    for path in foreign:
        os.utime(path, (hour_ago, hour_ago))
    result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "app.py").read_text() == SAFE_FIXED
    assert not stale.exists()
    assert fresh.exists()
    assert all(path.exists() for path in foreign)


def test_a_stale_link_named_like_a_temporary_file_is_not_followed(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    victim = write(tmp_path, "outside/victim.txt", "precious\n")
    link = project / ".app.py.cio-lint-k1ll3d_x.tmp"
    link.symlink_to(victim)
    hour_ago = time.time() - 3600
    os.utime(link, (hour_ago, hour_ago), follow_symlinks=False)
    result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious\n"


# --- flags that contradict each other -------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("--write-baseline", "--fix"), ("--write-baseline", "--diff"),
     ("--write-baseline", "--add-noqa"), ("--add-noqa", "--fix"),
     ("--write-baseline", "--output-file"), ("--write-baseline", "--statistics"),
     ("--diff", "--output-file"), ("--diff", "--statistics")],
)
def test_conflicting_flags_are_refused_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    project = project_with_app(tmp_path)
    flags = [first, "baseline.json"] if first == "--write-baseline" else [first]
    more = [second, "report.txt"] if second == "--output-file" else [second]
    result = run_cli("check", "--select", "CIO201", *flags, *more, "app.py", cwd=project)
    assert_one_line_error(result, f"{first} cannot be used with {second}")
    assert (project / "app.py").read_text() == SAFE
    assert not (project / "baseline.json").exists()
    assert not (project / "report.txt").exists()


def test_diff_with_fix_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    project = project_with_app(tmp_path)
    result = run_cli("check", "--select", "CIO201", "--diff", "--fix", "app.py", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    assert (project / "app.py").read_text() == SAFE
