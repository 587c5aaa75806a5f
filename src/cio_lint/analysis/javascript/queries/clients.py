"""The JavaScript/TypeScript answers to ``ClientQueries`` (analysis/clients.py)."""

from __future__ import annotations

from functools import cached_property

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.javascript import construction
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, ts
from cio_lint.analysis.records import SdkCall


class JsClientQueries(JsQueriesBase):
    @cached_property
    def _construction_analysis(self) -> construction.ConstructionAnalysis:
        return construction.ConstructionAnalysis(self.semantic)

    def constructor_text(self, call: SdkCall) -> str:
        constructor = ts(call.node).child_by_field_name("constructor")
        return f"new {self.parsed.text(constructor) if constructor else call.written}"

    def per_call_construction(self, call: SdkCall) -> PerCallConstruction | None:
        return self._construction_analysis.per_call(call)

    def wrapper_constructions(self) -> list[SdkCall]:
        return []

    def build_once_text(self, call: SdkCall, verdict: PerCallConstruction) -> str:
        return construction.build_once_text(call)

    def construction_cost_text(self, call: SdkCall) -> str:
        return "new queue and timer each time"
