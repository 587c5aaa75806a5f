"""The JavaScript/TypeScript answers to ``TransactionalQueries`` (analysis/transactional.py)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.javascript.transactional import literal_dict, transactional_requests
from cio_lint.analysis.javascript.transactional_code import (
    field_value,
    mapping_literal,
    object_with_entries,
)
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.transactional import (
    FieldValue,
    LiteralDict,
    TransactionalRequest,
)


class JsTransactionalQueries(JsQueriesBase):
    """Implements ``TransactionalQueries`` from the module's ``Send*Request`` constructions
    (computed once: rules key on the identity of the records handed out)."""

    _transactional_requests: list[TransactionalRequest] | None = None

    @cached_property
    def _sdk_nodes(self) -> set[int]:
        return {ts(call.node).id for call in (*self.found.methods, *self.found.requests)}

    def transactional_requests(self) -> list[TransactionalRequest]:
        if self._transactional_requests is None:
            self._transactional_requests = transactional_requests(
                self.semantic, self.found.requests, self._sdk_nodes
            )
        return self._transactional_requests

    def literal_dict(self, node: Node, place: Place, order: int) -> LiteralDict | None:
        return literal_dict(self.semantic, ts(node), scope(place), order, self._sdk_nodes)

    def field_value(self, request: TransactionalRequest, name: str) -> FieldValue | None:
        value = request.value(name)
        if value is None:
            return None
        return field_value(self.semantic, ts(value), scope(request.place), request.order)

    def request_with_fields(
        self, request: TransactionalRequest, additions: Mapping[str, str]
    ) -> str:
        spelled = {request.spelling(name): value for name, value in additions.items()}
        node = ts(request.node)
        args = syntax.arguments(node)
        constructor = node.child_by_field_name("constructor")
        head = f"new {syntax.text(constructor) if constructor is not None else 'Request'}"
        if not args:
            return f"{head}({mapping_literal(spelled)})"
        options = self.semantic.origin(args[0], scope(request.place), request.order)
        if options.type != "object":
            return f"{head}({mapping_literal(spelled)})"
        code = object_with_entries(self.parsed.data, options, spelled)
        written = syntax.unwrap(args[0]) or args[0]
        if written.id == options.id:  # written in the call: keep the call as it is
            before = self.parsed.data[node.start_byte:options.start_byte].decode()
            after = self.parsed.data[options.end_byte:node.end_byte].decode()
            return f"{before}{code}{after}"
        return f"{head}({code})"

    def mapping_with_entries(self, node: Node, additions: Mapping[str, str]) -> str:
        return object_with_entries(self.parsed.data, ts(node), additions)

    def mapping_literal(self, entries: Mapping[str, str]) -> str:
        return mapping_literal(entries)

    def string_conversion(self, code: str) -> str:
        return f"String({code})"
