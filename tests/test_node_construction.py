"""LibCST's nodes, built by the faster constructors, are the nodes LibCST builds alone."""

from __future__ import annotations

import json
import subprocess
import sys

import libcst as cst
import pytest

from cio_lint.analysis.python.parsing import parse_module_and_text

from .conftest import FIXTURES
from .test_positions import SHORTCUT_LAYOUTS

SOURCES = [
    *SHORTCUT_LAYOUTS.values(), *(path.read_text() for path in sorted(FIXTURES.rglob("*.py"))[:40])
]

#: Nodes built by hand, as fixes build them: defaults and default factories left to fill.
BUILT = (
    "[libcst.Call(libcst.Name('f')), libcst.Arg(libcst.Integer('1'), keyword=libcst.Name('k')),"
    " libcst.FunctionDef(libcst.Name('g'), libcst.Parameters(),"
    " libcst.IndentedBlock([libcst.SimpleStatementLine([libcst.Pass()])])),"
    " libcst.Dict([libcst.DictElement(libcst.SimpleString('\"a\"'), libcst.Name('b'))])]"
)


def _untouched(script: str, data: object) -> list[str]:
    """What a process that never loaded cio-lint prints for ``script``."""
    done = subprocess.run(
        [sys.executable, "-c", f"import json, sys, libcst\n{script}"],
        input=json.dumps(data), capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_parsed_trees_are_the_ones_libcst_builds_alone() -> None:
    expected = _untouched(
        "print(json.dumps([repr(libcst.parse_module(s)) for s in json.load(sys.stdin)]))",
        SOURCES,
    )
    assert [repr(parse_module_and_text(source).module) for source in SOURCES] == expected


def test_nodes_built_by_hand_have_the_same_defaults_and_checks() -> None:
    parse_module_and_text("x = 1\n")  # the constructors are in place from here on
    expected = _untouched(f"print(json.dumps([repr(n) for n in {BUILT}]))", None)
    assert [repr(node) for node in eval(BUILT, {"libcst": cst})] == expected
    first, second = cst.Call(cst.Name("f")), cst.Call(cst.Name("f"))
    assert first.whitespace_after_func is not second.whitespace_after_func  # a factory's
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    with pytest.raises(TypeError):
        cst.Name()  # type: ignore[call-arg]


def test_nodes_are_checked_again_after_a_parse_that_failed() -> None:
    """A parse builds its nodes unchecked (valid by construction); whatever ends it,
    nodes built afterwards, as fixes build them, are checked."""
    from cio_lint.analysis.python.parsing import parse_accepted

    with pytest.raises(cst.ParserSyntaxError):
        parse_accepted("def f(:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
