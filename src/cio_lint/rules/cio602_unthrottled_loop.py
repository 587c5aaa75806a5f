"""CIO602 unthrottled-loop: one API request per loop iteration with nothing pacing it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.execution import Loop
    from cio_lint.analysis.records import SdkCall


class UnthrottledLoop(Rule):
    code = "CIO602"
    name = "unthrottled-loop"
    severity = Severity.WARNING
    summary = "identify/track/send_* called once per loop iteration with no throttle or batch()."
    why = (
        "Each call is one HTTP request. A loop over all users (a backfill, a nightly sync, a "
        "bulk send) runs as fast as the network allows and passes Customer.io's fair-use "
        "limit of about 100 requests per second (transactional sends: 100/s, most App API "
        "endpoints 10/s). Customer.io answers 429, which the SDK does not retry without a "
        "Retry-After header and raises as `CustomerIOException`, so the job dies half done; "
        "sustained overload can get the integration blocked. Send Track operations in chunks "
        "through `batch()` (one request per up to 500 KB), or pace the loop with a rate "
        "limiter. Such a call in a view or task is reported here only, not also by CIO601: "
        "wrapping each iteration in a `try` would turn the aborted run into silently lost "
        "updates. Also through project functions that send, called per item (the finding "
        "names the chain). Calls a thread pool starts per item (`executor.map`, `submit` "
        "in a loop) are many requests at once, reported by CIO607 instead; a pool of one "
        "worker runs them one after another and is reported here. In Node: an awaited "
        "call in a `for`, `for...of`, `while` or `do` loop with no awaited sleep "
        "(`setTimeout` of `node:timers/promises`, a `new Promise` around `setTimeout`), "
        "no rate limiter (Bottleneck's `schedule`, p-limit, p-queue) and no `batch()` "
        "(customerio-node 5+); 5.x `PipelinesClient` sends each call itself and counts too, "
        "while the CDP client queues and batches. Un-awaited calls in a loop are CIO607's."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "for user in User.objects.all():\n"
        "    cio.identify(id=user.id, email=user.email, plan=user.plan)\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "for chunk in chunked(User.objects.all(), 500):\n"
        "    cio.batch([\n"
        '        {"type": "person", "identifiers": {"id": user.id}, "action": "identify",\n'
        '         "attributes": {"email": user.email, "plan": user.plan}}\n'
        "        for user in chunk\n"
        "    ])\n"
    )
    node_wrong_example = (
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "for (const user of await db.users.findMany()) {\n"
        "  await cio.identify(user.id, { email: user.email, plan: user.plan });\n"
        "}\n"
    )
    node_correct_example = (
        "import { setTimeout } from 'node:timers/promises';\n"
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "for (const user of await db.users.findMany()) {\n"
        "  await cio.identify(user.id, { email: user.email, plan: user.plan });\n"
        "  await setTimeout(10); // at most 100 requests/s\n"
        "}\n"
    )
    correct_pattern = (
        "send the operations in chunks through `cio.batch([...])`, or pace the loop with a "
        "rate limiter (e.g. `time.sleep(0.01)` per iteration)"
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.execution import sequential_pool, unpaced_bulk_loop

        reported: set[int] = set()  # a function that sends twice is one request per item
        bursts = ctx.model.concurrent_bursts()
        # A pool's calls are CIO607's, except a pool of one worker: a sequential loop.
        concurrent = {id(b.call.node) for b in bursts if not sequential_pool(b)}
        sequential = [b.call for b in bursts if sequential_pool(b)]
        for call in [*ctx.calls(), *sequential]:
            if id(call.node) in concurrent:
                continue
            loop = unpaced_bulk_loop(ctx.model, call)
            if loop is not None and id(call.node) not in reported:
                reported.add(id(call.node))
                self._report(ctx, call, loop)

    def _report(self, ctx: LintContext, call: SdkCall, loop: Loop) -> None:
        from cio_lint.analysis.execution import LoopKind

        line = ctx.span(loop.node)[0].line
        # A function handed to a pool's ``map`` is quoted with the map that runs it.
        quoted = loop.node if loop.kind is LoopKind.MAP else call.node
        ctx.report(
            self,
            call.node,
            f"`{clip(ctx.model.callee_text(call), 30)}` runs per iteration of the "
            f"{loop.description} (line {line}), unpaced: 429s past 100/s",
            correct=_batch_rewrite(ctx, call, loop) or _pattern(ctx, call),
            anchor=quoted,
            wrong=ctx.model.code(quoted).splitlines()[0],
            via=call.via,
        )


def _batch_rewrite(ctx: LintContext, call: SdkCall, loop: Loop) -> str | None:
    """One ``batch()`` call for a loop that only identifies or tracks, when derivable (or
    the model's own advice for its language)."""
    if call.via is not None:
        return None  # a wrapper's payload is unseen
    return ctx.model.batch_rewrite(call, loop.node)


def _pattern(ctx: LintContext, call: SdkCall) -> str:
    """The advice for this client: Track calls can batch, App sends can only be paced."""
    from cio_lint.core.client_kinds import ClientKind

    if call.kind is ClientKind.TRACK and call.receiver is not None:
        receiver = ctx.model.code(call.receiver).strip()
        return (
            f"send the operations in chunks through `{receiver}.batch([...])`, or pace the "
            "loop with a rate limiter (e.g. `time.sleep(0.01)` per iteration)"
        )
    return (
        "pace the loop with a rate limiter under 100 sends/s (a token bucket, or "
        "`time.sleep(0.01)` per iteration)"
    )


RULE = UnthrottledLoop()
