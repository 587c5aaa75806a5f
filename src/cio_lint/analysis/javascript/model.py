"""The JavaScript/TypeScript frontend's ``ModuleModel``: the analysis interface answered
from tree-sitter.

This is the boundary where opaque ``Node``/``Place`` handles become tree-sitter nodes
and scopes again; the family mixins in ``queries/`` answer each protocol.
"""

from __future__ import annotations

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.attributes import JsAttributeQueries
from cio_lint.analysis.javascript.queries.base import scope, ts
from cio_lint.analysis.javascript.queries.clients import JsClientQueries
from cio_lint.analysis.javascript.queries.credentials import JsCredentialQueries
from cio_lint.analysis.javascript.queries.events import JsEventQueries
from cio_lint.analysis.javascript.queries.execution import JsExecutionQueries
from cio_lint.analysis.javascript.queries.identity import JsIdentityQueries
from cio_lint.analysis.javascript.queries.program import JsProgramQueries
from cio_lint.analysis.javascript.queries.regions import JsRegionQueries
from cio_lint.analysis.javascript.queries.sdk_surface import JsSdkSurfaceQueries
from cio_lint.analysis.javascript.queries.time_values import JsTimeQueries
from cio_lint.analysis.javascript.queries.transactional import JsTransactionalQueries
from cio_lint.analysis.javascript.snippets import one_line
from cio_lint.analysis.records import (
    Attribute,
    Damage,
    Function,
    Node,
    Place,
    SdkCall,
)
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position


class JavaScriptModel(
    JsClientQueries,
    JsCredentialQueries,
    JsRegionQueries,
    JsTimeQueries,
    JsIdentityQueries,
    JsSdkSurfaceQueries,
    JsEventQueries,
    JsAttributeQueries,
    JsTransactionalQueries,
    JsExecutionQueries,
    JsProgramQueries,
):
    """One JavaScript or TypeScript module, as the rules see it."""

    @property
    def module_name(self) -> str:
        return self.semantic.module_name

    def sdk_calls(self) -> list[SdkCall]:
        return self.found.methods

    def constructions(self) -> list[SdkCall]:
        return self.found.constructions

    def requests(self) -> list[SdkCall]:
        return self.found.requests

    def functions(self) -> list[Function]:
        return self.semantic.collected.functions

    def calls_in(self, function: Function | None) -> list[SdkCall]:
        return [call for call in self.found.methods if call.context.function is function]

    def span(self, node: Node) -> tuple[Position, Position]:
        return self.parsed.span(ts(node))

    def source_text(self, node: Node) -> str:
        return self.parsed.text(ts(node))

    def code(self, node: Node) -> str:
        return self.parsed.text(ts(node))

    def snippet(self, node: Node) -> str:
        return one_line(self.parsed, ts(node))

    def string_value(self, node: Node | None) -> str | None:
        return syntax.string_value(ts(node)) if node is not None else None

    def client_kind(self, node: Node, place: Place, order: int | None = None) -> ClientKind | None:
        return self.semantic.client_kind(ts(node), scope(place), order)

    def origin(self, node: Node, place: Place, order: int | None = None) -> Node:
        return self.semantic.origin(ts(node), scope(place), order)

    def attributes(self, call: SdkCall) -> list[Attribute]:
        name = call.signature.attributes
        if (name is not None and name == call.signature.var_kwargs) or (
            call.kind is ClientKind.TRACK and call.method in ("identify", "add_device")
        ):
            return [Attribute(key, arg.value, arg.keyword_node or arg.node)
                    for key, arg in call.bound.extra.items()]
        value = call.value(name)
        return self.dict_items(value, call.place, call.order) if value is not None else []

    def unpacked_attributes(self, call: SdkCall) -> list[Attribute]:
        literal = self._attribute_object(call)
        if literal is None:
            return []
        found: list[Attribute] = []
        for entry in ts(literal).named_children:
            if entry.type == "spread_element" and entry.named_children:
                found.extend(self.dict_items(entry.named_children[0], call.place, call.order))
        return found

    def _attribute_object(self, call: SdkCall) -> Node | None:
        if call.bound.extra or call.method in ("identify", "add_device"):
            return self.found.objects.get(ts(call.node).id)
        value = call.value(call.signature.attributes)
        if value is None:
            return None
        literal = self.semantic.origin(ts(value), scope(call.place), call.order)
        return literal if literal.type == "object" else None

    def attributes_complete(self, call: SdkCall) -> bool:
        literal = self._attribute_object(call)
        if literal is None:
            return not call.bound.star_kwargs and call.signature.attributes is None
        return all(
            entry.type != "spread_element" and syntax.property_key(entry) is not None
            for entry in ts(literal).named_children if entry.type != "comment"
        )

    def dict_items(self, node: Node, place: Place, order: int | None = None) -> list[Attribute]:
        literal = self.semantic.origin(ts(node), scope(place), order)
        if literal.type != "object":
            return []
        items = []
        for entry in literal.named_children:
            key = syntax.property_key(entry)
            if key is None or entry.type in ("spread_element", "comment"):
                continue
            value = entry.child_by_field_name("value") or entry
            items.append(Attribute(key, value, entry.child_by_field_name("key") or entry))
        return items

    def damage(self) -> list[Damage]:
        return self.parsed.damage()

    def release(self) -> None:
        """Nothing to break: the tree is one native object, and the few cycles among the
        scopes cost the collector little (measured on the dense JavaScript corpus)."""
