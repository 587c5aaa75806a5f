"""Python answers to ``cio_lint.analysis.execution.ExecutionQueries``."""

from __future__ import annotations

from cio_lint.analysis.execution import EntryPoint, Loop, SyncModeSetting
from cio_lint.analysis.python import error_handling, flushing, loops, offloading
from cio_lint.analysis.python.execution import EntryPoints, main_guard, reachable
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import call_node, function_node, scope_of, syntax
from cio_lint.analysis.records import Function, Node, SdkCall


class PythonExecutionQueries(PythonQueriesBase):
    """Implements ``ExecutionQueries`` on the Python semantic model."""

    # Each judgement is made once per module, on first use.
    _entry_points: EntryPoints | None = None
    _offloaded: set[int] | None = None
    _paced: dict[int, bool] | None = None
    _called_names: dict[int, frozenset[str]] | None = None

    def function_name_node(self, function: Function) -> Node:
        return function_node(function).name

    def entry_point(self, function: Function) -> EntryPoint | None:
        return self._entries().of(function)

    def enclosing_entry_point(self, function: Function | None) -> EntryPoint | None:
        return self._entries().enclosing(function)

    def reachable_functions(self, start: Function | None) -> list[Function]:
        return reachable(self.semantic, start)

    def _entries(self) -> EntryPoints:
        if self._entry_points is None:
            self._entry_points = EntryPoints(self.semantic)
        return self._entry_points

    def sdk_errors_handled(self, call: SdkCall) -> bool:
        return error_handling.is_handled(self.semantic, call.context, scope_of(call))

    def task_retries_sdk_errors(self, entry: EntryPoint) -> bool:
        return error_handling.retried_by_task_queue(self.semantic, entry)

    def error_handling_rewrite(self, call: SdkCall) -> str:
        return error_handling.handled_rewrite(self.semantic.code(call_node(call)), call.method)

    def loop(self, node: Node) -> Loop:
        return loops.describe_loop(self.semantic, syntax(node))

    def loop_is_paced(self, loop: Node, call: SdkCall) -> bool:
        if self._paced is None:
            self._paced = {}
        key = id(loop)
        if key not in self._paced:
            self._paced[key] = loops.is_paced(self.semantic, syntax(loop), call)
        return self._paced[key]

    def batch_rewrite(self, call: SdkCall, loop: Node) -> str | None:
        return loops.batch_rewrite(self.semantic, call, syntax(loop))

    def floating_calls(self) -> list[SdkCall]:
        return []  # the Python SDK is synchronous: no call returns a promise to lose

    def runs_in_thread(self, call: SdkCall) -> bool:
        if self._offloaded is None:
            self._offloaded = offloading.offloaded_calls(self.semantic)
        return id(call.node) in self._offloaded

    def awaitable_rewrite(self, call: SdkCall) -> str:
        return offloading.to_thread_rewrite(self.semantic, call_node(call))

    def sync_mode_settings(self) -> list[SyncModeSetting]:
        return flushing.sync_mode_settings(self.semantic)

    def uses_default_client(self, call: SdkCall) -> bool:
        return flushing.is_module_api(self.semantic, call.receiver, scope_of(call))

    def flushes_at_exit(self) -> bool:
        return flushing.flushes_at_exit(self.semantic)

    def script_guard(self) -> Node | None:
        guard = main_guard(self.semantic)
        return guard.test if guard is not None else None

    def queues_events(self, call: SdkCall) -> bool:
        return True  # ``sync_mode`` is judged project-wide by the rule

    def flush_call(self, receiver: str) -> str:
        return f"{receiver}.flush()"

    def flush_advice(self, receiver: str, function: str | None, module_api: bool) -> str:
        where = (
            "at the end of the script" if function is None
            else f"before `{function}` returns (in a `finally:` block)"
        )
        sync = "`analytics.sync_mode = True`" if module_api else "`Client(..., sync_mode=True)`"
        return f"call `{receiver}.flush()` {where}, or send synchronously with {sync}"

    def qualified_calls(self, function: Function | None) -> frozenset[str]:
        if self._called_names is None:
            self._called_names = flushing.called_names(self.semantic)
        key = id(function.node) if function is not None else 0
        return self._called_names.get(key, frozenset())
