"""``find`` visits the same code nodes as LibCST's generic ``visit``, far cheaper."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from cio_lint.analysis.python.walk import find

from ..conftest import FIXTURES

SOURCES = sorted(FIXTURES.rglob("*.py"))[:80]


class _Seen(cst.CSTVisitor):
    """Records the code nodes it meets; does not enter nested functions."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[int] = set()
        self.left: set[int] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.seen.add(id(node))

    def visit_Call(self, node: cst.Call) -> None:
        self.seen.add(id(node))

    def visit_Param(self, node: cst.Param) -> None:
        self.seen.add(id(node))

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.left.add(id(node))


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_find_meets_what_libcst_visit_meets(path: Path) -> None:
    module = cst.parse_module(path.read_bytes())
    by_libcst, by_find = _Seen(), _Seen()
    module.visit(by_libcst)
    find(module, by_find)
    assert by_find.seen == by_libcst.seen
    assert by_find.left == by_libcst.left


def test_star_parameters_and_skipped_children() -> None:
    module = cst.parse_module("def f(*args, **kw):\n    g(lambda x: h(x))\n")
    seen = _Seen()
    find(module, seen)
    names = {n.value for n in _names(module) if id(n) in seen.seen}
    assert {"args", "kw", "g", "f"} <= names and "h" not in names


def _names(node: cst.CSTNode) -> list[cst.Name]:
    found = [node] if isinstance(node, cst.Name) else []
    for child in node.children:
        found.extend(_names(child))
    return found
