"""Our lean position pass agrees with LibCST's PositionProvider on every node."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from cio_lint.analysis.python.positions import syntactic_spans
from cio_lint.analysis.python.span_state import UNREPORTED

from .conftest import FIXTURES

SOURCES = sorted(FIXTURES.rglob("*.py"))[:60]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_spans_match_libcst_position_provider(path: object) -> None:
    _assert_spans_match_position_provider(cst.parse_module(path.read_bytes()))  # type: ignore[attr-defined]


def _assert_spans_match_position_provider(module: cst.Module) -> None:
    spans = syntactic_spans(module, every_node=True)
    reported = syntactic_spans(module)
    # After ours, so LibCST's own generation runs with the shortcuts in its classes.
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node, code_range in expected.items():
        if isinstance(node, cst.Module):
            continue  # the module's own end differs by its trailing newline; never reported
        start, end = code_range.start, code_range.end
        assert spans[id(node)] == (start.line, start.column, end.line, end.column), node
        # By default only whitespace and punctuation are left out, to save memory.
        if isinstance(node, UNREPORTED):
            continue
        assert reported[id(node)] == spans[id(node)], node


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
    for statement in module.body:  # positions are known, as once findings ask for them
        semantic.range(statement)
    expressions = [n for n in _nodes(module) if isinstance(n, cst.BaseExpression)]
    assert any(semantic._sliced(node) is not None for node in expressions)
    for node in expressions:
        assert semantic.code(node) == module.code_for_node(node), node


def _nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    found = [node]
    for child in node.children:
        found.extend(_nodes(child))
    return found


#: Layouts where a statement's first line is easy to get wrong: comments and blank lines
#: before it, decorators (with comments, brackets or a backslash after ``@``), several
#: statements on a line, line continuations, other line endings, no final line break.
LAYOUTS = {
    "header and footer": "# header\n\n\nx = 1\n\n# lead\ny = 2; z = 3\n\n# footer\n",
    "decorators": "@dec\n# c\n\n@ other(1,\n  2)\ndef f(): pass\n@ \\\n  d\nclass C:\n    a = 1\n",
    "bracketed decorator": "x = 0\n@(\n  d)\nclass C:\n    a = 1\n    # in the block\n\ny = 2\n",
    "crlf": "x = 1\r\ny = (\r\n 2)\r\nif x:\r\n    pass\r\n# end",
    "cr": "x = 1\ry = (\r 2)\rif x:\r    pass\r",
    "form feed and strings": "\x0c\nx = 1\n\x0cdef g():\n    return 1\nz = \'\'\'\nmulti\n\'\'\'\n",
    "continuations": "x = [\n1,\n2]  # c\n\\\n\ny = 3 \\\n  + 4\nt = f'{x!r:>{10}}'\n",
    "async and match": (
        "import os\nasync def h():\n    async with a:\n        pass\n"
        "match x:\n    case 1:\n        pass\n\n\n\n"
    ),
    "no final line break": "def f():\n    pass\n# trailing\n\n    # indented trailing",
}


def _statement_spans(source: str) -> tuple[object, dict[int, tuple[int, int, int, int]]]:
    from cio_lint.analysis.python.parsing import parse_module_and_text
    from cio_lint.analysis.python.semantic import SemanticModel

    module, text, lines = parse_module_and_text(source)
    model = SemanticModel(module, source=text, statement_lines=lines)
    return model, syntactic_spans(module)


@pytest.mark.parametrize("source", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_spans_of_one_statement_at_a_time_are_the_whole_module_s(source: str) -> None:
    """Generating only the top-level statements asked about puts every node where
    generating the whole module does, whatever the layout (or falls back to that)."""
    model, whole = _statement_spans(source)
    module = model.module  # type: ignore[attr-defined]
    for node in reversed(_nodes(module)):  # the last statements first
        if id(node) in whole and not isinstance(node, cst.Module):
            assert model.spans.span(node) == whole[id(node)], node  # type: ignore[attr-defined]


def test_only_the_statements_asked_about_are_generated() -> None:
    source = "import os\n\n\n@app.route('/')\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n"
    model, whole = _statement_spans(source)
    first, _, last = model.module.body  # type: ignore[attr-defined]
    call = last.body.body[0].body[0].value
    assert model.range(call).start.line == 10  # type: ignore[attr-defined]
    assert model.spans.known(call) == whole[id(call)]  # type: ignore[attr-defined]
    assert model.spans.known(first) is None  # type: ignore[attr-defined]


def test_nodes_built_after_a_parse_are_still_validated() -> None:
    """The parse builds its nodes unchecked (valid by construction); nodes built
    afterwards, as fixes build them, are checked as LibCST always checks them."""
    from cio_lint.analysis.python.parsing import parse_module

    parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


#: Where generating whitespace, punctuation, names and literals by shortcut could
#: drift: parentheses around names and literals, strings and whitespace over several
#: lines, spaces inside brackets, comments, continuations.
SHORTCUT_LAYOUTS = {
    **LAYOUTS,
    "parenthesized leaves": "x = (a) + ((1)) - (  'b'  ) * (1.5j) or (0x1F)\n",
    "strings over lines": "s = \'\'\'a\nb\'\'\'\nt = f(\"\"\"\r\nc\"\"\", x)\n",
    "continued whitespace": "x = a \\\n  .b \\\n  (c ,\\\n d)  # c\ny = [  # c\n  1 ,\\\n]\n",
    "continued with other line breaks": "x = 1 + \\\r    2\ry = a \\\r\n  .b\r\n",
    "starred and patterns": (
        "a = [*b , *c]\nf(*x)\nmatch p:\n    case [1, *rest]:\n        pass\n"
        "    case None | {'k': (v)} | -1:\n        pass\n"
    ),
    "spaced brackets": "d = { 'k' : [ 1 , 2 , ] , }\nf( * a , ** k )\nx [ 1 : 2 ] ; y = 1\n",
}


@pytest.mark.parametrize("source", SHORTCUT_LAYOUTS.values(), ids=SHORTCUT_LAYOUTS.keys())
def test_spans_match_libcst_position_provider_in_every_layout(source: str) -> None:
    _assert_spans_match_position_provider(cst.parse_module(source))


def test_libcst_generates_the_same_code_once_positions_were_generated() -> None:
    """The shortcuts stay in LibCST's classes; its own code generation gives what it
    gives in a process that never generated positions (not always the source: LibCST
    drops a form feed or a last ``\\r``)."""
    import json
    import subprocess
    import sys

    sources = [*SHORTCUT_LAYOUTS.values(), *(path.read_text() for path in SOURCES[:20])]
    untouched = subprocess.run(
        [sys.executable, "-c", (
            "import json, sys, libcst\n"
            "sources = json.load(sys.stdin)\n"
            "modules = [libcst.parse_module(s) for s in sources]\n"
            "print(json.dumps([[m.code, *map(m.code_for_node, m.body)] for m in modules]))\n"
        )],
        input=json.dumps(sources), capture_output=True, text=True, check=True,
    )
    modules = [cst.parse_module(source) for source in sources]
    for module in modules:
        syntactic_spans(module)
    assert [[m.code, *map(m.code_for_node, m.body)] for m in modules] == json.loads(
        untouched.stdout
    )


def test_code_generated_meanwhile_in_another_thread_is_unchanged() -> None:
    """Another thread generating code while positions are generated (the language
    server analyses and fixes side by side) gets LibCST's code, not a shortcut's."""
    import sys
    import threading

    sources = [path.read_text() for path in SOURCES[:20]]
    modules = [cst.parse_module(source) for source in sources]
    wrong: list[str] = []
    done = threading.Event()

    def generate_code() -> None:
        while not done.is_set():
            try:
                wrong.extend(s for s, m in zip(sources, modules, strict=True) if m.code != s)
            except Exception as error:  # a shortcut misled by a state that is not its own
                wrong.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    other = threading.Thread(target=generate_code)
    other.start()
    try:
        for _ in range(3):
            for module in modules:
                syntactic_spans(module)
    finally:
        done.set()
        other.join()
        sys.setswitchinterval(interval)
    assert wrong == []
