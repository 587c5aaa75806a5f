"""CIO405 unknown-event-name: an event name no campaign of the workspace triggers on."""

from __future__ import annotations

from cio_lint.analysis.events import clip_for_message, closest_known, is_known
from cio_lint.core.findings import Severity
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
        "`events = [...]` turns that silent miss into a lint error."
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
    correct_pattern = "one of the event names listed in `events` in [tool.cio-lint]"
    config_keys = ("events",)

    def check(self, ctx: LintContext) -> None:
        known = ctx.config.events
        if known is None:
            return
        for event in ctx.model.event_names():
            if event.text is None or is_known(event.text, known):
                continue
            suggestion = closest_known(event.text, known)
            hint = f'; did you mean "{suggestion}"?' if suggestion is not None else "."
            ctx.report(
                self,
                event.arg,
                f"event \"{clip_for_message(event.text)}\"{event.origin_note()} is not one of "
                f"the {len(known)} events in the `events` config{hint} The API accepts it, "
                "but no campaign triggers on it",
                correct=ctx.model.quoted_like(event.literal, suggestion) if suggestion else None,
                anchor=event.call.node,
            )


RULE = UnknownEventName()
