"""The Python frontend: LibCST parses, the semantic model reads, ``PythonModel`` answers.

Parsing (``parsing.py``) checks each file with CPython's parser first, so what Python
refuses is reported in its own words and never costs LibCST unbounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from cio_lint.analysis.unparsable import Unparsable
from cio_lint.core.distributions import installed_version
from cio_lint.core.probes import remembered

if TYPE_CHECKING:
    from cio_lint.analysis.comment import Comment
    from cio_lint.analysis.python.model import PythonModel
    from cio_lint.analysis.summaries import Knowledge
    from cio_lint.core.config import Config
    from cio_lint.core.secrets import SecretLiteral


class PythonFrontend:
    """Reads ``.py`` and ``.pyi`` files. LibCST and the models are imported by the
    methods that parse: a run whose files all miss the prefilter or the cache, and the
    walk (``not_source``), never load them."""

    suffixes: tuple[str, ...] = (".py", ".pyi")
    comment_markers: tuple[str, ...] = ("#",)
    line_comment = "#"

    def language(self, path: str) -> str:
        return "Python"

    def load(self) -> None:
        import importlib

        from cio_lint.analysis.python import (
            comments,
            model,
            node_construction,
            parsing,
            secret_literals,
            semantic,
            span_generation,
        )

        # What the first parse would do once: faster node constructors, shortcuts for
        # positions. Done here, a process that forks after loading (the helper) does it
        # for both.
        importlib.import_module("libcst.native")  # (LibCST's parser, else at its first parse)
        node_construction.install()
        span_generation.install()
        del comments, model, parsing, secret_literals, semantic

    def parser_version(self) -> str:
        return _parser_version()

    def not_source(self, name: str, head: Callable[[], bytes]) -> str | None:
        return None  # every Python file found is checked, stubs included

    def import_text(self, data: bytes) -> bytes:
        from cio_lint.analysis.python.import_text import import_text

        return import_text(data)

    def analyse(
        self,
        source: str,
        config: Config,
        *,
        path: str = "",
        module_name: str = "",
        is_package: bool = False,
        external: Mapping[str, Knowledge] | None = None,
    ) -> PythonModel:
        from cio_lint.analysis.python.model import PythonModel
        from cio_lint.analysis.python.parsing import parse_module_and_text
        from cio_lint.analysis.python.semantic import SemanticModel
        from cio_lint.core.findings import Position

        module, text, statement_lines = parse_module_and_text(source)
        try:
            semantic = SemanticModel(
                module,
                module_name=module_name,
                is_package=is_package,
                client_names=config.client_names,
                external=external,
                source=source,
                statement_lines=statement_lines if text is source else None,
            )
        except RecursionError:
            raise Unparsable(Position(1, 1), "nesting is too deep to analyse") from None
        semantic.sliceable = text is source
        return PythonModel(semantic, config)

    def syntax_error(self, source: str, *, path: str = "") -> str | None:
        from cio_lint.analysis.python.parsing import parse_module

        try:
            parse_module(source)
        except Unparsable as error:
            return f"{error.message} at {error.position.line}:{error.position.column}"
        return None

    def credential_literals(
        self, source: str, config: Config, *, path: str = ""
    ) -> list[SecretLiteral]:
        from cio_lint.analysis.python.parsing import parse_module
        from cio_lint.analysis.python.secret_literals import secret_literals
        from cio_lint.analysis.python.semantic import SemanticModel

        try:
            module = parse_module(source)
            return secret_literals(
                SemanticModel(module, client_names=config.client_names, source=source)
            )
        except (Unparsable, RecursionError):
            return []

    def comments(self, source: str, *, path: str = "") -> list[Comment]:
        from cio_lint.analysis.python import comments

        return comments.comments(source)

    def line_comment_lines(self, source: str, *, path: str = "") -> frozenset[int]:
        from cio_lint.analysis.python import comments

        return comments.line_comment_lines(source)


@remembered()
def _parser_version() -> str:
    return f"libcst {installed_version('libcst')}"


PYTHON = PythonFrontend()

