"""The installed ``cio-lint`` command, run as a user runs it: output and exit codes."""

from __future__ import annotations

import json
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


def test_files_without_customer_io_are_not_parsed_walked_or_named(tmp_path: Path) -> None:
    """A file that mentions no Customer.io name cannot produce a finding, so it is not
    parsed (not even for CIO000), whether a walk finds it or pre-commit names it; one
    that may hold Customer.io code is, and its syntax error is reported."""
    write(tmp_path, "legacy.py", 'print "hello"\n')
    write(tmp_path, "broken.py", 'import customerio\nprint "hello"\n')
    walked = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
    named = run_cli("check", "--output-format", "concise", "legacy.py", "broken.py",
                    cwd=tmp_path)
    for result in (walked, named):
        assert result.returncode == 1
        assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["broken.py"]
        assert "CIO000 syntax error: Missing parentheses" in result.stdout
    alone = run_cli("check", "legacy.py", cwd=tmp_path)
    assert alone.returncode == 0 and "(1 file checked)" in alone.stdout
    full = run_cli("check", "--no-prefilter", "--output-format", "concise", ".", cwd=tmp_path)
    assert full.stdout.startswith("broken.py:2:") and "legacy.py:1:" in full.stdout


def test_a_named_file_using_a_client_through_a_named_wrapper_is_flagged(
    tmp_path: Path,
) -> None:
    """As pre-commit names staged files: ``signup.py`` never names Customer.io, but the
    wrapper named with it exports a client, so it is parsed and linted with that client,
    whichever order the files come in."""
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/clients.py",
          "from customerio import CustomerIO\n\ncio = CustomerIO(site_id=SITE, api_key=KEY)\n")
    write(tmp_path, "app/signup.py", "from app.clients import cio\n\n\ndef signup(user):\n"
          "    cio.identify(id=user.email, email=user.email)\n")
    for order in (("app/signup.py", "app/clients.py"), ("app/clients.py", "app/signup.py")):
        result = run_cli("check", "--no-cache", "--output-format", "concise", *order,
                         cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout.startswith("app/signup.py:5:21: CIO302 "), result.stdout


def test_default_excludes_and_explicit_file(tmp_path: Path) -> None:
    for name in (".venv/lib/x.py", "node_modules/x.py", "build/x.py", "__pycache__/x.py",
                 ".git/x.py"):
        write(tmp_path, name, BAD)
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nextend-exclude = ["generated"]\n')
    write(tmp_path, "generated/x.py", BAD)
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "(0 files checked)" in result.stdout
    # A file named explicitly is checked, even where `exclude` names it.
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


def test_colour_on_a_tty_unless_no_color_and_as_color_says(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    from .conftest import cio_lint_command

    write(tmp_path, "bad.py", BAD)

    def tty_output(env: dict[str, str], *options: str) -> bytes:
        leader, follower = pty.openpty()
        process = subprocess.Popen([*cio_lint_command(), "check", *options, "bad.py"],
                                   cwd=tmp_path, stdout=follower, stderr=follower, env=env)
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

    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    assert b"\x1b[" in tty_output(base)
    assert b"\x1b[" not in tty_output({**base, "NO_COLOR": "1"})
    # no-color.org: NO_COLOR counts only when set to something.
    assert b"\x1b[" in tty_output({**base, "NO_COLOR": ""})
    assert b"\x1b[" not in tty_output(base, "--color", "never")
    assert b"\x1b[" in tty_output({**base, "NO_COLOR": "1"}, "--color", "always")
    assert b"\x1b[" in tty_output({**base, "NO_COLOR": "1", "FORCE_COLOR": "1"})


def test_colour_through_a_pipe_only_when_forced(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BAD)
    coloured = {
        (): False,
        ("--color", "always"): True,
        ("--color", "auto"): False,
    }
    for options, expected in coloured.items():
        result = run_cli("check", *options, "bad.py", cwd=tmp_path)
        assert ("\x1b[" in result.stdout) is expected, options
    for value, expected in (("1", True), ("0", True), ("", False)):
        result = run_cli("check", "bad.py", cwd=tmp_path, env={"FORCE_COLOR": value})
        assert ("\x1b[" in result.stdout) is expected, value
    never = run_cli("check", "--color", "never", "bad.py", cwd=tmp_path,
                    env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.stdout
    # A report file is coloured only when asked: FORCE_COLOR speaks of the terminal.
    run_cli("check", "-o", "forced.txt", "bad.py", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in (tmp_path / "forced.txt").read_text(encoding="utf-8")
    run_cli("check", "--color", "always", "-o", "always.txt", "bad.py", cwd=tmp_path)
    assert "\x1b[" in (tmp_path / "always.txt").read_text(encoding="utf-8")


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


VIEW = """\
import time
from customerio import CustomerIO

cio = CustomerIO(site_id=SITE, api_key=KEY)


def signup_view(request):
    cio.identify(
        id=request.user.id,  # the primary key
        email=request.user.email,
        created_at=int(time.time() * 1000),
    )
    cio.track(customer_id="5", name="Signed Up")
"""

DOCS = "https://github.com/cio-lint/cio-lint/blob/main/docs/rules.md"


def test_text_shows_a_multi_line_call_with_one_marker_row_and_the_whole_rewrite(
    tmp_path: Path,
) -> None:
    write(tmp_path, "app.py", VIEW)
    result = run_cli("check", "--select", "CIO601,CIO201", "app.py", cwd=tmp_path)
    assert result.returncode == 1
    blocks = result.stdout.split("\n\n")
    identify = blocks[0].splitlines()
    assert identify[0].startswith("app.py:8:5: CIO601 unhandled-api-error `cio.identify` ")
    assert identify[1:] == [
        "     |",
        "   8 | /     cio.identify(",
        "   9 | |         id=request.user.id,  # the primary key",
        "  10 | |         email=request.user.email,",
        "  11 | |         created_at=int(time.time() * 1000),",
        "  12 | |     )",
        "     | |_____^",
        # The whole call, compact (the comment dropped), cut at 76 characters.
        "  wrong:   cio.identify(id=request.user.id, email=request.user.email, "
        "created_at=int(t…",
        "  correct: try:",
        "               cio.identify(",
        "                   id=request.user.id,  # the primary key",
        "                   email=request.user.email,",
        "                   created_at=int(time.time() * 1000),",
        "               )",
        "           except CustomerIOException:",
        '               logger.warning("Customer.io identify failed")',
        f"  docs:    cio-lint rule CIO601 ({DOCS}#cio601-unhandled-api-error)",
    ]
    track = blocks[2].splitlines()
    assert track[0].startswith("app.py:13:5: CIO601 ")
    # The rule's documentation was linked at its first finding: not again.
    assert track[1:] == [
        "     |",
        '  13 |     cio.track(customer_id="5", name="Signed Up")',
        "     |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        '  wrong:   cio.track(customer_id="5", name="Signed Up")',
        "  correct: try:",
        '               cio.track(customer_id="5", name="Signed Up")',
        "           except CustomerIOException:",
        '               logger.warning("Customer.io track failed")',
    ]
    assert result.stdout.count("docs:    cio-lint rule CIO601") == 1
    assert result.stdout.count("docs:    cio-lint rule CIO201") == 1
    assert blocks[3] == (
        "Found 3 findings in 1 file (1 file checked): CIO201 x1, CIO601 x2.\n"
        "1 fixable with the `--fix` option.\n"
    )


def test_text_quotes_a_long_span_by_its_first_lines_and_its_last(tmp_path: Path) -> None:
    source = VIEW.replace(
        "        id=request.user.id,  # the primary key\n"
        "        email=request.user.email,\n"
        "        created_at=int(time.time() * 1000),\n",
        "        id=uid,\n        plan='#1',  # '#1' is no comment in a string\n"
        "        a=1,\n        b=2,\n        c=3,\n        d=4,\n        e=5,\n",
    )
    write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO601", "app.py", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[1:12] == [
        "      |",
        "    8 | /     cio.identify(",
        "    9 | |         id=uid,",
        "   10 | |         plan='#1',  # '#1' is no comment in a string",
        "   11 | |         a=1,",
        "   12 | |         b=2,",
        "   13 | |         c=3,",
        "  ... | |",
        "   16 | |     )",
        "      | |_____^",
        # The lines not quoted end the compact call with an ellipsis.
        "  wrong:   cio.identify(id=uid, plan='#1', a=1, b=2, c=3, …",
    ]


def test_fix_hint_counts_safe_fixes_and_hidden_unsafe_ones(tmp_path: Path) -> None:
    write(tmp_path, "app.py", VIEW)
    hints = {
        ("--select", "CIO201,CIO401"): "1 fixable with the `--fix` option (1 hidden fix can be "
                                       "enabled with the `--unsafe-fixes` option).",
        ("--select", "CIO401"): "No fixes available (1 hidden fix can be enabled with the "
                                "`--unsafe-fixes` option).",
        ("--select", "CIO201,CIO401", "--unsafe-fixes"): "2 fixable with the `--fix` option.",
        ("--select", "CIO201"): "1 fixable with the `--fix` option.",
    }
    for options, hint in hints.items():
        result = run_cli("check", *options, "app.py", cwd=tmp_path)
        assert result.stdout.splitlines()[-1] == hint, (options, result.stdout)
    plain = run_cli("check", "--select", "CIO601", "app.py", cwd=tmp_path)
    assert plain.stdout.splitlines()[-1].startswith("Found 2 findings in 1 file")


def test_statistics_table_and_json(tmp_path: Path) -> None:
    write(tmp_path, "app.py", VIEW)
    selected = ("check", "--select", "CIO201,CIO401,CIO601", "--statistics")
    table = run_cli(*selected, "app.py", cwd=tmp_path)
    assert table.returncode == 1
    assert table.stdout == (
        "2  CIO601  unhandled-api-error\n"
        "1  CIO201  millisecond-timestamp [fixable]\n"
        "1  CIO401  event-name-style [fixable]\n"
    )
    as_sarif = run_cli(*selected, "--output-format", "sarif", "app.py", cwd=tmp_path)
    assert as_sarif.stdout == table.stdout
    as_json = run_cli(*selected, "--output-format", "json", "app.py", cwd=tmp_path)
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == [
        {"code": "CIO601", "name": "unhandled-api-error", "count": 2, "fixable": 0,
         "unsafe_fixable": 0},
        {"code": "CIO201", "name": "millisecond-timestamp", "count": 1, "fixable": 1,
         "unsafe_fixable": 0},
        {"code": "CIO401", "name": "event-name-style", "count": 1, "fixable": 0,
         "unsafe_fixable": 1},
    ]
    write(tmp_path, "ok.py", CLEAN)
    clean = run_cli("check", "--statistics", "--output-format", "json", "ok.py", cwd=tmp_path)
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    cases = {
        ("check", "--bogus", "ok.py"): "No such option '--bogus'",
        ("check", "--output-format", "xml", "ok.py"): "Invalid value for '--output-format'",
        ("check", "--color", "sometimes", "ok.py"): "Invalid value for '--color'",
        ("check", "--jobs", "0", "ok.py"): "Invalid value for '-j' / '--jobs'",
        ("check", "--select"): "Option '--select' requires an argument",
        ("chek", "ok.py"): "No such command 'chek'",
        ("--bogus",): "No such option '--bogus'",
    }
    for args, expected in cases.items():
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stdout == "", args
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith(f"cio-lint: error: {expected}"), (args, lines[0])
    result = run_cli("check", "--bogus", cwd=tmp_path)
    assert result.stderr.rstrip("\n").endswith("Try `cio-lint check --help`.")


# JavaScript and TypeScript files ------------------------------------------------------

TS_BAD = """\
import { TrackClient } from "customerio-node";
const cio = new TrackClient(siteId, apiKey);
cio.identify("5", { created_at: 1 });
"""
#: One line of minified code: over 1,000 characters, full of `;` and braces.
MINIFIED = 'var c=require("customerio-node");' + "function f(a){return a+1};" * 60 + "\n"


def _ts_lint(project: Path, *args: str) -> tuple[list[str], str]:
    result = run_cli("check", "--select", "CIO303", "--no-cache", "--output-format", "concise",
                     "-v", *args, cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    flagged = [line.split(": ")[0] for line in result.stdout.splitlines()]
    return flagged, result.stderr


def test_declaration_minified_and_generated_js_files_are_passed_over_with_a_reason(
    tmp_path: Path,
) -> None:
    write(tmp_path, "src/app.ts", TS_BAD)
    write(tmp_path, "src/types.d.ts", TS_BAD)
    write(tmp_path, "src/esm.d.mts", TS_BAD)
    write(tmp_path, "public/vendor.min.js", TS_BAD)
    write(tmp_path, "public/app.bundle.js", TS_BAD)
    write(tmp_path, "public/packed.js", MINIFIED + TS_BAD)
    write(tmp_path, "src/api.ts", "// Code generated by openapi-gen. DO NOT EDIT.\n" + TS_BAD)
    write(tmp_path, "src/pb.ts", "/**\n * @generated by protobuf-ts\n */\n" + TS_BAD)
    # Not generated: an eslint directive alone, a long data string, a later @generated.
    write(tmp_path, "src/lint.ts", "/* eslint-disable */\n" + TS_BAD)
    write(tmp_path, "src/logo.ts", f'export const LOGO = "data:image/png;base64,{"A" * 3000}";\n'
          + TS_BAD)
    write(tmp_path, "src/late.ts", TS_BAD + "// @generated is mentioned here, after code\n")
    for build in (".nuxt", ".svelte-kit", ".turbo", ".vercel", ".output", ".serverless",
                  "cdk.out", "storybook-static"):
        write(tmp_path, f"{build}/x.ts", TS_BAD)
    flagged, stderr = _ts_lint(tmp_path, ".")
    assert flagged == ["src/app.ts:3:1", "src/late.ts:3:1", "src/lint.ts:4:1", "src/logo.ts:4:1"]
    for line in (
        "skipped src/types.d.ts: TypeScript declaration file (types only)",
        "skipped src/esm.d.mts: TypeScript declaration file (types only)",
        "skipped public/vendor.min.js: minified bundle (by its name)",
        "skipped public/app.bundle.js: minified bundle (by its name)",
        "skipped public/packed.js: minified (a line of over 1000 characters of code)",
        "skipped src/api.ts: generated file (its header says not to edit it)",
        "skipped src/pb.ts: generated file (`@generated` in its header)",
        "skipped .nuxt/: excluded by `exclude`",
        "skipped cdk.out/: excluded by `exclude`",
    ):
        assert f"cio-lint: {line}\n" in stderr, line
    # Named on the command line, each is checked, as an excluded file is; with
    # --force-exclude (pre-commit) it is passed over again.
    named = ("src/types.d.ts", "public/vendor.min.js", "src/api.ts", ".nuxt/x.ts")
    assert _ts_lint(tmp_path, *named)[0] == [
        ".nuxt/x.ts:3:1", "public/vendor.min.js:3:1", "src/api.ts:4:1", "src/types.d.ts:3:1",
    ]
    flagged, stderr = _ts_lint(tmp_path, "--force-exclude", *named)
    assert flagged == []
    assert "skipped src/types.d.ts: TypeScript declaration file (types only)" in stderr
    assert "skipped .nuxt/x.ts: excluded by `exclude`" in stderr


def test_gitignore_is_honoured_for_js_files(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "generated/\n*.gen.ts\n")
    write(tmp_path, "src/app.ts", TS_BAD)
    write(tmp_path, "src/client.gen.ts", TS_BAD)
    write(tmp_path, "generated/sdk.js", TS_BAD)
    flagged, stderr = _ts_lint(tmp_path, ".")
    assert flagged == ["src/app.ts:3:1"]
    assert "skipped src/client.gen.ts: ignored by .gitignore" in stderr
    assert "skipped generated/: ignored by .gitignore" in stderr
    assert _ts_lint(tmp_path, "--no-respect-gitignore", ".")[0] == [
        "generated/sdk.js:3:1", "src/app.ts:3:1", "src/client.gen.ts:3:1",
    ]


def test_a_js_syntax_error_is_cio000_in_its_language_and_the_rest_is_still_checked(
    tmp_path: Path,
) -> None:
    write(tmp_path, "app.ts", TS_BAD + 'cio.track("5", { name: "x" );\n'
          + 'cio.identify("6", { created_at: 2 });\n')
    write(tmp_path, "web.jsx",
          TS_BAD.replace("cio.identify", "const total = price * ;\ncio.identify"))
    result = run_cli("check", "--select", "CIO000,CIO303", "--no-cache", "--output-format",
                     "json", "app.ts", "web.jsx", cwd=tmp_path)
    assert result.returncode == 1
    found = [(f["path"], f["start"]["line"], f["start"]["column"], f["code"],
              f["correct"] if f["code"] == "CIO000" else None)
             for f in json.loads(result.stdout)["findings"]]
    typescript = "fix the file so that TypeScript can parse it, or exclude it"
    javascript = "fix the file so that JavaScript can parse it, or exclude it"
    assert found == [
        ("app.ts", 3, 1, "CIO303", None),
        ("app.ts", 4, 27, "CIO000", typescript),
        ("app.ts", 5, 1, "CIO303", None),
        ("web.jsx", 3, 23, "CIO000", javascript),
        ("web.jsx", 4, 1, "CIO303", None),
    ]
