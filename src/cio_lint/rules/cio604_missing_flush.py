"""CIO604 missing-flush: a short-lived process queues Pipelines events and never flushes."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import cast

import libcst as cst

from cio_lint.analysis.python.execution import (
    SHORT_LIVED,
    EntryPoint,
    EntryPoints,
    Role,
    main_guard,
    reachable,
)
from cio_lint.analysis.python.scopes import Scope, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.records import Function, SdkCall
from cio_lint.core.findings import Finding, Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import Fact, LintContext, Project, ProjectRule, group_by_key

#: Pipelines calls that put a message on the background queue.
_ENQUEUE = frozenset({"track", "identify", "page", "screen", "group", "alias"})
#: Pipelines calls that send what is queued before returning.
_FLUSH = frozenset({"flush", "shutdown"})
_MODULE_API = "customerio.analytics"
_FALSY = frozenset({"False", "None", "0"})

# Fact keys (each prefixed by the project root, so separate projects stay separate).
_SYNC_MODULE = "sync-module"  # ``analytics.sync_mode = True`` somewhere
_SYNC_CLIENT = "sync-client"  # ``Client(..., sync_mode=True)`` somewhere
_FLUSHER = "flusher"  # a module-level function that flushes: ``app.tracking.shutdown``
_ENTRY = "entry"  # an entry point that queues and does not flush here
#: message, correct, uses the module API, uses a Client instance, imported functions called
_EntryValue = tuple[str, str, bool, bool, tuple[str, ...]]

_WHEN_IT_ENDS = {
    Role.TASK: "the worker process can exit or be recycled before the background thread "
    "sends them",
    Role.CLI: "the process exits right after, and the SDK's exit hook does not flush",
    Role.SERVERLESS: "the runtime freezes or ends the instance as soon as the handler returns",
}
_SCRIPT_END = "the script exits right after, and the SDK's exit hook does not flush"


@dataclass(frozen=True)
class _Flow:
    """What runs for one entry point: its functions, or module-level code as well."""

    functions: frozenset[int]
    module_level: bool

    def holds(self, call_function: Function | None) -> bool:
        if call_function is None:
            return self.module_level
        return id(call_function.node) in self.functions


class MissingFlush(ProjectRule):
    code = "CIO604"
    name = "missing-flush"
    severity = Severity.WARNING
    summary = (
        "A script, CLI, Celery task or serverless handler queues Pipelines events without "
        "flush()/shutdown() or sync_mode."
    )
    why = (
        "The Data Pipelines SDK (`customerio.analytics`) only puts each call on an in-memory "
        "queue; a background thread uploads it in batches every half second. A process that "
        "ends right after its work (a script, a management command, a CLI, a Lambda or cloud "
        "function that is frozen after returning, a Celery worker being recycled) loses "
        "whatever is still queued, and the SDK's exit hook only stops the thread without "
        "sending. Call `analytics.flush()` (or `shutdown()`) before the entry point returns, "
        "or set `sync_mode = True` so each call sends at once."
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
    correct_pattern = "call analytics.flush() before the entry point returns"

    def check(self, ctx: LintContext) -> None:
        model = ctx.semantic
        calls = [c for c in model.sdk_calls() if c.kind is ClientKind.PIPELINES]
        self._record_sync_mode(ctx)
        self._record_flushers(ctx, calls)
        enqueues = [c for c in calls if c.method in _ENQUEUE]
        if not enqueues:
            return
        flushes = [c for c in calls if c.method in _FLUSH]
        at_exit = _flushes_at_exit(model)
        script = self._script_flow(model)
        entries = EntryPoints(model)
        for function in model.functions:
            entry = entries.of(function)
            if entry is None or entry.role not in SHORT_LIVED:
                continue
            if script is not None and script.holds(function):
                continue  # run by this module's script: reported there
            flow = _Flow(
                frozenset({id(function.node), *(id(f.node) for f in reachable(model, function))}),
                module_level=False,
            )
            covered = at_exit and entry.role is Role.CLI
            self._check_flow(ctx, flow, enqueues, flushes, covered, entry=entry)
        if script is not None:
            self._check_flow(ctx, script, enqueues, flushes, at_exit, entry=None)

    # -- per-file facts ------------------------------------------------------------------

    def _record_sync_mode(self, ctx: LintContext) -> None:
        model = ctx.semantic
        for target, value, scope, order, _ in model.attribute_assignments:
            if target.attr.value != "sync_mode" or _is_falsy(value):
                continue
            if model.client_kind(target.value, scope, order) is ClientKind.PIPELINES:
                kind = _SYNC_MODULE if _is_module_api(model, target.value, scope) else (
                    _SYNC_CLIENT
                )
                ctx.fact(self, target, kind, None)
        for construction in model.constructions():
            setting = construction.value("sync_mode")
            if construction.kind is ClientKind.PIPELINES and setting is not None and not (
                _is_falsy(setting)
            ):
                ctx.fact(self, construction.node, _SYNC_CLIENT, None)

    def _record_flushers(self, ctx: LintContext, calls: list[SdkCall]) -> None:
        """Module-level functions that flush, so entry points in other modules may call them."""
        model = ctx.semantic
        flushing = {id(c.context.function.node) for c in calls
                    if c.method in _FLUSH and c.context.function is not None}
        if not flushing or not model.module_name:
            return
        for function in model.functions:
            if function.parent is not None or function.class_name is not None:
                continue
            flow = {id(function.node), *(id(f.node) for f in reachable(model, function))}
            if flow & flushing:
                ctx.fact(self, function.node.name, _FLUSHER,
                         f"{model.module_name}.{function.name}")

    def _script_flow(self, model: SemanticModel) -> _Flow | None:
        """Module-level code and what it calls, when the module runs as a script."""
        if main_guard(model) is None and not any(
            c.context.function is None and c.method in _ENQUEUE
            for c in model.sdk_calls() if c.kind is ClientKind.PIPELINES
        ):
            return None
        functions = frozenset(id(f.node) for f in reachable(model, None))
        return _Flow(functions, module_level=True)

    def _check_flow(
        self, ctx: LintContext, flow: _Flow, enqueues: Sequence[SdkCall],
        flushes: Sequence[SdkCall], covered: bool, *, entry: EntryPoint | None,
    ) -> None:
        queued = [c for c in enqueues if flow.holds(c.context.function)]
        if not queued or covered or any(flow.holds(c.context.function) for c in flushes):
            return
        model = ctx.semantic
        first = min(queued, key=lambda c: c.order)
        receiver = model.code(first.receiver).strip() if first.receiver is not None else (
            "analytics"
        )
        via_module = any(_is_module_api(model, c.receiver, c.place) for c in queued)
        via_client = any(not _is_module_api(model, c.receiver, c.place) for c in queued)
        called = tuple(sorted(_project_calls(model, flow)))
        line = ctx.span(first.node)[0].line
        joins = [c for c in model.sdk_calls()
                 if c.kind is ClientKind.PIPELINES and c.method == "join"
                 and flow.holds(c.context.function)]
        join_note = (
            f"; `{receiver}.join()` only stops the upload thread, it does not send what is "
            "still queued" if joins else ""
        )
        if entry is None:
            guard = main_guard(model)
            node: cst.CSTNode = guard.test if guard is not None else first.node
            what, end = "this script", _SCRIPT_END
            where = "at the end of the script"
        else:
            node = entry.function.node.name
            what, end = entry.description, _WHEN_IT_ENDS[entry.role]
            where = f"before `{entry.function.name}` returns (in a `finally:` block)"
        message = (
            f"{_capitalised(what)} queues Pipelines events (`{model.code(first.node.func)}` on "
            f"line {line}) but never calls `{receiver}.flush()`: {end}, so the events still "
            f"in the queue are lost{join_note}"
        )
        correct = (
            f"call `{receiver}.flush()` {where}, or send synchronously with "
            + ("`analytics.sync_mode = True`" if via_module else "`Client(..., sync_mode=True)`")
        )
        value: _EntryValue = (message, correct, via_module, via_client, called)
        ctx.fact(self, node, _ENTRY, value)

    # -- project phase -------------------------------------------------------------------

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        # A flush helper or sync_mode may live in a file this run was not shown.
        if not project.complete:
            return []
        return self._entries_without_flush(group_by_key(facts))

    def _entries_without_flush(self, facts: dict[Hashable, list[Fact]]) -> list[Finding]:
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


def _is_falsy(value: cst.BaseExpression) -> bool:
    return (isinstance(value, cst.Name) and value.value in _FALSY) or (
        isinstance(value, cst.Integer) and value.value == "0"
    )


def _is_module_api(
    model: SemanticModel, receiver: cst.BaseExpression | None, scope: Scope
) -> bool:
    """Is the receiver the ``customerio.analytics`` module (its default client)?"""
    return receiver is not None and model.qualname(receiver, scope) == _MODULE_API


def _flushes_at_exit(model: SemanticModel) -> bool:
    """``atexit.register(analytics.flush)``, or an ``@atexit.register`` function that flushes."""
    for site in model.call_sites:
        if model.qualname(site.node.func, site.scope, site.order) != "atexit.register":
            continue
        if not site.node.args:
            continue
        target = site.node.args[0].value
        if (
            isinstance(target, cst.Attribute)
            and target.attr.value in _FLUSH
            and model.client_kind(target.value, site.scope, site.order) is ClientKind.PIPELINES
        ):
            return True
    flushing = {
        id(c.context.function.node) for c in model.sdk_calls()
        if c.kind is ClientKind.PIPELINES and c.method in _FLUSH and c.context.function
    }
    for function in model.functions:
        registered = any(
            model.qualname(d.decorator, as_scope(function.place).parent or model.root)
            == "atexit.register"
            for d in function.node.decorators
        )
        if registered and (
            id(function.node) in flushing
            or any(id(f.node) in flushing for f in reachable(model, function))
        ):
            return True
    return False


def _project_calls(model: SemanticModel, flow: _Flow) -> set[str]:
    """Qualified names of imported functions the flow calls (flushers in other modules)."""
    names: set[str] = set()
    for site in model.call_sites:
        if not flow.holds(site.context.function):
            continue
        qual = model.qualname(site.node.func, site.scope, site.order)
        if qual and not qual.startswith("customerio") and dotted_name(site.node.func):
            names.add(qual)
    return names


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


RULE = MissingFlush()
