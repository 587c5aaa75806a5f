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
    spans = syntactic_spans(module, every_node=True)
    reported = syntactic_spans(module)
    for node, code_range in expected.items():
        if isinstance(node, cst.Module):
            continue  # the module's own end differs by its trailing newline; never reported
        start, end = code_range.start, code_range.end
        assert spans[id(node)] == (start.line, start.column, end.line, end.column), node
        # By default only whitespace and punctuation are left out, to save memory.
        if id(node) in reported:
            assert reported[id(node)] == spans[id(node)]
        else:
            assert isinstance(node, (cst.BaseParenthesizableWhitespace, cst.Newline,
                                     cst.TrailingWhitespace, cst.EmptyLine, cst.Comment,
                                     cst.Comma, cst.Dot, cst.Colon, cst.AssignEqual,
                                     cst.LeftParen, cst.RightParen, cst.LeftSquareBracket,
                                     cst.RightSquareBracket, cst.LeftCurlyBrace,
                                     cst.RightCurlyBrace, cst.Semicolon)), node


def test_the_model_places_punctuation_too() -> None:
    """Spans left out to save memory are computed when a node of theirs is asked for."""
    from cio_lint.analysis.python.semantic import SemanticModel

    module = cst.parse_module("f(a, b)\n")
    call = module.body[0].body[0].value  # type: ignore[attr-defined]
    model = SemanticModel(module)
    assert model.range(call.args[0].comma).start.column == 3
    assert model.range(call).end.column == 7


def test_crlf_and_cr_line_endings() -> None:
    for newline in ("\r\n", "\r"):
        module = cst.parse_module(f"x = 1{newline}y = (1 +{newline}  2){newline}")
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        spans = syntactic_spans(module, every_node=True)
        for node, code_range in expected.items():
            if not isinstance(node, cst.Module):
                start, end = code_range.start, code_range.end
                assert spans[id(node)] == (start.line, start.column, end.line, end.column)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_code_sliced_from_the_source_is_the_generated_code(path: object) -> None:
    """Once positions are known, expressions' code comes from the source text: it is
    exactly what LibCST generates for them (parentheses, indentation, stand-ins)."""
    from cio_lint.analysis.python.frontend import PYTHON
    from cio_lint.core.config import Config

    source = path.read_text()  # type: ignore[attr-defined]
    semantic = PYTHON.analyse(source, Config()).semantic
    module = semantic.module
    if not module.body:
        return
    semantic.range(module.body[0])  # positions are known, as once a finding asks for one
    expressions = [n for n in _nodes(module) if isinstance(n, cst.BaseExpression)]
    assert any(semantic._sliced(node) is not None for node in expressions)
    for node in expressions:
        assert semantic.code(node) == module.code_for_node(node), node


def _nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    found = [node]
    for child in node.children:
        found.extend(_nodes(child))
    return found
