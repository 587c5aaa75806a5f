"""What the event-name rules say about Customer.io's reserved names and naming styles.

The fixtures pin where findings are; these pin the advice a user reads: a reserved name
is never proposed as a rename, a Pipelines name is judged against both accepted styles,
and a configured pattern applies to both SDKs as written.
"""

from __future__ import annotations

from pathlib import Path

from cio_lint.analysis.events import is_object_action, object_action
from cio_lint.analysis.reserved_events import (
    ReservedKind,
    is_reserved,
    reserved_event,
    reserved_look_alike,
)
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.findings import Finding

PRELUDE = "from customerio import CustomerIO, analytics\n\ncio = CustomerIO(SITE, KEY)\n"


def _lint(tmp_path: Path, body: str, code: str, config: str = "") -> list[Finding]:
    (tmp_path / "pyproject.toml").write_text(f"[tool.cio-lint]\n{config}\n")
    (tmp_path / "app.py").write_text(PRELUDE + body)
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": (code,)}), None)
    assert not run.errors, run.errors
    return sorted(run.findings, key=lambda f: (f.line, f.column))


def test_reserved_names_are_data_with_their_meaning() -> None:
    deleted = reserved_event("User Deleted")
    assert deleted is not None and deleted.kind is ReservedKind.ACTION
    order = reserved_event("Order Completed")
    assert order is not None and order.kind is ReservedKind.SPEC
    assert is_reserved("Device Created or Updated") and is_reserved("Report Delivery Event")
    assert not is_reserved("user deleted") and not is_reserved("order_completed")
    look_alike = reserved_look_alike("device created or updated")
    assert look_alike is not None and look_alike.name == "Device Created or Updated"
    assert reserved_look_alike("Device Created or Updated") is None
    assert reserved_look_alike("invoice_paid") is None


def test_object_action_names() -> None:
    for name in ("Invoice Paid", "Trial started", "SMS Sent", "Device Created or Updated"):
        assert is_object_action(name), name
    for name in ("InvoicePaid", "invoice paid", "Invoice  Paid", "Invoice Paid ", "Invoice-Paid"):
        assert not is_object_action(name), name
    assert object_action("orderShipped") == "Order Shipped"


def test_cio401_never_renames_a_reserved_name_and_has_no_fix_for_a_look_alike(
    tmp_path: Path,
) -> None:
    findings = _lint(tmp_path, (
        'analytics.track(uid, "User Deleted")\n'
        'analytics.track(uid, "User deleted")\n'
        'cio.track(uid, "Device Created or Updated")\n'
    ), "CIO401")
    assert [(f.line, f.column) for f in findings] == [(5, 22)]
    (look_alike,) = findings
    assert look_alike.fix is None
    assert look_alike.message == (
        'event name "User deleted" is a custom event, not the reserved "User Deleted" '
        "(deletes the person)"
    )


def test_cio401_offers_both_pipelines_styles_but_never_a_reserved_one(tmp_path: Path) -> None:
    findings = _lint(tmp_path, (
        'analytics.track(uid, "invoicePaid")\n'
        'analytics.track(uid, "checkout-started-now")\n'
    ), "CIO401")
    first, second = findings
    assert first.message == (
        'event name "invoicePaid" fits neither naming style: write it as "invoice_paid" or '
        '"Invoice Paid"'
    )
    assert first.fix is not None and first.correct == '"invoice_paid"'
    assert second.message == (
        'event name "checkout-started-now" fits neither naming style: write it as '
        '"checkout_started_now" or "Checkout Started Now"'
    )


def test_cio401_a_configured_pattern_holds_pipelines_calls_too(tmp_path: Path) -> None:
    findings = _lint(
        tmp_path,
        'analytics.track(uid, "Invoice Paid")\nanalytics.track(uid, "Order Completed")\n',
        "CIO401",
        config='event-name-pattern = "[a-z][a-z0-9_]*"',
    )
    assert [(f.line, f.column) for f in findings] == [(4, 22)]
    assert findings[0].message == (
        'event name "Invoice Paid" does not match `[a-z][a-z0-9_]*`: use "invoice_paid"'
    )


def test_cio404_asks_to_keep_the_reserved_spelling(tmp_path: Path) -> None:
    findings = _lint(tmp_path, (
        'analytics.track(uid, "Order Completed")\n'
        'cio.track(uid, "order_completed")\n'
    ), "CIO404")
    (finding,) = findings
    assert finding.line == 5
    assert finding.message == (
        'event "order_completed" is also sent as "Order Completed" at …/app.py:4: use that '
        "everywhere"
    )
    assert finding.correct == '"Order Completed"'


def test_cio405_never_suggests_a_name_that_performs_an_action(tmp_path: Path) -> None:
    findings = _lint(
        tmp_path,
        'analytics.track(uid, "User Deleted")\nanalytics.track(uid, "user deleted")\n',
        "CIO405",
        config='events = ["User Deleted", "signed_up"]',
    )
    (finding,) = findings
    assert finding.line == 5
    assert finding.message == (
        'event "user deleted" is not in the `events` config: no campaign triggers on it'
    )
    assert finding.correct != '"User Deleted"'
