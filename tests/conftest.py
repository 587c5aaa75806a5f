"""Shared test helpers: the repository layout and a way to run the installed CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cio_lint.engine.helper import Helper

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def cio_lint_command() -> list[str]:
    """The installed console script (falls back to ``python -m cio_lint``)."""
    script = shutil.which("cio-lint", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "cio_lint"]


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run(
        [*cio_lint_command(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


def forget_run_records(cache: Path) -> None:
    """Remove the run records (and the reports kept with them) of the cache directory
    ``cache``: the next run reads its entries (what a test of entries is about) instead
    of replaying the last run."""
    for shelf in [*cache.glob("v*/runs"), *cache.glob("v*/reports")]:
        shutil.rmtree(shelf)


@pytest.fixture()
def cli():
    return run_cli


class MemoryStore:
    """A cache's signed files (the manifest's storage), in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def read_signed(self, name: str) -> bytes | None:
        return self.files.get(name)

    def write_signed(self, name: str, body: bytes) -> None:
        self.files[name] = body


@pytest.fixture
def helper() -> Iterator[Helper]:
    """A helper process, loading the analysis of Python files; stopped afterwards."""
    started = Helper.spawn(("signup.py",))
    assert started is not None
    yield started
    started.stop()
