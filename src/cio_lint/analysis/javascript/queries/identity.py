"""The JavaScript/TypeScript answers to ``IdentityQueries`` (analysis/identity.py)."""

from __future__ import annotations

from cio_lint.analysis.identity import CioIdSource, EmailSource, PropertyRead
from cio_lint.analysis.javascript import identity, rewrites
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.records import Function, Node, Place, SdkCall


class JsIdentityQueries(JsQueriesBase):
    def cio_id_source(self, value: Node, place: Place, order: int | None) -> CioIdSource | None:
        return None

    def prefixed_cio_id(self, value: Node) -> str | None:
        return None

    def email_source(self, value: Node, place: Place, order: int | None) -> EmailSource | None:
        return identity.email_evidence(self.semantic, ts(value), scope(place), order)

    def expression_key(self, node: Node) -> str:
        return identity.expression_key(ts(node))

    def customer_id_name(self, call: SdkCall) -> str | None:
        name = call.signature.customer_id
        argument = call.bound.args.get(name) if name is not None else None
        return argument.keyword if argument is not None else None

    def handled_route(self, function: Function) -> str | None:
        return identity.handled_route(ts(function.node))

    def property_read(self, node: Node) -> PropertyRead | None:
        return identity.property_read(ts(node))

    def forwarded_identify_calls(self) -> list[Node]:
        return list(identity.forwarded_identifies(self.semantic))

    def with_added_attribute(self, call: SdkCall, key: str, value_text: str) -> str | None:
        return rewrites.with_added_attribute(call, key, value_text)
