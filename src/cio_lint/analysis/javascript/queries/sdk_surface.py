"""The JavaScript/TypeScript answers to ``SdkSurfaceQueries`` (analysis/sdk_surface.py)."""

from __future__ import annotations

from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node, Place, SdkCall
from cio_lint.analysis.sdk_surface import (
    MissingSdkName,
    PassedKeyword,
    Replacement,
    RewrittenCall,
)


class JsSdkSurfaceQueries(JsQueriesBase):
    def callee_text(self, call: SdkCall) -> str:
        return ""

    def qualified_name(self, node: Node, place: Place, order: int | None = None) -> str:
        return ""

    def missing_sdk_names(self) -> list[MissingSdkName]:
        return []

    def rename_import(
        self, imported: Node, new_name: str, use_text: str | None = None
    ) -> list[Replacement] | None:
        return []

    def missing_module_import_fix(self, missing: MissingSdkName) -> list[Replacement] | None:
        return []

    def existing_name_rewrite(self, missing: MissingSdkName) -> str | None:
        return None

    def passed_keywords(self, call: SdkCall) -> list[PassedKeyword]:
        return []

    def keyword_text(self, name: str, value: Node) -> str:
        return ""

    def written_keyword(self, keyword: PassedKeyword) -> str:
        return ""

    def renamed_key_text(self, keyword: PassedKeyword, name: str) -> str:
        return ""

    def mapping_argument_text(self, container: str, keywords: list[PassedKeyword]) -> str:
        return ""

    def moved_into_rewrite(
        self, call: SdkCall, keywords: list[PassedKeyword], container: str
    ) -> RewrittenCall | None:
        return None
