"""CIO405 unknown-event-name: an event name no campaign of the workspace triggers on."""

from __future__ import annotations

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule


class UnknownEventName(Rule):
    code = "CIO405"
    name = "unknown-event-name"
    severity = Severity.ERROR
    summary = "A literal event name that is not in the configured list of known events."
    why = (
        "The API accepts any event name, so a typo (`signed_uo`) or an old name is stored "
        "without error and triggers nothing: the campaign waiting for `signed_up` never "
        "starts and nobody notices. Listing the names your campaigns trigger on in "
        "`events = [...]` turns that silent miss into a lint error.\n\n"
        "Customer.io's reserved event names (`Device Created or Updated`, `User Deleted`, "
        "`Order Completed`, ...) are never reported: Customer.io knows them whatever the "
        "list says. A suggestion never proposes a reserved name that performs an action "
        "(`User Deleted`): renaming an event to it would delete or suppress people."
    )
    wrong_example = (
        '# pyproject.toml: [tool.cio-lint] events = ["signed_up", "order_completed"]\n'
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="sign_up")\n'
    )
    correct_example = (
        '# pyproject.toml: [tool.cio-lint] events = ["signed_up", "order_completed"]\n'
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="signed_up")\n'
    )
    node_wrong_example = (
        '// pyproject.toml: [tool.cio-lint] events = ["signed_up", "order_completed"]\n'
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "sign_up" });\n'
    )
    node_correct_example = (
        '// pyproject.toml: [tool.cio-lint] events = ["signed_up", "order_completed"]\n'
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "signed_up" });\n'
    )
    correct_pattern = "one of the event names listed in `events` in [tool.cio-lint]"
    config_keys = ("events",)

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.events import clip_for_message, closest_known, is_known
        from cio_lint.analysis.reserved_events import is_reserved

        known = ctx.config.events
        if known is None:
            return
        candidates = tuple(name for name in known if not _performs_an_action(name))
        for event in ctx.model.event_names():
            if event.text is None or is_known(event.text, known) or is_reserved(event.text):
                continue
            suggestion = closest_known(event.text, candidates) if candidates else None
            hint = (
                f'; did you mean "{clip_for_message(suggestion, 30)}"?'
                if suggestion is not None else ": no campaign triggers on it"
            )
            ctx.report(
                self,
                event.arg,
                f"event \"{clip_for_message(event.text, 30)}\"{event.origin_note()} is not in "
                f"the `events` config{hint}",
                correct=ctx.model.quoted_like(event.literal, suggestion) if suggestion else None,
                anchor=event.call.node,
                via=event.call.via,
            )


def _performs_an_action(name: str) -> bool:
    from cio_lint.analysis.reserved_events import ReservedKind, reserved_event

    reserved = reserved_event(name)
    return reserved is not None and reserved.kind is ReservedKind.ACTION


RULE = UnknownEventName()
