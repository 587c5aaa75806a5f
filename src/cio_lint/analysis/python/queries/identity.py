"""Python answers to ``cio_lint.analysis.identity.IdentityQueries``."""

from __future__ import annotations

from cio_lint.analysis.identity import CioIdSource, EmailSource, PropertyRead
from cio_lint.analysis.python.cio_ids import cio_id_evidence, prefixed
from cio_lint.analysis.python.identity import (
    email_evidence,
    forwarded_identifies,
    normalized_code,
    property_read,
    with_added_attribute,
)
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import as_scope, expression, syntax
from cio_lint.analysis.records import Function, Node, Place, SdkCall


class PythonIdentityQueries(PythonQueriesBase):
    """Implements ``IdentityQueries`` on the Python semantic model."""

    def email_source(self, value: Node, place: Place, order: int | None) -> EmailSource | None:
        return email_evidence(self.semantic, expression(value), as_scope(place), order)

    def cio_id_source(self, value: Node, place: Place, order: int | None) -> CioIdSource | None:
        return cio_id_evidence(self.semantic, expression(value), as_scope(place), order)

    def prefixed_cio_id(self, value: Node) -> str | None:
        return prefixed(self.semantic, syntax(value))

    def expression_key(self, node: Node) -> str:
        return normalized_code(self.semantic, syntax(node))

    def customer_id_name(self, call: SdkCall) -> str | None:
        return call.signature.customer_id

    def handled_route(self, function: Function) -> str | None:
        return None  # Python handlers are named functions, judged by their names

    def property_read(self, node: Node) -> PropertyRead | None:
        return property_read(self.semantic, syntax(node))

    def forwarded_identify_calls(self) -> list[Node]:
        return list(forwarded_identifies(self.semantic))

    def with_added_attribute(
        self, call: SdkCall, key: str, value_text: str
    ) -> str | None:
        return with_added_attribute(self.semantic, call, key, value_text)
