"""Malformed configuration: one line on stderr naming the key, exit 2, nothing on stdout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cio_lint.core.config import MAX_EVENTS, check_regex

from .conftest import run_cli
from .test_cli import BAD, write

WRONG_TYPES = {
    "select": 'select = "CIO201"',
    "ignore": "ignore = [201]",
    "extend-select": "extend-select = true",
    "per-file-ignores": 'per-file-ignores = ["tests/*"]',
    "per-file-ignores.\"tests/*\"": 'per-file-ignores = { "tests/*" = "CIO201" }',
    "exclude": 'exclude = "build"',
    "extend-exclude": "extend-exclude = [1, 2]",
    "region": "region = 1",
    "id-kind": "id-kind = []",
    "event-name-pattern": "event-name-pattern = 5",
    "events": 'events = "signed_up"',
    "client-names": "client-names = 3",
    "track-key-patterns": 'track-key-patterns = "key"',
    "app-key-patterns": "app-key-patterns = [{}]",
    "transactional": 'transactional = ["welcome"]',
    "transactional.\"7\"": 'transactional = { 7 = "name" }',
}

BAD_VALUES = {
    "region": 'region = "asia"',
    "id-kind": 'id-kind = "uuid"',
    "select": 'select = ["CIO999"]',
    "ignore": 'ignore = ["E501"]',
    "extend-select": 'extend-select = ["ALLX"]',
    "per-file-ignores.\"tests/*\"": 'per-file-ignores = { "tests/*" = ["CIO2X"] }',
    "frobnicate": "frobnicate = 1",
    "event-name-pattern": 'event-name-pattern = "["',
    "track-key-patterns": 'track-key-patterns = ["(unclosed"]',
    "client-names": 'client-names = ["1cio"]',
    "client-names ": 'client-names = ["cio:mobile"]',
    "client-names  ": "client-names = { cio = 1 }",
    "client-names   ": 'client-names = ["cio..track"]',
}

CATASTROPHIC = ["^(a+)+$", "(a|a)*b", r"(\w+\s?)*$", "(a*)*$", "^([a-z]{1,3})*$",
                "(a+a+)*b", r"^(\d+|\w+)*$", "(.*,)*x", "(?:a?){20}a{20}", "^(x+x+)+y$",
                "^(a|aa)+$", r"^(\w|\d)+$", "^([a-z]|[a-z0-9])+$", "^(aa?)+$"]

LEGITIMATE = ["^[a-z][a-z0-9_]*$", "^[a-z]+(_[a-z0-9]+)*$", r"^[a-z]+(\.[a-z_]+)*$",
              "^[a-z][a-z0-9_.]*$", r"^([a-z]+_)*[a-z]+$", "^[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)*$",
              r"(?i)^[a-z]+(_[a-z0-9]+)*$", "^(user|order)_[a-z_]+$", r"^\w{1,64}$",
              r"^[a-z]+(?:[._][a-z0-9]+)*$", r"track[_\-]?(api[_\-]?)?key", "(a|ab)*c",
              r"^(?:[a-z]+|\d+)(?:_(?:[a-z]+|\d+))*$", "^(a|b|c)*$", "[|]+"]


def rejected(tmp_path: Path, table: str) -> str:
    """Lint with ``table`` as the configuration; the one stderr line it must produce."""
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", table)
    result = run_cli("check", "app.py", cwd=tmp_path)
    assert result.returncode == 2, (table, result.stdout, result.stderr)
    assert result.stdout == "", table
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cio-lint: error: "), (table, result.stderr)
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("key", list(WRONG_TYPES))
def test_wrong_type_for_every_key(tmp_path: Path, key: str) -> None:
    line = rejected(tmp_path, f"[tool.cio-lint]\n{WRONG_TYPES[key]}\n")
    assert f"'{key.strip()}'" in line, line
    assert "pyproject.toml: [tool.cio-lint]" in line


@pytest.mark.parametrize("key", list(BAD_VALUES))
def test_bad_values_and_unknown_keys_and_codes(tmp_path: Path, key: str) -> None:
    line = rejected(tmp_path, f"[tool.cio-lint]\n{BAD_VALUES[key]}\n")
    assert f"'{key.strip()}'" in line, line


@pytest.mark.parametrize("text", [
    "[tool.cio-lint\nselect = []\n",
    '[tool.cio-lint]\nselect = ["CIO201"\n',
    "[tool.cio-lint]\nregion = 'eu'\nregion = 'us'\n",
    b"[tool.cio-lint]\nregion = '\xff'\n",
    "[tool]\ncio-lint = 5\n",
], ids=["header", "unclosed-list", "duplicate-key", "not-utf8", "not-a-table"])
def test_malformed_toml(tmp_path: Path, text: str | bytes) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", text)
    result = run_cli("check", "app.py", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "pyproject.toml" in lines[0], result.stderr
    assert re.search(r"invalid TOML|not UTF-8|must be a table", lines[0]), lines[0]


def test_huge_events_list(tmp_path: Path) -> None:
    names = ", ".join(f'"event_{i}"' for i in range(MAX_EVENTS + 1))
    line = rejected(tmp_path, f"[tool.cio-lint]\nevents = [{names}]\n")
    assert f"'events' lists {MAX_EVENTS + 1} names (at most {MAX_EVENTS})" in line


def test_unknown_codes_on_the_command_line(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    for option in ("--select", "--ignore", "--extend-select"):
        result = run_cli("check", option, "CIO201,NOPE1", "app.py", cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.strip() == f"cio-lint: error: {option}: unknown rule code 'NOPE1'"


@pytest.mark.parametrize("pattern", CATASTROPHIC + LEGITIMATE)
def test_patterns_that_backtrack_in_re_are_accepted(pattern: str) -> None:
    assert check_regex(pattern, "where") == pattern


@pytest.mark.parametrize("pattern", [r"(a)\1", "^(?=sign)[a-z_]+$", r"(?<!public_)key"])
def test_what_no_automaton_can_match_is_refused_at_load_time(
    tmp_path: Path, pattern: str
) -> None:
    toml_pattern = pattern.replace("\\", "\\\\")
    line = rejected(tmp_path, f'[tool.cio-lint]\nevent-name-pattern = "{toml_pattern}"\n')
    assert "'event-name-pattern'" in line and "cannot be matched in linear time (it uses" in line
    line = rejected(tmp_path, f'[tool.cio-lint]\ntrack-key-patterns = ["{toml_pattern}"]\n')
    assert "'track-key-patterns'" in line


def test_a_catastrophic_pattern_cannot_hang_a_run(tmp_path: Path) -> None:
    """``re`` needs minutes for each of these names (``(a|aa)+`` doubles its work with
    every character); the run answers at once, and as ``re`` would."""
    write(tmp_path, "pyproject.toml", '[tool.cio-lint]\nselect = ["CIO401", "CIO101"]\n'
          'event-name-pattern = "^(a|aa)+$"\n'
          'track-key-patterns = ["^(\\\\w|\\\\d)+!$"]\n')
    names = ["a" * 60 + "b", "a" * 60]
    write(tmp_path, "app.py", "from customerio import CustomerIO\n\n"
          f"cio = CustomerIO(site_id=S, api_key={'x' * 60}_key)\n"
          + "".join(f"cio.track('5', '{name}')\n" for name in names))
    result = run_cli("check", "--output-format", "concise", "--no-cache", "app.py",
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [line.split(": ")[1][:6] for line in result.stdout.splitlines()] == ["CIO401"]
    assert result.stdout.startswith("app.py:4:16: CIO401"), result.stdout


def test_an_accepted_pattern_is_used_by_the_cli(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml",
          '[tool.cio-lint]\nselect = ["CIO401"]\nevent-name-pattern = "^[a-z]+(_[a-z0-9]+)*$"\n')
    write(tmp_path, "app.py", "from customerio import CustomerIO\n"
          "cio = CustomerIO(site_id=S, api_key=K)\ncio.track('5', 'Signed Up')\n"
          "cio.track('5', 'signed_up')\n")
    result = run_cli("check", "--output-format", "concise", "app.py", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["CIO401"]
    assert result.stdout.startswith("app.py:3:16: CIO401")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_pyproject_not_in_utf8_is_an_error_not_ignored(tmp_path: Path, encoding: str) -> None:
    line = rejected(tmp_path, '[tool.cio-lint]\nselect = ["CIO201"]\n'.encode(encoding))
    assert "pyproject.toml: encoded as UTF-" in line and "must be UTF-8" in line, line


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "pyproject.toml", b'\xef\xbb\xbf[tool.cio-lint]\nignore = ["CIO"]\n')
    result = run_cli("check", "app.py", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout


def test_lower_case_codes_are_refused_everywhere_with_the_spelling_that_works(
    tmp_path: Path,
) -> None:
    line = rejected(tmp_path, '[tool.cio-lint]\nselect = ["cio201"]\n')
    assert line.endswith("'select': unknown rule code 'cio201' (did you mean 'CIO201'?)"), line
    write(tmp_path, "pyproject.toml", "")
    for option in ("--select", "--ignore", "--extend-select"):
        result = run_cli("check", option, "cio2", "app.py", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert result.stderr.strip() == (
            f"cio-lint: error: {option}: unknown rule code 'cio2' (did you mean 'CIO2'?)"
        )


@pytest.mark.parametrize("nesting", ["[" * 60_000 + "]" * 60_000, "{ a = " * 60_000 + "}" * 60_000])
def test_deeply_nested_configuration_is_one_line(tmp_path: Path, nesting: str) -> None:
    line = rejected(tmp_path, f"[tool.cio-lint]\nevents = {nesting}\n")
    assert "pyproject.toml: invalid TOML" in line, line


@pytest.mark.parametrize("target", ["/dev/zero", "huge.toml"])
def test_config_option_reads_only_a_bounded_regular_file(tmp_path: Path, target: str) -> None:
    write(tmp_path, "app.py", BAD)
    write(tmp_path, "huge.toml", "# padding\n" * 500_000)
    result = run_cli("check", "--config", target, "app.py", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cio-lint: error: "), result.stderr
