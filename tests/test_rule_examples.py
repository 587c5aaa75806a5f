"""Every rule's documented examples are its tests.

``cio-lint rule CODE``, docs/rules.md and the README show each rule's ``wrong_example``
and ``correct_example``. Here each one is saved as the only file of a project and
linted the way a user lints a project (``cio-lint check .``) with only that rule
selected: the wrong example must be reported by exactly that rule, the correct one
must not be. A lone file found by walking its directory is a complete project, so the
project-wide rules (which may say "never calls X anywhere") judge it too; a file named
on the command line or read from stdin is not (it may be one staged file of many).

An example that needs configuration says so in its first lines, as the docs show it::

    # pyproject.toml: [tool.cio-lint] region = "eu"

and is linted with exactly that configuration; a rule's wrong and correct examples
must declare the same configuration, so the correct one is judged under the setting
that makes the wrong one wrong.

Two rules are special. CIO000's wrong example is the one example that is not valid
Python, and it must still be reported while walking a directory. CIO900 judges only
suppressions of selected rules, so it is selected with the codes its wrong example's
suppression comment names; that comment must suppress nothing even with them on.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cio_lint.rules import REGISTRY
from cio_lint.rules.base import Rule

from .conftest import run_cli

CODES = list(REGISTRY)
#: Rules whose examples are Python: linted here. A rule whose mistake cannot be made in
#: Python (CIO606: the Python SDK returns no promises) shows the Node form instead.
PYTHON_EXAMPLES = [code for code in CODES if REGISTRY[code].example_language == "python"]


def node_examples(rule: Rule) -> tuple[str, str] | None:
    """A rule's TypeScript wrong and correct examples: its Node pair, or its own examples
    when those are written in TypeScript."""
    if rule.example_language == "typescript":
        return rule.wrong_example, rule.correct_example
    if rule.node_wrong_example is not None and rule.node_correct_example is not None:
        return rule.node_wrong_example, rule.node_correct_example
    return None


#: The rules with a TypeScript example, linted as ``example.ts``.
NODE_CODES = [code for code, rule in REGISTRY.items() if node_examples(rule) is not None]
#: ``# pyproject.toml: [tool.cio-lint] key = value`` (or a sub-table such as
#: ``[tool.cio-lint.transactional]``): configuration the example is linted with.
CONFIG_COMMENT = re.compile(
    r"^(?:#|//) pyproject\.toml: \[(?P<table>tool\.cio-lint(?:\.[\w-]+)*)\] (?P<setting>.+)$",
    re.M,
)
#: The cio-lint codes a suppression comment names (``CIO201, CIO202`` after "noqa:").
NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>CIO\d{3}(?:\s*,\s*CIO\d{3})*)")


def example_config(example: str) -> dict[str, list[str]]:
    """The settings an example declares, by TOML table."""
    tables: dict[str, list[str]] = {}
    for match in CONFIG_COMMENT.finditer(example):
        tables.setdefault(match["table"], []).append(match["setting"])
    return tables


def pyproject_text(example: str) -> str:
    """A pyproject.toml holding the example's settings (and always the cio-lint table,
    which makes the example's directory its project root)."""
    tables = {"tool.cio-lint": [], **example_config(example)}
    return "".join(
        f"[{table}]\n" + "".join(f"{setting}\n" for setting in settings)
        for table, settings in tables.items()
    )


def selection(rule: Rule) -> str:
    """The rules to select for ``rule``'s examples: the rule itself; CIO900 judges only
    suppressions of selected rules, so with it the codes its wrong example's comments name."""
    codes = [rule.code]
    if rule.code == "CIO900":
        for match in NOQA.finditer(rule.wrong_example):
            codes += [named.strip() for named in match["codes"].split(",")]
    return ",".join(codes)


def lint_example(
    tmp_path: Path, select: str, example: str, *options: str, name: str = "example.py"
) -> list[dict[str, Any]]:
    """The JSON findings of ``cio-lint check .`` over a project made of ``example``."""
    (tmp_path / "pyproject.toml").write_text(pyproject_text(example), encoding="utf-8")
    (tmp_path / name).write_text(example, encoding="utf-8")
    result = run_cli(
        "check", ".", "--select", select, "--output-format", "json", "--no-cache", *options,
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    assert report["summary"]["files_checked"] == 1
    findings: list[dict[str, Any]] = report["findings"]
    return findings


def describe(findings: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{f['start']['line']}:{f['start']['column']} {f['code']} {f['message']}"
        for f in findings
    )


@pytest.mark.parametrize("code", PYTHON_EXAMPLES)
def test_wrong_example_is_reported_by_its_rule(tmp_path: Path, code: str) -> None:
    rule = REGISTRY[code]
    example = rule.wrong_example
    findings = lint_example(tmp_path, selection(rule), example)
    assert findings, f"{code}'s wrong example is not reported:\n{example}"
    assert {f["code"] for f in findings} == {code}, describe(findings)
    lines = example.splitlines()
    for finding in findings:
        line = finding["start"]["line"]
        assert 1 <= line <= len(lines), describe(findings)
        # A finding points at code, never at a blank line or a comment of its own.
        assert lines[line - 1].strip() and not lines[line - 1].lstrip().startswith("#"), (
            describe(findings)
        )


@pytest.mark.parametrize("code", PYTHON_EXAMPLES)
def test_correct_example_is_not_reported(tmp_path: Path, code: str) -> None:
    rule = REGISTRY[code]
    findings = lint_example(tmp_path, selection(rule), rule.correct_example)
    assert findings == [], describe(findings)


@pytest.mark.parametrize("code", CODES)
def test_examples_declare_the_same_configuration(code: str) -> None:
    rule = REGISTRY[code]
    assert example_config(rule.wrong_example) == example_config(rule.correct_example)


@pytest.mark.parametrize("code", PYTHON_EXAMPLES)
def test_examples_are_python(code: str) -> None:
    rule = REGISTRY[code]
    ast.parse(rule.correct_example)
    if code == "CIO000":
        with pytest.raises(SyntaxError):
            ast.parse(rule.wrong_example)
    else:
        ast.parse(rule.wrong_example)


def test_examples_in_another_language_are_node_code() -> None:
    """A rule's examples leave Python only when its mistake cannot be made in Python: they
    are then customerio-node code, and the docs fence them as TypeScript."""
    others = [code for code in CODES if code not in PYTHON_EXAMPLES]
    assert others == ["CIO606"]
    for code in others:
        rule = REGISTRY[code]
        assert rule.example_language == "typescript"
        for example in (rule.wrong_example, rule.correct_example):
            assert "from 'customerio-node'" in example
            with pytest.raises(SyntaxError):
                ast.parse(example)


def test_unused_suppression_example_suppresses_nothing(tmp_path: Path) -> None:
    """CIO900's wrong example is a real suppression of a real rule, and that rule, selected
    and with suppressions ignored, reports nothing there: the comment suppresses nothing."""
    rule = REGISTRY["CIO900"]
    named = selection(rule).split(",")[1:]
    assert named, "CIO900's wrong example names no code in a noqa comment"
    assert all(code in REGISTRY and code != "CIO900" for code in named), named
    for code in named:
        findings = lint_example(tmp_path, code, rule.wrong_example, "--ignore-noqa")
        assert findings == [], describe(findings)
    assert "noqa" not in rule.correct_example


@pytest.mark.parametrize("code", NODE_CODES)
def test_node_wrong_example_is_reported_by_its_rule(tmp_path: Path, code: str) -> None:
    rule = REGISTRY[code]
    example = (node_examples(rule) or ("", ""))[0]
    findings = lint_example(tmp_path, selection(rule), example, name="example.ts")
    assert findings, f"{code}'s TypeScript example is not reported:\n{example}"
    assert {f["code"] for f in findings} == {code}, describe(findings)
    lines = example.splitlines()
    for finding in findings:
        line = finding["start"]["line"]
        assert lines[line - 1].strip() and not lines[line - 1].lstrip().startswith("//"), (
            describe(findings)
        )


@pytest.mark.parametrize("code", NODE_CODES)
def test_node_correct_example_is_not_reported(tmp_path: Path, code: str) -> None:
    rule = REGISTRY[code]
    correct = (node_examples(rule) or ("", ""))[1]
    findings = lint_example(tmp_path, selection(rule), correct, name="example.ts")
    assert findings == [], describe(findings)
