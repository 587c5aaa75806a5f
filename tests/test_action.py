"""The GitHub Action (action.yml) and its recipe.

No runner for GitHub Actions works offline here, so the action is checked in two ways: its
structure (a composite action whose scripts take inputs only through the environment, and
whose expressions name only inputs and steps it has), and by running each of its bash
scripts as the runner would, with the environment its `env:` mapping gives them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest

import cio_lint

from .conftest import ROOT, cio_lint_command
from .sarif_schemas import sarif_schema
from .test_cli import BAD, CLEAN, write

yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit (the test extras)")

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _step(name: str) -> dict[str, Any]:
    (step,) = [s for s in STEPS if s.get("name") == name]
    return step


def _evaluate(expression: str, inputs: dict[str, str], python: str) -> str:
    """The few expressions the action's `env:` values use."""
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    assert expression == "steps.python.outputs.python-path", expression
    return python


def _run_step(name: str, cwd: Path, path: str, python: str = "", **given: str) -> (
        subprocess.CompletedProcess[str]):
    """Run a step's script with bash, as the runner does for `shell: bash`."""
    step = _step(name)
    assert step["shell"] == "bash"
    inputs = {key: str(spec.get("default", "")) for key, spec in ACTION["inputs"].items()}
    inputs.update({key.replace("_", "-"): value for key, value in given.items()})
    env = {"PATH": path, "HOME": str(cwd), "RUNNER_TEMP": str(cwd / "runner-temp"),
           "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_PATH": str(cwd / "github-path"),
           "GITHUB_OUTPUT": str(cwd / "github-output")}
    (cwd / "runner-temp").mkdir(exist_ok=True)
    for key, value in step.get("env", {}).items():
        env[key] = EXPRESSION.sub(lambda m: _evaluate(m.group(1), inputs, python), value)
    # bash -e: as the runner starts a `shell: bash` script.
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def _cli_path() -> str:
    """A PATH on which `cio-lint` is the console script under test."""
    return os.pathsep.join([str(Path(cio_lint_command()[0]).parent), "/usr/bin", "/bin"])


def test_action_is_composite_with_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["name"] and ACTION["description"]
    for name, spec in ACTION["inputs"].items():
        assert spec["description"].strip(), name
        assert isinstance(spec["default"], str), name  # inputs are strings
    for step in STEPS:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step["name"]
        else:  # third-party actions pinned to a major version
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"]), step["uses"]


def test_scripts_take_inputs_only_through_the_environment() -> None:
    """An input interpolated into a script could run as shell code; through env it cannot."""
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]


def test_every_expression_names_an_input_or_step_of_the_action() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    step_ids = {s["id"] for s in STEPS if "id" in s}
    conditions = [s["if"] for s in STEPS if "if" in s]
    for expression in EXPRESSION.findall(text) + conditions:
        for name in re.findall(r"\binputs\.([\w-]+)", expression):
            assert name in ACTION["inputs"], expression
        for name in re.findall(r"\bsteps\.([\w-]+)\.", expression):
            assert name in step_ids, expression
    assert _step("Upload the SARIF report to code scanning")["uses"].startswith(
        "github/codeql-action/upload-sarif@")
    assert conditions == ["inputs.sarif == 'true'", "inputs.sarif == 'true'"]


def _fake_python(tmp_path: Path) -> tuple[Path, Path]:
    """A `python` that logs its arguments, and makes a venv holding a copy of itself."""
    log = tmp_path / "python.log"
    python = tmp_path / "fake" / "python"
    python.parent.mkdir()
    python.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{log}"\n'
        'if [ "$1" = -m ] && [ "$2" = venv ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/"; fi\n',
        encoding="utf-8",
    )
    python.chmod(0o755)
    return python, log


def test_install_step_installs_the_actions_own_checkout(tmp_path: Path) -> None:
    python, log = _fake_python(tmp_path)
    result = _run_step("Install cio-lint", tmp_path, "/usr/bin:/bin", python=str(python))
    assert result.returncode == 0, result.stderr
    venv = tmp_path / "runner-temp" / "cio-lint-venv"
    assert log.read_text().splitlines() == [
        f"-m venv {venv}", f"-m pip install --quiet {ROOT}",
    ]
    assert (tmp_path / "github-path").read_text() == f"{venv}/bin\n"


def test_install_step_installs_a_given_version(tmp_path: Path) -> None:
    python, log = _fake_python(tmp_path)
    result = _run_step("Install cio-lint", tmp_path, "/usr/bin:/bin", python=str(python),
                       version="0.1.0")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines()[-1] == "-m pip install --quiet cio-lint==0.1.0"


def _project(tmp_path: Path) -> Path:
    write(tmp_path, "app/signup.py", BAD)
    write(tmp_path, "app/ok.py", CLEAN)
    return tmp_path


def test_sarif_step_writes_a_valid_report_and_succeeds_on_findings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _run_step("Write the SARIF report", project, _cli_path(), args="app")
    assert result.returncode == 0, result.stderr
    sarif = json.loads((project / "cio-lint.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CIO201"]
    assert (project / "github-output").read_text() == "sarif-file=cio-lint.sarif\n"


def test_sarif_step_fails_on_a_usage_error(tmp_path: Path) -> None:
    result = _run_step("Write the SARIF report", _project(tmp_path), _cli_path(),
                       args="--select NOPE .")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_check_step_annotates_and_fails_on_findings(tmp_path: Path) -> None:
    result = _run_step("Check", _project(tmp_path), _cli_path())
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=app/signup.py,line=5,")


def test_check_step_prints_text_without_annotations(tmp_path: Path) -> None:
    result = _run_step("Check", _project(tmp_path), _cli_path(), annotations="false",
                       args="app --exit-zero")
    assert result.returncode == 0
    assert result.stdout.startswith("app/signup.py:5:33: CIO201 ")
    assert "::error" not in result.stdout


def test_args_are_never_expanded_as_globs(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _run_step("Check", project, _cli_path(), args="app/*.py")
    assert result.returncode == 2  # the literal path, which does not exist
    assert "app/*.py" in result.stderr


def test_recipe_uses_this_release_of_the_action_with_its_inputs() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "recipes" / "github-action.yml").read_text())
    assert workflow["permissions"]["security-events"] == "write"
    (step,) = [s for s in workflow["jobs"]["cio-lint"]["steps"]
               if s.get("uses", "").startswith("cio-lint/")]
    assert step["uses"] == f"cio-lint/cio-lint@v{cio_lint.__version__}"
    assert set(step["with"]) <= set(ACTION["inputs"])


def test_readme_documents_every_input_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| input | default | meaning |"):].split("\n\n")[0]
    rows = {cells[1].strip().strip("`"): cells[2].strip().strip("`")
            for cells in (row.split("|") for row in table.splitlines()[2:])}
    defaults = {name: spec["default"] or "empty" for name, spec in ACTION["inputs"].items()}
    assert rows == defaults
