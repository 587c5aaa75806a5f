"""Whole-program analysis as a user sees it: a wrapper in one module, its callers in
others, found with or without the prefilter, from a cold or a warm cache, and again
after the wrapper changes."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

CLIENTS = (
    "import os\n"
    "from customerio import CustomerIO\n\n"
    'cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])\n'
)
#: The wrapper passes its parameters through to the SDK.
EVENTS = (
    "from app.clients import cio\n\n\n"
    "def record_signup(user_id, when):\n"
    '    cio.track(customer_id=user_id, name="signed_up", timestamp=when)\n\n\n'
    "def notify(client, user_id):\n"
    '    client.track(customer_id=user_id, name="notified")\n'
)
#: The caller never names Customer.io: only the wrapper's module and name.
VIEWS = (
    "import time\n\n"
    "from app.events import record_signup\n\n\n"
    "def signup_view(request):\n"
    "    record_signup(request.user.id, int(time.time() * 1000))\n"
)
#: A client handed to an unannotated parameter, in a loop.
JOBS = (
    "from app.clients import cio\n"
    "from app.events import notify\n\n\n"
    "def nightly(rows):\n"
    "    for row in rows:\n"
    "        notify(cio, row.id)\n"
)


def project(root: Path, events: str = EVENTS) -> Path:
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n")
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "clients.py").write_text(CLIENTS)
    (root / "app" / "events.py").write_text(events)
    (root / "app" / "views.py").write_text(VIEWS)
    (root / "app" / "jobs.py").write_text(JOBS)
    return root


def findings(root: Path, *args: str) -> list[dict[str, object]]:
    done = run_cli("check", ".", "--select", "CIO201,CIO601,CIO602", "--output-format",
                   "json", *args, cwd=root)
    assert done.returncode in (0, 1), done.stderr
    document = json.loads(done.stdout)
    return [
        {"path": f["path"], "line": f["start"]["line"], "code": f["code"],
         "message": f["message"]}
        for f in document["findings"]
    ]


def test_a_wrapper_called_from_a_module_that_never_names_customerio(tmp_path: Path) -> None:
    found = findings(project(tmp_path), "--no-cache")
    assert {(f["path"], f["line"], f["code"]) for f in found} == {
        ("app/views.py", 7, "CIO201"),
        ("app/views.py", 7, "CIO601"),
        ("app/jobs.py", 7, "CIO602"),  # notify's parameter is a client: every caller passes one
    }
    message = next(f["message"] for f in found if f["code"] == "CIO201")
    assert message == (
        "`timestamp` gets milliseconds (`int(time.time() * 1000)`); Customer.io reads "
        "seconds; via `record_signup()` -> `cio.track` at app/events.py:5"
    )


def test_the_prefilter_loses_no_finding_made_through_wrappers(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert findings(root, "--no-cache") == findings(root, "--no-cache", "--no-prefilter")


def test_a_parameter_every_caller_fills_with_a_client_is_a_client(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "app" / "jobs.py").write_text(JOBS.replace("notify(cio, row.id)", "pass"))
    run = run_cli("check", ".", "--no-cache", "--select", "CIO301", "--output-format",
                  "concise", cwd=root)
    assert ": 1 event may" in run.stdout  # record_signup's track only: notify is never called
    run = run_cli("check", ".", "--no-cache", "--select", "CIO301", "--output-format",
                  "concise", cwd=project(tmp_path))
    assert ": 2 events may" in run.stdout


def test_a_caller_that_passes_something_else_keeps_the_parameter_unknown(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    (root / "app" / "other.py").write_text(
        "from mixpanel import Mixpanel\n"
        "from app.events import notify\n\n"
        'notify(Mixpanel("token"), 5)\n'
    )
    run = run_cli("check", ".", "--no-cache", "--select", "CIO301", "--output-format",
                  "concise", cwd=root)
    assert ": 1 event may" in run.stdout


def test_a_warm_run_follows_a_wrapper_that_changed(tmp_path: Path) -> None:
    root = project(tmp_path)
    cold = findings(root)
    assert findings(root) == cold  # warm: the same findings from the cache
    converted = EVENTS.replace("timestamp=when)", "timestamp=int(when / 1000))")
    (root / "app" / "events.py").write_text(converted)
    warm = findings(root)
    # the caller's value is converted now
    assert {f["code"] for f in warm} == {"CIO601", "CIO602"}
    assert warm == findings(root, "--no-cache")


def test_a_wrapper_that_catches_makes_its_callers_safe(tmp_path: Path) -> None:
    caught = EVENTS.replace(
        '    cio.track(customer_id=user_id, name="signed_up", timestamp=when)\n',
        "    try:\n"
        '        cio.track(customer_id=user_id, name="signed_up", timestamp=when)\n'
        "    except CustomerIOException:\n"
        "        pass\n",
    ).replace("from app.clients import cio\n",
              "from customerio import CustomerIOException\n\nfrom app.clients import cio\n")
    found = findings(project(tmp_path, caught), "--no-cache")
    assert {(f["path"], f["code"]) for f in found} == {
        ("app/views.py", "CIO201"), ("app/jobs.py", "CIO602")
    }


def test_the_sarif_result_names_every_place_of_the_chain(tmp_path: Path) -> None:
    root = project(tmp_path)
    done = run_cli("check", ".", "--no-cache", "--select", "CIO201", "--output-format",
                   "sarif", cwd=root)
    result = json.loads(done.stdout)["runs"][0]["results"][0]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        "app/events.py"
    ]
    assert related[0]["physicalLocation"]["region"]["startLine"] == 5


# -- JavaScript and TypeScript ----------------------------------------------------------

NODE_CLIENT = (
    'import { TrackClient } from "customerio-node";\n\n'
    "export const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_KEY!);\n\n"
    "export function trackEvent(userId: string, name: string) {\n"
    "  return cio.track(userId, { name });\n"
    "}\n"
)
#: Never names Customer.io: only the barrel of the module that wraps it.
NODE_WORKER = (
    'import { cio, trackEvent } from "@/lib";\n\n'
    "export async function notify(ids: string[]) {\n"
    "  for (const id of ids) {\n"
    '    await trackEvent(id, "notified");\n'
    "  }\n"
    '  await cio.track("", { name: "notified_all" });\n'
    "}\n"
)


def node_project(root: Path, client: str = NODE_CLIENT) -> Path:
    (root / "src" / "lib").mkdir(parents=True, exist_ok=True)
    (root / "src" / "jobs").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n")
    (root / "src" / "lib" / "customer-io.ts").write_text(client)
    (root / "src" / "lib" / "index.ts").write_text('export * from "./customer-io";\n')
    (root / "src" / "jobs" / "notify.ts").write_text(NODE_WORKER)
    return root


def node_findings(root: Path, *args: str) -> list[dict[str, object]]:
    done = run_cli("check", ".", "--select", "CIO304,CIO602", "--output-format", "json",
                   *args, cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return [
        {"path": f["path"], "line": f["start"]["line"], "code": f["code"],
         "message": f["message"]}
        for f in json.loads(done.stdout)["findings"]
    ]


def test_a_typescript_wrapper_is_judged_at_its_callers_through_a_barrel(
    tmp_path: Path,
) -> None:
    found = node_findings(node_project(tmp_path), "--no-cache")
    assert {(f["path"], f["line"], f["code"]) for f in found} == {
        ("src/jobs/notify.ts", 5, "CIO602"),
        ("src/jobs/notify.ts", 7, "CIO304"),
    }
    message = next(f["message"] for f in found if f["code"] == "CIO602")
    assert str(message).endswith(
        "via `trackEvent()` -> `cio.track` at src/lib/customer-io.ts:6")


def test_the_prefilter_loses_no_finding_made_through_typescript_wrappers(
    tmp_path: Path,
) -> None:
    root = node_project(tmp_path)
    assert node_findings(root, "--no-cache") == node_findings(root, "--no-cache",
                                                              "--no-prefilter")


def test_a_warm_run_follows_a_typescript_wrapper_that_changed(tmp_path: Path) -> None:
    root = node_project(tmp_path)
    cold = node_findings(root)
    assert node_findings(root) == cold
    (root / "src" / "lib" / "customer-io.ts").write_text(NODE_CLIENT.replace(
        "return cio.track(userId, { name });", "return Promise.resolve(name);"))
    warm = node_findings(root)
    assert [f["code"] for f in warm] == ["CIO304"]  # the loop calls no SDK any more
    assert warm == node_findings(root, "--no-cache")


def test_a_python_and_a_typescript_module_of_one_name_tell_each_other_nothing(
    tmp_path: Path,
) -> None:
    """``lib/customerio.py`` and ``lib/customerio.ts`` are both ``lib.customerio``: each
    language links its own modules, so neither's client is the other's."""
    root = node_project(tmp_path)
    (root / "src" / "lib" / "customerio.ts").write_text(NODE_CLIENT)
    (root / "src" / "lib" / "customerio.py").write_text("cio = None\n")
    (root / "src" / "app.py").write_text(
        "import time\n\nfrom lib.customerio import cio\n\n"
        'cio.track(customer_id="", name="x", timestamp=int(time.time() * 1000))\n'
    )
    (root / "src" / "jobs" / "other.ts").write_text(
        'import { cio } from "../lib/customerio";\n\n'
        'cio.track("", { name: "x" });\n'
    )
    found = node_findings(root, "--no-cache")
    assert ("src/jobs/other.ts", 3, "CIO304") in {(f["path"], f["line"], f["code"])
                                                  for f in found}
    assert not [f for f in found if f["path"] == "src/app.py"]


def test_a_javascript_helper_handed_the_client_is_followed(tmp_path: Path) -> None:
    root = node_project(tmp_path)
    (root / "src" / "lib" / "notify.js").write_text(
        "function notify(client, id) {\n"
        '  return client.track(id, { name: "notified" });\n'
        "}\n"
        "module.exports = { notify };\n"
    )
    (root / "src" / "jobs" / "nightly.js").write_text(
        'const { cio } = require("../lib/customer-io");\n'
        'const { notify } = require("../lib/notify");\n\n'
        "async function nightly(ids) {\n"
        "  for (const id of ids) {\n"
        "    await notify(cio, id);\n"
        "  }\n"
        "}\n"
    )
    found = node_findings(root, "--no-cache")
    assert ("src/jobs/nightly.js", 6, "CIO602") in {(f["path"], f["line"], f["code"])
                                                   for f in found}
    assert found == node_findings(root, "--no-cache", "--no-prefilter")


def test_an_event_name_passed_into_a_typescript_wrapper_is_judged_at_the_caller(
    tmp_path: Path,
) -> None:
    root = node_project(tmp_path)
    (root / "src" / "jobs" / "signup.ts").write_text(
        'import { trackEvent } from "@/lib/customer-io";\n\n'
        'export const onSignup = (id: string) => trackEvent(id, "User Signed Up");\n'
    )
    done = run_cli("check", ".", "--no-cache", "--select", "CIO401", "--output-format",
                   "json", cwd=root)
    [finding] = json.loads(done.stdout)["findings"]
    assert (finding["path"], finding["start"]["line"], finding["start"]["column"]) == (
        "src/jobs/signup.ts", 3, 56)
    assert finding["message"] == (
        'event name "User Signed Up" is not snake_case: use "user_signed_up"; via '
        "`trackEvent()` -> `cio.track` at src/lib/customer-io.ts:6"
    )
