"""Fixes and suggested rewrites do exactly what they say: the suggested code is valid
Python, an edit touches only the tokens it must, and a comment or line break in the
way means no fix rather than a lost line."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import libcst as cst
import pytest

from cio_lint.analysis.python.rewrites import checked_rewrite

from .conftest import run_cli

HEAD = (
    "import time\n"
    "from customerio import CustomerIO\n\n"
    "cio = CustomerIO(site_id=SITE_ID, api_key=TRACK_API_KEY)\n\n\n"
)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "app.py"
    path.write_text(HEAD + body)
    return path


def _findings(tmp_path: Path, code: str) -> list[dict[str, object]]:
    result = run_cli("check", "--select", code, "--output-format", "json", "--no-cache",
                     "app.py", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def _fixed(tmp_path: Path, code: str) -> str:
    result = run_cli("check", "--select", code, "--fix", "--unsafe-fixes", "--no-cache",
                     "app.py", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return (tmp_path / "app.py").read_text()


# -- CIO303: the suggested identify is code Python accepts ----------------------------


def test_email_is_suggested_after_a_positional_dict_not_before_it(tmp_path: Path) -> None:
    _write(tmp_path, 'def sign_up(user):\n    cio.identify(user.id, {"plan": "pro"})\n')
    result = run_cli("check", "--select", "CIO303", "--output-format", "json", "--no-cache",
                     "app.py", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "CIO303"
    assert finding["correct"] == 'cio.identify(user.id, {"plan": "pro"}, email=user.email)'


def test_a_rewrite_builder_that_fails_gives_no_rewrite_instead_of_an_error() -> None:
    @checked_rewrite
    def raises() -> str:
        raise cst.CSTValidationError("Cannot have positional argument after keyword argument.")

    @checked_rewrite
    def invalid() -> str:
        return "f(a=1, b)"

    @checked_rewrite
    def valid() -> str:
        return "f(b, a=1)"

    assert raises() is None and invalid() is None
    assert valid() == "f(b, a=1)"


# -- CIO304: moving 2.x keywords into data={...} keeps comments and lines ---------------

MULTI_LINE = (
    "def purchase(user, order):\n"
    "    cio.track(\n"
    "        user.id,  # the customer\n"
    '        "purchased",\n'
    "        price=order.total,  # in cents\n"
    '        currency="USD",\n'
    "    )\n"
)
MULTI_LINE_FIXED = (
    "def purchase(user, order):\n"
    "    cio.track(\n"
    "        user.id,  # the customer\n"
    '        "purchased",\n'
    '        data={"price": order.total,  # in cents\n'
    '        "currency": "USD"},\n'
    "    )\n"
)


def test_moving_keywords_keeps_comments_and_line_breaks(tmp_path: Path) -> None:
    _write(tmp_path, MULTI_LINE)
    assert _fixed(tmp_path, "CIO304") == HEAD + MULTI_LINE_FIXED
    ast.parse(HEAD + MULTI_LINE_FIXED)


def test_merging_into_an_existing_dict_keeps_its_comments(tmp_path: Path) -> None:
    body = (
        "def purchase(user, order):\n"
        '    cio.track(user.id, "purchased", data={"sku": order.sku,  # the sku\n'
        "                                          }, price=order.total)\n"
    )
    _write(tmp_path, body)
    assert _fixed(tmp_path, "CIO304") == HEAD + (
        "def purchase(user, order):\n"
        '    cio.track(user.id, "purchased", data={"sku": order.sku,  # the sku\n'
        '                                          "price": order.total})\n'
    )


def test_no_fix_when_a_comment_sits_in_what_would_be_deleted(tmp_path: Path) -> None:
    body = (
        "def purchase(user, order):\n"
        '    cio.track(user.id, "purchased", {"sku": order.sku},\n'
        '              id="evt-1",  # idempotency key\n'
        "              price=order.total)\n"
    )
    _write(tmp_path, body)
    (finding,) = _findings(tmp_path, "CIO304")
    assert finding["fix"] is None
    assert "price" in str(finding["message"])
    assert _fixed(tmp_path, "CIO304") == HEAD + body


def test_a_keyword_rename_replaces_only_the_name(tmp_path: Path) -> None:
    body = (
        "def identify(user):\n"
        "    cio.identify(\n"
        "        customer_id=user.id,  # primary key\n"
        "        email=user.email,\n"
        "    )\n"
    )
    _write(tmp_path, body)
    (finding,) = _findings(tmp_path, "CIO304")
    fix = finding["fix"]
    assert isinstance(fix, dict)
    assert [edit["replacement"] for edit in fix["edits"]] == ["id"]
    assert _fixed(tmp_path, "CIO304") == HEAD + body.replace("customer_id=", "id=")


# -- CIO201: no comment is lost, clocks that are not wall time are not rewritten --------


def test_no_fix_when_the_rewritten_expression_holds_a_comment(tmp_path: Path) -> None:
    body = (
        "def sign_up(user):\n"
        "    cio.identify(user.id, created_at=int(\n"
        "        time.time()  # wall clock\n"
        "        * 1000))\n"
    )
    _write(tmp_path, body)
    (finding,) = _findings(tmp_path, "CIO201")
    assert finding["fix"] is None
    assert _fixed(tmp_path, "CIO201") == HEAD + body


@pytest.mark.parametrize("clock", ["time.perf_counter_ns()", "time.monotonic_ns()",
                                   "time.monotonic_ns() // 1_000_000"])
def test_monotonic_nanosecond_clocks_are_not_rewritten_to_seconds(
    tmp_path: Path, clock: str
) -> None:
    _write(tmp_path, f"def sign_up(user):\n    cio.identify(user.id, created_at={clock})\n")
    (finding,) = _findings(tmp_path, "CIO201")
    assert finding["fix"] is None
    assert "monotonic-clock value" in str(finding["message"])
    assert "not a point in time" in str(finding["message"])
    assert finding["correct"] == "int(time.time())"


@pytest.mark.parametrize(
    ("value", "unit", "seconds"),
    [
        ("time.time_ns() // 1000", "microseconds", "time.time_ns() // 1_000_000_000"),
        ("int(time.time() * 1e6)", "microseconds", "int(time.time())"),
        ("(time.time() + 3600) * 1000", "milliseconds", "int(time.time() + 3600)"),
        ("int((time.time() - 86400) * 1000)", "milliseconds", "int(time.time() - 86400)"),
    ],
)
def test_microseconds_and_offset_wall_times_are_flagged_with_their_seconds(
    tmp_path: Path, value: str, unit: str, seconds: str
) -> None:
    _write(tmp_path, f"def sign_up(user):\n    cio.identify(user.id, trial_ends_at={value})\n")
    (finding,) = _findings(tmp_path, "CIO201")
    assert f"gets {unit}" in str(finding["message"])
    assert finding["correct"] == seconds
    assert _fixed(tmp_path, "CIO201") == HEAD + (
        f"def sign_up(user):\n    cio.identify(user.id, trial_ends_at={seconds})\n"
    )


def test_durations_and_metrics_are_not_flagged(tmp_path: Path) -> None:
    _write(tmp_path, (
        "def sign_up(user, statsd, started):\n"
        "    t0 = time.perf_counter_ns()\n"
        "    statsd.timing('signup', (time.perf_counter_ns() - t0) // 1000)\n"
        "    cio.identify(user.id, load_ms=(time.time() - started.timestamp()) * 1000)\n"
    ))
    assert _findings(tmp_path, "CIO201") == []
