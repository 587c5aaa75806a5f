"""Every fixture directory is linted; findings must equal its annotations exactly.

``fixtures/<CODE>/`` is linted with only that rule selected (its own pyproject.toml
may configure the rule); any other directory (``lookalikes``, ``one_code_per_problem``)
with every rule, and must be clean except for what it annotates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.engine.discovery import display_path
from cio_lint.rules import REGISTRY

from .conftest import FIXTURES
from .fixture_annotations import JS_SUFFIXES, expected_findings

FIXTURE_DIRS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


#: Fixture folders linted as a user lints them, with the default rules (the seed documents'
#: examples: what a project gets out of the box).
DEFAULT_SELECTION = frozenset({"seeds"})


def _selection(directory: Path) -> dict[str, tuple[str, ...]]:
    if directory.name in DEFAULT_SELECTION:
        return {}
    return {"select": (directory.name,) if directory.name in REGISTRY else ("ALL",)}


@pytest.mark.parametrize("directory", FIXTURE_DIRS, ids=[p.name for p in FIXTURE_DIRS])
def test_fixture_directory(directory: Path) -> None:
    resolver = ConfigResolver(None, _selection(directory))
    run = lint_paths([directory], resolver, None)
    assert not run.errors, run.errors
    actual = {(f.path, f.line, f.column, f.code) for f in run.findings}
    expected: set[tuple[str, int, int, str]] = set()
    for path in sorted(directory.rglob("*")):
        if path.name.endswith((".py", *JS_SUFFIXES)) and "node_modules" not in path.parts:
            expected |= expected_findings(path, display_path(path))
    missing = sorted(expected - actual)
    unexpected = sorted(actual - expected)
    messages = {(f.path, f.line, f.column, f.code): f.message for f in run.findings}
    assert not missing and not unexpected, (
        f"missing: {missing}\nunexpected: "
        + "\n".join(f"{item} {messages[item]}" for item in unexpected)
    )


def test_every_rule_has_fixtures_that_flag_and_that_stay_clean() -> None:
    for code, rule in REGISTRY.items():
        if code == "CIO000" or not rule.default_enabled:
            continue
        directory = FIXTURES / code
        assert directory.is_dir(), f"{code} has no fixtures/{code}/"
        flagged = set()
        clean_lines = 0
        for path in directory.rglob("*.py"):
            found = expected_findings(path, display_path(path))
            flagged |= {e for e in found if e[3] == code}
            clean_lines += sum(1 for line in path.read_text().splitlines() if "# ok" in line)
        # A rule whose mistake cannot be made in Python (its examples are Node code) has
        # only look-alikes among the Python fixtures.
        python_case = rule.example_language == "python"
        assert flagged or not python_case, f"fixtures/{code} announces no finding of {code}"
        assert python_case or not flagged, f"fixtures/{code} flags Python code"
        assert clean_lines, f"fixtures/{code} has no '# ok' look-alike or correct code"


def _findings(
    directory: Path, overrides: dict[str, tuple[str, ...]], prefilter: bool
) -> list[object]:
    resolver = ConfigResolver(None, overrides)
    run = lint_paths([directory], resolver, None, prefilter=prefilter)
    return [(f.path, f.start, f.end, f.code, f.message) for f in run.findings]


@pytest.mark.parametrize("directory", FIXTURE_DIRS, ids=[p.name for p in FIXTURE_DIRS])
def test_prefilter_loses_nothing(directory: Path) -> None:
    """The byte prefilter only skips files that cannot produce a finding."""
    selection = _selection(directory)
    assert _findings(directory, selection, True) == _findings(directory, selection, False)


def test_prefilter_loses_nothing_with_every_rule_over_all_fixtures() -> None:
    every = {"select": ("ALL",)}
    assert _findings(FIXTURES, every, True) == _findings(FIXTURES, every, False)


def test_prefilter_loses_nothing_for_files_named_on_the_command_line() -> None:
    """Pre-commit names every staged file: named files go through the prefilter too, and
    still lose no finding (a caller of a named wrapper is admitted by its exports)."""
    every = {"select": ("ALL",)}
    named = [path for path in sorted(FIXTURES.rglob("*"))
             if path.name.endswith((".py", *JS_SUFFIXES)) and "node_modules" not in path.parts]
    resolver = ConfigResolver(None, every)
    found = [lint_paths(named, resolver, None, prefilter=prefilter) for prefilter in (True, False)]
    assert [(f.path, f.start, f.end, f.code, f.message) for f in found[0].findings] == [
        (f.path, f.start, f.end, f.code, f.message) for f in found[1].findings]
    assert found[0].not_parsed, "every fixture file was parsed: the test would prove nothing"
