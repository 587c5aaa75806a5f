"""The integration recipes in docs/recipes/ (shown verbatim in the README) really work."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest

from cio_lint import __version__
from cio_lint.docs import with_recipes

from .conftest import ROOT, run_cli
from .sarif_schemas import sarif_schema
from .test_cli import BAD, CLEAN, write
from .test_workflow import git

RECIPES = ROOT / "docs" / "recipes"
yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit (the test extras)")


def test_readme_and_editors_page_show_every_recipe_verbatim() -> None:
    pages = [(ROOT / page).read_text(encoding="utf-8") for page in ("README.md", "docs/editors.md")]
    for page in pages:
        assert with_recipes(page, RECIPES) == page, "run `python -m cio_lint.docs`"
    for recipe in RECIPES.iterdir():
        assert any(f"<!-- recipe: {recipe.name} -->" in page for page in pages), recipe.name


def _commands(document: object) -> list[str]:
    """Every ``cio-lint ...`` command in a CI document's run/script entries."""
    found: list[str] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ("run", "script"):
                lines = value if isinstance(value, list) else [value]
                found.extend(line for line in lines if line.startswith("cio-lint "))
            else:
                found.extend(_commands(value))
    elif isinstance(document, list):
        for item in document:
            found.extend(_commands(item))
    return found


#: How a recipe installs cio-lint before it is on the package index: the release's tag.
RELEASE_REQUIREMENT = f'"cio-lint @ git+https://github.com/cio-lint/cio-lint@v{__version__}"'


def test_recipes_install_this_release_from_its_tag() -> None:
    installs = [line.strip().removeprefix("- ").removeprefix("run: ")
                for recipe in RECIPES.iterdir()
                for line in recipe.read_text(encoding="utf-8").splitlines()
                if "pip install" in line]
    assert len(installs) == 3
    assert set(installs) == {f"pip install {RELEASE_REQUIREMENT}"}


def _project(tmp_path: Path) -> Path:
    write(tmp_path, "app/signup.py", BAD)
    write(tmp_path, "app/ok.py", CLEAN)
    return tmp_path


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*shlex.split(command)[1:], cwd=cwd)


def test_github_code_scanning_recipe_uploads_valid_sarif(tmp_path: Path) -> None:
    workflow = yaml.safe_load((RECIPES / "github-code-scanning.yml").read_text())
    steps = workflow["jobs"]["cio-lint"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    (command,) = _commands(workflow)
    project = _project(tmp_path)
    result = _run(command, project)
    assert result.returncode == 0  # the upload step must still run
    sarif = json.loads((project / upload["with"]["sarif_file"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CIO201"]
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)


def test_github_annotations_recipe_prints_workflow_commands(tmp_path: Path) -> None:
    workflow = yaml.safe_load((RECIPES / "github-annotations.yml").read_text())
    (command,) = _commands(workflow)
    result = _run(command, _project(tmp_path))
    assert result.returncode == 1  # the job fails on findings
    assert result.stdout.startswith("::error file=app/signup.py,line=5,")


def test_gitlab_recipe_writes_the_code_quality_report(tmp_path: Path) -> None:
    pipeline = yaml.safe_load((RECIPES / "gitlab-ci.yml").read_text())
    job = pipeline["cio-lint"]
    (command,) = _commands(pipeline)
    project = _project(tmp_path)
    _run(command, project)
    report = json.loads((project / job["artifacts"]["reports"]["codequality"]).read_text())
    assert [(i["check_name"], i["location"]["path"]) for i in report] == [
        ("CIO201", "app/signup.py")
    ]


def test_vscode_problem_matcher_parses_concise_output(tmp_path: Path) -> None:
    tasks = json.loads((RECIPES / "vscode-tasks.json").read_text())
    matcher = tasks["tasks"][0]["problemMatcher"]["pattern"]
    result = run_cli("check", "--output-format", "concise", ".", cwd=_project(tmp_path))
    match = re.match(matcher["regexp"], result.stdout.splitlines()[0])
    assert match is not None
    assert match.group(matcher["file"]) == "app/signup.py"
    assert (match.group(matcher["line"]), match.group(matcher["column"])) == ("5", "33")
    assert match.group(matcher["code"]) == "CIO201"


def test_pre_commit_recipe_runs_the_hook(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists() or not (ROOT / ".git").exists():
        pytest.skip("needs pre-commit (the test extras) and a git checkout of cio-lint")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    config = yaml.safe_load((RECIPES / "pre-commit-config.yaml").read_text())
    rev = config["repos"][0]["rev"]
    assert rev == f"v{__version__}"  # the tag that releasing this version creates
    # A clone of this checkout stands for GitHub, with the release tag on this commit; the
    # recipe's rev is used as written.
    upstream = tmp_path / "cio-lint"
    git("clone", "-q", "--no-checkout", str(ROOT), str(upstream), cwd=tmp_path)
    git("tag", rev, head, cwd=upstream)
    config["repos"][0]["repo"] = str(upstream)
    repo = tmp_path / "repo"
    project = _project(repo)
    write(project, ".pre-commit-config.yaml", yaml.safe_dump(config))
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)
    result = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=repo,
                            capture_output=True, text=True, timeout=600,
                            env={"PRE_COMMIT_HOME": str(tmp_path / "cache"),
                                 "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "app/signup.py:5:33: CIO201" in result.stdout
