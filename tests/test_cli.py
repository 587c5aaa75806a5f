"""The installed ``cio-lint`` command, run as a user runs it: output and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

from cio_lint import __version__

from .conftest import run_cli

BAD = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)
cio.identify(id="5", updated_at=int(time.time() * 1000))
"""

CLEAN = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)
cio.identify(id="5", updated_at=int(time.time()))
"""


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    result = run_cli("check", "ok.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed (1 file checked)." in result.stdout


def test_finding_text_output_shows_source_wrong_correct_and_docs(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    result = run_cli("check", "bad.py", cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith(
        "bad.py:5:33: CIO201 millisecond-timestamp `updated_at` gets milliseconds"
    )
    assert "  5 | cio.identify(id=\"5\", updated_at=int(time.time() * 1000))" in out
    assert "    |                                 ^^^^^^^^^^^^^^^^^^^^^^^" in out
    assert "  wrong:   int(time.time() * 1000)" in out
    assert "  correct: int(time.time())" in out
    assert "docs:    cio-lint rule CIO201" in out
    assert "Found 1 finding in 1 file (1 file checked): CIO201 x1." in out
    assert "\x1b[" not in out  # no colour when not a TTY


def test_concise_format_is_one_line_per_finding(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    result = run_cli("check", "--output-format", "concise", "bad.py", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines == [
        "bad.py:5:33: CIO201 `updated_at` gets milliseconds (`int(time.time() * 1000)`); "
        "Customer.io reads seconds"
    ]


def test_exit_zero_keeps_findings_but_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    result = run_cli("check", "--exit-zero", "bad.py", cwd=tmp_path)
    assert result.returncode == 0
    assert "CIO201" in result.stdout


def test_stdin_with_stdin_filename(tmp_path: Path) -> None:
    result = run_cli("check", "--output-format", "concise", "--stdin-filename",
                     "app/signup.py", "-", cwd=tmp_path, stdin=BAD)
    assert result.returncode == 1
    assert result.stdout.startswith("app/signup.py:5:33: CIO201 ")


def test_stdin_uses_config_of_stdin_filename(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    result = run_cli("check", "--stdin-filename", "x.py", "-", cwd=tmp_path, stdin=BAD)
    assert result.returncode == 0, result.stdout


def test_select_ignore_and_prefixes(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    assert run_cli("check", "--ignore", "CIO2", "bad.py", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--select", "CIO3", "bad.py", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--select", "CIO3", "--extend-select", "CIO201", "bad.py",
                   cwd=tmp_path).returncode == 1
    # The more specific selector wins over a broader ignore.
    assert run_cli("check", "--ignore", "CIO2", "--extend-select", "CIO201", "bad.py",
                   cwd=tmp_path).returncode == 1


def test_unknown_rule_code_is_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    result = run_cli("check", "--select", "CIO999", "bad.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "cio-lint: error: --select: unknown rule code 'CIO999'"
    assert result.stdout == ""


def test_config_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    cases = {
        '[tool.cio-lint]\nselekt = ["CIO201"]\n': "unknown key 'selekt'",
        '[tool.cio-lint]\nselect = "CIO201"\n': "'select' must be a list of strings",
        '[tool.cio-lint]\nignore = ["CIO777"]\n': "unknown rule code 'CIO777'",
        '[tool.cio-lint]\nid-kind = "uuid"\n': "'id-kind' must be \"id\" or \"email\"",
        '[tool.cio-lint]\nevent-name-pattern = "["\n': "invalid regular expression",
        '[tool.cio-lint\nselect = []\n': "invalid TOML",
    }
    for text, expected in cases.items():
        write(tmp_path, "pyproject.toml", text)
        result = run_cli("check", "bad.py", cwd=tmp_path)
        assert result.returncode == 2, (text, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (text, result.stderr)


def test_explicit_config_file(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    config = write(tmp_path, "conf/pyproject.toml", '[tool.cio-lint]\nignore = ["CIO201"]\n')
    assert run_cli("check", "--config", str(config), "bad.py", cwd=tmp_path).returncode == 0


def test_nearest_pyproject_and_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nper-file-ignores = { "scripts/*" = ["CIO201"] }\n')
    write(tmp_path, "scripts/backfill.py", BAD)
    write(tmp_path, "app/signup.py", BAD)
    result = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["app/signup.py"]


def test_suppression_comments(tmp_path: Path) -> None:
    source = BAD.replace("1000))", "1000))  # noqa: CIO201")
    write(tmp_path, "a.py", source)
    write(tmp_path, "b.py", BAD.replace("1000))", "1000))  # cio-lint: ignore[CIO201]"))
    write(tmp_path, "c.py", BAD.replace("1000))", "1000))  # noqa"))
    write(tmp_path, "d.py", BAD.replace("1000))", "1000))  # noqa: CIO302"))
    multi = (
        "import time\nfrom customerio import CustomerIO\n\ncio = CustomerIO(site_id=S, api_key=K)\n"
        "cio.identify(  # noqa: CIO201\n    id='5',\n    updated_at=time.time() * 1000,\n)\n"
    )
    write(tmp_path, "e.py", multi)
    in_string = BAD.replace("1000))", "1000), note='# noqa')")
    write(tmp_path, "f.py", in_string)
    result = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
    flagged = sorted(line.split(": ")[1].split()[0] + " " + line.split(":")[0]
                     for line in result.stdout.splitlines())
    # d.py's noqa names the wrong code: the finding stays, and the comment is unused.
    assert flagged == ["CIO201 d.py", "CIO201 f.py", "CIO900 d.py"], result.stdout


def test_unparsable_and_undecodable_files_are_reported_and_run_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "a_py2.py", 'import customerio\nprint "hello"\n')
    write(tmp_path, "b_latin1.py", b"import customerio\nx = '\xe9t\xe9'\n")
    write(tmp_path, "c_declared.py",
          b"# -*- coding: latin-1 -*-\nimport customerio\nx = '\xe9t\xe9'\n")
    write(tmp_path, "d_bad.py", BAD)
    result = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # Position and wording come from the running interpreter's compiler (3.9 says col 7).
    assert lines[0].startswith("a_py2.py:2:")
    assert "CIO000 syntax error: Missing parentheses" in lines[0]
    assert lines[1].startswith("b_latin1.py:2:6: CIO000 file is not valid utf-8")
    assert lines[2].startswith("d_bad.py:5:33: CIO201")
    assert len(lines) == 3  # the declared latin-1 file is fine
    assert "Traceback" not in result.stderr


def test_files_without_customer_io_are_not_parsed_unless_named(tmp_path: Path) -> None:
    """A file that mentions no Customer.io name cannot produce a finding, so a walk does
    not parse it (not even for CIO000); a file named on the command line always is."""
    write(tmp_path, "legacy.py", 'print "hello"\n')
    walked = run_cli("check", ".", cwd=tmp_path)
    assert walked.returncode == 0 and "(1 file checked)" in walked.stdout
    named = run_cli("check", "--output-format", "concise", "legacy.py", cwd=tmp_path)
    assert named.returncode == 1
    assert named.stdout.startswith("legacy.py:1:")
    assert "CIO000 syntax error: Missing parentheses" in named.stdout
    full = run_cli("check", "--no-prefilter", "--output-format", "concise", ".", cwd=tmp_path)
    assert full.stdout.startswith("legacy.py:1:") and "CIO000" in full.stdout


def test_default_excludes_and_explicit_file(tmp_path: Path) -> None:
    for name in (".venv/lib/x.py", "node_modules/x.py", "build/x.py", "__pycache__/x.py",
                 ".git/x.py"):
        write(tmp_path, name, BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = ["generated"]\n')
    write(tmp_path, "generated/x.py", BAD)
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "(0 files checked)" in result.stdout
    # A file named explicitly is always checked.
    assert run_cli("check", "generated/x.py", cwd=tmp_path).returncode == 1


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.py: no such file or directory" in result.stderr


def test_rules_listing_and_rule_page() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    assert re.search(r"CIO201\s+millisecond-timestamp\s+error\s+on\s+sometimes", listing.stdout)
    page = run_cli("rule", "cio302")
    assert page.returncode == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix",
                    "Configuration"):
        assert f"\n{heading}\n" in page.stdout
    assert "cio.identify(id=user.id, email=user.email)" in page.stdout
    unknown = run_cli("rule", "CIO999")
    assert unknown.returncode == 2
    assert "unknown rule code 'CIO999'" in unknown.stderr


def test_version_and_module_entry_point() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"cio-lint, version {__version__}"


def test_colour_only_on_tty_and_never_with_no_color(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    from .conftest import cio_lint_command

    write(tmp_path, "bad.py", BAD)

    def tty_output(env: dict[str, str]) -> bytes:
        leader, follower = pty.openpty()
        process = subprocess.Popen([*cio_lint_command(), "check", "bad.py"], cwd=tmp_path,
                                   stdout=follower, stderr=follower, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(leader)
        return b"".join(chunks)

    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert b"\x1b[" in tty_output(base)
    assert b"\x1b[" not in tty_output({**base, "NO_COLOR": "1"})


def test_secret_is_never_printed(tmp_path: Path) -> None:
    secret = "sk_live_9f8e7d6c5b4a3210"
    write(tmp_path, "keys.py",
          f'from customerio import APIClient\napi = APIClient("{secret}")\n')
    for fmt in ("text", "concise"):
        result = run_cli("check", "--output-format", fmt, "keys.py", cwd=tmp_path)
        assert result.returncode == 1
        assert "CIO103" in result.stdout
        assert secret not in result.stdout + result.stderr
        assert secret[5:] not in result.stdout + result.stderr
