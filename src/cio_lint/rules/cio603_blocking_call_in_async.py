"""CIO603 blocking-call-in-async: a synchronous Customer.io request inside ``async def``."""

from __future__ import annotations

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

#: Methods that never reach the network.
_LOCAL_METHODS = frozenset({"close"})


class BlockingCallInAsync(Rule):
    code = "CIO603"
    name = "blocking-call-in-async"
    severity = Severity.WARNING
    summary = "A synchronous Track/App API call inside `async def` (Python only)."
    why = (
        "The `customerio` SDK is synchronous: each call is a blocking HTTP request with a 10 s "
        "timeout, retried up to 3 times. Inside a coroutine it stops the event loop for that "
        "whole time, so every other request the server is handling (FastAPI, Starlette, "
        "aiohttp, async Django) waits too; a slow Customer.io turns into a stalled service. "
        "Run the call in a thread (`await asyncio.to_thread(...)`) or hand it to a task queue. "
        "Also through synchronous project functions that send, called from a coroutine "
        "(the finding names the chain). Node code never gets this finding: every "
        "customerio-node call returns a promise and leaves the event loop free (what "
        "matters there is whether the promise is awaited: CIO606)."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        '@app.post("/signup")\n'
        "async def signup(form: SignupForm):\n"
        "    user = await create_user(form)\n"
        "    cio.identify(id=user.id, email=user.email)\n"
    )
    correct_example = (
        "import asyncio\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        '@app.post("/signup")\n'
        "async def signup(form: SignupForm):\n"
        "    user = await create_user(form)\n"
        "    await asyncio.to_thread(cio.identify, id=user.id, email=user.email)\n"
    )
    correct_pattern = "await asyncio.to_thread(cio.track, ...), or enqueue a background task"

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        model = ctx.model
        reported: set[int] = set()  # a function that sends twice blocks once per call
        for call in ctx.calls():
            if call.kind is ClientKind.PIPELINES or call.method in _LOCAL_METHODS:
                continue  # Pipelines only puts the event on an in-memory queue
            if call.via is not None and call.via.is_async:
                continue  # a coroutine function's own blocking calls are reported in it
            function = call.context.function
            if function is None or not function.is_async or id(call.node) in reported:
                continue
            if model.runs_in_thread(call):
                continue
            reported.add(id(call.node))
            ctx.report(
                self,
                call.node,
                f"`{clip(model.callee_text(call), 30)}` blocks the event loop of `async def "
                f"{clip(function.name, 30)}` until Customer.io answers (up to 10 s a try)",
                correct=model.awaitable_rewrite(call),
                anchor=call.node,
                wrong=model.code(call.node).splitlines()[0],
                via=call.via,
            )


RULE = BlockingCallInAsync()
