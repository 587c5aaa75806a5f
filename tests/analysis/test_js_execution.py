"""The JavaScript frontend's answers about execution context: which functions a framework
calls, what becomes of each SDK promise, and what runs once per item."""

from __future__ import annotations

import pytest

from cio_lint.analysis.execution import BurstKind, EntryRole
from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.model import ModuleModel
from cio_lint.core.config import Config

HEADER = (
    'import { TrackClient } from "customerio-node";\n'
    "const cio = new TrackClient(siteId, apiKey);\n"
)


def model_of(body: str, path: str = "src/example.ts") -> ModuleModel:
    return JAVASCRIPT.analyse(HEADER + body, Config(), path=path)


def roles(model: ModuleModel) -> dict[str, EntryRole | None]:
    """Each SDK call's method and customer id text -> the role of its entry point."""
    found = {}
    for call in model.sdk_calls():
        entry = model.enclosing_entry_point(call.context.function)
        key = model.code(call.customer_id) if call.customer_id is not None else call.method
        found[key] = entry.role if entry is not None else None
    return found


@pytest.mark.parametrize(
    ("body", "path", "role"),
    [
        ('app.post("/x", async (req, res) => { await cio.track("a", {name: "n"}); });',
         "src/server.ts", EntryRole.ROUTE),
        ('router.route("/x").put(async (req, res) => { await cio.track("a", {name: "n"}); });',
         "src/server.ts", EntryRole.ROUTE),
        ('app.use(async (ctx, next) => { await cio.track("a", {name: "n"}); });',
         "src/server.ts", EntryRole.ROUTE),
        ('export default async function handler(req, res) { await cio.track("a", {name: "n"}); }',
         "pages/api/signup.ts", EntryRole.SERVERLESS),
        ('export async function POST(req) { await cio.track("a", {name: "n"}); }',
         "src/app/api/signup/route.ts", EntryRole.SERVERLESS),
        ('export const handler = async (event) => { await cio.track("a", {name: "n"}); };',
         "src/lambda.ts", EntryRole.SERVERLESS),
        ('import { Worker } from "bullmq";\n'
         'new Worker("q", async (job) => { await cio.track("a", {name: "n"}); });',
         "src/worker.ts", EntryRole.TASK),
        ('import { program } from "commander";\n'
         'program.command("sync").action(async () => { await cio.track("a", {name: "n"}); });',
         "src/cli.ts", EntryRole.CLI),
    ],
)
def test_entry_points_are_recognised_from_clear_signals(
    body: str, path: str, role: EntryRole
) -> None:
    assert roles(model_of(body, path)) == {'"a"': role}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        # A function named ``handler`` that takes no event, outside a route file.
        ('export async function handler(payload) { await cio.track("a", {name: "n"}); }',
         "src/lib/events.ts"),
        # A default export outside pages/api; an HTTP-named export outside route.ts.
        ('export default async function handler(req, res) { await cio.track("a", {name: "n"}); }',
         "src/components/handler.ts"),
        ('export async function POST(req) { await cio.track("a", {name: "n"}); }',
         "src/app/api/signup/helpers.ts"),
        # ``get`` without a path is a cache read, not a route.
        ('cache.get(async () => { await cio.track("a", {name: "n"}); });', "src/cache.ts"),
        ('emitter.onCreate(async () => { await cio.track("a", {name: "n"}); });', "src/x.ts"),
    ],
)
def test_look_alikes_are_not_entry_points(body: str, path: str) -> None:
    assert roles(model_of(body, path)) == {'"a"': None}


def handled(body: str) -> dict[str, bool]:
    model = model_of(f'app.post("/x", async (req, res) => {{\n{body}\n}});', "src/server.ts")
    return {model.code(c.customer_id): model.sdk_errors_handled(c)
            for c in model.sdk_calls() if c.customer_id is not None}


def test_errors_are_handled_by_a_catch_that_does_not_rethrow() -> None:
    assert handled(
        'try { await cio.track("a", {name: "n"}); } catch (e) { next(e); }\n'
        'try { await cio.track("b", {name: "n"}); } catch (e) { log(e); throw e; }\n'
        'await cio.track("c", {name: "n"}).catch(() => {});\n'
        'await cio.track("d", {name: "n"}).then(ok, failed);\n'
        'await cio.track("e", {name: "n"}).then(ok);\n'
        'try { await run(() => cio.track("f", {name: "n"})); } catch (e) { log(e); }\n'
    ) == {'"a"': True, '"b"': False, '"c"': True, '"d"': True, '"e"': False, '"f"': True}


def test_floating_calls_are_those_nobody_awaits_returns_or_catches() -> None:
    model = model_of(
        'export async function f(id) {\n'
        '  cio.track("a", {name: "n"});\n'
        '  void cio.track("b", {name: "n"});\n'
        '  cio.track("c", {name: "n"}).catch(log);\n'
        '  await Promise.all([cio.track("d", {name: "n"})]);\n'
        '  const kept = cio.track("e", {name: "n"});\n'
        '  try { cio.track("g", {name: "n"}); } catch (e) {}\n'
        '  return cio.track("h", {name: "n"});\n'
        "}\n"
    )
    floating = [model.code(c.customer_id) for c in model.floating_calls()
                if c.customer_id is not None]
    assert floating == ['"a"', '"b"', '"g"']


def test_cdp_calls_never_float() -> None:
    model = JAVASCRIPT.analyse(
        'import { Analytics } from "@customerio/cdp-analytics-node";\n'
        "const analytics = new Analytics({ writeKey });\n"
        'analytics.track({ userId: "a", event: "E" });\n',
        Config(),
        path="src/x.ts",
    )
    assert [c.method for c in model.sdk_calls()] == ["track"]
    assert model.floating_calls() == []


def test_bursts_by_kind_with_pacing_and_literal_handfuls() -> None:
    model = model_of(
        "export async function f(rows, chunks) {\n"
        '  for (const r of rows) cio.track(r.id, {name: "loop"});\n'
        '  rows.forEach(async (r) => { await cio.track(r.id, {name: "each"}); });\n'
        '  await Promise.all(rows.map((r) => cio.track(r.id, {name: "map"})));\n'
        '  await Promise.all(["a", "b"].map((id) => cio.track(id, {name: "few"})));\n'
        "  for (const c of chunks) {\n"
        '    await Promise.all(c.map((r) => cio.track(r.id, {name: "paced"})));\n'
        "    await sleep(1000);\n"
        "  }\n"
        '  await Promise.all(rows.map((r) => limit(() => cio.track(r.id, {name: "lim"}))));\n'
        "}\n"
    )
    found = [(b.kind, b.small, b.paced) for b in model.concurrent_bursts()]
    assert found == [
        (BurstKind.UNAWAITED_LOOP, False, False),
        (BurstKind.FOR_EACH_ASYNC, False, False),
        (BurstKind.PROMISE_ALL_MAP, False, False),
        (BurstKind.PROMISE_ALL_MAP, True, False),
        (BurstKind.PROMISE_ALL_MAP, False, True),
    ]


def test_loops_small_and_paced() -> None:
    model = model_of(
        "export async function f(rows) {\n"
        '  for (const n of ["a", "b", "c"]) await cio.track("x", {name: n});\n'
        '  for (let i = 0; i < 3; i++) await cio.track("y", {name: "n"});\n'
        '  for (const r of rows) { await cio.track(r.id, {name: "n"}); await setTimeout(10); }\n'
        '  while (more()) await cio.track("z", {name: "n"});\n'
        "}\n"
    )
    loops = [(model.loop(c.context.loops[-1]).small,
              model.loop_is_paced(c.context.loops[-1], c)) for c in model.sdk_calls()]
    assert loops == [(True, False), (True, False), (False, True), (False, False)]


def test_no_node_call_blocks_an_event_loop() -> None:
    model = model_of('export async function f() { await cio.track("a", {name: "n"}); }')
    assert all(model.runs_in_thread(call) for call in model.sdk_calls())
