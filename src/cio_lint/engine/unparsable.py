"""CIO000: why a file cannot be read as Python, in Python's own words where it has them.

A file that does not decode or parse gets one finding and nothing else; the texts
of that finding come from the rule's own metadata (``cio000_unparsable_file``).
"""

from __future__ import annotations

import ast

import libcst as cst

from cio_lint.core.findings import Finding, Position
from cio_lint.engine.reading import decode_source
from cio_lint.rules.cio000_unparsable_file import RULE as UNPARSABLE

#: CPython refuses code nested deeper than this (its tokenizer's MAXLEVEL).
PYTHON_MAX_NESTING = 200
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"([{)]}")
_OPENERS = frozenset(b"([{")


def unparsable(path: str, position: Position, message: str) -> Finding:
    """The CIO000 finding for ``path``."""
    return UNPARSABLE.finding(path, position, message)


def decoded_or_unparsable(path: str, data: bytes) -> str | Finding:
    """The text of a file, or the CIO000 finding saying why it has none."""
    try:
        return decode_source(data)
    except UnicodeDecodeError as error:
        return unparsable(
            path,
            _byte_position(data, error.start),
            f"file is not valid {error.encoding}: {error.reason}",
        )
    except (SyntaxError, LookupError) as error:
        return unparsable(path, Position(1, 1), f"bad encoding: {error}")


def beyond_python_nesting(data: bytes, source: str) -> tuple[Position, str] | None:
    """Python's own diagnosis of a file nested deeper than Python allows, if it is.

    LibCST needs quadratic time and memory for deeply nested brackets (5,000 levels:
    minutes and gigabytes), yet no such file is valid Python. Counting brackets in the
    raw bytes (strings included, so it can only over-count) is cheap; Python's parser
    then confirms, so a file with brackets in its strings is still analysed.
    """
    depth = deepest = 0
    for byte in data.translate(None, _NOT_BRACKETS):
        depth = depth + 1 if byte in _OPENERS else depth - 1
        if depth > deepest:
            deepest = depth
            if deepest > PYTHON_MAX_NESTING:
                break
    if deepest <= PYTHON_MAX_NESTING:
        return None
    try:
        ast.parse(source)
    except SyntaxError as error:
        return Position(error.lineno or 1, max(error.offset or 1, 1)), f"syntax error: {error.msg}"
    except (RecursionError, MemoryError, ValueError):
        return Position(1, 1), "nesting is too deep to parse"
    return None


def diagnose_syntax(source: str, error: cst.ParserSyntaxError) -> tuple[Position, str]:
    """Where and why a file does not parse, in Python's own words when it has them.

    Python's compiler names the problem ("Missing parentheses in call to 'print'")
    better than LibCST's token lists; when Python accepts the file, say that the
    syntax is beyond LibCST rather than call valid code an error.
    """
    try:
        ast.parse(source)
    except SyntaxError as syntax:
        line = syntax.lineno or 1
        column = max(syntax.offset or 1, 1)
        return Position(line, column), f"syntax error: {syntax.msg}"
    except ValueError as value:  # before 3.12: "source code string cannot contain null bytes"
        return Position(error.editor_line, error.editor_column), f"syntax error: {value}"
    except (RecursionError, MemoryError):
        pass
    else:
        return (
            Position(error.editor_line, error.editor_column),
            "valid Python that LibCST, the parser cio-lint uses, cannot read here; nothing "
            "in this file is checked",
        )
    return Position(error.editor_line, error.editor_column), "syntax error"


def _byte_position(data: bytes, offset: int) -> Position:
    """The line and character column of a byte offset (for a decoding error)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, column)
