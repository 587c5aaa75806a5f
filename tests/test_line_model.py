"""Python's line model everywhere: only ``\\r\\n``, ``\\r`` and ``\\n`` end a line.

A form feed, VT, FS/GS/RS, NEL, U+2028 or U+2029 in a string or comment is no line
break for Python, so it must not move an edit, a quoted line or a ``# noqa`` comment
(``str.splitlines()`` splits at all of them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cio_lint.core.findings import Finding
from cio_lint.core.lines import line_starts, lines_with_ends, lines_without_ends
from cio_lint.engine import fixing
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.session import LintSession

from .conftest import run_cli
from .test_cli import write

#: Characters ``str.splitlines()`` splits at and Python does not.
NOT_LINE_BREAKS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
IDS = ["FF", "VT", "FS", "GS", "RS", "NEL", "LS", "PS"]

CALL = 'cio.identify(id="5", updated_at=time.time() * 1000)'
TAIL = 'msg = "an unrelated string that must survive every edit exactly as it was"\n'


def program(odd: str) -> str:
    """A flagged call on line 6, after a string and a comment holding ``odd``."""
    return (
        "import time\nfrom customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id=S, api_key=K)\n"
        f'note = "a{odd}b"  # c{odd}d\n'
        f"{CALL}\n{TAIL}"
    )


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_lines_split_only_where_python_splits(odd: str) -> None:
    text = f"a{odd}b\r\nc\rd\ne"
    assert lines_with_ends(text) == [f"a{odd}b\r\n", "c\r", "d\n", "e"]
    assert lines_without_ends(text) == [f"a{odd}b", "c", "d", "e"]
    assert line_starts(text) == [0, 5, 7, 9]
    assert line_starts("a\n") == [0, 2]  # the empty line after the last newline
    assert lines_with_ends("") == []


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_fix_changes_exactly_the_flagged_expression(tmp_path: Path, odd: str) -> None:
    source = program(odd)
    path = write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO201", "--fix", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert path.read_text(encoding="utf-8") == source.replace(
        "time.time() * 1000", "int(time.time())")


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_diff_shows_whole_python_lines(tmp_path: Path, odd: str) -> None:
    write(tmp_path, "app.py", program(odd))
    result = run_cli("check", "--select", "CIO201", "--diff", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    changed = [line for line in result.stdout.split("\n")
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [f"-{CALL}", f"+{CALL.replace('time.time() * 1000', 'int(time.time())')}"]


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_add_noqa_comments_the_flagged_line_and_the_result_parses(
    tmp_path: Path, odd: str
) -> None:
    source = program(odd)
    path = write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO201", "--add-noqa", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Added noqa comments for 1 finding in 1 file." in result.stderr
    commented = path.read_text(encoding="utf-8")
    assert commented == source.replace(CALL, f"{CALL}  # noqa: CIO201")
    compile(commented, "app.py", "exec")
    again = run_cli("check", "--select", "CIO201", "--no-cache", "app.py", cwd=tmp_path)
    assert again.returncode == 0, again.stdout  # the comment suppresses the finding


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_add_noqa_never_comments_inside_a_string(tmp_path: Path, odd: str) -> None:
    """The flagged expression starts on a line that ends inside a string: the comment
    goes on the line that closes the call, after the string."""
    head = program(odd).split(CALL)[0]
    call = (f'cio.identify(id="5", updated_at=time.time() * 1000, note="""x{odd}\n'
            f'y{odd}z""")\n')
    path = write(tmp_path, "app.py", head + call + TAIL)
    result = run_cli("check", "--select", "CIO201", "--add-noqa", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    commented = path.read_text(encoding="utf-8")
    assert commented == head + call.replace('z""")', 'z""")  # noqa: CIO201') + TAIL
    compile(commented, "app.py", "exec")


def test_add_noqa_never_breaks_a_backslash_continuation(tmp_path: Path) -> None:
    """A comment after ``\\`` would not parse: the line cannot hold one, so the finding
    gets none (and stays reported) rather than a broken file."""
    source = program("\x0c").replace(CALL, f"result = {CALL} \\\n    or None")
    path = write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO201", "--add-noqa", "--no-cache",
                     "--output-format", "concise", "app.py", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == source
    assert result.returncode == 1
    assert "Added noqa comments for 0 findings in 0 files." in result.stderr
    assert result.stdout.startswith("app.py:6:42: CIO201")


def test_add_noqa_result_is_parse_checked_like_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever placed the comments, a text that does not parse is never written: the
    file is reported not fixed, as a fix that would not parse is."""
    source = program("")
    path = write(tmp_path, "app.py", source)

    def unbalanced(
        text: str, findings: list[Finding], path: str = ""
    ) -> tuple[str, list[Finding]]:
        return text.replace(CALL, f"{CALL[:-1]}  # noqa: CIO201"), list(findings)

    monkeypatch.setattr(fixing, "add_noqa_comments", unbalanced)
    monkeypatch.chdir(tmp_path)
    with LintSession(ConfigResolver(None, {})) as session:
        units = session.collect([Path("app.py")])
        run = session.lint(units)
        (change,) = session.noqa_comments(units, run.findings)
        assert change.fixed == source and not change.applied
        assert change.error is not None
        assert change.error.message.startswith("noqa comments for CIO201 would not parse (")
        session.apply(units, [change])
    assert path.read_text(encoding="utf-8") == source


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_text_output_quotes_the_flagged_line(tmp_path: Path, odd: str) -> None:
    write(tmp_path, "app.py", program(odd))
    result = run_cli("check", "--select", "CIO201", "--no-cache", "app.py", cwd=tmp_path)
    assert result.returncode == 1
    assert f"  6 | {CALL}\n" in result.stdout
    column = CALL.index("time.time()")
    assert f"    | {' ' * column}{'^' * len('time.time() * 1000')}\n" in result.stdout


@pytest.mark.parametrize("odd", NOT_LINE_BREAKS, ids=IDS)
def test_json_positions_count_python_lines(tmp_path: Path, odd: str) -> None:
    write(tmp_path, "app.py", program(odd))
    result = run_cli("check", "--select", "CIO201", "--no-cache", "--output-format", "json",
                     "app.py", cwd=tmp_path)
    (finding,) = json.loads(result.stdout)["findings"]
    column = CALL.index("time.time()") + 1
    assert finding["start"] == {"line": 6, "column": column}
    assert finding["end"] == {"line": 6, "column": column + len("time.time() * 1000")}
    assert finding["wrong"] == "time.time() * 1000"
    (edit,) = finding["fix"]["edits"]
    assert edit["start"] == finding["start"] and edit["replacement"] == "int(time.time())"


def test_a_lone_carriage_return_ends_a_line_as_in_python(tmp_path: Path) -> None:
    """Old Mac line endings mixed in: Python counts a lone ``\\r`` as a line break, and so
    do the fix, the quote and the noqa comment."""
    source = program("").replace('note = "ab"  # cd\n', "note = 1\rother = 2\r")
    path = write(tmp_path, "app.py", source)
    quoted = run_cli("check", "--select", "CIO201", "--no-cache", "app.py", cwd=tmp_path)
    assert f"  7 | {CALL}\n" in quoted.stdout
    run_cli("check", "--select", "CIO201", "--add-noqa", "--no-cache", "app.py", cwd=tmp_path)
    assert path.read_bytes().decode() == source.replace(CALL, f"{CALL}  # noqa: CIO201")
    write(tmp_path, "app.py", source)
    run_cli("check", "--select", "CIO201", "--fix", "--no-cache", "app.py", cwd=tmp_path)
    assert path.read_bytes().decode() == source.replace("time.time() * 1000", "int(time.time())")


def test_signature_fix_after_a_form_feed_rewrites_only_its_call(tmp_path: Path) -> None:
    """CIO304 prints the rewritten call in place: the text before it is counted in
    Python's lines too."""
    source = (
        "from customerio import analytics\n\n"
        'banner = "\x0c\x0c\x0c"\n\n'
        "def signup(user):\n"
        '    analytics.identify(user.id, traits={"plan": "pro"}, email=user.email)\n'
    )
    path = write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO304", "--fix", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == source.replace(
        '{"plan": "pro"}, email=user.email)', '{"plan": "pro", "email": user.email})')
