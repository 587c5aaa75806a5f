"""The JavaScript/TypeScript answers to ``IdentityQueries`` (analysis/identity.py)."""

from __future__ import annotations

from cio_lint.analysis.identity import (
    CioIdSource,
    EmailSource,
    PropertyRead,
)
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node, Place, SdkCall


class JsIdentityQueries(JsQueriesBase):
    def cio_id_source(self, value: Node, place: Place, order: int | None) -> CioIdSource | None:
        return None

    def prefixed_cio_id(self, value: Node) -> str | None:
        return None

    def email_source(self, value: Node, place: Place, order: int | None) -> EmailSource | None:
        return None

    def expression_key(self, node: Node) -> str:
        return ""

    def property_read(self, node: Node) -> PropertyRead | None:
        return None

    def forwarded_identify_calls(self) -> list[Node]:
        return []

    def with_added_attribute(self, call: SdkCall, key: str, value_text: str) -> str | None:
        return None
