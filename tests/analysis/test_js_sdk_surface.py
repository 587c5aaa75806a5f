"""CIO304 and CIO305 on Node code, as a user sees them: findings by version, messages, and
what --fix writes in a project pinned to a customerio-node version."""

from __future__ import annotations

import json
from pathlib import Path

from cio_lint.api import ConfigResolver, lint_paths

from ..conftest import run_cli

_HEADER = (
    'import { APIClient, SendEmailRequest, TrackClient } from "customerio-node";\n'
    'import { Analytics } from "@customerio/cdp-analytics-node";\n'
    'const cio = new TrackClient("site", process.env.CUSTOMERIO_API_KEY!);\n'
    "const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!);\n"
    "const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_CDP_API_KEY! });\n"
)


def _project(root: Path, version: str | None, body: str, name: str = "app.ts") -> Path:
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n")  # the project root
    if version is not None:
        (root / "package.json").write_text(json.dumps(
            {"name": "app", "dependencies": {"customerio-node": version}}))
    (root / name).write_text(body)
    return root / name


def _findings(path: Path, code: str) -> list[tuple[int, int, str]]:
    run = lint_paths([path.parent], ConfigResolver(None, {"select": (code,)}), None)
    assert not run.errors, run.errors
    return [(f.line, f.column, f.message) for f in run.findings]


def test_an_object_as_the_id_says_what_each_major_does(tmp_path: Path) -> None:
    body = _HEADER + "cio.identify({ id: user.id, email: user.email });\n"
    for version, effect in (
        ("^4.1.0", "customerio-node 4.x files everyone under `[object Object]`"),
        ("^5.0.0", "customerio-node 5.x throws MissingParamError"),
        (None, "one `[object Object]` profile for all (4.x) or MissingParamError (5.x)"),
    ):
        root = tmp_path / (version or "none").strip("^")
        root.mkdir()
        path = _project(root, version, body)
        assert _findings(path, "CIO304") == [
            (6, 14, f"`cio.identify` gets an object as the id: {effect}"),
        ]


def test_the_two_x_anonymous_signature_is_right_on_two_x_only(tmp_path: Path) -> None:
    body = _HEADER.replace("TrackClient }", "TrackClient }") + (
        'cio.trackAnonymous({ name: "visited" });\n'
    )
    old, new, unknown = (tmp_path / d for d in ("old", "new", "unknown"))
    for root in (old, new, unknown):
        root.mkdir()
    assert _findings(_project(old, "^2.1.1", body), "CIO304") == []
    assert _findings(_project(new, "^3.0.0 || ^4.0.0", body), "CIO304") == [
        (6, 20, "`cio.trackAnonymous(data)` is the 2.x form: customerio-node 3.x or 4.x "
                "throws (the id comes first)"),
    ]
    assert _findings(_project(unknown, None, body), "CIO304") == [
        (6, 20, "`cio.trackAnonymous(data)` is the 2.x form: customerio-node 3.x+ (no "
                "version pinned) throws (the id comes first)"),
    ]


def test_renamed_request_keys_are_right_before_four(tmp_path: Path) -> None:
    body = _HEADER + (
        'new SendEmailRequest({ to: "a@example.com", identifiers: { id: "1" },\n'
        '  transactional_message_id: "7", amp_body: "<p>", cc: "b@example.com" });\n'
    )
    three, four = tmp_path / "three", tmp_path / "four"
    three.mkdir()
    four.mkdir()
    assert [f[:2] for f in _findings(_project(three, "~3.1.0", body), "CIO304")] == [(7, 51)]
    assert [m for *_, m in _findings(_project(four, "^4.0.0", body), "CIO304")] == [
        "`SendEmailRequest` drops `amp_body` on customerio-node 4.x (renamed `body_amp` in 4.0)",
        "`SendEmailRequest` drops `cc`: customerio-node sends only the fields it knows",
    ]


def test_lookalikes_of_other_sdks_are_not_customer_io(tmp_path: Path) -> None:
    body = (
        'import { Analytics } from "@segment/analytics-node";\n'
        'import Mixpanel from "mixpanel";\n'
        'const segment = new Analytics({ writeKey: "k" });\n'
        'const mixpanel = Mixpanel.init("t");\n'
        'segment.track("Signed Up", {});\n'
        "segment.identify({ userId: 42 });\n"
        'mixpanel.track("x", { distinct_id: 1 });\n'
        "class CustomerIO { delete(id: string) { return id; } }\n"
        'new CustomerIO().delete("1");\n'
    )
    path = _project(tmp_path, "^4.0.0", body)
    assert _findings(path, "CIO304") == []
    assert _findings(path, "CIO305") == []


def test_fixes_rewrite_the_call_shapes_on_four_x(tmp_path: Path) -> None:
    body = _HEADER + (
        "cio.identify({ id: user.id, email: user.email, plan });\n"
        'cio.track(user.id, "signed_up", { plan: "pro" });\n'
        'api.sendEmail({ to: "a@example.com" });\n'
        'analytics.identify({ userId: 42, traits: {} });\n'
        'analytics.track({ userId: "1", name: "Signed Up" });\n'
        'new SendEmailRequest({ to: "a", plaintext_body: "x" });\n'
        "cio.add_device(user.id, token, \"ios\");\n"
    )
    path = _project(tmp_path, "^4.1.0", body)
    result = run_cli("check", "--no-cache", "--select", "CIO304,CIO305", "--fix", path.name,
                     cwd=tmp_path)
    assert path.read_text() == _HEADER + (
        "cio.identify(user.id, { email: user.email, plan });\n"
        'cio.track(user.id, { name: "signed_up", data: { plan: "pro" } });\n'
        'api.sendEmail(new SendEmailRequest({ to: "a@example.com" }));\n'
        'analytics.identify({ userId: "42", traits: {} });\n'
        'analytics.track({ userId: "1", event: "Signed Up" });\n'
        'new SendEmailRequest({ to: "a", body_plain: "x" });\n'
        "cio.addDevice(user.id, token, \"ios\");\n"
    ), result.stdout + result.stderr
    assert result.returncode == 0, result.stdout


def test_version_dependent_fixes_are_unsafe_without_a_version(tmp_path: Path) -> None:
    body = _HEADER + 'api.sendEmail({ to: "a@example.com" });\n'
    path = _project(tmp_path, None, body)
    run_cli("check", "--no-cache", "--select", "CIO304", "--fix", path.name, cwd=tmp_path)
    assert path.read_text() == body
    run_cli("check", "--no-cache", "--select", "CIO304", "--fix", "--unsafe-fixes", path.name,
            cwd=tmp_path)
    assert "api.sendEmail(new SendEmailRequest(" in path.read_text()


def test_two_x_imports_become_named_imports_on_four_x(tmp_path: Path) -> None:
    body = (
        'const CIO = require("customerio-node");\n'
        'const { RegionEU } = require("customerio-node/regions");\n'
        'const Track = require("customerio-node/track");\n'
        "const cio = new CIO(site, key, { region: RegionEU });\n"
        "const other = new Track(site, key);\n"
        "module.exports = { cio, other };\n"
    )
    path = _project(tmp_path, "^4.1.0", body, "client.js")
    assert [f[:2] for f in _findings(path, "CIO305")] == [(1, 7), (2, 30), (3, 23)]
    result = run_cli("check", "--no-cache", "--select", "CIO305", "--fix", path.name,
                     cwd=tmp_path)
    assert path.read_text() == (
        'const { TrackClient: CIO } = require("customerio-node");\n'
        'const { RegionEU } = require("customerio-node");\n'
        'const Track = require("customerio-node").TrackClient;\n'
        "const cio = new CIO(site, key, { region: RegionEU });\n"
        "const other = new Track(site, key);\n"
        "module.exports = { cio, other };\n"
    ), result.stdout + result.stderr


def test_a_default_import_used_otherwise_than_new_is_not_rewritten(tmp_path: Path) -> None:
    body = (
        'import CIO from "customerio-node";\n'
        "export const cio = new CIO(site, key);\n"
        "export const Client = CIO;\n"
    )
    path = _project(tmp_path, "^4.1.0", body)
    run = lint_paths([path], ConfigResolver(None, {"select": ("CIO305",)}), None)
    assert [(f.line, f.column, f.fix) for f in run.findings] == [(1, 8, None)]


def test_names_by_version(tmp_path: Path) -> None:
    body = (
        'import { TrackClient, MissingParamError, CustomerIO } from "customerio-node";\n'
        'import { request } from "customerio-node/dist/lib/request";\n'
    )
    versions = {"two": "^2.1.1", "four": "^4.1.0", "five": "^5.0.0", "none": None}
    found = {}
    for name, version in versions.items():
        root = tmp_path / name
        root.mkdir()
        found[name] = [m for *_, m in _findings(_project(root, version, body), "CIO305")]
    assert found["two"] == [
        "`TrackClient` is undefined in customerio-node 2.1: it is exported from 3.0 on",
        "`MissingParamError` is undefined in customerio-node 2.1: it is exported from 5.0 on",
        "`CustomerIO` is the Python name: customerio-node exports no `CustomerIO`, so it is "
        "undefined",
    ]
    assert found["four"] == [found["two"][1].replace("2.1", "4.x"), found["two"][2]]
    assert found["five"] == [
        found["two"][2],
        '`"customerio-node/dist/lib/request"` is inside the package: the `exports` map of '
        "customerio-node 5.x blocks it (ERR_PACKAGE_PATH_NOT_EXPORTED)",
    ]
    assert found["none"] == [found["two"][2]]
