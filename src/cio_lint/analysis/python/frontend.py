"""The Python frontend: LibCST parses, the semantic model reads, ``PythonModel`` answers.

Also says, in Python's own words, why a file cannot be analysed.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

import libcst as cst

from cio_lint.analysis.frontend import Unparsable
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.secret_literals import secret_literals
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import ExternalClient
from cio_lint.core.config import Config
from cio_lint.core.findings import Position
from cio_lint.core.secrets import SecretLiteral

#: CPython refuses code nested deeper than this (its tokenizer's MAXLEVEL).
PYTHON_MAX_NESTING = 200
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"([{)]}")
_OPENERS = frozenset(b"([{")


class PythonFrontend:
    """Reads ``.py`` and ``.pyi`` files."""

    suffixes: tuple[str, ...] = (".py", ".pyi")

    def analyse(
        self,
        source: str,
        config: Config,
        *,
        module_name: str = "",
        is_package: bool = False,
        external: Mapping[str, ExternalClient] | None = None,
    ) -> PythonModel:
        module = _parse(source)
        try:
            semantic = SemanticModel(
                module,
                module_name=module_name,
                is_package=is_package,
                client_names=config.client_names,
                external=external,
                source=source,
            )
        except RecursionError:
            raise Unparsable(Position(1, 1), "nesting is too deep to analyse") from None
        return PythonModel(semantic, config)

    def syntax_error(self, source: str) -> str | None:
        try:
            cst.parse_module(source)
        except (cst.ParserSyntaxError, RecursionError) as error:
            lines = str(error).strip().splitlines()
            return lines[0] if lines else type(error).__name__
        return None

    def credential_literals(self, source: str, config: Config) -> list[SecretLiteral]:
        try:
            module = cst.parse_module(source)
            return secret_literals(
                SemanticModel(module, client_names=config.client_names, source=source)
            )
        except (cst.ParserSyntaxError, RecursionError):
            return []


PYTHON = PythonFrontend()


def _parse(source: str) -> cst.Module:
    too_deep = beyond_python_nesting(source)
    if too_deep is not None:
        raise Unparsable(*too_deep)
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise Unparsable(*diagnose_syntax(source, error)) from None
    except RecursionError:
        raise Unparsable(Position(1, 1), "nesting is too deep to parse") from None


def beyond_python_nesting(source: str) -> tuple[Position, str] | None:
    """Python's own diagnosis of a file nested deeper than Python allows, if it is.

    LibCST needs quadratic time and memory for deeply nested brackets (5,000 levels:
    minutes and gigabytes), yet no such file is valid Python. Counting brackets in the
    raw text (strings included, so it can only over-count) is cheap; Python's parser
    then confirms, so a file with brackets in its strings is still analysed.
    """
    depth = deepest = 0
    for byte in source.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS):
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
