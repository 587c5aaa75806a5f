"""Output that cannot be forged: text from the linted files never acts on the reader.

A string literal may hold an ESC that clears the terminal or a vertical tab that
breaks a line; a file name may hold a newline that prints a whole fake finding,
which problem matchers would parse. Every human format escapes control characters;
the machine formats stay well-formed documents.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cio_lint.core.escaping import escape_controls

from .conftest import run_cli
from .test_cli import write

HOSTILE_SOURCE = (
    "from customerio import CustomerIO\n"
    "cio = CustomerIO(site_id=S, api_key=K)\n"
    'cio.track("5", "Signed\x1b[2J\x07Up\x0bNow\x85\u2028x\x7f")\n'
)
FORGED_NAME = "evil\napp.py:1:1: CIO999 injected finding.py"
RAW_CONTROLS = ["\x1b", "\x07", "\x0b", "\x85", "\u2028", "\x7f"]


def run(tmp_path: Path, name: str, output_format: str) -> str:
    write(tmp_path, name, HOSTILE_SOURCE)
    result = run_cli("check", "--select", "CIO401", "--output-format", output_format, ".",
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    return result.stdout


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_control_characters_in_source_never_reach_the_terminal(
    tmp_path: Path, output_format: str,
) -> None:
    out = run(tmp_path, "app.py", output_format)
    for char in RAW_CONTROLS:
        assert char not in out, (char, out)
    if output_format == "text":
        assert "\\x1b[2J\\x07Up\\vNow\\x85\\u2028x\\x7f" in out, out


def test_quoted_source_and_wrong_line_stay_one_line_each(tmp_path: Path) -> None:
    out = run(tmp_path, "app.py", "text")
    source = [line for line in out.splitlines() if line.startswith("  3 | ")]
    assert source == ['  3 | cio.track("5", "Signed\\x1b[2J\\x07Up\\vNow\\x85\\u2028x\\x7f")']
    markers = [line for line in out.splitlines() if line.startswith("    | ") and "^" in line]
    # The marker stays under the escaped literal: it starts under its opening quote.
    assert markers[0].index("^") == source[0].index('"Signed')
    assert markers[0].rstrip().endswith("^") and len(markers[0].rstrip()) == len(source[0]) - 1
    wrong = [line for line in out.splitlines() if line.lstrip().startswith("wrong:")]
    assert len(wrong) == 1 and "\\vNow" in wrong[0], out


@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_a_file_name_cannot_print_a_fake_finding(tmp_path: Path, output_format: str) -> None:
    out = run(tmp_path, FORGED_NAME, output_format)
    assert not any(line.startswith("app.py:1:1: CIO999") for line in out.splitlines()), out
    findings = [line for line in out.splitlines() if ":3:16: CIO401 " in line]
    assert len(findings) == 1 and findings[0].startswith("evil\\napp.py:1:1: CIO999"), out


def test_github_properties_cannot_be_forged_by_a_file_name(tmp_path: Path) -> None:
    out = run(tmp_path, FORGED_NAME, "github")
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::warning file=evil\\napp.py%3A1%3A1"), out


@pytest.mark.parametrize("output_format", ["json", "json-lines", "gitlab", "sarif", "junit"])
def test_machine_formats_stay_well_formed(tmp_path: Path, output_format: str) -> None:
    out = run(tmp_path, FORGED_NAME, output_format)
    if output_format == "junit":
        ET.fromstring(out.encode())
    elif output_format == "json-lines":
        assert [json.loads(line) for line in out.splitlines()]
    else:
        json.loads(out)
    for char in ("\x1b", "\x07", "\x0b"):
        assert char not in out


def test_the_escaping_helper_keeps_tabs_and_printable_text() -> None:
    assert escape_controls("a\tb é 中 😀") == "a\tb é 中 😀"
    assert escape_controls("\x00\n\r\x9b\u2029") == "\\x00\\n\\r\\x9b\\u2029"
    assert escape_controls("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"


def test_multi_line_wrong_and_correct_code_stay_escaped() -> None:
    import io

    from cio_lint.core.findings import Finding, Position, Severity
    from cio_lint.core.results import RunResult
    from cio_lint.report import ReportOptions, reporters

    finding = Finding(
        code="CIO999", name="made-up", severity=Severity.WARNING, path="x.py",
        start=Position(1, 1), end=Position(4, 2), message="m",
        wrong='cio.track(\n    "Signed\x1b[2J  # kept",  # dropped\n    "x\u2028y",\n)',
        correct='try:\n    cio.track("\x07")\nexcept CustomerIOException:\n    pass\n',
    )
    out = io.StringIO()
    reporters()["text"](RunResult(findings=[finding], files_checked=1), out, ReportOptions())
    text = out.getvalue()
    for char in [*RAW_CONTROLS, "\x07"]:
        assert char not in text
    lines = text.splitlines()
    assert lines[1:6] == [
        '  wrong:   cio.track("Signed\\x1b[2J  # kept", "x\\u2028y",)',
        "  correct: try:",
        '               cio.track("\\x07")',
        "           except CustomerIOException:",
        "               pass",
    ]
