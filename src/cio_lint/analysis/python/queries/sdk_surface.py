"""Python answers to ``cio_lint.analysis.sdk_surface.SdkSurfaceQueries``."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python import sdk_name_fixes, signatures
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import as_scope, expression, syntax
from cio_lint.analysis.records import Node, Place, SdkCall
from cio_lint.analysis.sdk_surface import (
    MisshapenCall,
    MissingSdkName,
    PassedKeyword,
    Replacement,
    RewrittenCall,
)


class PythonSdkSurfaceQueries(PythonQueriesBase):
    """Implements ``SdkSurfaceQueries`` on the Python semantic model."""

    _missing_sdk_names: list[MissingSdkName] | None = None

    def callee_text(self, call: SdkCall) -> str:
        node = syntax(call.node)  # a function passed by reference is its own callee
        return self.semantic.code(node.func if isinstance(node, cst.Call) else node)

    def qualified_name(self, node: Node, place: Place, order: int | None = None) -> str:
        return self.semantic.qualname(expression(node), as_scope(place), order)

    def missing_sdk_names(self) -> list[MissingSdkName]:
        if self._missing_sdk_names is None:
            self._missing_sdk_names = sdk_name_fixes.missing_sdk_names(self.semantic)
        return self._missing_sdk_names

    def rename_import(
        self, imported: Node, new_name: str, use_text: str | None = None
    ) -> list[Replacement] | None:
        alias = sdk_name_fixes.imported_alias(imported)
        return sdk_name_fixes.rename_import(self.semantic, alias, new_name, use_text)

    def missing_module_import_fix(self, missing: MissingSdkName) -> list[Replacement] | None:
        return sdk_name_fixes.missing_module_import_fix(self.semantic, missing)

    def existing_name_rewrite(self, missing: MissingSdkName) -> str | None:
        return sdk_name_fixes.existing_name_rewrite(self.semantic, missing)

    def passed_keywords(self, call: SdkCall) -> list[PassedKeyword]:
        return list(signatures.passed_keywords(self.semantic, call))

    def keyword_text(self, name: str, value: Node) -> str:
        return f"{name}={self.semantic.code(syntax(value))}"

    def written_keyword(self, keyword: PassedKeyword) -> str:
        return signatures.written_keyword(self.semantic, keyword)

    def renamed_key_text(self, keyword: PassedKeyword, name: str) -> str:
        return signatures.renamed_key_text(self.semantic, keyword, name)

    def mapping_argument_text(self, container: str, keywords: list[PassedKeyword]) -> str:
        return f"{container}={{{signatures.dict_entries(self.semantic, keywords)}}}"

    def moved_into_rewrite(
        self, call: SdkCall, keywords: list[PassedKeyword], container: str
    ) -> RewrittenCall | None:
        return signatures.moved_into_rewrite(self.semantic, call, keywords, container)

    def keyword_signatures(self) -> bool:
        return True

    def misshapen_calls(self) -> list[MisshapenCall]:
        return []

    def rejection(self, call: SdkCall, param: str) -> str:
        return "the SDK raises CustomerIOException"
