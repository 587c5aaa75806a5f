"""The JavaScript/TypeScript answers to ``ClientQueries`` (analysis/clients.py)."""

from __future__ import annotations

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import SdkCall


class JsClientQueries(JsQueriesBase):
    def constructor_text(self, call: SdkCall) -> str:
        return ""

    def per_call_construction(self, call: SdkCall) -> PerCallConstruction | None:
        return None

    def wrapper_constructions(self) -> list[SdkCall]:
        return []

    def build_once_text(self, call: SdkCall, verdict: PerCallConstruction) -> str:
        return ""
