"""The JavaScript/TypeScript answers to ``TransactionalQueries`` (analysis/transactional.py)."""

from __future__ import annotations

from collections.abc import Mapping

from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.transactional import (
    FieldValue,
    LiteralDict,
    TransactionalRequest,
)


class JsTransactionalQueries(JsQueriesBase):
    def transactional_requests(self) -> list[TransactionalRequest]:
        return []

    def literal_dict(self, node: Node, place: Place, order: int) -> LiteralDict | None:
        return None

    def field_value(self, request: TransactionalRequest, name: str) -> FieldValue | None:
        return None

    def request_with_fields(
        self, request: TransactionalRequest, additions: Mapping[str, str]
    ) -> str:
        return ""

    def mapping_with_entries(self, node: Node, additions: Mapping[str, str]) -> str:
        return ""

    def mapping_literal(self, entries: Mapping[str, str]) -> str:
        return ""
