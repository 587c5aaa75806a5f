"""The JavaScript/TypeScript answers to ``AttributeQueries`` (analysis/attributes.py)."""

from __future__ import annotations

from cio_lint.analysis.attributes import SentEntry, TypedLiteral
from cio_lint.analysis.javascript import attributes, rewrites
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, ts
from cio_lint.analysis.records import Node, SdkCall


class JsAttributeQueries(JsQueriesBase):
    _all_entries: dict[int, list[SentEntry]] | None = None

    def sent_entries(self, call: SdkCall) -> list[SentEntry]:
        return attributes.sent_entries(self.semantic, self.found.objects, call)

    def all_entries(self, call: SdkCall) -> list[SentEntry]:
        # Several rules and the secret scan read every call's entries: read them once.
        if self._all_entries is None:
            self._all_entries = {}
        entries = self._all_entries.get(id(call))
        if entries is None:
            entries = attributes.all_entries(self.semantic, self.found.objects, call)
            self._all_entries[id(call)] = entries
        return entries

    def clears_attribute(self, entry: SentEntry) -> bool:
        return attributes.clears_attribute(self.semantic, entry)

    def literal_type(self, entry: SentEntry) -> TypedLiteral | None:
        return attributes.literal_type(self.semantic, entry)

    def entry_source(self, entry: SentEntry, key_text: str | None = None) -> str:
        return rewrites.entry_source(entry, key_text)

    def without_entry_rewrite(self, entry: SentEntry) -> str | None:
        return rewrites.without_entry(entry.call, entry)

    def renamed_key_rewrite(self, entry: SentEntry, new_name: str) -> str | None:
        return rewrites.renamed_key(entry, new_name) if new_name else None

    def written_inside(self, node: Node, outer: Node) -> bool:
        return rewrites.written_inside(ts(node), ts(outer))
