"""A credential in the linted code never appears in any output, file or cache.

Every output format, the baseline, --diff, --fix and --add-noqa are run on a project
with planted credentials; everything printed or written is searched for each secret
and for every 8-character piece of it (a masked secret shows at most 4 characters).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cio_lint.report import reporters

from .conftest import run_cli
from .test_cli import write

APP_KEY = "sk_live_9f8e7d6c5b4a32107e6f"
SITE_ID = "site4c1d9e8f7a6b5c3d"
TRACK_KEY = "key0a9b8c7d6e5f4a3b2c1d"
SECRETS = (APP_KEY, SITE_ID, TRACK_KEY)

SOURCE = f"""\
import time

from customerio import APIClient, CustomerIO, SendEmailRequest

api = APIClient("{APP_KEY}")
cio = CustomerIO("{SITE_ID}", "{TRACK_KEY}")
cio.identify(id="5", updated_at=time.time() * 1000)  # {TRACK_KEY}
cio.track("{SITE_ID}", "Signed Up", timestamp=time.time() * 1000)


def send(user):
    api.send_email(SendEmailRequest(to=user.email, transactional_message_id="{APP_KEY}"))
"""


def pieces(secret: str) -> set[str]:
    return {secret[i:i + 8] for i in range(len(secret) - 7)}


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{where} prints {secret}"
        for piece in pieces(secret):
            assert piece not in text, f"{where} prints {piece!r} of {secret}"


def assert_files_clean(root: Path) -> None:
    """Every file written under ``root`` (reports, baselines, the cache), not the source."""
    for path in root.rglob("*"):
        if path.is_file() and path.name != "app.py":
            assert_no_secret(path.read_bytes().decode("utf-8", "replace"), str(path))


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    write(tmp_path, "app.py", SOURCE)
    return tmp_path


FORMATS = sorted(reporters())


def test_every_format_is_covered() -> None:
    assert {"text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit",
            "statistics"} <= set(FORMATS)


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_output_format_prints_a_secret(planted: Path, output_format: str) -> None:
    result = run_cli("check", "--select", "ALL", "--output-format", output_format, "app.py",
                     cwd=planted)
    assert result.returncode == 1, result.stderr
    assert_no_secret(result.stdout + result.stderr, output_format)
    written = run_cli("check", "--select", "ALL", "--output-format", output_format,
                      "-o", "report.out", "app.py", cwd=planted)
    assert written.returncode == 1 and (planted / "report.out").exists()
    assert_no_secret(written.stdout + written.stderr, f"{output_format} -o")
    assert_files_clean(planted)


def test_credentials_are_reported_at_all(planted: Path) -> None:
    """The planted secrets are findings, so the masking is really exercised."""
    result = run_cli("check", "--select", "ALL", "--output-format", "concise", "app.py",
                     cwd=planted)
    codes = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()}
    assert "CIO103" in codes and "CIO201" in codes, result.stdout
    assert "sk_l…" in result.stdout


def test_statistics_flag_and_stdin(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--statistics", "app.py", cwd=planted)
    assert_no_secret(result.stdout + result.stderr, "--statistics")
    piped = run_cli("check", "--select", "ALL", "--stdin-filename", "app.py", "-",
                    cwd=planted, stdin=SOURCE)
    assert piped.returncode == 1
    assert_no_secret(piped.stdout + piped.stderr, "stdin")


def test_baseline_file_holds_no_secret(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--write-baseline", "baseline.json", "app.py",
                     cwd=planted)
    assert result.returncode == 0, result.stderr
    assert (planted / "baseline.json").stat().st_size > 0
    assert_no_secret(result.stdout + result.stderr, "--write-baseline")
    assert_files_clean(planted)
    again = run_cli("check", "--select", "ALL", "--baseline", "baseline.json", "app.py",
                    cwd=planted)
    assert again.returncode == 0, again.stdout
    assert_no_secret(again.stdout + again.stderr, "--baseline")


def test_diff_and_fix_print_no_secret(planted: Path) -> None:
    """The diff quotes changed lines: those holding a secret are masked, or not shown."""
    for flags in (["--diff"], ["--diff", "--unsafe-fixes"], ["--fix", "--show-fixes"],
                  ["--fix", "--unsafe-fixes", "--show-fixes"]):
        write(planted, "app.py", SOURCE)
        result = run_cli("check", "--select", "ALL", *flags, "app.py", cwd=planted)
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, " ".join(flags))
    assert (planted / "app.py").read_text() != SOURCE  # the fixes were applied
    assert_files_clean(planted)


def test_add_noqa_prints_no_secret(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--add-noqa", "app.py", cwd=planted)
    assert_no_secret(result.stdout + result.stderr, "--add-noqa")
    piped = run_cli("check", "--select", "ALL", "--fix", "--stdin-filename", "app.py", "-",
                    cwd=planted, stdin=SOURCE)
    # Fixing stdin prints the fixed code itself: only the report (stderr) is checked.
    assert_no_secret(piped.stderr, "stdin --fix report")


def test_cache_holds_no_secret(planted: Path) -> None:
    cache = planted / ".cio_lint_cache"
    for _ in range(2):  # fill the cache, then answer from it
        result = run_cli("check", "--select", "ALL", "app.py", cwd=planted,
                         env={"CIO_LINT_CACHE_DIR": str(cache)})
        assert_no_secret(result.stdout + result.stderr, "cached run")
        time.sleep(0.01)
    default = run_cli("check", "--select", "ALL", ".", cwd=planted)
    assert_no_secret(default.stdout + default.stderr, "default cache run")
    assert_files_clean(planted)
