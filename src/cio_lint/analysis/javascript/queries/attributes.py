"""The JavaScript/TypeScript answers to ``AttributeQueries`` (analysis/attributes.py)."""

from __future__ import annotations

from cio_lint.analysis.attributes import (
    SentEntry,
    TypedLiteral,
)
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node, SdkCall


class JsAttributeQueries(JsQueriesBase):
    def sent_entries(self, call: SdkCall) -> list[SentEntry]:
        return []

    def all_entries(self, call: SdkCall) -> list[SentEntry]:
        return []

    def clears_attribute(self, entry: SentEntry) -> bool:
        return False

    def literal_type(self, entry: SentEntry) -> TypedLiteral | None:
        return None

    def entry_source(self, entry: SentEntry, key_text: str | None = None) -> str:
        return ""

    def without_entry_rewrite(self, entry: SentEntry) -> str | None:
        return None

    def renamed_key_rewrite(self, entry: SentEntry, new_name: str) -> str | None:
        return None

    def written_inside(self, node: Node, outer: Node) -> bool:
        return False
