"""The README and docs/rules.md are generated from the registry and must not drift."""

from __future__ import annotations

import re

from cio_lint.core.rule_catalogue import DEFAULT_ENABLED
from cio_lint.docs import (
    CATALOGUE_PATH,
    README_BEGIN,
    README_END,
    catalogue_module,
    readme_table,
    rules_markdown,
)
from cio_lint.rules import REGISTRY

from .conftest import ROOT


def test_readme_rules_table_matches_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(README_BEGIN) + len(README_BEGIN)
    table = readme[start: readme.index(README_END)].strip()
    assert table == readme_table(), "run `python -m cio_lint.docs` to regenerate"
    for code in REGISTRY:
        assert f"[{code}]" in table


def test_docs_rules_md_matches_registry() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(), "run `python -m cio_lint.docs` to regenerate"


def test_every_rule_is_fully_documented() -> None:
    for code, rule in REGISTRY.items():
        assert re.fullmatch(r"CIO\d{3}", code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), code
        for field in ("summary", "why", "wrong_example", "correct_example", "correct_pattern"):
            assert getattr(rule, field).strip(), f"{code} has no {field}"
        assert rule.wrong_example != rule.correct_example, code


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", readme)
    assert len(commands) >= 2, "the quick start has an install-and-lint and a test command"
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in ci


def test_the_rule_catalogue_matches_registry() -> None:
    text = ROOT.joinpath(*CATALOGUE_PATH).read_text(encoding="utf-8")
    assert text == catalogue_module(), "run `python -m cio_lint.docs` to regenerate"
    assert {code: rule.default_enabled for code, rule in REGISTRY.items()} == DEFAULT_ENABLED
