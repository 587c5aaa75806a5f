"""The JavaScript/TypeScript frontend: tree-sitter parses, ``JavaScriptModel`` answers."""

from __future__ import annotations

from collections.abc import Mapping

from cio_lint.analysis.javascript.grammars import SUFFIXES, grammar_for
from cio_lint.analysis.javascript.model import JavaScriptModel
from cio_lint.analysis.javascript.parsing import parse
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.model import ModuleModel
from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import Config
from cio_lint.core.secrets import SecretLiteral


class JavaScriptFrontend:
    """Reads JavaScript, TypeScript and their JSX dialects."""

    suffixes: tuple[str, ...] = SUFFIXES

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
        semantic = JsSemantic(
            parse(source, grammar_for(path)),
            module_name=module_name,
            is_package=is_package,
            path=path,
            client_names={client.name: client.kind for client in config.client_names},
            external=external,
        )
        return JavaScriptModel(semantic, config)

    def syntax_error(self, source: str, *, path: str = "") -> str | None:
        damage = parse(source, grammar_for(path)).damage()
        if not damage:
            return None
        first = damage[0]
        return f"{first.message} at {first.start.line}:{first.start.column}"

    def credential_literals(
        self, source: str, config: Config, *, path: str = ""
    ) -> list[SecretLiteral]:
        model = self.analyse(source, config, path=path)
        return model.secret_literals()


JAVASCRIPT = JavaScriptFrontend()
