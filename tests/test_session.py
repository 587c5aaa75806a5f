"""LintSession, the wiring the CLI, the Python API and editors share, used directly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cio_lint.api import lint_paths
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.session import LintSession, SessionSettings

from .test_cli import write
from .test_fix import SAFE, SAFE_FIXED


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nselect = ["CIO201"]\n')
    write(tmp_path, "app.py", SAFE)
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def test_session_lints_as_the_api_does(project: Path) -> None:
    resolver = ConfigResolver(None, {})
    with LintSession(resolver) as session:
        run = session.lint(session.collect([Path(".")]))
    assert [f.code for f in run.findings] == ["CIO201"]
    assert run.findings == lint_paths([Path(".")], resolver, None).findings
    assert "CIO201" in run.rules and run.files_checked == 1


def test_fixes_are_computed_then_applied_and_the_files_linted_again(project: Path) -> None:
    with LintSession(ConfigResolver(None, {})) as session:
        units = session.collect([Path("app.py")])
        run = session.lint(units)
        changes = session.fixes(units, run.findings, unsafe=False)
        assert (project / "app.py").read_text() == SAFE  # computing writes nothing
        outcome = session.apply(units, changes)
    assert (project / "app.py").read_text() == SAFE_FIXED
    assert [f.code for f in outcome.applied] == ["CIO201"]
    assert outcome.run.findings == [] and outcome.run.fixed == 1
    assert outcome.problems == [] and outcome.stdin_texts == []


def test_a_cached_session_keeps_its_cache_in_the_first_path_s_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CIO_LINT_CACHE_DIR", raising=False)
    settings = SessionSettings(cache=True)
    for _ in range(2):  # cold, then warm: the same findings
        with LintSession(ConfigResolver(None, {}), settings) as session:
            run = session.lint(session.collect([Path("app.py")]))
        assert [f.code for f in run.findings] == ["CIO201"]
    assert list((project / ".cio_lint_cache").rglob("*.json"))
