"""The JavaScript/TypeScript answers to ``ExecutionQueries`` (analysis/execution.py)."""

from __future__ import annotations

from cio_lint.analysis.execution import (
    ConcurrentBurst,
    EntryPoint,
    Loop,
    LoopKind,
    SyncModeSetting,
)
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Function, Node, SdkCall


class JsExecutionQueries(JsQueriesBase):
    def floating_calls(self) -> list[SdkCall]:
        return []

    def concurrent_bursts(self) -> list[ConcurrentBurst]:
        return []

    def function_name_node(self, function: Function) -> Node:
        return function.node

    def entry_point(self, function: Function) -> EntryPoint | None:
        return None

    def enclosing_entry_point(self, function: Function | None) -> EntryPoint | None:
        return None

    def reachable_functions(self, start: Function | None) -> list[Function]:
        return []

    def sdk_errors_handled(self, call: SdkCall) -> bool:
        return False

    def task_retries_sdk_errors(self, entry: EntryPoint) -> bool:
        return False

    def error_handling_rewrite(self, call: SdkCall) -> str:
        return ""

    def loop(self, node: Node) -> Loop:
        return Loop(node, LoopKind.FOR, "loop", small=False)

    def loop_is_paced(self, loop: Node, call: SdkCall) -> bool:
        return False

    def batch_rewrite(self, call: SdkCall, loop: Node) -> str | None:
        return None

    def runs_in_thread(self, call: SdkCall) -> bool:
        return False

    def awaitable_rewrite(self, call: SdkCall) -> str:
        return ""

    def sync_mode_settings(self) -> list[SyncModeSetting]:
        return []

    def uses_default_client(self, call: SdkCall) -> bool:
        return False

    def flushes_at_exit(self) -> bool:
        return False

    def script_guard(self) -> Node | None:
        return None

    def qualified_calls(self, function: Function | None) -> frozenset[str]:
        return frozenset()
