"""CIO604 missing-flush: a short-lived process queues Pipelines events and never flushes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Project, ProjectRule, clip, group_by_key

if TYPE_CHECKING:
    from cio_lint.analysis.execution import EntryPoint
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.records import Function, Node, SdkCall
    from cio_lint.core.facts import Fact, FactValue
    from cio_lint.core.findings import Finding


#: Pipelines calls that put a message on the background queue.
_ENQUEUE = frozenset({"track", "identify", "page", "screen", "group", "alias"})
#: Pipelines calls that send what is queued before returning.
_FLUSH = frozenset({"flush", "shutdown"})

# Fact keys (each prefixed by the project root, so separate projects stay separate).
_SYNC_MODULE = "sync-module"  # ``analytics.sync_mode = True`` somewhere
_SYNC_CLIENT = "sync-client"  # ``Client(..., sync_mode=True)`` somewhere
_FLUSHER = "flusher"  # a module-level function that flushes: ``app.tracking.shutdown``
_ENTRY = "entry"  # an entry point that queues and does not flush here
#: message, correct, uses the module API, uses a Client instance, imported functions called
_EntryValue = tuple[str, str, bool, bool, tuple[str, ...]]


@dataclass(frozen=True)
class _Flow:
    """What runs for one entry point: its functions, or module-level code as well."""

    functions: frozenset[int]
    module_level: bool

    @classmethod
    def of(cls, model: ModuleModel, start: Function | None) -> _Flow:
        """``start`` (None: module-level code) and every function it reaches."""
        reached = model.reachable_functions(start)
        functions = {id(f.node) for f in reached}
        if start is not None:
            functions.add(id(start.node))
        return cls(frozenset(functions), module_level=start is None)

    def called_names(self, model: ModuleModel) -> set[str]:
        """Qualified names the flow's code calls (flush helpers of other modules)."""
        names: set[str] = set()
        if self.module_level:
            names.update(model.qualified_calls(None))
        for function in model.functions():
            if id(function.node) in self.functions:
                names.update(model.qualified_calls(function))
        return names

    def holds(self, call_function: Function | None) -> bool:
        if call_function is None:
            return self.module_level
        return id(call_function.node) in self.functions


class MissingFlush(ProjectRule):
    code = "CIO604"
    name = "missing-flush"
    severity = Severity.WARNING
    summary = (
        "A script, CLI, Celery task or serverless handler (Node: also a Next.js route) queues "
        "Pipelines events without flush()/shutdown()/closeAndFlush() or sync_mode."
    )
    why = (
        "The Data Pipelines SDK (`customerio.analytics`) only puts each call on an in-memory "
        "queue; a background thread uploads it in batches every half second. A process that "
        "ends right after its work (a script, a management command, a CLI, a Lambda or cloud "
        "function that is frozen after returning, a Celery worker being recycled) loses "
        "whatever is still queued, and the SDK's exit hook only stops the thread without "
        "sending. Call `analytics.flush()` (or `shutdown()`) before the entry point returns, "
        "or set `sync_mode = True` so each call sends at once. In Node the CDP client "
        "(`@customerio/cdp-analytics-node`) queues the same way and has no synchronous mode: "
        "`await analytics.closeAndFlush()` before a script, Lambda, Next.js route or server "
        "action returns. customerio-node's `PipelinesClient` sends each call as its own "
        "request and is never reported; neither is a long-running server."
    )
    wrong_example = (
        "from customerio import analytics\n\n"
        "def handler(event, context):\n"
        '    analytics.track(user_id=event["user_id"], event="order_shipped")\n'
        '    return {"statusCode": 200}\n'
    )
    correct_example = (
        "from customerio import analytics\n\n"
        "def handler(event, context):\n"
        '    analytics.track(user_id=event["user_id"], event="order_shipped")\n'
        "    analytics.flush()\n"
        '    return {"statusCode": 200}\n'
    )
    node_wrong_example = (
        "import { Analytics } from '@customerio/cdp-analytics-node';\n\n"
        "const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY! });\n\n"
        "export const handler = async (event: { userId: string }) => {\n"
        "  analytics.track({ userId: event.userId, event: 'Order Shipped' });\n"
        "  return { statusCode: 200 };\n"
        "};\n"
    )
    node_correct_example = (
        "import { Analytics } from '@customerio/cdp-analytics-node';\n\n"
        "const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY! });\n\n"
        "export const handler = async (event: { userId: string }) => {\n"
        "  try {\n"
        "    analytics.track({ userId: event.userId, event: 'Order Shipped' });\n"
        "  } finally {\n"
        "    await analytics.closeAndFlush();\n"
        "  }\n"
        "  return { statusCode: 200 };\n"
        "};\n"
    )
    correct_pattern = "call analytics.flush() before the entry point returns"

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.execution import SHORT_LIVED, EntryRole
        from cio_lint.core.client_kinds import ClientKind

        model = ctx.model
        # Node's stateless ``PipelinesClient`` sends each call itself: nothing to flush.
        calls = [c for c in model.sdk_calls()
                 if c.kind is ClientKind.PIPELINES and model.queues_events(c)]
        self._record_sync_mode(ctx)
        self._record_flushers(ctx, calls)
        enqueues = [c for c in calls if c.method in _ENQUEUE]
        if not enqueues:
            return
        flushes = [c for c in calls if c.method in _FLUSH]
        at_exit = model.flushes_at_exit()
        script = _script_flow(model, calls)
        for function in model.functions():
            entry = model.entry_point(function)
            if entry is None or entry.role not in SHORT_LIVED:
                continue
            if script is not None and script.holds(function):
                continue  # run by this module's script: reported there
            covered = at_exit and entry.role is EntryRole.CLI
            flow = _Flow.of(model, function)
            self._check_flow(ctx, flow, calls, enqueues, flushes, covered, entry=entry)
        if script is not None:
            self._check_flow(ctx, script, calls, enqueues, flushes, at_exit, entry=None)

    # -- per-file facts ------------------------------------------------------------------

    def _record_sync_mode(self, ctx: LintContext) -> None:
        for setting in ctx.model.sync_mode_settings():
            kind = _SYNC_MODULE if setting.default_client else _SYNC_CLIENT
            ctx.fact(self, setting.node, kind, None)

    def _record_flushers(self, ctx: LintContext, calls: list[SdkCall]) -> None:
        """Module-level functions that flush, so entry points in other modules may call them."""
        model = ctx.model
        flushing = {id(c.context.function.node) for c in calls
                    if c.method in _FLUSH and c.context.function is not None}
        if not flushing or not model.module_name:
            return
        for function in model.functions():
            if function.parent is not None or function.class_name is not None:
                continue
            if _Flow.of(model, function).functions & flushing:
                for module in (model.module_name, *ctx.imported_as):
                    ctx.fact(self, model.function_name_node(function), _FLUSHER,
                             f"{module}.{function.name}")

    def _check_flow(
        self, ctx: LintContext, flow: _Flow, calls: Sequence[SdkCall],
        enqueues: Sequence[SdkCall], flushes: Sequence[SdkCall], covered: bool, *,
        entry: EntryPoint | None,
    ) -> None:
        queued = [c for c in enqueues if flow.holds(c.context.function)]
        if not queued or covered or any(flow.holds(c.context.function) for c in flushes):
            return
        model = ctx.model
        first = min(queued, key=lambda c: c.order)
        receiver = ctx.quote(first.receiver, 20) if first.receiver is not None else (
            "analytics"
        )
        via_module = any(model.uses_default_client(c) for c in queued)
        via_client = any(not model.uses_default_client(c) for c in queued)
        called = tuple(sorted(flow.called_names(model)))
        joins = [c for c in calls if c.method == "join" and flow.holds(c.context.function)]
        join_note = (
            f" (`{receiver}.join()` does not flush)" if joins else ""
        )
        node: Node
        if entry is None:
            guard = model.script_guard()
            node = guard if guard is not None else first.node
            what = "this script"
        else:
            node = model.function_name_node(entry.function)
            what = entry.description
        flush = model.flush_call(receiver)
        message = (
            f"{_capitalised(what)} never calls `{flush}` after "
            f"`{clip(model.callee_text(first), 30)}`: queued events are lost{join_note}"
        )
        correct = model.flush_advice(
            receiver, entry.function.name if entry is not None else None, via_module
        )
        value: _EntryValue = (message, correct, via_module, via_client, called)
        ctx.fact(self, node, _ENTRY, value)

    # -- project phase -------------------------------------------------------------------

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        # A flush helper or sync_mode may live in a file this run was not shown.
        if not project.complete:
            return []
        return self._entries_without_flush(group_by_key(facts))

    def _entries_without_flush(self, facts: dict[FactValue, list[Fact]]) -> list[Finding]:
        flushers = {fact.value for fact in facts.get(_FLUSHER, [])}
        findings = []
        for fact in facts.get(_ENTRY, []):
            message, correct, via_module, via_client, called = cast(_EntryValue, fact.value)
            if (not via_module or _SYNC_MODULE in facts) and (
                not via_client or _SYNC_CLIENT in facts
            ):
                continue
            if flushers.intersection(called):
                continue
            findings.append(self.finding(fact, message, correct))
        return findings


def _script_flow(model: ModuleModel, calls: Sequence[SdkCall]) -> _Flow | None:
    """Module-level code and what it calls, when the module runs as a script."""
    if model.script_guard() is None and not any(
        c.context.function is None and c.method in _ENQUEUE for c in calls
    ):
        return None
    return _Flow.of(model, None)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


RULE = MissingFlush()
