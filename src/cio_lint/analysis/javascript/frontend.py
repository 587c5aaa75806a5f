"""The JavaScript/TypeScript frontend: tree-sitter parses, ``JavaScriptModel`` answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from cio_lint.core.distributions import installed_version
from cio_lint.core.languages import NODE_SUFFIXES, TYPESCRIPT_SUFFIXES
from cio_lint.core.probes import remembered

if TYPE_CHECKING:
    from cio_lint.analysis.comment import Comment
    from cio_lint.analysis.javascript.parsing import Parsed
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.summaries import Knowledge
    from cio_lint.core.config import Config
    from cio_lint.core.secrets import SecretLiteral


class JavaScriptFrontend:
    """Reads JavaScript, TypeScript and their JSX dialects. tree-sitter and the models
    are imported by the methods that parse, so a run that parses no JavaScript never
    loads them."""

    suffixes: tuple[str, ...] = NODE_SUFFIXES
    comment_markers: tuple[str, ...] = ("//", "/*")
    line_comment = "//"

    def language(self, path: str) -> str:
        return "TypeScript" if path.endswith((*TYPESCRIPT_SUFFIXES, ".tsx")) else "JavaScript"

    def load(self) -> None:
        from cio_lint.analysis.javascript import comments, grammars, model, parsing, semantic

        del comments, grammars, model, parsing, semantic

    def parser_version(self) -> str:
        return _parser_version()

    def not_source(self, name: str, head: Callable[[], bytes]) -> str | None:
        # Its patterns compile when a walk first meets a JavaScript file.
        from cio_lint.analysis.javascript import generated

        return generated.by_name(name) or generated.by_head(head()[: generated.HEAD_BYTES])

    def import_text(self, data: bytes) -> bytes:
        return data  # ``require(...)`` and ``export ... from`` import without the keyword

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
        from cio_lint.analysis.javascript.model import JavaScriptModel
        from cio_lint.analysis.javascript.semantic import JsSemantic

        semantic = JsSemantic(
            _parsed(source, path),
            module_name=module_name,
            is_package=is_package,
            path=path,
            client_names={client.name: client.kind for client in config.client_names},
            external=external,
        )
        return JavaScriptModel(semantic, config)

    def syntax_error(self, source: str, *, path: str = "") -> str | None:
        damage = _parsed(source, path).damage()
        if not damage:
            return None
        first = damage[0]
        return f"{first.message} at {first.start.line}:{first.start.column}"

    def credential_literals(
        self, source: str, config: Config, *, path: str = ""
    ) -> list[SecretLiteral]:
        model = self.analyse(source, config, path=path)
        return model.secret_literals()

    def comments(self, source: str, *, path: str = "") -> list[Comment]:
        from cio_lint.analysis.javascript import comments

        return comments.comments(_parsed(source, path))

    def line_comment_lines(self, source: str, *, path: str = "") -> frozenset[int]:
        from cio_lint.analysis.javascript import comments

        return comments.line_comment_lines(_parsed(source, path))


def _parsed(source: str, path: str) -> Parsed:
    """``source`` parsed by tree-sitter with the grammar ``path``'s ending chooses."""
    from cio_lint.analysis.javascript.grammars import grammar_for
    from cio_lint.analysis.javascript.parsing import parse

    return parse(source, grammar_for(path))


@remembered()
def _parser_version() -> str:
    return ", ".join(f"{name} {installed_version(name)}" for name in (
        "tree-sitter", "tree-sitter-javascript", "tree-sitter-typescript"))


JAVASCRIPT = JavaScriptFrontend()
