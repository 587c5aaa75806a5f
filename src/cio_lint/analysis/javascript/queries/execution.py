"""The JavaScript/TypeScript answers to ``ExecutionQueries`` (analysis/execution.py).

Every ``customerio-node`` call is asynchronous: nothing blocks an event loop (CIO603 never
applies), and what matters is what becomes of each promise (``promises.py``), which
functions a framework calls (``handlers.py``) and what runs once per item (``loops.py``,
``bursts.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from tree_sitter import Node as TsNode

from cio_lint.analysis.execution import (
    ConcurrentBurst,
    EntryPoint,
    Loop,
    SyncModeSetting,
)
from cio_lint.analysis.javascript import loops, syntax
from cio_lint.analysis.javascript.bursts import find_bursts
from cio_lint.analysis.javascript.handlers import JsEntryPoints
from cio_lint.analysis.javascript.promises import Fate, caught_around, fate, rethrows
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, ts
from cio_lint.analysis.records import Function, Node, SdkCall
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import CDP_PACKAGE


class JsExecutionQueries(JsQueriesBase):
    @cached_property
    def _entries(self) -> JsEntryPoints:
        return JsEntryPoints(self.semantic, self.semantic.collected.functions)

    @cached_property
    def _floating(self) -> list[SdkCall]:
        return [call for call in self.found.methods
                if not self._queues(call) and _floats(ts(call.node))]

    @cached_property
    def _bursts(self) -> list[ConcurrentBurst]:
        return find_bursts(self.semantic, self.found.methods)

    def floating_calls(self) -> list[SdkCall]:
        return self._floating

    def concurrent_bursts(self) -> list[ConcurrentBurst]:
        return self._bursts

    def _queues(self, call: SdkCall) -> bool:
        """A CDP ``Analytics`` call: it queues the event and returns nothing to await.

        A Pipelines client whose construction is out of sight (imported, passed in) is
        taken for the CDP client, the documented one, unless the module names only 5.x
        ``PipelinesClient``: a promise rule must not report a call that returns none."""
        if call.kind is not ClientKind.PIPELINES:
            return False
        if call.receiver is None:
            return True
        receiver = ts(call.receiver)
        value = syntax.unwrap(self.semantic.origin(receiver, self.semantic.scope_of(receiver),
                                                   call.order))
        if value is not None and value.type == "new_expression":
            constructor = value.child_by_field_name("constructor")
            qualified = self.semantic.qualified(constructor, self.semantic.scope_of(value),
                                                value.start_byte) or ""
            return qualified.startswith(CDP_PACKAGE)
        source = self.parsed.data
        return CDP_PACKAGE.encode() in source or b"PipelinesClient" not in source

    def function_name_node(self, function: Function) -> Node:
        node = ts(function.node)
        name = node.child_by_field_name("name")
        if name is not None:
            return name
        parent = node.parent
        if parent is not None and parent.type == "variable_declarator":
            return parent.child_by_field_name("name") or node
        return node

    # -- entry points --------------------------------------------------------------------
    def entry_point(self, function: Function) -> EntryPoint | None:
        return self._entries.of(function)

    def enclosing_entry_point(self, function: Function | None) -> EntryPoint | None:
        return self._entries.enclosing(function)

    def reachable_functions(self, start: Function | None) -> list[Function]:
        """Functions of this module ``start`` calls by name, transitively."""
        by_node = {ts(f.node).id: f for f in self._functions}
        root = ts(start.node) if start is not None else self.parsed.root
        seen: dict[int, Function] = {}
        pending = [root]
        while pending and len(seen) < 50:
            node = pending.pop()
            # Module-level code runs only its own statements, not the functions it defines.
            walked = _outside_functions(node) if node is root and start is None else (
                syntax.walk(node))
            for inner in walked:
                if inner.type != "call_expression":
                    continue
                callee = syntax.unwrap(inner.child_by_field_name("function"))
                if callee is None or callee.type != "identifier":
                    continue
                binding = self.semantic.binding(
                    syntax.text(callee), self.semantic.scope_of(callee), inner.start_byte)
                target = syntax.unwrap(binding.value) if binding is not None else None
                function = by_node.get(target.id) if target is not None else None
                if function is not None and ts(function.node).id not in seen:
                    seen[ts(function.node).id] = function
                    pending.append(ts(function.node))
        return list(seen.values())

    @property
    def _functions(self) -> list[Function]:
        return self.semantic.collected.functions

    # -- errors --------------------------------------------------------------------------
    def sdk_errors_handled(self, call: SdkCall) -> bool:
        outcome, decider = fate(ts(call.node))
        if outcome is Fate.CAUGHT:
            return True
        entry = self._entries.enclosing(call.context.function)
        stop = ts(entry.function.node).parent if entry is not None else None
        if caught_around(decider, stop):
            return True
        if outcome is not Fate.RETURNED:
            return False
        # ``() => cio.identify(...)`` returns its promise to whoever calls the arrow.
        function = decider if decider.type == "arrow_function" else (
            syntax.enclosing_function(decider)
        )
        return function is not None and self._handed_to_catcher(function)

    def _handed_to_catcher(self, function: TsNode) -> bool:
        """``safeCioCall("identify", () => cio.identify(...))``: the function making the
        call is passed to a function of this module that catches without rethrowing."""
        arguments = function.parent
        call = arguments.parent if arguments is not None else None
        if arguments is None or arguments.type != "arguments" or call is None:
            return False
        callee = syntax.unwrap(call.child_by_field_name("function"))
        if callee is None or callee.type != "identifier":
            return False
        binding = self.semantic.binding(syntax.text(callee), self.semantic.scope_of(callee),
                                        call.start_byte)
        target = syntax.unwrap(binding.value) if binding is not None else None
        if target is None or target.type not in syntax.FUNCTION_TYPES:
            return False
        return any(
            node.type == "catch_clause" and not rethrows(node)
            for node in syntax.walk(target)
        )

    def task_retries_sdk_errors(self, entry: EntryPoint) -> bool:
        # A queue retries a job that throws only when the job was added with ``attempts``
        # (BullMQ's default is one attempt), which the worker cannot show: like a Celery
        # task without ``autoretry_for``, the error fails the job.
        return False

    def error_handling_rewrite(self, call: SdkCall) -> str:
        source = self.parsed.text(ts(call.node))
        outcome, decider = fate(ts(call.node))
        statement = self.parsed.text(decider) if outcome is Fate.AWAITED else f"await {source}"
        body = "\n  ".join(statement.splitlines())
        return (
            f"try {{\n  {body};\n}} catch (err) {{\n"
            f"  console.warn(\"Customer.io {call.written} failed\", err);\n}}"
        )

    # -- loops ---------------------------------------------------------------------------
    def loop(self, node: Node) -> Loop:
        return loops.describe_loop(self.semantic, ts(node))

    def loop_is_paced(self, loop: Node, call: SdkCall) -> bool:
        return loops.is_paced(ts(loop))

    def batch_rewrite(self, call: SdkCall, loop: Node) -> str | None:
        """Advice in Node terms: Track calls can go through ``batch()`` (5.x), App sends
        can only be paced."""
        pause = "`await setTimeout(10)` from `node:timers/promises` per iteration"
        if call.kind is ClientKind.TRACK and call.receiver is not None:
            receiver = self.parsed.text(ts(call.receiver))
            return (
                f"send the operations in chunks through `{receiver}.batch([...])` "
                f"(customerio-node 5+), or pace the loop under 100 requests/s (e.g. {pause})"
            )
        return f"pace the loop under 100 sends/s with a rate limiter (e.g. {pause})"

    # -- async ---------------------------------------------------------------------------
    def runs_in_thread(self, call: SdkCall) -> bool:
        # Every customerio-node call returns a promise and leaves the event loop free:
        # nothing needs a worker thread, so CIO603 never applies to JavaScript.
        return True

    def awaitable_rewrite(self, call: SdkCall) -> str:
        return f"await {self.parsed.text(ts(call.node))}"

    # -- flushing ------------------------------------------------------------------------
    def sync_mode_settings(self) -> list[SyncModeSetting]:
        return []  # the CDP client has no synchronous mode

    def uses_default_client(self, call: SdkCall) -> bool:
        return False  # there is no module-level client: every one is constructed

    def flushes_at_exit(self) -> bool:
        """``process.on("SIGTERM" | "beforeExit", ...)`` with a ``closeAndFlush`` in it."""
        for site in self.semantic.collected.calls:
            callee = site.node.child_by_field_name("function")
            if syntax.dotted(callee) not in ("process.on", "process.once"):
                continue
            args = syntax.arguments(site.node)
            if args and syntax.string_value(args[0]) in _EXIT_EVENTS and any(
                b"closeAndFlush" in (node.text or b"") for node in args[1:]
            ):
                return True
        return False

    def script_guard(self) -> Node | None:
        """``if (require.main === module)`` or an ``import.meta`` test of the entry file."""
        for statement in self.parsed.root.named_children:
            if statement.type != "if_statement":
                continue
            condition = statement.child_by_field_name("condition")
            text = self.parsed.text(condition) if condition is not None else ""
            if ("require.main" in text and "module" in text) or "import.meta" in text:
                return condition
        return None

    def queues_events(self, call: SdkCall) -> bool:
        return self._queues(call)

    def flush_call(self, receiver: str) -> str:
        return f"await {receiver}.closeAndFlush()"

    def flush_advice(self, receiver: str, function: str | None, module_api: bool) -> str:
        flush = self.flush_call(receiver)
        if function is None:
            return f"call `{flush}` at the end of the script"
        named = f"`{function}`" if function else "the handler"
        return f"call `{flush}` before {named} returns (in a `finally` block)"

    def qualified_calls(self, function: Function | None) -> frozenset[str]:
        """Qualified names of what ``function`` calls (``lib.analytics.flush``)."""
        root = ts(function.node) if function is not None else self.parsed.root
        names = set()
        for node in syntax.walk(root):
            if node.type != "call_expression":
                continue
            callee = node.child_by_field_name("function")
            qualified = self.semantic.qualified(callee, self.semantic.scope_of(node),
                                                node.start_byte)
            if qualified:
                names.add(qualified)
        return frozenset(names)


def _outside_functions(root: TsNode) -> Iterator[TsNode]:
    """Every named node of ``root`` that is not inside a function defined there."""
    stack = [root]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(current.named_children)
                     if child.type not in syntax.FUNCTION_TYPES)


def _floats(node: TsNode) -> bool:
    """Nobody will see the promise's rejection: left as a statement, ``void``-ed, or
    returned (or awaited) by a ``forEach`` callback, whose result ``forEach`` drops."""
    outcome, decider = fate(node)
    if outcome is Fate.FLOATING:
        return True
    if outcome not in (Fate.RETURNED, Fate.AWAITED):
        return False
    function = decider if decider.type == "arrow_function" else syntax.enclosing_function(
        decider)
    found = loops.per_item_call(function) if function is not None else None
    return found is not None and found[2] == "forEach" and not caught_around(
        decider, function.parent if function is not None else None)


#: Process events a flush at exit is registered for.
_EXIT_EVENTS = frozenset({"SIGTERM", "SIGINT", "beforeExit", "exit"})
