"""Bounded cost on any input: a file Python refuses, or one too costly to analyse, is
reported as CIO000 and the run goes on to lint the rest.

Each case puts one costly file beside ``normal.py`` (one known CIO201 finding) and runs
the installed command with a timeout and a capped address space, so a regression fails
here instead of exhausting the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .test_cli import BAD, write
from .test_hostile import NORMAL, SDK, lines_of, lint, project

#: What the whole run may use: far below what LibCST alone needs on these files (7 GB+).
MEMORY = 3 * 1024**3
CALL = 'cio.identify(id="5", updated_at=int(time.time() * 1000))\n'
CLIENT = (
    "import time\nfrom customerio import CustomerIO\n\ncio = CustomerIO(site_id=S, api_key=K)\n"
)


def lint_capped(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return lint(".", cwd=tmp_path, timeout=60, memory=MEMORY, extra=("--no-cache", *extra))


@pytest.mark.parametrize(
    "expression",
    ["-" * 20_000 + "1", "not " * 20_000 + "y", "lambda: " * 20_000 + "1"],
    ids=["unary-minus", "not-not", "nested-lambdas"],
)
def test_what_python_refuses_is_cio000_and_the_run_goes_on(
    tmp_path: Path, expression: str
) -> None:
    project(tmp_path)
    write(tmp_path, "deep.py", SDK + "x = " + expression + "\n")
    result = lint_capped(tmp_path)
    lines = lines_of(result)
    assert result.returncode == 1, result.stderr
    assert lines[0].startswith("deep.py:1:1: CIO000 "), lines
    assert "too complex" in lines[0] or "too deep" in lines[0], lines
    assert lines[1].startswith(NORMAL) and len(lines) == 2, lines


@pytest.mark.parametrize(
    ("chain", "depth"),
    [("".join(f".m{i}()" for i in range(1_500)), "3,004"),
     ("".join(f"[{i}]" for i in range(3_000)), "3,004")],
    ids=["method-calls", "subscripts"],
)
def test_a_chain_too_long_for_libcst_is_refused_before_it_parses(
    tmp_path: Path, chain: str, depth: str
) -> None:
    """LibCST's parser cannot be interrupted and takes minutes on chains this long."""
    project(tmp_path)
    write(tmp_path, "chain.py", SDK + "\nif True:\n    x = y" + chain + "\n")
    lines = lines_of(lint_capped(tmp_path))
    assert lines == [
        f"chain.py:4:5: CIO000 too complex to analyse: code nested {depth} levels deep, "
        "over the 2,500 cio-lint reads (a chain that long would take LibCST minutes)",
        lines[1],
    ], lines
    assert lines[1].startswith(NORMAL) and len(lines) == 2, lines


def test_syntax_newer_than_the_running_python_is_analysed(tmp_path: Path) -> None:
    """CPython's pre-check refuses only what is too deep: a file written for a newer
    Python than the one cio-lint runs on (``match`` is 3.10, ``type`` and generic
    functions 3.12) is read by LibCST and checked as before."""
    newer = textwrap.dedent("""
        type UserId = str

        def first[T](items: list[T]) -> T:
            return items[0]

        match first(["a"]):
            case "a":
                pass
    """)
    write(tmp_path, "modern.py", CLIENT + newer + CALL)
    lines = lines_of(lint_capped(tmp_path))
    assert [line.split(" `")[0] for line in lines] == ["modern.py:14:33: CIO201"], lines


def test_invalid_syntax_libcst_also_refuses_is_reported_in_pythons_words(
    tmp_path: Path,
) -> None:
    write(tmp_path, "broken.py", CLIENT + "def f(:\n    pass\n")
    lines = lines_of(lint_capped(tmp_path))
    assert lines == ["broken.py:5:7: CIO000 syntax error: invalid syntax"], lines


def test_3500_part_implicit_concatenation_is_analysed(tmp_path: Path) -> None:
    parts = "\n".join(f'    "part {index} "' for index in range(3_500))
    write(tmp_path, "long_text.py", CLIENT + f"TEXT = (\n{parts}\n)\n" + CALL)
    lines = lines_of(lint_capped(tmp_path))
    assert [line.split(" `")[0] for line in lines] == ["long_text.py:3507:33: CIO201"], lines


def test_a_long_implicit_concatenation_inside_the_call_is_analysed(tmp_path: Path) -> None:
    """The parts LibCST cannot take are left out of the model; the call is still checked."""
    parts = " ".join(f'"p{index}"' for index in range(3_500))
    write(tmp_path, "long_event.py", CLIENT + f"cio.track(customer_id='5', name={parts}, "
          "timestamp=int(time.time() * 1000))\n")
    lines = lines_of(lint_capped(tmp_path))
    assert [line.split(": ")[1].split()[0] for line in lines] == ["CIO301", "CIO201"], lines


def test_2000_term_chain_is_analysed_through_the_library(tmp_path: Path) -> None:
    """``api.lint_paths`` runs analysis on a large stack, as the command line does."""
    chain = " + ".join(f"v{index}" for index in range(2_000))
    write(tmp_path, "chain.py", CLIENT + f"total = {chain}\n" + CALL)
    program = textwrap.dedent("""
        import json, sys
        from pathlib import Path
        from cio_lint.api import ConfigResolver, lint_paths
        run = lint_paths([Path(sys.argv[1])], ConfigResolver(None, {}), None)
        print(json.dumps([[f.code, f.start.line] for f in run.findings]))
        print(json.dumps([e.message for e in run.errors]))
    """)
    result = subprocess.run([sys.executable, "-c", program, str(tmp_path / "chain.py")],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    findings, errors = map(json.loads, result.stdout.splitlines())
    assert findings == [["CIO201", 6]] and errors == [], result.stdout


def costly_file(tmp_path: Path, lines: int = 20_000) -> None:
    """A file whose parsing alone takes well over 0.2 s (and that no rule can make cheaper)."""
    write(tmp_path, "costly.py", CLIENT + CALL + "x = 1\n" * lines)


def test_a_file_over_the_time_budget_is_cio000_and_the_run_goes_on(tmp_path: Path) -> None:
    project(tmp_path)
    costly_file(tmp_path)
    result = lint_capped(tmp_path, "--file-timeout", "0.2", "--jobs", "1")
    lines = lines_of(result)
    assert result.returncode == 1, result.stderr
    assert lines == [
        "costly.py:1:1: CIO000 analysis stopped after 0.2 s: the file is too costly to "
        "analyse (raise --file-timeout to analyse it)",
        lines[1],
    ], lines
    assert lines[1].startswith(NORMAL)


def test_the_time_budget_holds_in_worker_processes(tmp_path: Path) -> None:
    project(tmp_path)
    # Enough source that the run starts workers: the budget must not depend on where it runs.
    costly_file(tmp_path, lines=100_000)
    result = lint_capped(tmp_path, "--file-timeout", "0.2", "--jobs", "2")
    lines = lines_of(result)
    assert lines[0].startswith("costly.py:1:1: CIO000 analysis stopped after 0.2 s"), lines
    assert lines[1].startswith(NORMAL) and len(lines) == 2, lines


def test_results_over_budget_are_not_cached(tmp_path: Path) -> None:
    """A budget depends on the machine and the option, not on the file: never cache it."""
    project(tmp_path)
    costly_file(tmp_path)
    cache = ("--cache-dir", str(tmp_path / "cache"))
    first = lint(".", cwd=tmp_path, timeout=60, extra=("--file-timeout", "0.2", *cache))
    assert "CIO000" in first.stdout
    # A budget far above the file's cost, so the second run does not depend on speed.
    second = lines_of(
        lint(".", cwd=tmp_path, timeout=600, extra=("--file-timeout", "600", *cache))
    )
    assert [line.split(" `")[0] for line in second] == [
        "costly.py:5:33: CIO201", "normal.py:5:33: CIO201"], second


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_bad_file_timeout_is_a_usage_error(tmp_path: Path, value: str) -> None:
    project(tmp_path)
    result = lint(".", cwd=tmp_path, extra=("--file-timeout", value))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--file-timeout" in result.stderr


def test_normal_file_is_unaffected_by_the_default_budget(tmp_path: Path) -> None:
    write(tmp_path, "normal.py", BAD)
    lines = lines_of(lint_capped(tmp_path))
    assert len(lines) == 1 and lines[0].startswith(NORMAL)
