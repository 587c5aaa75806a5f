"""Worker processes and the result cache change speed, never results."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from cio_lint.engine.workers import MIN_BYTES_FOR_WORKERS

from .conftest import FIXTURES, ROOT, cio_lint_command, forget_run_records, run_cli
from .test_cli import BAD, write


def _json(*args: str, cwd: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    result = run_cli("check", "--select", "ALL", "--output-format", "json", *args, cwd=cwd,
                     env=env)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_jobs_do_not_change_findings_or_their_order(tmp_path: Path) -> None:
    # The fixtures hold less source than a run hands to workers: a long module that
    # uses the SDK (cheap to parse: comments) takes the run past that, so ``--jobs 2``
    # analyses in workers.
    bulk = tmp_path / "bulk.py"
    bulk.write_text("from customerio import CustomerIO\n" + "".join(
        f"# {n:>6} {'-' * 70}\n" for n in range(7_000)))
    assert bulk.stat().st_size > MIN_BYTES_FOR_WORKERS
    paths = (str(FIXTURES), str(bulk))
    serial = _json("--no-cache", "--jobs", "1", *paths, cwd=ROOT)
    parallel = _json("--no-cache", "--jobs", "2", *paths, cwd=ROOT)
    assert serial["findings"] and serial["findings"] == parallel["findings"]
    assert serial["summary"] == parallel["summary"]


def test_warm_cache_gives_the_same_findings(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _json("--cache-dir", str(cache), str(FIXTURES), cwd=ROOT)
    entries = list(cache.rglob("*.json"))
    assert entries, "the cold run fills the cache"
    assert (cache / ".gitignore").read_text().endswith("*\n")
    warm = _json("--cache-dir", str(cache), str(FIXTURES), cwd=ROOT)
    assert cold == warm


def test_cache_follows_file_and_config_changes(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", BAD)
    assert run_cli("check", "app.py", cwd=tmp_path).returncode == 1
    assert (tmp_path / ".cio_lint_cache").is_dir()  # default: in the project root
    write(tmp_path, "app.py", BAD.replace("* 1000", ""))
    assert run_cli("check", "app.py", cwd=tmp_path).returncode == 0
    path.write_text(BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    assert run_cli("check", "app.py", cwd=tmp_path).returncode == 0


def test_corrupt_and_foreign_entries_are_ignored_and_rewritten(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    cache = tmp_path / "cache"
    first = run_cli("check", "--cache-dir", str(cache), "app.py", cwd=tmp_path)
    (entry,) = cache.glob("v*/*/*.json")  # the entry (beside it: the manifest)
    for damage in ("{not json", json.dumps({"format": 1, "key": "someone-else"}),
                   json.dumps({"format": 1, "key": entry.stem, "result": {"path": 3}}), ""):
        entry.write_text(damage)
        forget_run_records(cache)
        again = run_cli("check", "--cache-dir", str(cache), "app.py", cwd=tmp_path)
        assert again.returncode == 1 and again.stdout == first.stdout, damage
        assert "Traceback" not in again.stderr
        signature, _, body = entry.read_text().partition("\n")  # a signed entry, rewritten
        assert len(signature) == 64 and json.loads(body)["key"] == entry.stem


def test_unwritable_cache_and_no_cache(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    blocker = write(tmp_path, "blocked", "a file where the cache directory should be")
    result = run_cli("check", "--cache-dir", str(blocker / "cache"), "app.py", cwd=tmp_path)
    assert result.returncode == 1 and "CIO201" in result.stdout
    run_cli("check", "--no-cache", "app.py", cwd=tmp_path)
    assert not (tmp_path / ".cio_lint_cache").exists()


def test_cache_dir_from_environment(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    run_cli("check", "app.py", cwd=tmp_path, env={"CIO_LINT_CACHE_DIR": str(tmp_path / "env")})
    assert list((tmp_path / "env").rglob("*.json"))
    assert not (tmp_path / ".cio_lint_cache").exists()


def test_concurrent_runs_share_a_cache_safely(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [*cio_lint_command(), "check", "--select", "ALL", "--output-format", "json",
               "--cache-dir", str(cache), str(FIXTURES)]
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env=environment) for _ in range(4)]
    outputs = [json.loads(run.communicate(timeout=300)[0]) for run in runs]
    assert all(output == outputs[0] for output in outputs)
    assert _json("--cache-dir", str(cache), str(FIXTURES), cwd=ROOT) == outputs[0]
    assert not list(cache.rglob("*.tmp"))
