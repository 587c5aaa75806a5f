"""What this module tells the rest of the program: its clients, factories and constants."""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import ExternalClient, SdkCall
from cio_lint.analysis.summaries import ExternalConstant, Knowledge


class JsProgramQueries(JsQueriesBase):
    def exported_clients(self) -> dict[str, ExternalClient]:
        clients: dict[str, ExternalClient] = {}
        for name, node in self.semantic.collected.exports.items():
            known = self._exported_client(node)
            if known is not None:
                clients[name] = known
        return clients

    def _exported_client(self, node: TsNode) -> ExternalClient | None:
        semantic = self.semantic
        scope = semantic.scope_of(node)
        value = syntax.unwrap(node) or node
        if value.type in ("function_declaration", "generator_function_declaration"):
            kind = semantic.returned_kind(value)
            return ExternalClient(kind, factory=True) if kind is not None else None
        if value.type in ("identifier", "shorthand_property_identifier"):
            binding = semantic.binding(syntax.text(value), scope, None)
            target = binding.value if binding is not None else None
            if (
                target is not None
                and (syntax.unwrap(target) or target).type in syntax.FUNCTION_TYPES
            ):
                kind = semantic.returned_kind(syntax.unwrap(target) or target)
                return ExternalClient(kind, factory=True) if kind is not None else None
        if value.type in syntax.FUNCTION_TYPES:
            kind = semantic.returned_kind(value)
            return ExternalClient(kind, factory=True) if kind is not None else None
        kind = semantic.client_kind(value, scope, None)
        return ExternalClient(kind) if kind is not None else None

    def exports(self) -> dict[str, Knowledge]:
        result: dict[str, Knowledge] = dict(self.exported_clients())
        for name, node in self.semantic.collected.exports.items():
            if name in result:
                continue
            value = self.semantic.origin(node, self.semantic.scope_of(node))
            text = syntax.string_value(value)
            if text is not None:
                result[name] = ExternalConstant(text)
        return result

    def wrapper_calls(self) -> list[SdkCall]:
        return []

    def reexports(self) -> dict[str, str]:
        return dict(self.semantic.collected.reexports)

    def project_imports(self) -> frozenset[str]:
        return frozenset(self.semantic.collected.project_imports)
