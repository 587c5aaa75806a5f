"""The JavaScript/TypeScript answers to ``SdkSurfaceQueries`` (analysis/sdk_surface.py).

Node binds by position and options object, so signature questions are answered as call
shapes (``call_shapes``) and missing names come from the Node SDK tables (``sdk_names``);
the keyword questions of a keyword-binding language have no Node counterpart.
"""

from __future__ import annotations

from functools import cached_property

from cio_lint.analysis.javascript import call_shapes, syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.javascript.sdk_names import NodeNames, method_rewrite
from cio_lint.analysis.records import Node, Place, SdkCall
from cio_lint.analysis.sdk_surface import (
    MisshapenCall,
    MissingSdkName,
    PassedKeyword,
    Replacement,
    RewrittenCall,
)
from cio_lint.core.client_kinds import ClientKind


class JsSdkSurfaceQueries(JsQueriesBase):
    @cached_property
    def _node_names(self) -> NodeNames:
        return NodeNames(self.semantic, self.found)

    @cached_property
    def _missing_names(self) -> list[MissingSdkName]:
        return self._node_names.missing()

    @cached_property
    def _misshapen(self) -> list[MisshapenCall]:
        return call_shapes.misshapen_calls(self.semantic, self.found)

    def callee_text(self, call: SdkCall) -> str:
        node = ts(call.node)
        callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        return syntax.text(callee) if callee is not None else syntax.text(node)

    def qualified_name(self, node: Node, place: Place, order: int | None = None) -> str:
        return self.semantic.qualified(ts(node), scope(place), order) or ""

    def missing_sdk_names(self) -> list[MissingSdkName]:
        return self._missing_names

    def rename_import(
        self, imported: Node, new_name: str, use_text: str | None = None
    ) -> list[Replacement] | None:
        return None

    def missing_module_import_fix(self, missing: MissingSdkName) -> list[Replacement] | None:
        return self._node_names.import_fix(missing)

    def existing_name_rewrite(self, missing: MissingSdkName) -> str | None:
        return method_rewrite(missing)

    def keyword_signatures(self) -> bool:
        return False

    def misshapen_calls(self) -> list[MisshapenCall]:
        return self._misshapen

    def rejection(self, call: SdkCall, param: str) -> str:
        if call.kind is ClientKind.TRACK and param.endswith("_type"):
            return "customerio-node throws an Error"
        return "customerio-node throws MissingParamError"

    def passed_keywords(self, call: SdkCall) -> list[PassedKeyword]:
        return []

    def keyword_text(self, name: str, value: Node) -> str:
        return f"{name}: {syntax.text(ts(value))}"

    def written_keyword(self, keyword: PassedKeyword) -> str:
        return syntax.text(ts(keyword.node))

    def renamed_key_text(self, keyword: PassedKeyword, name: str) -> str:
        return name

    def mapping_argument_text(self, container: str, keywords: list[PassedKeyword]) -> str:
        return f"{container}: {{ ... }}"

    def moved_into_rewrite(
        self, call: SdkCall, keywords: list[PassedKeyword], container: str
    ) -> RewrittenCall | None:
        return None
