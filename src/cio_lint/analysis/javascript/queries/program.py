"""What this module tells the rest of the program (its clients, factories, constants and
function summaries), and the calls of other modules' functions that reach the SDK."""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.javascript.summarising import JsSummariser, worth_summarising
from cio_lint.analysis.javascript.wrapper_calls import wrapper_calls
from cio_lint.analysis.records import ExternalClient, SdkCall
from cio_lint.analysis.summaries import (
    MODULE_CODE,
    ExternalConstant,
    FunctionSummary,
    Knowledge,
    close_module,
)


class JsProgramQueries(JsQueriesBase):
    _summariser: JsSummariser | None = None
    _raw: dict[str, FunctionSummary] | None = None
    _closed: dict[str, FunctionSummary] | None = None
    _wrapper_calls: list[SdkCall] | None = None

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
        raw = self._raw_summaries()
        for name, node in self.semantic.collected.exports.items():
            if name in result:
                continue
            alias = self._exported_function(node)
            if alias is not None and alias != name and alias in raw:
                result[name] = raw[alias]  # ``export { trackEvent as track }``
                continue
            value = self.semantic.origin(node, self.semantic.scope_of(node))
            text = syntax.string_value(value)
            if text is not None:
                result[name] = ExternalConstant(text)
            if value.type == "object":  # ``export default { trackEvent }``
                for entry in value.named_children:
                    key = syntax.property_key(entry)
                    held = entry.child_by_field_name("value") or entry
                    function = self._exported_function(held) if key is not None else None
                    if function is not None and function in raw:
                        result.setdefault(f"{name}.{key}", raw[function])
            klass = self._class_named(value)
            if klass and klass != name:  # ``export const tracker = new CioTracker()``
                result.update((f"{name}{key[len(klass):]}", summary)
                              for key, summary in raw.items() if key.startswith(f"{klass}."))
        for key, summary in raw.items():
            result.setdefault(key, summary)
        return result

    def _class_named(self, value: TsNode) -> str | None:
        """The module's class an exported value is (``export default class``) or is an
        object of (``new CioTracker()``), by name."""
        if value.type == "new_expression":
            constructor = syntax.unwrap(value.child_by_field_name("constructor"))
            if constructor is None or constructor.type != "identifier":
                return None
            binding = self.semantic.binding(syntax.text(constructor), self.semantic.module,
                                            None)
            return binding.name if binding is not None and binding.value is not None and (
                binding.value.type in syntax.CLASS_TYPES) else None
        if value.type in syntax.CLASS_TYPES:
            name = value.child_by_field_name("name")
            return syntax.text(name) if name is not None else None
        return None

    def _exported_function(self, node: TsNode) -> str | None:
        """The summary key of the function an exported name holds, if it holds one."""
        value: TsNode | None = syntax.unwrap(node) or node
        if value is not None and value.type in ("identifier", "shorthand_property_identifier"):
            binding = self.semantic.binding(syntax.text(value), self.semantic.module, None)
            value = syntax.unwrap(binding.value) if binding is not None else None
        return self._summariser_of().targets.key_of(value) if value is not None else None

    def wrapper_calls(self) -> list[SdkCall]:
        if self._wrapper_calls is None:
            closed = self._closed_summaries()
            if not any(summary.operations for summary in closed.values()):
                self._wrapper_calls = []
                return self._wrapper_calls
            local = self._summariser_of().targets.local_keys()
            self._wrapper_calls = wrapper_calls(
                self.semantic, self._summariser_of(), closed.get, local.__contains__
            )
        return self._wrapper_calls

    def _summariser_of(self) -> JsSummariser:
        if self._summariser is None:
            self._summariser = JsSummariser(self.semantic, self.found)
        return self._summariser

    def _raw_summaries(self) -> dict[str, FunctionSummary]:
        if self._raw is None:
            self._raw = (
                self._summariser_of().summaries()
                if worth_summarising(self.semantic, self.found) else {}
            )
        return self._raw

    def _closed_summaries(self) -> dict[str, FunctionSummary]:
        """This module's functions closed over each other and over what other modules
        told it, by qualified name."""
        if self._closed is None:
            raw = {k: v for k, v in self._raw_summaries().items() if k != MODULE_CODE}
            self._closed = close_module(raw, self.semantic.module_name, self.semantic.external)
        return self._closed

    def reexports(self) -> dict[str, str]:
        return dict(self.semantic.collected.reexports)

    def project_imports(self) -> frozenset[str]:
        return frozenset(self.semantic.collected.project_imports)
