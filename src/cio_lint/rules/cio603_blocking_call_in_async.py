"""CIO603 blocking-call-in-async: a synchronous Customer.io request inside ``async def``."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.execution import calls_within
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import LintContext, Rule

#: Calls that run a callable in a worker thread (or after the response): what is passed to
#: them, as a lambda or a call building the callable, does not block the event loop.
_OFFLOADERS = frozenset(
    {"run_in_executor", "to_thread", "run_sync", "run_in_threadpool", "sync_to_async",
     "defer_to_thread", "deferToThread", "submit", "add_task"}
)
_LOCAL_METHODS = frozenset({"close"})


class BlockingCallInAsync(Rule):
    code = "CIO603"
    name = "blocking-call-in-async"
    severity = Severity.WARNING
    summary = "A synchronous Track/App API call inside `async def`."
    why = (
        "The `customerio` SDK is synchronous: each call is a blocking HTTP request with a 10 s "
        "timeout, retried up to 3 times. Inside a coroutine it stops the event loop for that "
        "whole time, so every other request the server is handling (FastAPI, Starlette, "
        "aiohttp, async Django) waits too; a slow Customer.io turns into a stalled service. "
        "Run the call in a thread (`await asyncio.to_thread(...)`) or hand it to a task queue."
    )
    wrong_example = (
        '@app.post("/signup")\n'
        "async def signup(form: SignupForm):\n"
        "    user = await create_user(form)\n"
        "    cio.identify(id=user.id, email=user.email)\n"
    )
    correct_example = (
        '@app.post("/signup")\n'
        "async def signup(form: SignupForm):\n"
        "    user = await create_user(form)\n"
        "    await asyncio.to_thread(cio.identify, id=user.id, email=user.email)\n"
    )
    correct_pattern = "await asyncio.to_thread(cio.track, ...), or enqueue a background task"

    def check(self, ctx: LintContext) -> None:
        offloaded: set[int] | None = None
        for call in ctx.semantic.sdk_calls():
            if call.kind is ClientKind.PIPELINES or call.method in _LOCAL_METHODS:
                continue  # Pipelines only puts the event on an in-memory queue
            function = call.context.function
            if function is None or not function.is_async:
                continue
            if offloaded is None:
                offloaded = _offloaded_calls(ctx.semantic)
            if id(call.node) in offloaded:
                continue
            ctx.report(
                self,
                call.node,
                f"`{ctx.semantic.code(call.node.func)}` is a blocking HTTP request inside `async "
                f"def {function.name}`: until it returns (up to the 10 s timeout, retried up to "
                "3 times) the event loop serves nothing else; run it in a thread or a task "
                "queue",
                correct=_to_thread(ctx, call),
                anchor=call.node,
                wrong=ctx.semantic.code(call.node).splitlines()[0],
            )


def _offloaded_calls(model: SemanticModel) -> set[int]:
    """Ids of calls inside the arguments of ``run_in_executor(...)``, ``to_thread(...)``."""
    found: set[int] = set()
    for site in model.call_sites:
        name = dotted_name(site.node.func).rsplit(".", 1)[-1]
        if name in _OFFLOADERS:
            for arg in site.node.args:
                found.update(id(inner) for inner in calls_within(arg.value))
    return found


def _to_thread(ctx: LintContext, call: SdkCall) -> str:
    """``await asyncio.to_thread(cio.track, user.id, "x")`` for ``cio.track(user.id, "x")``."""
    node = call.node
    first = cst.Arg(
        node.func,
        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if node.args
        else cst.MaybeSentinel.DEFAULT,
    )
    wrapped = cst.Await(
        cst.Call(
            func=cst.Attribute(cst.Name("asyncio"), cst.Name("to_thread")),
            args=[first, *node.args],
        )
    )
    return ctx.rewrite(node, wrapped)


RULE = BlockingCallInAsync()
