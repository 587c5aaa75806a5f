"""``# cio-lint: noqa`` on a line of its own silences a file (every code, or those named).

The fixtures of CIO900 hold the findings; this module checks what a user sees around
them: --add-noqa, the cache, and a file-wide comment that is not alone on its line.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli
from .test_cli import write

BODY = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=S, api_key=K)
cio.identify(id="5", seen_at=time.time() * 1000)
cio.identify(id=user.email)
"""


def _concise(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("check", "--select", "CIO201,CIO302,CIO900", "--output-format", "concise",
                     *args, "app.py", cwd=project)
    return result.returncode, result.stdout


def test_named_codes_and_prefixes_silence_the_whole_file(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO2\n" + BODY)
    code, out = _concise(tmp_path, "--no-cache")
    assert code == 1
    assert out.splitlines()[0].startswith("app.py:7:17: CIO302")
    assert "CIO201" not in out and "CIO900" not in out
    write(tmp_path, "app.py", "# cio-lint: noqa\n" + BODY)
    assert _concise(tmp_path, "--no-cache")[0] == 0


def test_the_cache_keeps_a_file_wide_comment_file_wide(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO201, CIO302\n" + BODY)
    assert _concise(tmp_path) == (0, "")
    assert list((tmp_path / ".cio_lint_cache").glob("v*/*/*.json"))
    assert _concise(tmp_path) == (0, "")  # answered from the cache


def test_add_noqa_leaves_what_the_file_silences(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", "# cio-lint: noqa: CIO201\n" + BODY)
    result = run_cli("check", "--select", "CIO201,CIO302", "--add-noqa", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = path.read_text().splitlines()
    assert lines[5] == 'cio.identify(id="5", seen_at=time.time() * 1000)'
    assert lines[6] == "cio.identify(id=user.email)  # noqa: CIO302"


def test_an_unused_file_wide_code_is_reported_with_the_comment_that_remains(
    tmp_path: Path,
) -> None:
    write(tmp_path, "app.py", "# cio-lint: noqa: CIO201, CIO5, CIO302\n" + BODY)
    result = run_cli("check", "--select", "CIO201,CIO302,CIO5,CIO900", "--no-cache",
                     "--output-format", "json", "app.py", cwd=tmp_path)
    assert result.returncode == 1
    assert '"message": "unused suppression: nothing in this file is reported as CIO5"' \
        in result.stdout
    assert '"correct": "# cio-lint: noqa: CIO201, CIO302"' in result.stdout


def test_a_file_wide_comment_after_code_silences_nothing(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BODY.replace("* 1000)", "* 1000)  # cio-lint: noqa"))
    code, out = _concise(tmp_path, "--no-cache")
    assert code == 1 and "app.py:5:30: CIO201" in out
