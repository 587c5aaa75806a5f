"""Whole-program analysis of JavaScript/TypeScript: a client or a wrapper defined in one
module and used from another is seen there as the SDK call it makes."""

from __future__ import annotations

import pytest

from cio_lint.analysis.javascript.model import JavaScriptModel
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.summaries import FunctionSummary

from .js_project import linked

CLIENT = (
    'import { TrackClient } from "customerio-node";\n'
    "export const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_KEY!);\n"
)


def sdk_calls(model: JavaScriptModel) -> list[tuple[int, str]]:
    return [(call.node.start_point[0] + 1, call.method)  # type: ignore[attr-defined]
            for call in model.sdk_calls()]


def text(model: JavaScriptModel, call: SdkCall, name: str) -> str | None:
    value = call.bound.args.get(name) or call.bound.extra.get(name)
    return model.code(value.value) if value is not None else None


@pytest.mark.parametrize(
    ("files", "use"),
    [
        ({"src/lib/customerio.ts": CLIENT},
         'import { cio } from "../lib/customerio";\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": CLIENT},
         'import { cio as client } from "@/lib/customerio";\nclient.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": CLIENT},
         'import * as tracking from "~/lib/customerio.js";\n'
         'tracking.cio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": 'import { TrackClient } from "customerio-node";\n'
          'const cio = new TrackClient("a", "b");\nexport default cio;\n'},
         'import cio from "../lib/customerio";\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.js": 'const { TrackClient } = require("customerio-node");\n'
          'const cio = new TrackClient("a", "b");\nmodule.exports = { cio };\n'},
         'const { cio } = require("../lib/customerio");\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.js": 'const { TrackClient } = require("customerio-node");\n'
          'module.exports = new TrackClient("a", "b");\n'},
         'import cio from "../lib/customerio";\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": CLIENT, "src/lib/index.ts": 'export * from "./customerio";\n'},
         'import { cio } from "../lib";\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": CLIENT,
          "src/lib/index.ts": 'export { cio as client } from "./customerio";\n'},
         'import { client } from "@/lib";\nclient.track("u", { name: "x" });\n'),
        ({"src/lib/customer-io.ts": CLIENT, "src/lib/index.ts": 'export * from "./customer-io";\n'},
         'import { cio } from "../lib/index.js";\ncio.track("u", { name: "x" });\n'),
        ({"src/lib/customerio.ts": 'import { TrackClient } from "customerio-node";\n'
          "let client: TrackClient | null = null;\n"
          "export function getCio(): TrackClient {\n"
          '  if (!client) client = new TrackClient("a", "b");\n  return client;\n}\n'},
         'import { getCio } from "../lib/customerio";\ngetCio().track("u", { name: "x" });\n'),
    ],
    ids=["named", "alias", "namespace", "default", "commonjs", "module-exports-value",
         "export-star", "export-from", "dashed-name", "factory"],
)
def test_a_client_of_another_module_makes_sdk_calls(files: dict[str, str], use: str) -> None:
    models = linked({**files, "src/app/route.ts": use})
    assert sdk_calls(models["src/app/route.ts"]) == [(2, "track")]


def test_a_name_the_module_does_not_export_is_no_client() -> None:
    models = linked({
        "src/lib/customerio.ts": CLIENT,
        "src/lib/index.ts": 'export * from "./customerio";\n',
        "src/app/route.ts": 'import { analytics } from "../lib";\nanalytics.track("u", {});\n',
    })
    assert sdk_calls(models["src/app/route.ts"]) == []


WRAPPERS = CLIENT + (
    "export function trackEvent(userId: string, name: string, when?: number) {\n"  # 3
    "  return cio.track(userId, { name, timestamp: when });\n"
    "}\n"
    "export const identifyUser = ({ id, plan }: { id: string; plan: string }) =>\n"  # 6
    "  cio.identify(id, { plan });\n"
    "export const cioService = {\n"  # 8
    "  async trackAnonymous(anonymousId: string, name: string) {\n"
    "    return cio.trackAnonymous(anonymousId, { name });\n"
    "  },\n"
    "};\n"
    "export function upsert(id: string, attrs: Record<string, unknown>) {\n"  # 13
    "  return cio.identify(id, { ...attrs, updated: true });\n"
    "}\n"
    "export function safeTrack(id: string, name: string) {\n"  # 16
    "  return cio.track(id, { name }).catch(() => undefined);\n"
    "}\n"
)


def test_calls_of_wrappers_are_sdk_calls_with_the_callers_arguments() -> None:
    route = linked({
        "src/lib/customerio.ts": WRAPPERS,
        "src/app/route.ts": (
            'import { trackEvent, identifyUser, cioService, upsert } from "@/lib/customerio";\n'
            "export async function POST(user: { id: string; plan: string }) {\n"
            '  await trackEvent(user.id, "Signed Up", Date.now());\n'
            "  await identifyUser({ id: user.id, plan: user.plan });\n"
            '  await cioService.trackAnonymous("anon-1", "Visited");\n'
            '  await upsert(user.id, { plan: "pro", password: "x" });\n'
            "}\n"
        ),
    })["src/app/route.ts"]
    calls = route.wrapper_calls()
    assert [(c.node.start_point[0] + 1, c.method, c.written) for c in calls] == [  # type: ignore[attr-defined]
        (3, "track", "track"),
        (4, "identify", "identify"),
        (5, "track_anonymous", "trackAnonymous"),
        (6, "identify", "identify"),
    ]
    track, identify, anonymous, upsert = calls
    assert (text(route, track, "customer_id"), text(route, track, "name"),
            text(route, track, "timestamp")) == ("user.id", '"Signed Up"', "Date.now()")
    assert (text(route, identify, "id"), text(route, identify, "plan")) == (
        "user.id", "user.plan")
    assert text(route, anonymous, "name") == '"Visited"'
    assert (text(route, upsert, "plan"), text(route, upsert, "password")) == ('"pro"', '"x"')
    assert [link.text for link in track.via.chain] == ["trackEvent()", "cio.track"]  # type: ignore[union-attr]
    assert track.via is not None and track.via.chain[1].start.line == 4
    assert track.via.chain[1].path == "src/lib/customerio.ts"
    assert track.via.is_async and track.via.escapes and not track.via.local


def test_errors_caught_in_the_wrapper_do_not_escape_it() -> None:
    route = linked({
        "src/lib/customerio.ts": WRAPPERS,
        "src/app/route.ts": 'import { safeTrack, trackEvent } from "../lib/customerio";\n'
                            'safeTrack("u", "x");\n'
                            "try { trackEvent('u', 'y'); } catch (error) { report(error); }\n",
    })["src/app/route.ts"]
    assert [c.via.escapes for c in route.wrapper_calls()] == [False, True]  # type: ignore[union-attr]


def test_a_wrapper_of_a_wrapper_in_a_commonjs_module() -> None:
    models = linked({
        "src/lib/customerio.ts": WRAPPERS,
        "src/jobs/notify.js": (
            'const { trackEvent } = require("../lib/customerio");\n'
            "async function notify(userId) {\n"
            '  await trackEvent(userId, "digest_sent");\n'
            "}\n"
            "module.exports = { notify };\n"
        ),
        "src/workers/digest.mjs": (
            'import { notify } from "../jobs/notify.js";\n'
            "for (const id of ids) {\n  await notify(id);\n}\n"
        ),
    })
    worker = models["src/workers/digest.mjs"]
    [call] = worker.wrapper_calls()
    assert call.method == "track" and text(worker, call, "customer_id") == "id"
    assert call.context.loops  # the caller's loop
    assert [link.text for link in call.via.chain] == [  # type: ignore[union-attr]
        "notify()", "trackEvent()", "cio.track"]


def test_local_functions_and_methods_are_followed_in_their_own_module() -> None:
    model = linked({"src/lib/customerio.ts": WRAPPERS + (
        "export class Tracker {\n"
        "  event(id: string) { return cio.track(id, { name: 'x' }); }\n"
        "  run(id: string) { return this.event(id); }\n"
        "}\n"
        "trackEvent('u', 'y');\n"
    )})["src/lib/customerio.ts"]
    calls = model.wrapper_calls()
    assert [(c.node.start_point[0] + 1, c.method, c.via.local) for c in calls] == [  # type: ignore[attr-defined,union-attr]
        (21, "track", True), (23, "track", True)]


def test_summaries_are_exported_under_the_names_other_modules_use() -> None:
    exports = linked({"src/lib/customerio.js": (
        'const { TrackClient } = require("customerio-node");\n'
        'const cio = new TrackClient("a", "b");\n'
        "function record(id) { return cio.track(id, { name: 'x' }); }\n"
        "module.exports = { track: record, async identify(id) { return cio.identify(id, {}); } };\n"
    )})["src/lib/customerio.js"].exports()
    assert isinstance(exports["track"], FunctionSummary)
    assert isinstance(exports["identify"], FunctionSummary)
    assert [op.method for op in exports["identify"].operations] == ["identify"]


def test_functions_that_never_reach_the_sdk_are_no_wrappers() -> None:
    route = linked({
        "src/lib/format.ts": "export function track(id: string) { return id.trim(); }\n",
        "src/app/route.ts": 'import { track } from "../lib/format";\ntrack("u");\n',
    })["src/app/route.ts"]
    assert route.wrapper_calls() == [] and route.sdk_calls() == []


def test_a_wrapper_that_waits_paces_the_loop_that_calls_it() -> None:
    exports = linked({"src/lib/customerio.ts": CLIENT + (
        'import { setTimeout as sleep } from "node:timers/promises";\n'
        "export async function paced(id: string) {\n"
        "  await sleep(100);\n"
        "  return cio.track(id, { name: 'x' });\n"
        "}\n"
        "export const unpaced = (id: string) => cio.track(id, { name: 'x' });\n"
    )})["src/lib/customerio.ts"].exports()
    paced, unpaced = exports["paced"], exports["unpaced"]
    assert isinstance(paced, FunctionSummary) and isinstance(unpaced, FunctionSummary)
    assert (paced.paces, unpaced.paces) == (True, False)
    assert paced.is_async and unpaced.is_async  # a Node SDK call returns a promise


TRACKER = CLIENT + (
    "export class CioTracker {\n"
    "  event(id: string, name: string) { return cio.track(id, { name }); }\n"
    "}\n"
    "export const tracker = new CioTracker();\n"
)


@pytest.mark.parametrize("use", [
    'import { tracker } from "../lib/customerio";\ntracker.event(user.id, "x");\n',
    'import { CioTracker } from "../lib/customerio";\nnew CioTracker().event(user.id, "x");\n',
    'import { CioTracker } from "../lib/customerio";\nconst t = new CioTracker();\n'
    't.event(user.id, "x");\n',
    'const { tracker } = require("../lib/customerio");\ntracker.event(user.id, "x");\n',
])
def test_methods_of_a_project_class_are_wrappers_through_its_objects(use: str) -> None:
    route = linked({"src/lib/customerio.ts": TRACKER, "src/app/route.ts": use})[
        "src/app/route.ts"]
    [call] = route.wrapper_calls()
    assert (call.method, text(route, call, "customer_id")) == ("track", "user.id")
    assert [link.text for link in call.via.chain][1:] == ["cio.track"]  # type: ignore[union-attr]


def test_exports_assigned_one_by_one_are_wrappers() -> None:
    route = linked({
        "src/lib/customerio.js": (
            'const { TrackClient } = require("customerio-node");\n'
            'const cio = new TrackClient("a", "b");\n'
            "exports.trackEvent = function (id, name) { return cio.track(id, { name }); };\n"
        ),
        "src/app/route.js": 'const customerio = require("../lib/customerio");\n'
                            'customerio.trackEvent(user.id, "x");\n',
    })["src/app/route.js"]
    assert [c.method for c in route.wrapper_calls()] == ["track"]


def test_functions_gathered_in_an_exported_object_are_wrappers() -> None:
    route = linked({
        "src/lib/customerio.ts": CLIENT + (
            "function trackEvent(id: string, name: string) {\n"
            "  return cio.track(id, { name });\n"
            "}\n"
            "export default { trackEvent, record: trackEvent };\n"
        ),
        "src/app/route.ts": 'import customerio from "../lib/customerio";\n'
                            'customerio.trackEvent(user.id, "x");\n'
                            'customerio.record(user.id, "y");\n',
    })["src/app/route.ts"]
    assert [(c.method, text(route, c, "name")) for c in route.wrapper_calls()] == [
        ("track", '"x"'), ("track", '"y"')]


NOTIFY = (
    "function notify(client, id) {\n"
    '  return client.track(id, { name: "notified" });\n'
    "}\n"
    "module.exports = { notify };\n"
)


def test_a_parameter_every_caller_fills_with_a_client_is_a_client() -> None:
    models = linked({
        "src/lib/customerio.ts": CLIENT,
        "src/lib/notify.js": NOTIFY,
        "src/jobs/nightly.js": (
            'const { cio } = require("../lib/customerio");\n'
            'const { notify } = require("../lib/notify");\n'
            "for (const id of ids) {\n  notify(cio, id);\n}\n"
        ),
    })
    assert sdk_calls(models["src/lib/notify.js"]) == [(2, "track")]
    [call] = models["src/jobs/nightly.js"].wrapper_calls()
    assert call.method == "track" and call.context.loops


def test_one_caller_passing_something_else_keeps_the_parameter_unknown() -> None:
    models = linked({
        "src/lib/customerio.ts": CLIENT,
        "src/lib/notify.js": NOTIFY,
        "src/jobs/nightly.js": (
            'const { cio } = require("../lib/customerio");\n'
            'const Mixpanel = require("mixpanel");\n'
            'const { notify } = require("../lib/notify");\n'
            'notify(cio, "u");\nnotify(Mixpanel.init("token"), "u");\n'
        ),
    })
    assert sdk_calls(models["src/lib/notify.js"]) == []
    assert models["src/jobs/nightly.js"].wrapper_calls() == []


def test_keys_of_a_destructured_parameter_are_followed_through_a_wrapper_of_it() -> None:
    models = linked({
        "src/lib/customerio.ts": WRAPPERS,
        "src/lib/signup.ts": (
            'import { identifyUser } from "./customerio";\n'
            "export function signup(userId: string, tier: string) {\n"
            "  return identifyUser({ id: userId, plan: tier });\n"
            "}\n"
        ),
        "src/app/route.ts": 'import { signup } from "../lib/signup";\n'
                            'signup(user.id, "pro");\n',
    })
    route = models["src/app/route.ts"]
    [call] = route.wrapper_calls()
    assert (text(route, call, "id"), text(route, call, "plan")) == ("user.id", '"pro"')
    assert [link.text for link in call.via.chain] == [  # type: ignore[union-attr]
        "signup()", "identifyUser()", "cio.identify"]
