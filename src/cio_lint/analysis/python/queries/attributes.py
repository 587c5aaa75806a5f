"""Python answers to ``cio_lint.analysis.attributes.AttributeQueries``."""

from __future__ import annotations

from cio_lint.analysis.attributes import SentEntry, TypedLiteral
from cio_lint.analysis.python import attributes
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import syntax
from cio_lint.analysis.records import Node, SdkCall


class PythonAttributeQueries(PythonQueriesBase):
    """Implements ``AttributeQueries`` on the Python semantic model."""

    def sent_entries(self, call: SdkCall) -> list[SentEntry]:
        return attributes.sent_entries(self.semantic, call)

    _all_entries: dict[int, list[SentEntry]] | None = None

    def all_entries(self, call: SdkCall) -> list[SentEntry]:
        # Several rules and the secret scan read every call's entries: read them once.
        if self._all_entries is None:
            self._all_entries = {}
        entries = self._all_entries.get(id(call))
        if entries is None:
            entries = self._all_entries[id(call)] = attributes.all_entries(self.semantic, call)
        return entries

    def clears_attribute(self, entry: SentEntry) -> bool:
        return attributes.clears_attribute(self.semantic, entry)

    def literal_type(self, entry: SentEntry) -> TypedLiteral | None:
        return attributes.literal_type(self.semantic, entry)

    def entry_source(self, entry: SentEntry, key_text: str | None = None) -> str:
        return attributes.entry_source(self.semantic, entry, key_text)

    def without_entry_rewrite(self, entry: SentEntry) -> str | None:
        return attributes.without_entry_rewrite(self.semantic, entry)

    def renamed_key_rewrite(self, entry: SentEntry, new_name: str) -> str | None:
        return attributes.renamed_key_rewrite(self.semantic, entry, new_name)

    def written_inside(self, node: Node, outer: Node) -> bool:
        return attributes.written_inside(self.semantic, syntax(node), syntax(outer))
