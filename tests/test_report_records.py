"""A replayed run prints the report it printed last time when asked for the same report:
the same bytes and exit code as a run without a cache, in every format; any change to the
files, the options that shape the text or the working directory is linted and reported
afresh; a kept report is trusted no further than a cache entry and never holds a secret."""

from __future__ import annotations

import os
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from cio_lint.engine import report_records
from cio_lint.engine.cache import Cache
from cio_lint.engine.cache_version import FORMAT
from cio_lint.engine.report_records import ReportRecord

from .conftest import run_cli
from .test_cli import BAD, write
from .test_replay import KEY_TEXT, SECRET, project
from .test_startup import loaded

REPLAYED = "its result is replayed"


def check(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``cio-lint check`` run from ``cwd`` (default ``root``) with the cache beside it."""
    env = {"XDG_CACHE_HOME": str(root.parent / "home"), "CIO_LINT_CACHE_DIR": ""}
    result = run_cli("check", "--cache-dir", str(root.parent / "cache"), *args,
                     cwd=cwd or root, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def kept(root: Path) -> list[Path]:
    return sorted((root.parent / "cache" / f"v{FORMAT}" / "reports").glob("*/*.json"))


def body(record: Path) -> bytes:
    """A kept report's bytes as written: inflated, its signature line dropped."""
    return zlib.decompress(record.read_bytes().partition(b"\n")[2])


@pytest.mark.parametrize("args", [
    ("--output-format", "text"), ("--output-format", "concise"), ("--output-format", "json"),
    ("--output-format", "sarif"), ("--output-format", "gitlab"), ("--output-format", "junit"),
    ("--statistics",), ("--no-source",), ("--color", "always"), ("--unsafe-fixes",),
])
def test_an_unchanged_run_prints_its_kept_report(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = project(tmp_path)
    fresh = run_cli("check", "--no-cache", *args, ".", cwd=root)
    first = check(root, *args, ".")
    assert len(kept(root)) == 1
    again = check(root, *args, ".")
    assert again.returncode == first.returncode == fresh.returncode == 1
    assert again.stdout == first.stdout == fresh.stdout
    assert again.stderr == first.stderr == ""
    assert len(kept(root)) == 1


def test_a_kept_report_is_printed_without_findings_or_reporters(tmp_path: Path) -> None:
    """The second run prints the kept text: it rebuilds no finding and loads no reporter."""
    root = project(tmp_path)
    cache = str(tmp_path / "cache")
    loaded(root, "check", "--cache-dir", cache, ".")
    second = loaded(root, "check", "--cache-dir", cache, ".", every=True)
    unused = {"cio_lint.engine.replay", "cio_lint.core.findings", "cio_lint.report.text"}
    assert sorted(unused & set(second)) == []
    third = loaded(root, "check", "--cache-dir", cache, "--no-source", ".", every=True)
    assert "cio_lint.report.text" in third  # another text: its report is written anew


def test_the_exit_code_follows_the_options_not_the_kept_report(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert check(root, "--exit-zero", ".").returncode == 0
    again = check(root, ".")
    assert again.returncode == 1 and "CIO201" in again.stdout
    assert check(root, "--exit-zero", ".").returncode == 0
    clean = tmp_path / "clean"
    write(clean, "app.py", "def add(a, b):\n    return a + b\n")
    assert [check(clean, ".").returncode for _ in range(2)] == [0, 0]


def test_a_change_is_reported_not_the_kept_report(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    write(root, "app/plain.py", BAD)
    again = check(root, ".")
    assert again.stdout == run_cli("check", "--no-cache", ".", cwd=root).stdout
    assert again.stdout != first.stdout and "app/plain.py:" in again.stdout
    assert len(kept(root)) == 2


def test_sarif_paths_follow_the_working_directory(tmp_path: Path) -> None:
    """SARIF's paths are relative to the working directory, which no run key covers."""
    root = project(tmp_path)
    target = str(root / "app")
    for cwd in (root, tmp_path, root, tmp_path):
        printed = check(root, "--output-format", "sarif", target, cwd=cwd).stdout
        assert printed == run_cli("check", "--no-cache", "--output-format", "sarif", target,
                                  cwd=cwd).stdout
    assert len(kept(root)) == 2


def test_a_report_file_is_written_again_from_the_kept_report(tmp_path: Path) -> None:
    root = project(tmp_path)
    check(root, "--output-format", "json", "-o", str(tmp_path / "first.json"), ".")
    again = check(root, "--output-format", "json", "-o", str(tmp_path / "again.json"), ".")
    assert again.returncode == 1 and again.stdout == ""
    assert (tmp_path / "again.json").read_text() == (tmp_path / "first.json").read_text()
    assert '"CIO201"' in (tmp_path / "again.json").read_text()


def test_a_baseline_or_verbose_run_never_prints_a_kept_report(tmp_path: Path) -> None:
    root = project(tmp_path)
    check(root, ".")
    baseline = tmp_path / "baseline.json"
    assert check(root, "--write-baseline", str(baseline), ".").returncode == 0
    filtered = check(root, "--baseline", str(baseline), ".")
    assert filtered.returncode == 0 and "CIO201" not in filtered.stdout
    verbose = check(root, "--verbose", ".")
    assert REPLAYED in verbose.stderr and "CIO201" in verbose.stdout
    assert len(kept(root)) == 1


def test_a_tampered_report_is_not_printed(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    (record,) = kept(root)
    signature, _, packed = record.read_bytes().partition(b"\n")
    forged = zlib.compress(body(record).replace(b"CIO201", b"CIO999"))
    record.write_bytes(signature + b"\n" + forged)
    again = check(root, ".")
    assert again.stdout == first.stdout and "CIO999" not in again.stdout
    assert body(record) == zlib.decompress(packed)  # written anew, signed


def test_no_report_is_kept_holding_a_secret(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root, "app/settings.py", SECRET)
    write(root, "app/notes.py", BAD + f"# the old key was {KEY_TEXT}\n")
    for output_format in ("text", "json", "sarif"):
        first = check(root, "--output-format", output_format, ".")
        assert KEY_TEXT not in first.stdout and "CIO103" in first.stdout
        again = check(root, "--output-format", output_format, ".")
        assert again.stdout == first.stdout
    assert len(kept(root)) == 3
    assert all(KEY_TEXT.encode() not in body(record) for record in kept(root))


def kept_report(pieces: list[str], secrets: list[str], reported: bool = True) -> bytes | None:
    keep = report_records.KeptReport(reported, secrets)
    for piece in pieces:
        keep.write(piece)
    return keep.body()


def test_a_report_holding_a_secret_is_not_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_records, "_PIECE", 8)  # the secret straddles two pieces
    assert kept_report(["key a1b2c3", f"{KEY_TEXT[6:]}\n"], [KEY_TEXT]) is None
    assert kept_report(["a" * 100, f"key {KEY_TEXT}", "b" * 100], [KEY_TEXT]) is None
    cache = Cache(tmp_path / "cache", b"k" * 32)
    body = kept_report(["key ", "****", "\n"] * 20, [KEY_TEXT])
    assert body is not None
    report_records.remember(cache, "ab" * 32, body)
    assert report_records.recalled(cache, "ab" * 32) == ReportRecord("key ****\n" * 20, True)


def test_a_report_longer_than_a_record_holds_is_not_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_records, "_PIECE", 8)
    monkeypatch.setattr(report_records, "MAX_TEXT", 100)
    assert kept_report(["é" * 50], []) is not None  # 100 bytes
    assert kept_report(["é" * 50, "!"], []) is None


def test_only_the_newest_reports_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_records, "KEPT", 2)
    cache = Cache(tmp_path / "cache", b"k" * 32)
    keys = [f"{n:064x}" for n in range(3)]
    for age, key in enumerate(keys):
        body = kept_report([f"report {age}\n"], [], reported=False)
        assert body is not None
        report_records.remember(cache, key, body)
        then = time.time() - 100 + age
        os.utime(cache.directory / "reports" / key[:2] / f"{key}.json", (then, then))
    assert [report_records.recalled(cache, key) for key in keys] == [
        None, ReportRecord("report 1\n", False), ReportRecord("report 2\n", False)]
