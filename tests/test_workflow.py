"""How cio-lint fits a repository: .gitignore, --force-exclude, baselines, suppressions,
and the pre-commit hook run by real pre-commit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli
from .test_cli import BAD, CLEAN, write


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(cwd)})


def concise(*args: str, cwd: Path) -> list[str]:
    result = run_cli("check", "--output-format", "concise", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def test_gitignore_is_honoured_while_walking(tmp_path: Path) -> None:
    git("init", "-q", cwd=tmp_path)
    write(tmp_path, ".gitignore", "generated/\n*_gen.py\n!keep_gen.py\n")
    write(tmp_path, "generated/a.py", BAD)
    write(tmp_path, "pkg/b_gen.py", BAD)
    write(tmp_path, "pkg/keep_gen.py", BAD)
    write(tmp_path, "pkg/.gitignore", "local.py\n")
    write(tmp_path, "pkg/local.py", BAD)
    write(tmp_path, "app.py", BAD)
    assert [line.split(":")[0] for line in concise(".", cwd=tmp_path)] == [
        "app.py", "pkg/keep_gen.py"
    ]
    everything = concise("--no-respect-gitignore", ".", cwd=tmp_path)
    assert len(everything) == 5


def test_force_exclude_applies_to_named_files(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = ["migrations"]\n')
    write(tmp_path, "migrations/0001.py", BAD)
    assert len(concise("migrations/0001.py", cwd=tmp_path)) == 1
    assert concise("--force-exclude", "migrations/0001.py", cwd=tmp_path) == []
    result = run_cli("check", "--force-exclude", "--stdin-filename", "migrations/x.py", "-",
                     cwd=tmp_path, stdin=BAD)
    assert result.returncode == 0


def test_baseline_survives_moved_code_and_reports_new_instances(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    written = run_cli("check", "--write-baseline", "baseline.json", "app.py", cwd=tmp_path)
    assert written.returncode == 0
    assert "recorded 1 findings in baseline.json" in written.stderr
    document = json.loads((tmp_path / "baseline.json").read_text())
    assert document["version"] == 1 and len(document["findings"]) == 1
    # Unrelated edits move the finding down: still known.
    write(tmp_path, "app.py", "# a comment\n\n\n" + BAD)
    assert concise("--baseline", "baseline.json", "app.py", cwd=tmp_path) == []
    text = run_cli("check", "--baseline", "baseline.json", "app.py", cwd=tmp_path).stdout
    assert "1 known finding hidden by the baseline." in text
    # A second instance of the same mistake is new, and reported.
    write(tmp_path, "app.py", "# a comment\n" + BAD + BAD.splitlines()[-1] + "\n")
    lines = concise("--baseline", "baseline.json", "app.py", cwd=tmp_path)
    assert len(lines) == 1 and lines[0].startswith("app.py:7:33: CIO201")


def test_bad_baseline_file_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "baseline.json", "{not json")
    result = run_cli("check", "--baseline", "baseline.json", "app.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a cio-lint baseline" in result.stderr


def test_unused_and_unknown_suppressions_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "app.py", CLEAN.replace("time.time()))", "time.time()))  # noqa: CIO201")
          + "x = 1  # noqa: CIO999, E501\ny = 2  # noqa\nz = 3  # noqa: CIO404\n")
    lines = concise("--select", "CIO2,CIO900", ".", cwd=tmp_path)
    assert lines == [
        "app.py:5:52: CIO900 unused suppression: nothing on this line is reported as CIO201",
        "app.py:6:8: CIO900 unused suppression: `CIO999` is not a cio-lint rule code",
    ]  # bare noqa, other tools' codes and unselected rules (CIO404 here) are left alone
    # A used suppression is not reported.
    write(tmp_path, "app.py", BAD.replace("1000))", "1000))  # noqa: CIO201"))
    assert concise("--select", "CIO2,CIO900", ".", cwd=tmp_path) == []


def test_ignore_noqa_shows_suppressed_findings(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD.replace("1000))", "1000))  # noqa: CIO201"))
    lines = concise("--ignore-noqa", ".", cwd=tmp_path)
    assert [line.split(" ")[1] for line in lines] == ["CIO201"]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hook_with_real_pre_commit(tmp_path: Path) -> None:
    import sys

    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    write(repo, "bad.py", BAD)
    write(repo, "good.py", CLEAN)
    git("add", ".", cwd=repo)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        import os

        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "cio-lint", "--files", *files],
            cwd=repo, capture_output=True, text=True, timeout=600,
            env={**os.environ, **env},
        )

    failing = try_repo("bad.py", "good.py")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "bad.py:5:33: CIO201" in failing.stdout
    passing = try_repo("good.py")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_project_wide_absence_is_only_claimed_for_a_whole_project(tmp_path: Path) -> None:
    """pre-commit names only staged files: "never calls identify" cannot be known then."""
    write(tmp_path, "pyproject.toml", "[tool.cio-lint]\n")
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/clients.py",
          "from customerio import CustomerIO\ncio = CustomerIO(site_id=S, api_key=K)\n")
    write(tmp_path, "app/orders.py",
          "from app.clients import cio\n\n\ndef paid(order):\n"
          "    cio.track(order.user_id, 'order_paid')\n")
    walked = concise("--select", "CIO301", ".", cwd=tmp_path)
    assert [line.split(": ")[1].split()[0] for line in walked] == ["CIO301"]
    assert walked == [
        "app/orders.py:5:5: CIO301 project-wide (advice): no `identify` in Python, templates "
        "or front end: 1 event may reach no profile"
    ]
    named = concise("--select", "CIO301", "app/orders.py", "app/clients.py", cwd=tmp_path)
    assert named == []
