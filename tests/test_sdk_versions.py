"""The customerio version a project runs: read from its files or `sdk-version`, and obeyed.

A project pinned to 0.x or 2.x is never told that 3.x raises, and --fix never rewrites
its calls into the 3.x form; with no version, 3.x findings say so and their fixes wait
for --unsafe-fixes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from cio_lint.core.sdk_version import allowed_majors
from cio_lint.engine.sdk_detection import MAX_FILE_BYTES, detect_sdk_versions

from .conftest import run_cli
from .test_cli import write

APP = """\
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_API_KEY)
cio.track(customer_id="5", name="purchased", price=23.45)
"""
MOVED = APP.replace('price=23.45)', 'data={"price": 23.45})')


@pytest.mark.parametrize(
    ("spec", "majors"),
    [
        ("==0.1.3", (0,)),
        ("==3.2.0", (3,)),
        (">=2", (2, 3)),
        (">=2,<3", (2,)),
        (">= 2.4, < 4", (2, 3)),
        ("<3", (0, 1, 2)),
        ("<2.0", (0, 1)),
        ("<=2", (0, 1, 2)),
        (">3.2", (3,)),
        ("~=2.1", (2,)),
        ("~=3.0.1", (3,)),
        ("==2.*", (2,)),
        ("!=2.*", (0, 1, 3)),
        ("!=3.0.0", (0, 1, 2, 3)),
        ("^2.1", (2,)),  # Poetry
        ("^0.1.3", (0,)),
        ("~1", (1,)),
        ("2.1", (2,)),
        ("3.*", (3,)),
        ("^1 || ^3", (1, 3)),
        ("3.0.0rc1", (3,)),
        ("*", (0, 1, 2, 3)),
        ("", (0, 1, 2, 3)),
        ("latest", (0, 1, 2, 3)),  # unreadable: claims nothing
        (">=3,<2", (0, 1, 2, 3)),  # no release meets it: claims nothing
    ],
)
def test_a_constraint_allows_the_majors_it_admits(spec: str, majors: tuple[int, ...]) -> None:
    assert allowed_majors(spec, "customerio") == majors


def _detected(root: Path) -> tuple[tuple[int, ...] | None, str | None]:
    track = detect_sdk_versions(root).track
    return track.majors, track.source


def test_requirements_are_followed_through_includes_inside_the_project(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside.txt", "customerio==3.2.0\n")
    root = tmp_path / "project"
    write(root, "requirements.txt", f"flask\n-r requirements/base.txt\n-r {outside}\n")
    write(root, "requirements/base.txt",  # pip-tools output: continuation lines and hashes
          "customerio==2.1 \\\n    --hash=sha256:0123 \\\n    --hash=sha256:4567\n"
          "    # via -r requirements.in\n")
    assert _detected(root) == ((2,), "requirements/base.txt")


def test_requirements_files_of_several_environments_allow_each_version(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "customerio[extra]>=3 ; python_version >= '3.10'\n")
    write(tmp_path, "requirements-legacy.txt", "CustomerIO == 2.4  # the old worker\n")
    assert _detected(tmp_path) == ((2, 3), "requirements-legacy.txt, requirements.txt")


@pytest.mark.parametrize(
    ("name", "text", "majors"),
    [
        ("poetry.lock", '[[package]]\nname = "customerio"\nversion = "2.1"\n', (2,)),
        ("uv.lock", 'version = 1\n[[package]]\nname = "customerio"\nversion = "3.2.0"\n', (3,)),
        ("Pipfile.lock", json.dumps({"default": {"customerio": {"version": "==1.6.1"}}}), (1,)),
    ],
)
def test_a_lock_file_decides_over_requirements(
    tmp_path: Path, name: str, text: str, majors: tuple[int, ...]
) -> None:
    write(tmp_path, "requirements.txt", "customerio>=0.1\n")
    write(tmp_path, name, text)
    assert _detected(tmp_path) == (majors, name)


def test_pyproject_dependencies_pep_621_and_poetry(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[project]\nname = "x"\ndependencies = ["requests", "customerio (>=2.1,<3)"]\n')
    assert _detected(tmp_path) == ((2,), "pyproject.toml")
    write(tmp_path, "pyproject.toml",
          '[tool.poetry.dependencies]\npython = "^3.10"\ncustomerio = { version = "^3.1" }\n'
          '[tool.poetry.group.dev.dependencies]\ncustomerio-cdp-analytics = "^1.1"\n')
    versions = detect_sdk_versions(tmp_path)
    assert (versions.track.majors, versions.pipelines.majors) == ((3,), (1,))


def test_no_dependency_file_means_an_unknown_version(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "flask\n")
    assert _detected(tmp_path) == (None, None)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and device files")
def test_odd_dependency_files_are_skipped_not_read(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "requirements.txt")
    write(tmp_path, "requirements-big.txt", "customerio==2.1\n" + "#" * MAX_FILE_BYTES)
    write(tmp_path, "poetry.lock", "[[package]\nnot toml")
    assert _detected(tmp_path) == (None, None)


def _project(tmp_path: Path, config: str = "", **files: str) -> Path:
    write(tmp_path, "pyproject.toml", f"[tool.cio-lint]\n{config}")
    write(tmp_path, "app.py", APP)
    for name, text in files.items():
        write(tmp_path, name.replace("_", "."), text)
    return tmp_path


def _check(project: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("check", "--select", "CIO304", "--no-cache", "--output-format", "concise",
                     *args, "app.py", cwd=project)
    return result.returncode, result.stdout, result.stderr


def test_a_project_pinned_to_0x_is_not_told_about_3x_nor_rewritten(tmp_path: Path) -> None:
    project = _project(tmp_path, requirements_txt="customerio==0.1.3\n")
    assert _check(project, "--fix", "--unsafe-fixes")[0] == 0
    assert (project / "app.py").read_text() == APP


def test_a_project_on_3x_gets_the_finding_and_the_safe_fix(tmp_path: Path) -> None:
    project = _project(tmp_path, requirements_txt="customerio==3.2.0\n")
    code, out, _ = _check(project)
    assert code == 1
    assert out.startswith("app.py:4:46: CIO304 `cio.track` gets event attributes as keywords "
                          "(`price`): 3.x raises TypeError\n")
    assert _check(project, "--fix")[0] == 0
    assert (project / "app.py").read_text() == MOVED


def test_an_unknown_version_says_so_and_its_fix_is_unsafe(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, out, _ = _check(project, "--fix")
    assert code == 1
    assert "CIO304 `cio.track` gets event attributes as keywords (`price`): 3.x raises " \
           "TypeError (no customerio version pinned)\n" in out
    assert (project / "app.py").read_text() == APP
    assert _check(project, "--fix", "--unsafe-fixes")[0] == 0
    assert (project / "app.py").read_text() == MOVED


def test_a_project_allowing_2x_and_3x_is_told_which_raises_and_where(tmp_path: Path) -> None:
    project = _project(tmp_path, requirements_txt="customerio>=2\n")
    code, out, _ = _check(project)
    assert code == 1
    assert out.startswith("app.py:4:46: CIO304 `cio.track` gets event attributes as keywords "
                          "(`price`): 3.x raises TypeError (requirements.txt allows 2.x and "
                          "3.x)\n")


def test_a_call_newer_than_the_pinned_version_names_both(tmp_path: Path) -> None:
    project = _project(tmp_path, requirements_txt="customerio==2.1\n")
    write(project, "app.py", APP.replace('customer_id="5", name="purchased", price=23.45',
                                         "[]").replace("cio.track", "cio.batch"))
    code, out, _ = _check(project)
    assert code == 1
    assert out == ("app.py:4:1: CIO304 `cio.batch` is new in customerio 3.0: on customerio "
                   "2.x (requirements.txt) it raises AttributeError\n")


def test_sdk_version_overrides_what_the_files_say(tmp_path: Path) -> None:
    project = _project(tmp_path, 'sdk-version = "2.1"\n', requirements_txt="customerio==3.2.0\n")
    assert _check(project)[0] == 0
    write(project, "pyproject.toml", '[tool.cio-lint]\nsdk-version = "3"\n')
    write(project, "requirements.txt", "customerio==2.1\n")
    assert _check(project)[0] == 1


@pytest.mark.parametrize("value", ['"4"', '"latest"', "3", '"3.x"', '"2.1.0.1"'])
def test_an_invalid_sdk_version_is_a_one_line_error(tmp_path: Path, value: str) -> None:
    project = _project(tmp_path, f"sdk-version = {value}\n")
    code, out, err = _check(project)
    assert code == 2 and not out
    assert err.count("\n") == 1 and "'sdk-version' must be a customerio release" in err


def test_the_cache_follows_the_pinned_version(tmp_path: Path) -> None:
    project = _project(tmp_path, requirements_txt="customerio==3.2.0\n")
    check = ("check", "--select", "CIO304", "--output-format", "concise", "app.py")
    assert run_cli(*check, cwd=project).returncode == 1
    write(project, "requirements.txt", "customerio==2.1\n")
    assert run_cli(*check, cwd=project).returncode == 0  # not the 3.x finding of the cache
