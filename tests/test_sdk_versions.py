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

from cio_lint.core.sdk_version import allowed_majors, versions_allowed
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
    assert out == ("app.py:4:1: CIO304 `cio.batch` is new in customerio 3.0: on 2.1 "
                   "(requirements.txt) it raises AttributeError\n")


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


# -- minor versions: what arrived in a minor release is told to a pin before it ----------


@pytest.mark.parametrize(
    ("spec", "releases"),
    [
        ("==3.1.0", "3.1"),
        (">=3,<3.2", "3.0 or 3.1"),
        ("~=3.0.0", "3.0"),
        ("^3.0", "3.x"),
        ("==1.0", "1.0"),
        ("<1.1", "0.x or 1.0"),
        (">=2.4,<4", "2.4 or 3.x"),
        (">=3.3", "3.2"),  # a release not listed yet counts as the latest minor of its major
        ("latest", "0.x or 1.x or 2.x or 3.x"),
    ],
)
def test_a_constraint_allows_the_minor_releases_it_admits(spec: str, releases: str) -> None:
    assert versions_allowed(spec, "customerio", "requirements.txt").releases_text() == releases


@pytest.mark.parametrize(
    ("spec", "before_3_2", "from_3_2"),
    [("==3.1", True, False), ("^3.0", False, False), ("==3.2.0", False, True),
     (">=3.0,<3.2 || ==2.4", True, False)],
)
def test_minor_checks_are_exact_about_both_sides(
    spec: str, before_3_2: bool, from_3_2: bool
) -> None:
    versions = versions_allowed(spec, "customerio", "pyproject.toml")
    assert (versions.only_before((3, 2)), versions.only_from((3, 2))) == (before_3_2, from_3_2)


CC = """\
from customerio import APIClient, SendEmailRequest

api = APIClient(APP_API_KEY)
api.send_email(SendEmailRequest(to=EMAIL, identifiers={"id": 5}, cc=["a@example.com"]))
"""


def _concise(project: Path, code: str, *args: str) -> tuple[int, str]:
    result = run_cli("check", "--select", code, "--no-cache", "--output-format", "concise",
                     *args, "app.py", cwd=project)
    return result.returncode, result.stdout


@pytest.mark.parametrize(
    ("pin", "told"),
    [("customerio==3.1.0\n", "customerio 3.1 (requirements.txt)"),
     ("customerio>=3,<3.2\n", "customerio 3.0 or 3.1 (requirements.txt)"),
     ("customerio==3.2.0\n", None), ("customerio>=3\n", None), ("flask\n", None)],
)
def test_cc_is_told_to_a_pin_before_3_2_only(tmp_path: Path, pin: str, told: str | None) -> None:
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    write(tmp_path, "requirements.txt", pin)
    write(tmp_path, "app.py", CC)
    code, out = _concise(tmp_path, "CIO304")
    if told is None:
        assert (code, out) == (0, "")
    else:
        assert code == 1
        assert out == (f"app.py:4:66: CIO304 `SendEmailRequest` has no `cc` parameter: "
                       f"{told} raises TypeError (new in 3.2)\n")


def test_sdk_version_may_name_a_minor(tmp_path: Path) -> None:
    write(tmp_path, "app.py", CC)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nsdk-version = "3.1"\n')
    assert _concise(tmp_path, "CIO304")[0] == 1
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nsdk-version = "3"\n')
    assert _concise(tmp_path, "CIO304") == (0, "")


@pytest.mark.parametrize(
    ("pin", "missing"),
    [("1.0", ["track_anonymous` is new in customerio 1.2", "merge_customers` is new in "
                                                             "customerio 1.3"]),
     ("1.2", ["merge_customers` is new in customerio 1.3"]), ("1.3", [])],
)
def test_track_anonymous_and_merge_customers_follow_their_minor(
    tmp_path: Path, pin: str, missing: list[str]
) -> None:
    write(tmp_path, "pyproject.toml", f'[tool.cio-lint]\nsdk-version = "{pin}"\n')
    write(tmp_path, "app.py", "from customerio import CustomerIO\n\ncio = CustomerIO(S, K)\n"
          'cio.track_anonymous(cart, "viewed")\ncio.merge_customers("id", a, "email", b)\n')
    code, out = _concise(tmp_path, "CIO304")
    assert code == (1 if missing else 0)
    assert [line.split("`cio.", 1)[1].split(":")[0] for line in out.splitlines()] == missing


# -- CIO104: `Regions` came in 1.1 ---------------------------------------------------------

REGION = """\
from customerio import CustomerIO, Regions

cio = CustomerIO(SITE_ID, TRACK_API_KEY, region="eu")
"""
REGION_FIXED = REGION.replace('region="eu"', "region=Regions.EU")


def _region_project(tmp_path: Path, config: str = "", requirements: str = "") -> Path:
    write(tmp_path, "pyproject.toml", f"[tool.cio-lint]\n{config}")
    write(tmp_path, "app.py", REGION)
    if requirements:
        write(tmp_path, "requirements.txt", requirements)
    return tmp_path


@pytest.mark.parametrize("pin", ["customerio==0.5.2\n", "customerio==1.0\n"])
def test_cio104_before_regions_says_what_the_version_takes_and_never_fixes(
    tmp_path: Path, pin: str
) -> None:
    project = _region_project(tmp_path, requirements=pin)
    version = pin.split("==")[1].strip()[:3]
    assert _concise(project, "CIO104") == (1, (
        f"app.py:3:49: CIO104 customerio {version} (requirements.txt) has no `region` "
        "(`Regions` came in 1.1): `CustomerIO(...)` raises TypeError\n"))
    result = run_cli("check", "--select", "CIO104", "--no-cache", "--output-format", "json",
                     "app.py", cwd=project)
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["correct"], finding["fix"]) == ('host="track-eu.customer.io"', None)
    assert "Regions" not in finding["message"].split("(`Regions` came in 1.1)")[1]
    _concise(project, "CIO104", "--fix", "--unsafe-fixes")
    assert (project / "app.py").read_text() == REGION


def test_cio104_fix_is_safe_from_1_1(tmp_path: Path) -> None:
    project = _region_project(tmp_path, requirements="customerio==1.1\n")
    assert _concise(project, "CIO104", "--fix") == (0, "")
    assert (project / "app.py").read_text() == REGION_FIXED


@pytest.mark.parametrize("requirements", ["", "customerio>=0.5,<2\n"])
def test_cio104_fix_is_unsafe_when_the_version_may_be_older_than_1_1(
    tmp_path: Path, requirements: str
) -> None:
    project = _region_project(tmp_path, requirements=requirements)
    result = run_cli("check", "--select", "CIO104", "--no-cache", "--fix", "--show-fixes",
                     "app.py", cwd=project)
    assert result.returncode == 1
    assert "fix (unsafe): use `Regions.EU` (if you use customerio 1.1 or later)" in result.stdout
    assert (project / "app.py").read_text() == REGION
    assert _concise(project, "CIO104", "--fix", "--unsafe-fixes") == (0, "")
    assert (project / "app.py").read_text() == REGION_FIXED


# -- CIO202: a 2.x `track` sends `timestamp=` as an event attribute -------------------------

TIMESTAMP = """\
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_API_KEY)
cio.track(customer_id="5", name="paid", timestamp=paid_at.isoformat())
"""


@pytest.mark.parametrize(
    ("pin", "message", "correct"),
    [
        ("customerio==2.4\n",
         "customerio 2.4 sends `timestamp` of `track` (`paid_at.isoformat()`) as data, not as "
         "the event's time", "backfill(customer_id, name, paid_at, **data)"),
        ("customerio==3.2.0\n",
         "`timestamp` of `track` is a string (`paid_at.isoformat()`): the SDK drops it",
         "timestamp=paid_at"),
        ("customerio>=2.4,<4\n",
         "`timestamp` of `track` is a string (`paid_at.isoformat()`): 3.x drops it, 2.x sends "
         "it as data",
         "timestamp=paid_at  # if you use customerio 3.x (requirements.txt allows 2.4 and "
         "3.x); on 2.x, backfill(customer_id, name, timestamp, **data)"),
    ],
)
def test_cio202_advice_follows_the_major(
    tmp_path: Path, pin: str, message: str, correct: str
) -> None:
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    write(tmp_path, "requirements.txt", pin)
    write(tmp_path, "app.py", TIMESTAMP)
    result = run_cli("check", "--select", "CIO202", "--no-cache", "--output-format", "json",
                     "app.py", cwd=tmp_path)
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["message"], finding["correct"]) == (message, correct)


def test_show_settings_says_which_customerio_versions_the_rules_follow(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP)
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    write(tmp_path, "requirements.txt", "customerio>=3,<3.2\n")

    def shown() -> list[str]:
        result = run_cli("check", "--show-settings", "app.py", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, "")
        return [line for line in result.stdout.splitlines() if line.startswith("# sdk-version")]

    assert shown() == ["# sdk-version is not set: requirements.txt allows customerio 3.0 or 3.1"]
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nsdk-version = "2"\n')
    assert shown() == [f"# sdk-version: customerio 2.x ({tmp_path / 'pyproject.toml'})"]
