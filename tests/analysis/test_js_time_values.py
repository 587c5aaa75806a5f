"""What the time-value questions answer for JavaScript/TypeScript: units, timestamp types,
the seconds a fix writes, and ``--fix`` on a TypeScript file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.model import ModuleModel
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.analysis.time_values import TimestampType, TimeUnit
from cio_lint.core.config import Config

from ..conftest import run_cli
from ..test_cli import write

TRACK = 'import { TrackClient } from "customerio-node";\nconst cio = new TrackClient(s, k);\n'
CDP = ('import { Analytics } from "@customerio/cdp-analytics-node";\n'
       "const analytics = new Analytics({ writeKey });\n")
LIBS = ('import dayjs from "dayjs";\nimport moment from "moment";\n'
        'import { DateTime } from "luxon";\n')


def identify_value(value: str, prelude: str = "") -> tuple[ModuleModel, SdkCall, Node]:
    """The model of a module whose last SDK call sends ``value`` as ``created_at``."""
    src = f"{TRACK}{LIBS}{prelude}cio.identify('1', {{ created_at: {value} }});\n"
    model = JAVASCRIPT.analyse(src, Config(), path="app.ts")
    call = model.sdk_calls()[-1]
    return model, call, call.bound.extra["created_at"].value


@pytest.mark.parametrize(
    ("value", "unit", "seconds"),
    [
        ("Date.now()", TimeUnit.MILLISECONDS, "Math.floor(Date.now() / 1000)"),
        ("new Date().getTime()", TimeUnit.MILLISECONDS, "Math.floor(new Date().getTime() / 1000)"),
        ("+new Date()", TimeUnit.MILLISECONDS, "Math.floor(+new Date() / 1000)"),
        ("Math.round(Date.now())", TimeUnit.MILLISECONDS, "Math.round(Date.now() / 1000)"),
        ("dayjs().valueOf()", TimeUnit.MILLISECONDS, "dayjs().unix()"),
        ("moment().format('x')", TimeUnit.MILLISECONDS, "moment().unix()"),
        ("DateTime.now().toMillis()", TimeUnit.MILLISECONDS,
         "Math.floor(DateTime.now().toSeconds())"),
        ("Date.now() + 3600 * 1000", TimeUnit.MILLISECONDS,
         "Math.floor((Date.now() + 3600 * 1000) / 1000)"),
        ("1704067200000", TimeUnit.MILLISECONDS, "1704067200"),
        ("performance.now()", TimeUnit.MONOTONIC, None),
        ("ok ? Date.parse(s) : Date.now()", TimeUnit.MILLISECONDS, None),
        ("process.hrtime.bigint()", TimeUnit.MONOTONIC, None),
    ],
)
def test_units_and_the_seconds_a_fix_writes(
    value: str, unit: TimeUnit, seconds: str | None
) -> None:
    model, call, node = identify_value(value)
    found = model.time_value(node, call.place, call.order)
    assert found is not None and found.unit is unit
    assert found.seconds == seconds
    assert found.plain is (seconds is not None)


@pytest.mark.parametrize(
    "value",
    ["Math.floor(Date.now() / 1000)", "Math.round(+new Date() / 1000)", "Date.now() * 0.001",
     "(Date.now() / 1000) | 0", "Math.trunc(Date.now() / 1000)", "dayjs().unix()",
     "moment().unix()", "DateTime.now().toSeconds()", "Date.now() / 1000", "1704067200",
     "Date.now() - started", "user.createdAt", "getUnixTime(new Date())",
     "ok ? Date.now() : Math.floor(Date.now() / 1000)"],
)
def test_seconds_durations_and_unknowns_are_not_milliseconds(value: str) -> None:
    model, call, node = identify_value(value, "const started = Date.now();\n")
    assert model.time_value(node, call.place, call.order) is None


def test_a_local_and_a_helper_are_followed_and_named() -> None:
    model, call, node = identify_value("now", "const now = Date.now();\n")
    found = model.time_value(node, call.place, call.order)
    assert found is not None and found.via == "now" and found.seconds is not None
    model, call, node = identify_value("stamp()", "function stamp() { return Date.now(); }\n")
    found = model.time_value(node, call.place, call.order)
    assert found is not None and found.via == "stamp()" and found.seconds is None


@pytest.mark.parametrize(
    ("value", "kind", "seconds"),
    [
        ("new Date()", TimestampType.DATE_TEXT, "Math.floor(Date.now() / 1000)"),
        ("d", TimestampType.DATE_TEXT, "Math.floor(d.getTime() / 1000)"),
        ("d.toISOString()", TimestampType.DATE_TEXT, "Math.floor(d.getTime() / 1000)"),
        ("dayjs().add(1, 'day')", TimestampType.DATE_TEXT, "dayjs().add(1, 'day').unix()"),
        ('"2024-01-01T00:00:00Z"', TimestampType.DATE_TEXT, "1704067200"),
        ("row.created_at.toISOString()", TimestampType.DATE_TEXT,
         "Math.floor(row.created_at.getTime() / 1000)"),
        ("Date.now()", TimestampType.NUMBER, None),
    ],
)
def test_timestamp_types_and_track_replacements(
    value: str, kind: TimestampType, seconds: str | None
) -> None:
    model, call, node = identify_value(value, "declare const d: Date;\n")
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.type is kind
    if seconds is not None:
        assert model.track_replacement(found, call.place, call.order) == seconds


@pytest.mark.parametrize(
    ("value", "date"),
    [("Date.now()", "new Date()"), ("Math.floor(Date.now() / 1000)", "new Date()"),
     ("d.getTime()", "d"), ("dayjs().unix()", "dayjs().toDate()"),
     ("1704067200", "new Date(1704067200 * 1000)")],
)
def test_pipelines_numbers_become_dates(value: str, date: str) -> None:
    src = (f"{CDP}{LIBS}const d = new Date();\n"
           f"analytics.track({{ userId: '1', event: 'x', timestamp: {value} }});\n")
    model = JAVASCRIPT.analyse(src, Config(), path="app.ts")
    call = model.sdk_calls()[-1]
    node = call.value("timestamp")
    assert node is not None
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.type is TimestampType.NUMBER
    assert model.pipelines_replacement(found, call.place) == date


def test_javascript_has_no_naive_dates_and_node_conventions() -> None:
    model, call, node = identify_value("new Date()")
    conventions = model.timestamp_conventions()
    assert not conventions.naive_dates and conventions.track_sends_as_is
    assert TimestampType.DATE_TEXT in conventions.pipelines_accepts
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.type is not TimestampType.NAIVE_DATETIME


SOURCE = TRACK + (
    "export async function signup(id: string, d: Date) {\n"
    "  const now = Date.now();\n"
    "  await cio.identify(id, { created_at: Date.now(), seen_at: d.getTime(), x_at: now });\n"
    "}\n"
)
FIXED = SOURCE.replace(
    "created_at: Date.now(), seen_at: d.getTime()",
    "created_at: Math.floor(Date.now() / 1000), seen_at: Math.floor(d.getTime() / 1000)",
)


def test_fix_rewrites_milliseconds_in_typescript_and_leaves_locals(tmp_path: Path) -> None:
    path = write(tmp_path, "signup.ts", SOURCE)
    result = run_cli("check", "--select", "CIO201", "--fix", "--output-format", "concise",
                     "signup.ts", cwd=tmp_path)
    assert path.read_text() == FIXED, result.stdout + result.stderr
    assert result.returncode == 1  # the local's finding is left: its fix is unsafe
    assert result.stdout.startswith("signup.ts:5:118: CIO201 `x_at` gets milliseconds")
    assert JAVASCRIPT.syntax_error(FIXED, path="signup.ts") is None
    unsafe = run_cli("check", "--select", "CIO201", "--fix", "--unsafe-fixes", "signup.ts",
                     cwd=tmp_path)
    assert unsafe.returncode == 0, unsafe.stdout + unsafe.stderr
    assert "const now = Math.floor(Date.now() / 1000);" in path.read_text()


def test_send_at_of_a_request_is_read_as_seconds_in_both_languages(tmp_path: Path) -> None:
    write(tmp_path, "remind.ts", (
        'import { SendEmailRequest } from "customerio-node";\n'
        "export const r = new SendEmailRequest({ to, identifiers, send_at: Date.now() });\n"
        "export const ok = new SendEmailRequest({ to, send_at: Math.floor(Date.now() / 1000) });\n"
    ))
    write(tmp_path, "remind.py", (
        "import time\nfrom customerio import SendEmailRequest\n"
        "r = SendEmailRequest(to=to, send_at=int(time.time() * 1000))\n"
        "ok = SendEmailRequest(to=to, send_at=int(time.time()))\n"
    ))
    result = run_cli("check", "--select", "CIO201", "--no-cache", "--output-format", "concise",
                     ".", cwd=tmp_path)
    lines = sorted(line.split(" CIO201 ")[0] for line in result.stdout.splitlines()
                   if " CIO201 " in line)
    assert lines == ["remind.py:3:37:", "remind.ts:2:67:"], result.stdout
