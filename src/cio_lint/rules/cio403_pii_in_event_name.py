"""CIO403 pii-in-event-name: personal data written into an event name.

An event name built from ``user.email`` is reported twice, on purpose: CIO402
for the run-time name (an analytics problem) and CIO403 for the personal data
(a privacy problem). Fixing one does not fix the other: ``name=user.email`` is
no longer "built", and ``f"viewed_{product.slug}"`` holds no personal data.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from cio_lint.analysis.python.events import (
    EventName,
    built_name,
    event_names,
    fixed_name_rewrite,
    origin_note,
    pii_reason,
    quoted_like,
    short,
    snake_case,
)
from cio_lint.analysis.python.identity import embedded_email
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.findings import Severity
from cio_lint.rules.base import LintContext, Rule


class PiiInEventName(Rule):
    code = "CIO403"
    name = "pii-in-event-name"
    severity = Severity.ERROR
    summary = (
        "An event name that contains an email address or interpolates personal data "
        "(email, phone, name, address, SSN, date of birth)."
    )
    why = (
        "Event names are not profile data: they are listed in the workspace's event index, "
        "shown to everyone with workspace access, copied into reports, exports and "
        "connected destinations, and they are not removed when the person is deleted. "
        "Personal data in a name leaks outside the profile and survives a GDPR/CCPA "
        "deletion request. Send a fixed name; personal data belongs in profile attributes. "
        "A name built from personal data at run time is also reported by CIO402 "
        "(dynamic-event-name), on purpose: they are two problems with two fixes."
    )
    wrong_example = 'cio.track(customer_id=user.id, name=f"invited_{invitee.email}")\n'
    correct_example = (
        'cio.track(customer_id=user.id, name="invited", data={"invitee_id": invitee.id})\n'
    )
    correct_pattern = (
        'a fixed name without personal data, e.g. name="invited"; keep personal data in '
        "profile attributes"
    )

    def check(self, ctx: LintContext) -> None:
        for event in event_names(ctx.semantic):
            found = _personal_data(ctx.semantic, event)
            if not found:
                continue
            what, reason, _ = found[0]
            built = built_name(ctx.semantic, event.value, event.scope, event.call.order)
            drop = [node for _, _, node in found if node is not None]
            correct = fixed_name_rewrite(ctx.semantic, event, built, drop) if built else None
            if event.text is not None:
                correct = _without_email(event)
            ctx.report(
                self,
                event.arg,
                f"event name{origin_note(ctx.semantic, event)} contains {what} ({reason}): event "
                "names are visible to the whole workspace and its exports and are not erased "
                "when the person is deleted; use a fixed name and keep personal data in "
                "profile attributes",
                correct=correct,
                anchor=event.call.node,
            )


def _without_email(event: EventName) -> str | None:
    """``"invited"`` for ``"invited_jane@example.com"``: the literal with the address cut out."""
    assert event.text is not None
    email = embedded_email(event.text)
    if email is None:
        return None
    before, _, after = event.text.partition(email)
    local = email.split("@", 1)[0]
    if "_" in local:  # "invited_jane@example.com": the words before the address
        before += " " + local.rsplit("_", 1)[0]
    rest = snake_case(f"{before} {after}")
    return quoted_like(event.literal, rest) if rest else None


Found = tuple[str, str, Optional[cst.BaseExpression]]


def _personal_data(model: SemanticModel, event: EventName) -> list[Found]:
    """The personal data the name carries: (source shown, kind, interpolated value)."""
    if event.text is not None:
        email = embedded_email(event.text)
        return [(f'"{short(email)}"', "an email address", None)] if email else []
    built = built_name(model, event.value, event.scope, event.call.order)
    pieces = built.pieces if built is not None else (event.value,)
    found: list[Found] = []
    for piece in pieces:
        if isinstance(piece, str):
            email = embedded_email(piece)
            if email is not None:
                found.append((f'"{short(email)}"', "an email address", None))
            continue
        reason = _pii_through_origin(model, piece, event)
        if reason is not None:
            found.append((f"`{model.code(piece)}`", reason, piece))
    return found


def _pii_through_origin(
    model: SemanticModel, expr: cst.BaseExpression, event: EventName
) -> str | None:
    """Personal data by the expression's own name, else by the local it was assigned from."""
    reason = pii_reason(expr)
    if reason is not None or not isinstance(expr, cst.Name):
        return reason
    origin = model.origin(expr, event.scope, event.call.order)
    if origin is expr:
        return None
    reason = pii_reason(origin)
    return f"{reason}, from `{model.code(origin)}`" if reason is not None else None


RULE = PiiInEventName()
