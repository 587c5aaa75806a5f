"""The Python frontend's ``ModuleModel``: the analysis interface answered from LibCST.

This is the boundary between neutral and Python-specific: rules hand back opaque
``Node``/``Place`` handles, and here they become LibCST nodes and scopes again.
"""

from __future__ import annotations

from cio_lint.analysis.python.queries.attributes import PythonAttributeQueries
from cio_lint.analysis.python.queries.clients import PythonClientQueries
from cio_lint.analysis.python.queries.credentials import PythonCredentialQueries
from cio_lint.analysis.python.queries.events import PythonEventQueries
from cio_lint.analysis.python.queries.execution import PythonExecutionQueries
from cio_lint.analysis.python.queries.identity import PythonIdentityQueries
from cio_lint.analysis.python.queries.program import PythonProgramQueries
from cio_lint.analysis.python.queries.regions import PythonRegionQueries
from cio_lint.analysis.python.queries.sdk_surface import PythonSdkSurfaceQueries
from cio_lint.analysis.python.queries.time_values import PythonTimeQueries
from cio_lint.analysis.python.queries.transactional import PythonTransactionalQueries
from cio_lint.analysis.python.scopes import as_scope, expression, syntax
from cio_lint.analysis.python.snippets import one_line
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import (
    Attribute,
    Damage,
    ExternalClient,
    Function,
    Node,
    Place,
    SdkCall,
)
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position


class PythonModel(
    PythonClientQueries,
    PythonCredentialQueries,
    PythonRegionQueries,
    PythonTimeQueries,
    PythonIdentityQueries,
    PythonSdkSurfaceQueries,
    PythonEventQueries,
    PythonAttributeQueries,
    PythonTransactionalQueries,
    PythonExecutionQueries,
    PythonProgramQueries,
):
    """One Python module, as the rules see it."""

    @property
    def module_name(self) -> str:
        return self.semantic.module_name

    def sdk_calls(self) -> list[SdkCall]:
        return self.semantic.sdk_calls()

    def constructions(self) -> list[SdkCall]:
        return self.semantic.constructions()

    def requests(self) -> list[SdkCall]:
        return self.semantic.requests()

    def functions(self) -> list[Function]:
        return self.semantic.functions

    def calls_in(self, function: Function | None) -> list[SdkCall]:
        return self.semantic.calls_in(function)

    def span(self, node: Node) -> tuple[Position, Position]:
        start_line, start_column, end_line, end_column = self.semantic.span_of(syntax(node))
        return Position(start_line, start_column + 1), Position(end_line, end_column + 1)

    def source_text(self, node: Node) -> str:
        return self.semantic.source_text(syntax(node))

    def code(self, node: Node) -> str:
        return self.semantic.code(syntax(node))

    def snippet(self, node: Node) -> str:
        return one_line(self.source_text(node))

    def string_value(self, node: Node | None) -> str | None:
        return string_value(syntax(node)) if node is not None else None

    def client_kind(self, node: Node, place: Place, order: int | None = None) -> ClientKind | None:
        return self.semantic.client_kind(expression(node), as_scope(place), order)

    def origin(self, node: Node, place: Place, order: int | None = None) -> Node:
        return self.semantic.origin(expression(node), as_scope(place), order)

    def attributes(self, call: SdkCall) -> list[Attribute]:
        return self.semantic.attributes(call)

    def unpacked_attributes(self, call: SdkCall) -> list[Attribute]:
        return self.semantic.unpacked_attributes(call)

    def attributes_complete(self, call: SdkCall) -> bool:
        return self.semantic.attributes_complete(call)

    def dict_items(self, node: Node, place: Place, order: int | None = None) -> list[Attribute]:
        return self.semantic.dict_items(expression(node), as_scope(place), order)

    def damage(self) -> list[Damage]:
        return []

    def exported_clients(self) -> dict[str, ExternalClient]:
        return self.semantic.exported_clients()

    def reexports(self) -> dict[str, str]:
        return self.semantic.reexports()

    def project_imports(self) -> frozenset[str]:
        return frozenset(self.semantic.project_imports)

    def release(self) -> None:
        self.semantic.release()
