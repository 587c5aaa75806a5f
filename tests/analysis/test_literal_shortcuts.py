"""The shortcuts taken for common literals and quotes give what the general path gives.

String values are read without compiling a literal that has no prefix or escape, and
code is quoted without tokenizing when it holds nothing tokenizing would rewrite: on
every string and expression of the fixtures, the result is the general path's.
"""

from __future__ import annotations

import ast
import re

import libcst as cst
import pytest

from cio_lint.analysis.python import snippets
from cio_lint.analysis.python.syntax import literal_text

from ..conftest import FIXTURES

SOURCES = sorted(FIXTURES.rglob("*.py"))


class _Collect(cst.CSTVisitor):
    def __init__(self, module: cst.Module) -> None:
        super().__init__()
        self.module = module
        self.strings: list[str] = []
        self.expressions: list[str] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.strings.append(node.value)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseExpression):
            self.expressions.append(self.module.code_for_node(node))
        return super().on_visit(node)


def _collected() -> _Collect:
    everything = _Collect(cst.Module([]))
    for path in SOURCES:
        try:
            module = cst.parse_module(path.read_text(encoding="utf-8"))
        except (cst.ParserSyntaxError, UnicodeDecodeError):
            continue
        found = _Collect(module)
        module.visit(found)
        everything.strings += found.strings
        everything.expressions += found.expressions
    return everything


@pytest.fixture(scope="module")
def collected() -> _Collect:
    return _collected()


def _tokenized(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(snippets, "_REWRITABLE", re.compile(r"[\s\S]|^$"))
        return snippets.one_line(text)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ('"plain"', "plain"),
        ("'single'", "single"),
        ('"""tri"ple"""', 'tri"ple'),
        ("''", ""),
        ("''''''", ""),
        ('"tab\\tescaped"', "tab\tescaped"),
        ('r"\\d+"', "\\d+"),
        ('u"unicode"', "unicode"),
        ('b"bytes"', None),
        ('"""a\r\nb"""', "a\nb"),
    ],
)
def test_a_literal_reads_as_python_reads_it(written: str, value: str | None) -> None:
    assert literal_text(written) == value


def test_every_fixture_literal_reads_as_python_reads_it(collected: _Collect) -> None:
    assert len(collected.strings) > 1_000
    wrong = []
    for written in collected.strings:
        evaluated = ast.literal_eval(written)
        expected = evaluated if isinstance(evaluated, str) else None
        if literal_text(written) != expected:
            wrong.append(written)
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    ["send(a, b)", "f(  a )", "x [1]", "a  +  b", "'a #b'", "x.y(z)  # note", "(a,\n b)",
     "a\tb", " a", "[1 , 2]", "{ 'k': 1 }", "f'{x}  y'", "'( x'"],
)
def test_a_quote_is_what_tokenizing_gives(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert snippets.one_line(text) == _tokenized(text, monkeypatch)


def test_every_fixture_expression_quotes_as_tokenizing_gives(
    collected: _Collect, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(collected.expressions) > 10_000
    wrong = [
        text for text in collected.expressions
        if snippets.one_line(text) != _tokenized(text, monkeypatch)
    ]
    assert wrong == []
