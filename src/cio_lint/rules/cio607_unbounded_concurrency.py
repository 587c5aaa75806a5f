"""CIO607 unbounded-concurrency: many SDK requests started at once, nothing holding them back."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.execution import BurstKind, ConcurrentBurst


#: How a message says what starts the calls, by kind of burst.
@cache
def _started() -> dict[BurstKind, str]:
    from cio_lint.analysis.execution import BurstKind

    return {
        BurstKind.POOL_MAP: "sends a request per item of",
        BurstKind.POOL_SUBMIT: "goes to a thread pool per iteration of",
        BurstKind.UNAWAITED_LOOP: "starts un-awaited per iteration of",
        BurstKind.FOR_EACH_ASYNC: "starts at once per item of",
        BurstKind.PROMISE_ALL_MAP: "starts at once per item of",
    }


#: Bursts started by a loop (the other kinds are started by one call).
@cache
def _loops() -> frozenset[BurstKind]:
    from cio_lint.analysis.execution import BurstKind

    return frozenset({BurstKind.POOL_SUBMIT, BurstKind.UNAWAITED_LOOP})


class UnboundedConcurrency(Rule):
    code = "CIO607"
    name = "unbounded-concurrency"
    severity = Severity.WARNING
    summary = (
        "An SDK call started once per item with many in flight at once: a thread pool's "
        "map/submit (Node: un-awaited calls in a loop, forEach(async), Promise.all(map))."
    )
    why = (
        "A thread pool mapping a Customer.io call over a table of users sends as many "
        "requests at a time as it has workers (the default pool has up to 32), so a "
        "backfill passes the fair-use limit of about 100 requests per second within a "
        "moment even when each request is slow. Customer.io answers 429: the Python SDK "
        "raises `CustomerIOException` for it, so those updates are lost unless the job "
        "retries them, and sustained bursts can get the integration blocked. The Node SDK "
        "(customerio-node before 5.x retries nothing) loses every 429'd update the same "
        "way when un-awaited calls in a loop, `forEach(async ...)` or "
        "`Promise.all(rows.map(...))` start them all at once. Send Track operations in "
        "chunks through `batch()`, share one rate limiter between the workers (under 100 "
        "requests/s in total), or bound the concurrency (p-limit in Node). A pool of one "
        "worker runs its items one after another: that is a loop, reported by CIO602 "
        "when nothing paces it. Also through project functions that send (the finding "
        "names the chain). In Node an un-awaited call in a bulk loop or "
        "`rows.forEach((r) => cio.track(...))` is reported here only, not also as a "
        "floating promise (CIO606) or an unhandled error (CIO601); p-limit's `limit(() => "
        "...)`, p-map's `concurrency`, Bottleneck and `for await` bound it, and a loop over "
        "chunks that pauses after each `Promise.all` paces it."
    )
    wrong_example = (
        "from concurrent.futures import ThreadPoolExecutor\n\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def sync(user):\n"
        "    cio.identify(id=user.id, plan=user.plan)\n\n"
        "with ThreadPoolExecutor(max_workers=16) as executor:\n"
        "    list(executor.map(sync, User.objects.all()))\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "for chunk in chunked(User.objects.all(), 500):\n"
        "    cio.batch([\n"
        '        {"type": "person", "identifiers": {"id": user.id}, "action": "identify",\n'
        '         "attributes": {"plan": user.plan}}\n'
        "        for user in chunk\n"
        "    ])\n"
    )
    node_wrong_example = (
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "const users = await db.users.findMany();\n"
        "await Promise.all(users.map((user) => cio.identify(user.id, { plan: user.plan })));\n"
    )
    node_correct_example = (
        "import pLimit from 'p-limit';\n"
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n"
        "const limit = pLimit(5);\n\n"
        "const users = await db.users.findMany();\n"
        "await Promise.all(\n"
        "  users.map((user) => limit(() => cio.identify(user.id, { plan: user.plan }))),\n"
        ");\n"
    )
    correct_pattern = (
        "send the operations in chunks through `cio.batch([...])`, or share one rate "
        "limiter between the workers (under 100 requests/s in total)"
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.execution import unpaced_burst

        reported: set[int] = set()  # a function that sends twice is one burst
        for burst in ctx.model.concurrent_bursts():
            if unpaced_burst(burst) and id(burst.node) not in reported:
                reported.add(id(burst.node))
                self._report(ctx, burst)

    def _report(self, ctx: LintContext, burst: ConcurrentBurst) -> None:
        call = burst.call
        line = ctx.span(burst.starter)[0].line
        # A call that starts them all is quoted whole; a loop only by the call in it.
        quoted = burst.node if burst.kind in _loops() else burst.starter
        at_once = f", {burst.workers} at once" if burst.workers else ""
        ctx.report(
            self,
            burst.node,
            f"`{clip(ctx.model.callee_text(call), 30)}` {_started()[burst.kind]} the "
            f"{burst.description} (line {line}){at_once}: 429s past 100/s",
            correct=_advice(ctx, burst),
            anchor=quoted,
            wrong=ctx.model.code(quoted).splitlines()[0],
            via=call.via,
        )


def _advice(ctx: LintContext, burst: ConcurrentBurst) -> str:
    """Track calls can batch; App sends (and a wrapper's unseen payload) can only be paced."""
    from cio_lint.core.client_kinds import ClientKind

    call = burst.call
    if call.kind is ClientKind.TRACK and call.receiver is not None:
        receiver = ctx.model.code(call.receiver).strip()
        return (
            f"send the operations in chunks through `{receiver}.batch([...])`, or share one "
            "rate limiter between the workers (under 100 requests/s in total)"
        )
    return (
        "share one rate limiter between the workers (under 100 requests/s in total), or "
        "bound the concurrency and pace each worker"
    )


RULE = UnboundedConcurrency()
