"""CIO106 client-per-call: a client built on every call instead of once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.clients import PerCallConstruction
    from cio_lint.analysis.records import SdkCall


class ClientPerCall(Rule):
    code = "CIO106"
    name = "client-per-call"
    severity = Severity.WARNING
    summary = (
        "A `CustomerIO`, `APIClient` or `analytics.Client` built inside a function that runs "
        "per call (a view, a task, a handler) instead of once (Node: the CDP `Analytics` "
        "client only)."
    )
    why = (
        "Each client owns a pooled `requests` session with TCP keep-alive. Built per call, "
        "every request pays a new TCP and TLS handshake to Customer.io, the old session is "
        "never closed, and under load sockets and latency climb. A Pipelines "
        "`analytics.Client` is worse: each one starts its own background consumer thread and "
        "queue, so threads pile up and events still queued when the client is dropped are lost "
        "unless it is flushed. Not reported: module level, class bodies, `__init__` and other "
        "once-per-object methods (`__post_init__`, `__enter__`, Flask `init_app`, Django "
        "`ready`, test `setUp`), entry points (`main`, `create_app`, click commands, a Django "
        "management command's `handle`), cached factories "
        "(`functools.cache`/`lru_cache`, `cached_property`, pytest fixtures), lazy singletons "
        "that check a global or attribute before building (`if _client is None: ...`), "
        "`with CustomerIO(...) as cio:` blocks, parameter defaults (built once, when the "
        "`def` runs), and factories whose same-module callers are all of those. Also "
        "through project classes whose `__init__` builds a client, created per call (the "
        "finding names the chain). "
        "In Node only the CDP `Analytics` client counts: each one "
        "starts its own event queue and flush timer, while `TrackClient`, `APIClient` and "
        "`PipelinesClient` hold no pool and cost nothing to build per call. A function that "
        "awaits `closeAndFlush()` itself (the serverless pattern), lazy singletons "
        "(`client ??= new Analytics(...)`), constructors, `main` and test files are not "
        "reported."
    )
    wrong_example = (
        "from customerio import CustomerIO, Regions\n\n"
        "def signup_view(request):\n"
        "    cio = CustomerIO(settings.CIO_SITE_ID, settings.CIO_TRACK_KEY, region=Regions.EU)\n"
        "    cio.identify(id=request.user.id, email=request.user.email)\n"
    )
    correct_example = (
        "from customerio import CustomerIO, Regions\n\n"
        "cio = CustomerIO(settings.CIO_SITE_ID, settings.CIO_TRACK_KEY, region=Regions.EU)\n\n"
        "def signup_view(request):\n"
        "    cio.identify(id=request.user.id, email=request.user.email)\n"
    )
    node_wrong_example = (
        'import { Analytics } from "@customerio/cdp-analytics-node";\n\n'
        "export async function POST(req: Request) {\n"
        "  const analytics = new Analytics({ writeKey: process.env.CIO_WRITE_KEY! });\n"
        '  analytics.track({ userId: "42", event: "signed_up" });\n'
        '  return new Response("ok");\n'
        "}\n"
    )
    node_correct_example = (
        'import { Analytics } from "@customerio/cdp-analytics-node";\n\n'
        "const analytics = new Analytics({ writeKey: process.env.CIO_WRITE_KEY! });\n\n"
        "export async function POST(req: Request) {\n"
        '  analytics.track({ userId: "42", event: "signed_up" });\n'
        '  return new Response("ok");\n'
        "}\n"
    )
    correct_pattern = (
        "create the client once (module level or a @functools.cache factory) and reuse it"
    )

    def check(self, ctx: LintContext) -> None:
        for call in [*ctx.model.constructions(), *ctx.model.wrapper_constructions()]:
            if call.context.function is None:
                continue
            verdict = ctx.model.per_call_construction(call)
            if verdict is not None:
                self._report(ctx, call, verdict)

    def _report(self, ctx: LintContext, call: SdkCall, verdict: PerCallConstruction) -> None:
        # Through a project class, the client is named by its class: the call is the chain's.
        client = call.method if call.via is not None else ctx.model.constructor_text(call)
        name = verdict.function.name
        where = f"`{clip(name, 30)}()`" if name else "the enclosing callback"
        if verdict.factory is not None and verdict.caller_node is not None:
            caller = verdict.caller
            line = ctx.span(verdict.caller_node)[0].line
            who = f"`{clip(caller.name, 30)}()`" if caller is not None else "the module"
            repeat = f"per call of {where} (by {who}, line {line})"
        elif verdict.per_request:
            repeat = f"per request ({where} stores it per request)"
        elif verdict.accessor:
            repeat = f"per access of the property {where}"
        else:
            repeat = f"each time {where} runs"
        cost = ctx.model.construction_cost_text(call)
        ctx.report(
            self,
            call.node,
            f"`{client}(...)` built {repeat}: {cost}",
            correct=ctx.model.build_once_text(call, verdict),
            anchor=call.node,
            wrong=ctx.model.code(call.node).splitlines()[0],
            via=call.via,
        )


RULE = ClientPerCall()
