"""CIO606 floating-promise: a Customer.io request whose failure nothing will ever see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall


class FloatingPromise(Rule):
    code = "CIO606"
    name = "floating-promise"
    severity = Severity.WARNING
    summary = (
        "Node: a Track/App SDK promise that is neither awaited, returned, collected by an "
        "awaited Promise.all/allSettled, nor given a rejection handler."
    )
    why = (
        "Every customerio-node Track and App call returns a promise that rejects on a 4xx, "
        "a 5xx or a network error. Left floating, the rejection is an unhandled rejection, "
        "which ends a Node 15+ process (exit code 1) in the middle of whatever else it was "
        "serving; a `try` around the call does not catch it, because the call returns "
        "before the request fails. In a serverless handler that returns first, the request "
        "may never be sent at all: the runtime freezes or ends the process. Await the call "
        "inside a `try`, return it to a caller that awaits it, collect it into an awaited "
        "`Promise.allSettled`, or give it a `.catch`. The CDP `Analytics` client's calls "
        "return nothing and queue their events, so they are never reported; neither is a "
        "call of a project function that catches the SDK's errors itself. Python code "
        "never gets this finding: the Python SDK's calls are synchronous and return no "
        "promise, so a failure raises where the call is made (see CIO601). The examples "
        "are TypeScript for that reason. `void cio.track(...)` is reported too: it says the "
        "promise is ignored on purpose, but its rejection still ends the process. A call "
        "started un-awaited once per item of a bulk loop (`rows.forEach((r) => "
        "cio.track(...))`) is reported once, by CIO607."
    )
    example_language = "typescript"
    wrong_example = (
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(siteId, apiKey);\n\n"
        "app.post('/signup', async (req, res) => {\n"
        "  const user = await createUser(req.body);\n"
        "  cio.identify(user.id, { email: user.email });\n"
        "  res.redirect('/welcome');\n"
        "});\n"
    )
    correct_example = (
        "import { TrackClient } from 'customerio-node';\n\n"
        "const cio = new TrackClient(siteId, apiKey);\n\n"
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
        "`await` the call inside a `try`, or add "
        "`.catch((err) => logger.warn('Customer.io call failed', err))`"
    )

    def check(self, ctx: LintContext) -> None:
        # A call started un-awaited per item of a bulk loop is CIO607's: one finding.
        from cio_lint.analysis.execution import unpaced_burst

        bursts = {id(b.call.node) for b in ctx.model.concurrent_bursts() if unpaced_burst(b)}
        for call in ctx.model.floating_calls():
            if call.via is not None and not call.via.escapes:
                continue  # the project function catches the SDK's errors itself
            if id(call.node) in bursts:
                continue
            self._report(ctx, call)

    def _report(self, ctx: LintContext, call: SdkCall) -> None:
        ctx.report(
            self,
            call.node,
            f"`{clip(ctx.model.callee_text(call), 30)}` returns a promise nothing awaits or "
            "catches: a rejection ends the process (Node 15+)",
            anchor=call.node,
            wrong=ctx.model.code(call.node).splitlines()[0],
            via=call.via,
        )


RULE = FloatingPromise()
