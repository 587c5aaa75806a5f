"""A run with a cache whose files, settings and options are all unchanged replays the
last result: the same report in every format, while any change lints again, and a
record is never trusted further than an entry."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cio_lint.core.results import RunResult
from cio_lint.engine import replay
from cio_lint.engine.cache import Cache
from cio_lint.engine.cache_version import FORMAT

from .conftest import run_cli
from .test_cli import BAD, write

REPLAYED = "its result is replayed"
OTHER = 'from customerio import CustomerIO\ncio = CustomerIO(SITE, KEY)\ncio.identify(id="5")\n'
#: A hardcoded Track API key (CIO103): a secret of the run.
KEY_TEXT = "a1b2c3d4e5f6a7b8c9d0"
SECRET = f'from customerio import CustomerIO\ncio = CustomerIO("site-1234", "{KEY_TEXT}")\n'
#: CIO301's project-wide form: events tracked and nobody identified, in Python.
TRACKS = ("from customerio import CustomerIO\ncio = CustomerIO(SITE_ID, API_KEY)\n\n\n"
          "def paid(order):\n    cio.track(order.user_id, 'order_paid')\n")
SNIPPET = '<script>_cio.identify({ id: "{{ user.id }}" });</script>\n'


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write(root, "pyproject.toml", "[tool.cio-lint]\n")
    write(root, "app/jobs.py", BAD)
    write(root, "app/other.py", OTHER)
    write(root, "app/plain.py", "def add(a, b):\n    return a + b\n")
    return root


def check(root: Path, *args: str, home: str = "home") -> subprocess.CompletedProcess[str]:
    """``cio-lint check --verbose`` in ``root`` with the cache beside it."""
    env = {"XDG_CACHE_HOME": str(root.parent / home), "CIO_LINT_CACHE_DIR": ""}
    result = run_cli("check", "--verbose", "--cache-dir", str(root.parent / "cache"), *args,
                     cwd=root, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def records(root: Path) -> list[Path]:
    return sorted((root.parent / "cache" / f"v{FORMAT}" / "runs").glob("*/*.json"))


def report_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": CIO" in line]


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "sarif", "junit"])
def test_an_unchanged_run_replays_the_same_report(tmp_path: Path, output_format: str) -> None:
    root = project(tmp_path)
    fresh = run_cli("check", "--no-cache", "--output-format", output_format, ".", cwd=root)
    first = check(root, ".")
    assert REPLAYED not in first.stderr
    again = check(root, "--output-format", output_format, ".")
    assert REPLAYED in again.stderr
    assert again.returncode == fresh.returncode == 1
    assert again.stdout == fresh.stdout


def test_a_replay_reads_no_entry(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    entries = list((tmp_path / "cache" / f"v{FORMAT}").glob("[0-9a-f][0-9a-f]/*.json"))
    assert entries and len(records(root)) == 1
    for entry in entries:
        entry.unlink()  # a run that read them would write them again
    again = check(root, ".")
    assert REPLAYED in again.stderr and again.stdout == first.stdout
    assert not list((tmp_path / "cache" / f"v{FORMAT}").glob("[0-9a-f][0-9a-f]/*.json"))


def _edit(root: Path) -> None:
    write(root, "app/jobs.py", BAD + "cio.track(customer_id=u.email, name='x')\n")


def _add(root: Path) -> None:
    write(root, "app/more.py", BAD)


def _remove(root: Path) -> None:
    (root / "app/jobs.py").unlink()


def _rename(root: Path) -> None:
    (root / "app/jobs.py").rename(root / "app/tasks.py")


def _configure(root: Path) -> None:
    write(root, "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')


def _package(root: Path) -> None:
    write(root, "app/__init__.py", "")  # module names change: app.jobs, not jobs


CHANGES: dict[str, Callable[[Path], None]] = {
    "edited": _edit, "added": _add, "removed": _remove, "renamed": _rename,
    "configured": _configure, "made a package": _package,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_lints_again(tmp_path: Path, change: str) -> None:
    root = project(tmp_path)
    check(root, ".")
    CHANGES[change](root)
    again = check(root, ".")
    fresh = run_cli("check", "--no-cache", ".", cwd=root)
    assert REPLAYED not in again.stderr
    assert again.stdout == fresh.stdout and again.returncode == fresh.returncode
    assert REPLAYED in check(root, ".").stderr  # and the new result is recorded


@pytest.mark.parametrize("option", [("--select", "CIO201"), ("--ignore-noqa",),
                                    ("--no-prefilter",), ("--no-respect-gitignore",)])
def test_options_that_change_the_result_are_part_of_the_key(
    tmp_path: Path, option: tuple[str, ...]
) -> None:
    root = project(tmp_path)
    check(root, ".")
    assert REPLAYED not in check(root, *option, ".").stderr
    assert REPLAYED in check(root, *option, ".").stderr
    assert REPLAYED in check(root, ".").stderr  # each run's own record


def test_named_files_are_another_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    whole = check(root, "--output-format", "concise", ".")
    named = check(root, "--output-format", "concise", "app/jobs.py")
    assert REPLAYED not in named.stderr
    assert report_lines(named) == [line for line in report_lines(whole) if "jobs.py" in line]
    assert REPLAYED in check(root, "--output-format", "concise", "app/jobs.py").stderr


def test_a_touched_file_with_the_same_bytes_still_replays(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    later = time.time() + 5
    os.utime(root / "app/jobs.py", (later, later))
    again = check(root, ".")
    assert REPLAYED in again.stderr and again.stdout == first.stdout


def test_a_run_whose_rule_read_other_files_is_not_recorded(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root, "pyproject.toml", '[tool.cio-lint]\nselect = ["CIO301"]\n')
    write(root, "app/orders.py", TRACKS)
    first = check(root, ".")
    assert "CIO301" in first.stdout and not records(root)  # templates were searched
    write(root, "templates/base.html", "<body>\n" + SNIPPET)
    assert check(root, ".").returncode == 0


def test_standard_input_is_never_recorded(tmp_path: Path) -> None:
    root = project(tmp_path)
    for _ in range(2):
        result = run_cli("check", "--cache-dir", str(tmp_path / "cache"), "--verbose",
                         "--stdin-filename", "app/jobs.py", "-", cwd=root, stdin=BAD)
        assert result.returncode == 1 and REPLAYED not in result.stderr
    assert not records(root)


def test_an_edited_record_is_ignored(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    (record,) = records(root)
    signature, _, body = record.read_bytes().partition(b"\n")
    middle = len(body) // 2
    record.write_bytes(signature + b"\n" + body[:middle] + bytes([body[middle] ^ 1])
                       + body[middle + 1:])
    again = check(root, ".")
    assert REPLAYED not in again.stderr and again.stdout == first.stdout


def test_a_record_made_with_another_key_is_ignored(tmp_path: Path) -> None:
    root = project(tmp_path)
    check(root, ".", home="attacker")
    again = check(root, ".", home="victim")
    assert REPLAYED not in again.stderr and again.returncode == 1


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_linked_record_is_not_followed(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = check(root, ".")
    (record,) = records(root)
    outside = tmp_path / "outside.json"
    shutil.move(record, outside)
    record.symlink_to(outside)
    again = check(root, ".")
    assert REPLAYED not in again.stderr and again.stdout == first.stdout
    assert not record.is_symlink()  # recorded again, in place of the link


def test_a_record_never_holds_a_secret(tmp_path: Path) -> None:
    root = project(tmp_path)
    write(root, "app/settings.py", SECRET)
    write(root, "app/notes.py", BAD + f"# the old key was {KEY_TEXT}\n")
    first = check(root, "--output-format", "json", ".")
    assert KEY_TEXT not in first.stdout and "CIO103" in first.stdout
    (record,) = records(root)
    assert KEY_TEXT.encode() not in record.read_bytes()
    again = check(root, "--output-format", "json", ".")
    assert REPLAYED in again.stderr and again.stdout == first.stdout


def test_a_replay_keeps_the_entries_it_stands_for(tmp_path: Path) -> None:
    root = project(tmp_path)
    check(root, ".")
    cache = tmp_path / "cache" / f"v{FORMAT}"
    entries = list(cache.glob("[0-9a-f][0-9a-f]/*.json"))
    (record,) = records(root)
    old = time.time() - 40 * 24 * 60 * 60
    for path in [*entries, record]:
        os.utime(path, (old, old))
    assert REPLAYED in check(root, ".").stderr
    assert all(path.stat().st_mtime > old + 39 * 24 * 60 * 60 for path in [*entries, record])


def test_only_the_newest_records_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each state of a project has its own record; the oldest go past ``KEPT``."""
    monkeypatch.setattr(replay, "KEPT", 2)
    cache = Cache(tmp_path / "cache", b"k" * 32)
    keys = [f"{n:064x}" for n in range(3)]
    for age, key in enumerate(keys):
        replay.record(cache, key, RunResult(files_checked=age), [])
        written = cache.directory / "runs" / key[:2] / f"{key}.json"
        then = time.time() - 100 + age
        os.utime(written, (then, then))
    kept = sorted(path.stem for path in (cache.directory / "runs").glob("*/*.json"))
    assert kept == keys[1:]
    assert [replay.replayed(cache, key) is not None for key in keys] == [False, True, True]
    replayed = replay.replayed(cache, keys[2])
    assert replayed is not None and replayed.files_checked == 2
