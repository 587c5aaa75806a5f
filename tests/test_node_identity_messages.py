"""What a user reads for the identity and attribute rules on Node code: messages name the
call as written and the advice is TypeScript, not Python."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

CLIENT = (
    'import { TrackClient } from "customerio-node";\n'
    "const cio = new TrackClient(process.env.SITE_ID!, process.env.API_KEY!);\n"
)


def _findings(tmp_path: Path, files: dict[str, str], select: str) -> list[dict[str, object]]:
    (tmp_path / "pyproject.toml").write_text("[tool.cio-lint]\n")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = run_cli("check", "--select", select, "--output-format", "json", ".", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


def test_track_before_identify_names_the_node_calls(tmp_path: Path) -> None:
    source = CLIENT + (
        "export async function signUp(user: { id: string; email: string }) {\n"
        '  await cio.trackPageView(user?.id, "/welcome");\n'
        "  await cio.identify(user.id, { email: user.email });\n"
        "}\n"
    )
    [finding] = _findings(tmp_path, {"signup.ts": source}, "CIO301")
    assert finding["message"] == (
        "`trackPageView` for `user?.id` runs before its `identify` (line 5): the event can "
        "miss its campaign"
    )


def test_a_node_project_that_never_identifies_gets_node_advice(tmp_path: Path) -> None:
    source = CLIENT + (
        "export async function order(user: { id: string }) {\n"
        '  await cio.track(user.id, { name: "order_placed" });\n'
        "}\n"
    )
    [finding] = _findings(tmp_path, {"src/orders.ts": source}, "CIO301")
    assert finding["message"] == (
        "project-wide (advice): no `identify` in server code, templates or front end: "
        "1 event may reach no profile"
    )
    fix = finding["correct"]
    assert isinstance(fix, str) and "cio.identify(user.id, { email: user.email })" in fix


def test_a_node_identify_counts_for_a_python_project(tmp_path: Path) -> None:
    python = (
        "from customerio import CustomerIO\n\n"
        'cio = CustomerIO("site", "key")\n\n\n'
        "def order(user):\n"
        '    cio.track(user.id, "order_placed")\n'
    )
    node = CLIENT + (
        "export async function createUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, { email: user.email });\n"
        "}\n"
    )
    assert _findings(tmp_path, {"orders.py": python, "users.ts": node}, "CIO301") == []


def test_email_as_id_and_missing_email_speak_node(tmp_path: Path) -> None:
    source = CLIENT + (
        "export async function registerUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.email, { plan: 'free' });\n"
        "  await cio.identify(user.id, { plan: 'free' });\n"
        "}\n"
    )
    found = _findings(tmp_path, {"users.ts": source}, "CIO302,CIO303")
    by_code = {str(f["code"]): f for f in found}
    assert by_code["CIO302"]["message"] == (
        "the customer id of `identify` is the `email` attribute: a changed email forks the "
        "profile"
    )
    assert by_code["CIO302"]["correct"] == "user.id"
    assert by_code["CIO303"]["correct"] == (
        "cio.identify(user.id, { email: user.email, plan: 'free' })"
    )
