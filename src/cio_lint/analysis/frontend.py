"""What a language frontend is: it turns a file's text into a ``ModuleModel``.

The engine knows frontends only through this protocol, so Python (LibCST) today and
JavaScript/TypeScript (tree-sitter) next plug in without the engine knowing a parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from cio_lint.analysis.model import ModuleModel
from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import Config
from cio_lint.core.findings import Position
from cio_lint.core.secrets import SecretLiteral


class Unparsable(Exception):
    """The file cannot be analysed: where, and why, in words fit for a finding."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


class Frontend(Protocol):
    """One language: how to read its files into the analysis interface."""

    #: File name endings this frontend reads (``.py``).
    suffixes: tuple[str, ...]

    def analyse(
        self,
        source: str,
        config: Config,
        *,
        path: str = "",
        module_name: str = "",
        is_package: bool = False,
        external: Mapping[str, Knowledge] | None = None,
    ) -> ModuleModel:
        """The model of one module (``path`` is its file name, which may choose the
        dialect); raises ``Unparsable`` when there is none to build."""

    def syntax_error(self, source: str, *, path: str = "") -> str | None:
        """Why ``source`` does not parse (one line), or None when it does: a fix must
        never write a file the language would reject."""

    def credential_literals(
        self, source: str, config: Config, *, path: str = ""
    ) -> list[SecretLiteral]:
        """The secrets written in ``source`` with their spans, so no printed text (a
        diff) shows them."""
