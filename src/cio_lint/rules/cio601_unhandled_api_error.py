"""CIO601 unhandled-api-error: a Customer.io failure that crashes a request or a task."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.execution import EntryPoint, EntryRole
    from cio_lint.analysis.records import SdkCall

#: Methods that never reach the network.
_LOCAL_METHODS = frozenset({"close"})


@cache
def _consequence() -> dict[EntryRole, str]:
    from cio_lint.analysis.execution import EntryRole

    return {
        EntryRole.VIEW: "becomes a 500",
        EntryRole.ROUTE: "becomes a 500",
        EntryRole.TASK: "fails the task",
        EntryRole.SERVERLESS: "fails the invocation",
    }


class UnhandledApiError(Rule):
    code = "CIO601"
    name = "unhandled-api-error"
    severity = Severity.WARNING
    summary = (
        "A Track/App call in a view, route, task or cloud function whose error nothing "
        "catches (Python: CustomerIOException; Node: a rejected promise)."
    )
    why = (
        "Every Track and App API call raises `CustomerIOException` on a non-2xx answer, on a "
        "validation error and after its retries on a timeout or connection error. Unhandled "
        "in a request handler, a Customer.io outage or a 4xx for one bad attribute becomes a "
        "500 for your user, often after the request already did its real work (the sign-up "
        "succeeded, the page says it failed); in a task it fails the job. Catch it, log it "
        "without the message text (it contains the payload) and carry on or retry later. "
        "A call sent once per item of an unpaced bulk loop or thread pool is left to CIO602 "
        "or CIO607: there the exception is usually a 429 that the loop provoked, and "
        "catching it per item would only drop those updates silently; pace or batch the "
        "loop first. In Node, an awaited Track, App or 5.x `PipelinesClient` call (or one "
        "returned to the framework; the CDP client's calls never reject) in an "
        "Express, Koa or Fastify route, a Next.js API route, route handler or server "
        "action, a Lambda handler, a Firebase function or a BullMQ, Bull or SQS worker is "
        "reported when no `try`/`catch` that does not rethrow surrounds it and no `.catch` "
        "is given; handing it to a function that catches and returns (`safeCioCall`) "
        "handles it, one that retries and rethrows (`withBackoff`) does not. A worker's "
        "job is retried on a throw only when it was added with `attempts`, which the "
        "worker cannot show, so a worker is judged like a task that does not retry. An "
        "un-awaited call is CIO606's."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def signup(request):\n"
        "    user = create_user(request.POST)\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        '    return redirect("welcome")\n'
    )
    correct_example = (
        "from customerio import CustomerIO, CustomerIOException\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def signup(request):\n"
        "    user = create_user(request.POST)\n"
        "    try:\n"
        "        cio.identify(id=user.id, email=user.email)\n"
        "    except CustomerIOException:\n"
        '        logger.warning("Customer.io identify failed for user %s", user.id)\n'
        '    return redirect("welcome")\n'
    )
    node_wrong_example = (
        "import express from 'express';\n"
        "import { TrackClient } from 'customerio-node';\n\n"
        "const app = express();\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "app.post('/signup', async (req, res) => {\n"
        "  const user = await createUser(req.body);\n"
        "  await cio.identify(user.id, { email: user.email });\n"
        "  res.redirect('/welcome');\n"
        "});\n"
    )
    node_correct_example = (
        "import express from 'express';\n"
        "import { TrackClient } from 'customerio-node';\n\n"
        "const app = express();\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "app.post('/signup', async (req, res) => {\n"
        "  const user = await createUser(req.body);\n"
        "  try {\n"
        "    await cio.identify(user.id, { email: user.email });\n"
        "  } catch (err) {\n"
        "    logger.warn('Customer.io identify failed for user %s', user.id);\n"
        "  }\n"
        "  res.redirect('/welcome');\n"
        "});\n"
    )
    correct_pattern = (
        "wrap the call in `try: ... except CustomerIOException: logger.warning(...)`"
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.execution import REQUEST_OR_TASK, unpaced_bulk_loop, unpaced_burst
        from cio_lint.core.client_kinds import ClientKind

        model = ctx.model
        # Calls a pool starts per item are CIO607's, as an unpaced loop's are CIO602's.
        bursts = {id(b.call.node) for b in model.concurrent_bursts() if unpaced_burst(b)}
        # A promise nothing awaits never rejects into the handler: CIO606's.
        floating = {id(c.node) for c in model.floating_calls()}
        for call in ctx.calls():
            if call.method in _LOCAL_METHODS or (
                call.kind is ClientKind.PIPELINES and model.queues_events(call)
            ):
                continue  # a queueing client reports errors to on_error and never raises
            if call.via is not None and (call.via.local or not call.via.escapes):
                # A function of this module is judged at its own SDK call, for all of
                # its callers at once; one that catches the SDK's errors is safe.
                continue
            entry = model.enclosing_entry_point(call.context.function)
            if entry is None or entry.role not in REQUEST_OR_TASK:
                continue
            if model.task_retries_sdk_errors(entry):
                continue  # ``autoretry_for=(CustomerIOException,)``: the queue handles it
            if id(call.node) in floating or model.sdk_errors_handled(call):
                continue
            if unpaced_bulk_loop(model, call) is not None or id(call.node) in bursts:
                continue  # CIO602's or CIO607's: pace or batch; a `try` would swallow 429s
            self._report(ctx, call, entry)

    def _report(self, ctx: LintContext, call: SdkCall, entry: EntryPoint) -> None:
        source = ctx.model.code(call.node)
        ctx.report(
            self,
            call.node,
            f"`{clip(ctx.model.callee_text(call), 30)}` in {entry.description} is not in a "
            f"`try`: an API error {_consequence()[entry.role]}",
            correct=ctx.model.error_handling_rewrite(call),
            anchor=call.node,
            wrong=source.splitlines()[0],
            via=call.via,
        )


RULE = UnhandledApiError()
