"""Parse Python with LibCST at a cost bounded by the file's size, or say why not.

LibCST needs time and memory far beyond the input for code that CPython itself refuses:
20,000 unary minus signs (20 KB) take it over 7 GB and abort the process from native
code, where no Python handler runs. So CPython's own parser, about ten times cheaper and
bounded, reads every file first: what it refuses is reported in its words and never
reaches LibCST. What CPython accepts and LibCST cannot read (an implicit concatenation
of more string parts than LibCST's parser allows) is parsed with those parts blanked
out, so the rest of the file is still checked.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

import libcst as cst

from cio_lint.analysis.python.node_construction import install as install_node_constructors
from cio_lint.analysis.python.node_construction import unchecked as unchecked_nodes
from cio_lint.analysis.unparsable import Unparsable
from cio_lint.core.findings import Position

#: LibCST's parser refuses an implicit concatenation of more than 3,000 string parts;
#: parts beyond this many are left out of the model (a string that long is never an
#: event name, a key or an identifier a rule could judge).
KEPT_STRING_PARTS = 2_000
TOO_COMPLEX = "too complex to parse: nested more deeply than Python allows"
#: The deepest syntax tree handed to LibCST (a 2,000-term ``+`` chain is 2,000 levels).
MAX_DEPTH = 2_500
#: CPython's words for brackets nested beyond its limit (LibCST would need minutes).
SYNTAX_ERROR = "syntax error: "
TOO_NESTED = f"{SYNTAX_ERROR}too many nested parentheses"
BEYOND_LIBCST = (
    "valid Python that LibCST, the parser cio-lint uses, cannot read here; nothing in this "
    "file is checked"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Tokens that open and close one f-string (t-string) part, on Pythons that split them.
_STRING_STARTS = frozenset(
    getattr(tokenize, kind)
    for kind in ("FSTRING_START", "TSTRING_START")
    if hasattr(tokenize, kind)
)
_STRING_ENDS = frozenset(
    getattr(tokenize, kind) for kind in ("FSTRING_END", "TSTRING_END") if hasattr(tokenize, kind)
)
_BETWEEN_PARTS = frozenset({tokenize.NL, tokenize.COMMENT})


def parse_module(source: str) -> cst.Module:
    """The LibCST module of ``source``; ``Unparsable`` (where, and why) when there is none."""
    return parse_module_and_text(source)[0]


class Parsed(NamedTuple):
    """A module LibCST read, the text it read, and where CPython says its statements are."""

    module: cst.Module
    #: ``source`` itself unless string parts had to be left out.
    text: str
    #: The line each top-level statement of CPython's tree starts on (its first
    #: decorator's, for a decorated definition); None unless CPython read ``text`` too.
    statement_lines: tuple[int, ...] | None


def parse_module_and_text(source: str) -> Parsed:
    """The LibCST module of ``source`` and the text it was read from: ``source`` itself
    unless string parts had to be left out; ``Unparsable`` (where, and why) when none.

    What CPython refuses as too deep never reaches LibCST. What it refuses as a syntax
    error still does: LibCST reads syntax newer than the running interpreter (``type``
    aliases and generics under 3.11, ``match`` under 3.9), and such a file is analysed.
    When LibCST refuses it too, the error is reported in CPython's words.
    """
    install_node_constructors()
    tree, refused = _read_with_cpython(source)
    if refused is not None and (
        refused[1] == TOO_NESTED or not refused[1].startswith(SYNTAX_ERROR)
    ):
        raise Unparsable(*refused)
    try:
        if refused is None and tree is not None:
            return Parsed(parse_accepted(source), source, _statement_lines(tree))
        return Parsed(cst.parse_module(source), source, None)
    except cst.ParserSyntaxError as error:
        if refused is not None:
            raise Unparsable(*refused) from None
        where = Position(error.editor_line, error.editor_column)
    except RecursionError:
        raise Unparsable(Position(1, 1), TOO_COMPLEX) from None
    shortened = without_excess_string_parts(source)
    if shortened is not None:
        try:
            return Parsed(cst.parse_module(shortened), shortened, None)
        except (cst.ParserSyntaxError, RecursionError):
            pass
    raise Unparsable(where, BEYOND_LIBCST)


def _statement_lines(tree: ast.Module) -> tuple[int, ...]:
    return tuple(
        decorators[0].lineno if (decorators := getattr(statement, "decorator_list", None))
        else statement.lineno
        for statement in tree.body
    )


def parse_accepted(source: str) -> cst.Module:
    """The LibCST module of ``source``, which CPython's parser accepted.

    Every LibCST node checks its own fields when it is built (``_validate``): about a
    seventh of a parse. A tree the parser builds from code CPython accepts is valid by
    construction, so those checks are switched off for the parse; nodes built by a fix
    are still checked, and every fixed file is parsed again before it is written.
    """
    with unchecked_nodes():
        return cst.parse_module(source)


def python_refuses(source: str) -> tuple[Position, str] | None:
    """Where and why CPython refuses ``source``, in its own words; None when it accepts it.

    CPython bounds its parser's stack (deep nesting raises ``MemoryError`` or
    ``RecursionError`` at once, with no position): that is reported as too complex.
    """
    return _read_with_cpython(source)[1]


def _read_with_cpython(source: str) -> tuple[ast.Module | None, tuple[Position, str] | None]:
    """CPython's tree of ``source`` (None if it has none), and why it refuses it (None
    if it does not: see ``python_refuses``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        if error.lineno is None:  # 3.12+: null bytes
            return None, (_nul_position(source), f"{SYNTAX_ERROR}{error.msg}")
        return None, (
            Position(error.lineno, max(error.offset or 1, 1)), f"{SYNTAX_ERROR}{error.msg}"
        )
    except ValueError as error:  # before 3.12: "source code string cannot contain null bytes"
        return None, (_nul_position(source), f"{SYNTAX_ERROR}{error}")
    except (MemoryError, RecursionError):
        return None, (Position(1, 1), TOO_COMPLEX)
    return tree, too_deep_for_libcst(tree, source)


def too_deep_for_libcst(tree: ast.AST, source: str) -> tuple[Position, str] | None:
    """Where and why a tree CPython accepts nests too deeply for LibCST, or None.

    LibCST's native parser takes time about cubic in the length of one chain (4,000
    chained method calls: 43 s) and cannot be interrupted, so no time budget could stop
    it: a statement nested more than ``MAX_DEPTH`` levels is refused before it starts.
    """
    # Byte offsets of line starts: positions in the tree are UTF-8 byte columns.
    encoded = source.encode("utf-8", "surrogatepass")
    line_starts = list(accumulate(map(len, encoded.splitlines(keepends=True)), initial=0))
    deepest = 0
    statement: ast.AST = tree
    stack: list[tuple[ast.AST, int, ast.AST]] = [(tree, 0, tree)]
    while stack:
        node, depth, enclosing = stack.pop()
        if isinstance(node, ast.stmt):
            if _too_short_to_nest(node, line_starts):
                continue
            enclosing = node
        if depth > deepest:
            deepest, statement = depth, enclosing
        stack.extend((child, depth + 1, enclosing) for child in ast.iter_child_nodes(node))
    if deepest <= MAX_DEPTH:
        return None
    line = getattr(statement, "lineno", 1)
    column = getattr(statement, "col_offset", 0) + 1
    return Position(line, column), (
        f"too complex to analyse: code nested {deepest:,} levels deep, over the "
        f"{MAX_DEPTH:,} cio-lint reads (a chain that long would take LibCST minutes)"
    )


def _too_short_to_nest(statement: ast.stmt, line_starts: list[int]) -> bool:
    """Can this statement not reach ``MAX_DEPTH``, however it is written? Every level of
    a syntax tree but a few wrappers spans at least one byte more than the level below,
    and Python allows at most 100 blocks around a statement; so a statement shorter than
    half the limit is never walked (nearly every simple statement of real code)."""
    end_line: int | None = getattr(statement, "end_lineno", None)
    end_column: int | None = getattr(statement, "end_col_offset", None)
    if end_line is None or end_column is None or end_line > len(line_starts):
        return False
    start = line_starts[statement.lineno - 1] + statement.col_offset
    return line_starts[end_line - 1] + end_column - start < MAX_DEPTH // 2


def without_excess_string_parts(source: str) -> str | None:
    """``source`` with every string part after the first ``KEPT_STRING_PARTS`` of an
    implicit concatenation blanked (spaces, line breaks kept, so every position of the
    rest is unchanged); None when no concatenation is that long."""
    lines = io.StringIO(source, newline="").readlines()  # Python's line breaks only
    line_starts = list(accumulate(map(len, lines), initial=0))
    text = list(source)
    changed = False
    try:
        for run in _concatenations(lines):
            for (start_row, start_col), (end_row, end_col) in run[KEPT_STRING_PARTS:]:
                start = line_starts[start_row - 1] + start_col
                end = line_starts[end_row - 1] + end_col
                text[start:end] = [c if c in "\r\n" else " " for c in text[start:end]]
                changed = True
    except (tokenize.TokenError, SyntaxError, IndexError):
        return None
    return "".join(text) if changed else None


Span = tuple[tuple[int, int], tuple[int, int]]


def _concatenations(lines: list[str]) -> Iterator[list[Span]]:
    """The string parts (token spans) of each implicit concatenation longer than
    ``KEPT_STRING_PARTS``; an f-string (one token before 3.12, several after) is one part."""
    parts: list[Span] = []
    nesting = 0
    part_start = (0, 0)
    for token in tokenize.generate_tokens(io.StringIO("".join(lines), newline="").readline):
        if token.type in _STRING_STARTS:
            if nesting == 0:
                part_start = token.start
            nesting += 1
        elif token.type in _STRING_ENDS:
            nesting -= 1
            if nesting == 0:
                parts.append((part_start, token.end))
        elif nesting:
            continue
        elif token.type == tokenize.STRING:
            parts.append((token.start, token.end))
        elif token.type not in _BETWEEN_PARTS:
            if len(parts) > KEPT_STRING_PARTS:
                yield parts
            parts = []


def _nul_position(source: str) -> Position:
    """The line and column of the first NUL character (CPython gives none)."""
    index = max(source.find("\0"), 0)
    line_start = 0
    line = 1
    for line_break in _LINE_BREAK.finditer(source, 0, index):
        line += 1
        line_start = line_break.end()
    return Position(line, index - line_start + 1)
