"""Fuzzing the shapes that once broke cio-lint: long chains, control characters, 2.x-style
calls with comments inside them, and monotonic clocks.

Each generator targets one class of defect and checks the property that defect broke:
- long ``+``/method/subscript chains are analysed (no CIO000, no internal error) in
  bounded time, or refused in one CIO000 when nested deeper than cio-lint reads;
- control characters in comments change no finding and no position;
- fixing a call never drops a comment, and the fixed text still parses;
- a value read from a monotonic or performance clock never gets a seconds fix.

CI runs a few examples of each; for a release, run many more (docs/testing.md):

    CIO_LINT_FUZZ_EXAMPLES=2000 pytest -s -p no:cacheprovider tests/test_fuzz_hardening.py
"""

from __future__ import annotations

import ast
import io
import os
import tokenize

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cio_lint.analysis.python.parsing import too_deep_for_libcst
from cio_lint.core.config import Config
from cio_lint.core.findings import Finding
from cio_lint.engine.edits import apply_edits, fixable
from cio_lint.engine.file_run import FileResult, analyze
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.rules import REGISTRY

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")
run_with_large_stack(lambda: None)

EXAMPLES = max(1, int(os.environ.get("CIO_LINT_FUZZ_EXAMPLES", "300")) // 6)
#: Chain lengths: CI stays fast; a release run may raise the ceiling.
LONGEST_CHAIN = int(os.environ.get("CIO_LINT_FUZZ_LONGEST_CHAIN", "600"))
ALL_CODES = frozenset(REGISTRY)
HEAD = "import time\nfrom customerio import CustomerIO\n\ncio = CustomerIO(SITE, KEY)\n\n"
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
#: Characters Python does not end a line at, though ``str.splitlines`` does, and
#: terminal controls that must never reach a terminal unescaped.
CONTROLS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x1b[2J",
            "\x07"]


def lint(source: str) -> FileResult:
    data = source.encode("utf-8")
    return run_with_large_stack(
        lambda: analyze("fuzz.py", data, Config(), ALL_CODES, module_name="fuzz")
    )


def places(findings: list[Finding]) -> list[tuple[str, int, int, int, int]]:
    return [(f.code, f.start.line, f.start.column, f.end.line, f.end.column) for f in findings]


def comments(source: str) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [token.string for token in tokens if token.type == tokenize.COMMENT]


# -- long chains ----------------------------------------------------------------------


@st.composite
def chains(draw: st.DrawFn) -> str:
    """An identify call whose attributes hold one long ``+``, method-call or subscript chain."""
    length = draw(st.integers(50, LONGEST_CHAIN))
    kind = draw(st.sampled_from(["plus", "methods", "subscripts", "concatenation"]))
    if kind == "plus":
        value = " + ".join(f"x{i}" for i in range(length))
    elif kind == "methods":
        value = "builder" + "".join(f".step{i % 7}()" for i in range(length))
    elif kind == "subscripts":
        value = "table" + "".join(f"[{i % 5}]" for i in range(length))
    else:
        value = " ".join(f"'p{i}'" for i in range(length))
    return HEAD + (
        "def handler(request):\n"
        f"    cio.identify(id=request.user.id, total={value},\n"
        "                 updated_at=int(time.time() * 1000))\n"
    )


@SETTINGS
@given(source=chains())
def test_long_chains_are_analysed(source: str) -> None:
    """Analysed to the end when the chain nests within what cio-lint reads; refused up
    front, in one CIO000 that says so, when it nests deeper (only the release run's
    longer chains do)."""
    result = lint(source)
    assert result.errors == [], result.errors
    codes = {f.code for f in result.findings}
    if run_with_large_stack(lambda: too_deep_for_libcst(ast.parse(source), source)) is not None:
        assert [(f.code, f.message.split(":")[0]) for f in result.findings] == [
            ("CIO000", "too complex to analyse")]
        return
    assert "CIO000" not in codes, [f.message for f in result.findings if f.code == "CIO000"]
    assert "CIO201" in codes  # the millisecond timestamp beside the chain is still found


# -- control characters in comments ---------------------------------------------------

CALLS = [
    "cio.identify(id=user.id, created_at=int(time.time() * 1000))",
    "cio.track(user.id, 'Signed Up', at=time.time() * 1000)",
    "cio.identify(customer_id=user.id, email=user.email)",
    "cio.track(customer_id=user.id, name='order_paid', amount=5)",
]


@st.composite
def commented_programs(draw: st.DrawFn) -> tuple[str, str]:
    """The same program twice: with control characters in its comments, and with spaces."""
    lines_with, lines_without = [], []
    for _ in range(draw(st.integers(1, 5))):
        control = draw(st.sampled_from(CONTROLS))
        note = f"# note {control} end"
        lines_with += [note, draw(st.sampled_from(CALLS))]
        lines_without += [note.replace(control, " " * len(control)), lines_with[-1]]
    body_with = HEAD + "\n".join(lines_with) + "\n"
    body_without = HEAD + "\n".join(lines_without) + "\n"
    return body_with, body_without


@SETTINGS
@given(pair=commented_programs())
def test_control_characters_in_comments_change_nothing(pair: tuple[str, str]) -> None:
    with_controls, without = lint(pair[0]), lint(pair[1])
    assert with_controls.errors == [] and without.errors == []
    assert places(with_controls.findings) == places(without.findings)
    fixed, _ = apply_edits(pair[0], [f for f in with_controls.findings if fixable(f, True)])
    ast.parse(fixed)
    assert comments(fixed) == comments(pair[0])


# -- 2.x-style calls with comments inside ---------------------------------------------

KEYWORDS = ["customer_id=user.id", "email=user.email", "name='order_paid'", "plan='pro'",
            "data={'total': 5}", "created_at=int(time.time() * 1000)", "id=user.id"]


@st.composite
def legacy_calls(draw: st.DrawFn) -> str:
    """A multi-line 2.x-style Track call with a comment after some of its arguments."""
    method = draw(st.sampled_from(["identify", "track"]))
    chosen = draw(st.lists(st.sampled_from(KEYWORDS), min_size=1, max_size=5, unique=True))
    lines = []
    for index, keyword in enumerate(chosen):
        comment = f"  # why {index}" if draw(st.booleans()) else ""
        lines.append(f"    {keyword},{comment}")
    return HEAD + f"cio.{method}(\n" + "\n".join(lines) + "\n)\n"


@SETTINGS
@given(source=legacy_calls())
def test_fixes_never_drop_a_comment(source: str) -> None:
    result = lint(source)
    assert result.errors == []
    fixed, _ = apply_edits(source, [f for f in result.findings if fixable(f, True)])
    ast.parse(fixed)
    assert comments(fixed) == comments(source)


# -- monotonic clocks ----------------------------------------------------------------

CLOCKS = ["time.monotonic()", "time.monotonic_ns()", "time.perf_counter()",
          "time.perf_counter_ns()", "time.process_time_ns()"]


@st.composite
def clock_values(draw: st.DrawFn) -> str:
    clock = draw(st.sampled_from(CLOCKS))
    shape = draw(st.sampled_from(["{c}", "int({c})", "{c} * 1000", "int({c} * 1000)",
                                  "{c} // 1_000_000", "round({c} / 1e6)"]))
    return HEAD + f"cio.identify(id=user.id, started_at={shape.format(c=clock)})\n"


@SETTINGS
@given(source=clock_values())
def test_monotonic_clocks_never_get_a_seconds_fix(source: str) -> None:
    result = lint(source)
    assert result.errors == []
    for finding in result.findings:
        if finding.code == "CIO201":
            assert finding.fix is None, (source, finding)
