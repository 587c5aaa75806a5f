"""What every family of JavaScript/TypeScript answers shares: the module's semantic model,
its SDK calls, and the handles rules pass back."""

from __future__ import annotations

from functools import cached_property
from typing import cast

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript.calls import SdkCalls, find_sdk_calls
from cio_lint.analysis.javascript.parsing import Parsed
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import Node, Place
from cio_lint.core.config import Config


class JsQueriesBase:
    """Holds the module's semantic model (and the run's config) for the query mixins."""

    def __init__(self, semantic: JsSemantic, config: Config) -> None:
        self.semantic = semantic
        self.config = config

    @property
    def parsed(self) -> Parsed:
        return self.semantic.parsed

    @cached_property
    def found(self) -> SdkCalls:
        return find_sdk_calls(self.semantic)


def ts(node: Node) -> TsNode:
    """The tree-sitter node behind a handle this frontend made."""
    return cast(TsNode, node)


def scope(place: Place) -> Scope:
    """The scope behind a handle this frontend made."""
    return cast(Scope, place)
