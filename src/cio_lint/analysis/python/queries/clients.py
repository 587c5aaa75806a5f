"""Python answers to ``cio_lint.analysis.clients.ClientQueries``."""

from __future__ import annotations

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.python.construction import ConstructionAnalysis, build_once_text
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import call_node
from cio_lint.analysis.records import SdkCall
from cio_lint.core.client_kinds import ClientKind


class PythonClientQueries(PythonQueriesBase):
    """Implements ``ClientQueries`` on the Python semantic model."""

    _construction_analysis: ConstructionAnalysis | None = None

    def constructor_text(self, call: SdkCall) -> str:
        return self.semantic.code(call_node(call).func)

    def per_call_construction(self, call: SdkCall) -> PerCallConstruction | None:
        if self._construction_analysis is None:
            self._construction_analysis = ConstructionAnalysis(self.semantic)
        return self._construction_analysis.per_call(call_node(call), call.context.function)

    def build_once_text(self, call: SdkCall, verdict: PerCallConstruction) -> str:
        return build_once_text(self.semantic, call, verdict)

    def construction_cost_text(self, call: SdkCall) -> str:
        if call.kind is ClientKind.PIPELINES:
            return "new thread and queue each time"
        return "new connection each time"
