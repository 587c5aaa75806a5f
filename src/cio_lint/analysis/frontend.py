"""What a language frontend is: it turns a file's text into a ``ModuleModel``.

The engine knows frontends only through this protocol, so Python (LibCST) today and
JavaScript/TypeScript (tree-sitter) next plug in without the engine knowing a parser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cio_lint.analysis.comment import Comment
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.summaries import Knowledge
    from cio_lint.core.config import Config
    from cio_lint.core.secrets import SecretLiteral


class Frontend(Protocol):
    """One language: how to read its files into the analysis interface."""

    #: File name endings this frontend reads (``.py``).
    suffixes: tuple[str, ...]
    #: How a comment starts (``#``; ``//`` and ``/*``): a suppression follows one.
    comment_markers: tuple[str, ...]
    #: The marker ``--add-noqa`` writes: it comments out the rest of its line.
    line_comment: str

    def language(self, path: str) -> str:
        """The language a file of this name is read as, for messages (``TypeScript``)."""

    def load(self) -> None:
        """Import the parser and models (once), before a file's time budget starts: the
        first file analysed must not pay for them, nor be stopped while they load."""

    def parser_version(self) -> str:
        """The versions of the parser and grammars this frontend reads with: a cached
        result made by others (a grammar upgrade reads files differently) is not reused."""

    def not_source(self, name: str, head: Callable[[], bytes]) -> str | None:
        """Why a file found by walking is not source to check (a declaration file, a
        minified bundle, generated code), or None; ``head`` reads its first bytes."""

    def import_text(self, data: bytes) -> bytes:
        """The parts of a file's bytes ``data`` that can hold its imports (all of them,
        when any part can): a module's name the file does not hold there is one it does
        not import, so the prefilter looks for exporting modules' names there only."""

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

    def comments(self, source: str, *, path: str = "") -> list[Comment]:
        """The comments of ``source`` in order; none when it cannot be read that far."""

    def line_comment_lines(self, source: str, *, path: str = "") -> frozenset[int]:
        """The lines whose end may take a new line comment: it would comment out nothing
        and land in no string, template, comment or (JSX) text."""
