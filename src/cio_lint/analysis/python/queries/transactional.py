"""Python answers to ``cio_lint.analysis.transactional.TransactionalQueries``."""

from __future__ import annotations

from collections.abc import Mapping

from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import as_scope, expression, syntax
from cio_lint.analysis.python.transactional import literal_dict, transactional_requests
from cio_lint.analysis.python.transactional_rewrites import mapping_literal, with_entries
from cio_lint.analysis.python.transactional_values import field_value
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.transactional import FieldValue, LiteralDict, TransactionalRequest


class PythonTransactionalQueries(PythonQueriesBase):
    """Implements ``TransactionalQueries`` on the Python semantic model."""

    _transactional_requests: list[TransactionalRequest] | None = None

    def transactional_requests(self) -> list[TransactionalRequest]:
        if self._transactional_requests is None:
            self._transactional_requests = transactional_requests(self.semantic)
        return self._transactional_requests

    def literal_dict(self, node: Node, place: Place, order: int) -> LiteralDict | None:
        return literal_dict(self.semantic, expression(node), as_scope(place), order)

    def field_value(self, request: TransactionalRequest, name: str) -> FieldValue | None:
        value = request.value(name)
        if value is None:
            return None
        return field_value(
            self.semantic, expression(value), as_scope(request.place), request.order
        )

    def request_with_fields(
        self, request: TransactionalRequest, additions: Mapping[str, str]
    ) -> str:
        spelled = {request.spelling(name): value for name, value in additions.items()}
        return self.mapping_with_entries(request.node, spelled)

    def mapping_with_entries(self, node: Node, additions: Mapping[str, str]) -> str:
        return self.semantic.module.code_for_node(with_entries(syntax(node), additions))

    def mapping_literal(self, entries: Mapping[str, str]) -> str:
        return mapping_literal(entries)

    def string_conversion(self, code: str) -> str:
        return f"str({code})"
