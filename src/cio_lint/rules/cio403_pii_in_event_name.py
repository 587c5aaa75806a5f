"""CIO403 pii-in-event-name: personal data written into an event name.

An event name built from ``user.email`` is reported twice, on purpose: CIO402
for the run-time name (an analytics problem) and CIO403 for the personal data
(a privacy problem). Fixing one does not fix the other: ``name=user.email`` is
no longer "built", and ``f"viewed_{product.slug}"`` holds no personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.events import EventName


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
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name=f"invited_{invitee.email}")\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="invited", data={"invitee_id": invitee.id})\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.track(user.id, { name: `invited_${invitee.email}` });\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "invited", data: { inviteeId: invitee.id } });\n'
    )
    correct_pattern = (
        'a fixed name without personal data, e.g. name="invited"; keep personal data in '
        "profile attributes"
    )

    def check(self, ctx: LintContext) -> None:
        for event in ctx.model.event_names():
            found = ctx.model.personal_data_in_name(event)
            if not found:
                continue
            first = found[0]
            built = ctx.model.built_name(event)
            drop = [data.value for data in found if data.value is not None]
            correct = ctx.model.fixed_name_rewrite(event, built, drop) if built else None
            if event.text is not None:
                correct = _without_email(ctx, event, first.email)
            ctx.report(
                self,
                event.arg,
                f"event name contains {first.shown} ({first.reason}): shown "
                "workspace-wide, never erased",
                correct=correct,
                anchor=event.call.node,
                via=event.call.via,
            )


def _without_email(ctx: LintContext, event: EventName, email: str | None) -> str | None:
    """``"invited"`` for ``"invited_jane@example.com"``: the literal with the address cut out."""
    from cio_lint.analysis.events import snake_case

    assert event.text is not None
    if email is None:
        return None
    before, _, after = event.text.partition(email)
    local = email.split("@", 1)[0]
    if "_" in local:  # "invited_jane@example.com": the words before the address
        before += " " + local.rsplit("_", 1)[0]
    rest = snake_case(f"{before} {after}")
    return ctx.model.quoted_like(event.literal, rest) if rest else None


RULE = PiiInEventName()
