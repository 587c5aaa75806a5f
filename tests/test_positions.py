"""Our lean position pass agrees with LibCST's PositionProvider on every node."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from cio_lint.analysis.python.positions import syntactic_spans

from .conftest import FIXTURES

SOURCES = sorted(FIXTURES.rglob("*.py"))[:60]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_spans_match_libcst_position_provider(path: object) -> None:
    module = cst.parse_module(path.read_bytes())  # type: ignore[attr-defined]
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    spans = syntactic_spans(module)
    for node, code_range in expected.items():
        if isinstance(node, cst.Module):
            continue  # the module's own end differs by its trailing newline; never reported
        start, end = code_range.start, code_range.end
        assert spans[id(node)] == (start.line, start.column, end.line, end.column), node


def test_crlf_and_cr_line_endings() -> None:
    for newline in ("\r\n", "\r"):
        module = cst.parse_module(f"x = 1{newline}y = (1 +{newline}  2){newline}")
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        spans = syntactic_spans(module)
        for node, code_range in expected.items():
            if not isinstance(node, cst.Module):
                start, end = code_range.start, code_range.end
                assert spans[id(node)] == (start.line, start.column, end.line, end.column)
