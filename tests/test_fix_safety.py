"""Fix-mode writes: a failed or interrupted write never leaves a truncated file or a
temporary file behind, keeps permissions, and writes through symlinks."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from cio_lint.engine import writing
from cio_lint.engine.writing import write_atomically

from .conftest import run_cli
from .test_cli import write
from .test_fix import SAFE, SAFE_FIXED

ORIGINAL = "x = 1\n" * 1000


def only(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def fail_with(error: BaseException):  # type: ignore[no-untyped-def]
    def failing(*args: object, **kwargs: object) -> None:
        raise error

    return failing


@pytest.mark.parametrize("where", ["replace", "fsync", "chmod"])
@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   KeyboardInterrupt()], ids=["enospc", "interrupt"])
def test_failed_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: BaseException
) -> None:
    path = write(tmp_path, "app.py", ORIGINAL)
    monkeypatch.setattr(writing.os, where, fail_with(error))
    with pytest.raises(type(error)):
        write_atomically(path, "y = 2\n")
    monkeypatch.undo()
    assert path.read_text() == ORIGINAL
    assert only(tmp_path) == ["app.py"]  # no temporary file left behind


def test_write_that_fails_midway_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "app.py", ORIGINAL)
    real_fdopen = os.fdopen

    def half_writing(descriptor: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        handle = real_fdopen(descriptor, *args, **kwargs)  # type: ignore[call-overload]

        def write_half(text: str) -> int:
            handle.buffer.write(text[: len(text) // 2].encode())
            raise OSError(errno.EIO, "Input/output error")

        handle.write = write_half
        return handle

    monkeypatch.setattr(writing.os, "fdopen", half_writing)
    with pytest.raises(OSError):
        write_atomically(path, "z = 3\n" * 1000)
    monkeypatch.undo()
    assert path.read_text() == ORIGINAL
    assert only(tmp_path) == ["app.py"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o664])
def test_permissions_are_kept(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path, "app.py", ORIGINAL)
    path.chmod(mode)
    write_atomically(path, "y = 2\n")
    assert path.read_text() == "y = 2\n"
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = write(tmp_path, "real.py", ORIGINAL)
    link = tmp_path / "link.py"
    link.symlink_to("real.py")
    write_atomically(link, "y = 2\n")
    assert link.is_symlink() and target.read_text() == "y = 2\n"
    assert only(tmp_path) == ["link.py", "real.py"]


def test_fix_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = write(tmp_path, "real.py", SAFE)
    (tmp_path / "link.py").symlink_to("real.py")
    result = run_cli("check", "--select", "CIO201", "--fix", "link.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "link.py").is_symlink()
    assert target.read_text() == SAFE_FIXED


REPLACE_FAILS = """\
import errno, os
import cio_lint.engine.writing as writing
def replace(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")
writing.os.replace = replace
"""


def test_cli_fix_whose_write_fails_reports_and_keeps_the_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    path = write(project, "app.py", SAFE)
    path.chmod(0o640)
    hook = write(tmp_path, "hook/sitecustomize.py", REPLACE_FAILS)
    result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=project,
                     env={"PYTHONPATH": str(hook.parent)})
    assert "Traceback" not in result.stderr
    assert "app.py: not fixed: cannot write: No space left on device" in result.stderr
    assert result.returncode == 1
    assert path.read_text() == SAFE
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in project.iterdir() if p.name != ".cio_lint_cache"] == ["app.py"]
