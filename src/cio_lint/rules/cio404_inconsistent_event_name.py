"""CIO404 inconsistent-event-name: one event spelled several ways across the project."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Project, ProjectRule, group_by_key, more, short_place

if TYPE_CHECKING:
    from cio_lint.core.config import Config
    from cio_lint.core.facts import Fact
    from cio_lint.core.findings import Finding


class InconsistentEventName(ProjectRule):
    code = "CIO404"
    name = "inconsistent-event-name"
    severity = Severity.WARNING
    summary = (
        "The same event sent under different spellings (`SignedUp`, `signed-up`, "
        "`signed_up`) in different places of the project."
    )
    why = (
        "Customer.io compares event names exactly. `SignedUp` from the web app and "
        "`signed_up` from the worker are two different events: a campaign triggered by one "
        "never starts for people who only sent the other, and segments and reports count "
        "each half separately. Nothing errors; the data is just split.\n\n"
        "Customer.io's reserved event names are never reported and never renamed. An "
        "e-commerce or mobile spec name (`Order Completed`) is the spelling to keep: the "
        "others of its group are told to use it. A name that performs an action (`User "
        "Deleted`, `Device Created or Updated`) is not a spelling of your own event at all: "
        "`user_deleted` and `UserDeleted` are compared with each other only, and never told "
        "to become the action."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def on_signup(user):  # web app\n"
        '    cio.track(customer_id=user.id, name="SignedUp")\n\n'
        "def on_signup_imported(user_id):  # worker\n"
        '    cio.track(customer_id=user_id, name="signed_up")\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def on_signup(user):  # web app\n"
        '    cio.track(customer_id=user.id, name="signed_up")\n\n'
        "def on_signup_imported(user_id):  # worker\n"
        '    cio.track(customer_id=user_id, name="signed_up")\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        "\n"
        "export async function onSignup(user: User) {\n"
        '  await cio.track(user.id, { name: "SignedUp" });\n'
        "}\n"
        "\n"
        "export async function onImport(userId: string) {\n"
        '  await cio.track(userId, { name: "signed_up" });\n'
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        "\n"
        "export async function onSignup(user: User) {\n"
        '  await cio.track(user.id, { name: "signed_up" });\n'
        "}\n"
        "\n"
        "export async function onImport(userId: string) {\n"
        '  await cio.track(userId, { name: "signed_up" });\n'
        "}\n"
    )
    correct_pattern = "one spelling of the event name everywhere (snake_case)"
    config_keys = ("event-name-pattern",)

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.events import normalized
        from cio_lint.analysis.reserved_events import ReservedKind, reserved_event

        for event in ctx.model.event_names():
            if event.text is None:
                continue
            reserved = reserved_event(event.text)
            if reserved is not None and reserved.kind is ReservedKind.ACTION:
                continue  # an action, not a spelling of any event of the project's own
            form = normalized(event.text)
            if form:
                ctx.fact(self, event.arg, form, event.text)

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        from cio_lint.analysis.events import quoted
        from cio_lint.analysis.reserved_events import reserved_event

        findings: list[Finding] = []
        for group in group_by_key(facts).values():
            spellings = {str(f.value) for f in group}
            if len(spellings) < 2:
                continue
            ordered = sorted(group, key=lambda f: (f.path, f.start.line, f.start.column))
            preferred = _preferred(ordered, project.config)
            # A message depends only on the spelling it is about: made once per spelling,
            # so an event sent from thousands of places is linear.
            said = {spelling: _said(spelling, ordered, preferred) for spelling in spellings}
            for fact in ordered:
                if reserved_event(str(fact.value)) is None:  # a reserved name stays as it is
                    findings.append(self.finding(fact, said[str(fact.value)],
                                                 correct=quoted(preferred)))
        return findings


def _said(spelling: str, group: Sequence[Fact], preferred: str) -> str:
    """What a finding says of the other spellings of its event (``spelling``)."""
    from cio_lint.analysis.events import clip_for_message

    # The spelling to use is named first: it is the one worth finding.
    others = sorted(
        (other for other in group if other.value != spelling),
        key=lambda other: other.value != preferred,
    )
    first = clip_for_message(str(others[0].value), 25)
    places = more([short_place(other) for other in others])
    if spelling == preferred:
        advice = "rename those"
    elif others[0].value == preferred:
        advice = "use that everywhere"
    else:
        advice = f'use "{clip_for_message(preferred, 25)}" everywhere'
    return (f'event "{clip_for_message(spelling, 25)}" is also sent as "{first}" at '
            f"{places}: {advice}")


def _preferred(group: Sequence[Fact], config: Config) -> str:
    """The spelling to keep: a reserved spec name, else the most used one that fits the
    naming pattern."""
    from cio_lint.analysis.events import matches_pattern, snake_case
    from cio_lint.analysis.reserved_events import reserved_event

    counts = Counter(str(f.value) for f in group)
    for spelling in counts:
        if reserved_event(spelling) is not None:
            return spelling
    fitting = [s for s in counts if matches_pattern(s, config.event_name_pattern)]
    if fitting:
        return max(fitting, key=lambda s: counts[s])
    snake = snake_case(counts.most_common(1)[0][0])
    if snake and matches_pattern(snake, config.event_name_pattern):
        return snake
    return counts.most_common(1)[0][0]


RULE = InconsistentEventName()
