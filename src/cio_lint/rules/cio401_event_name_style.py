"""CIO401 event-name-style: an event name that breaks the naming convention or the API limits."""

from __future__ import annotations

from cio_lint.analysis.events import (
    MAX_EVENT_NAME_BYTES,
    EventName,
    byte_length,
    clip_for_message,
    matches_pattern,
    snake_case,
)
from cio_lint.core.findings import Fix, Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule


class EventNameStyle(Rule):
    code = "CIO401"
    name = "event-name-style"
    severity = Severity.WARNING
    summary = (
        "A literal event name that is not snake_case (or the configured pattern), is blank, "
        "or is over 100 bytes."
    )
    why = (
        "Customer.io matches event names exactly and case-sensitively. When one team sends "
        "`SignedUp` and another `signed_up`, the workspace holds two events: campaign "
        "triggers, segments and reports built on one silently miss the other. One "
        "convention (snake_case by default) keeps names predictable. A blank name or one "
        "over 100 bytes is rejected by the API (400 \"event name must not be blank\" / "
        "\"cannot be longer than 100 bytes\"), so the event is lost."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="Signed Up")\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="signed_up")\n'
    )
    correct_pattern = 'a snake_case event name, e.g. name="signed_up"'
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Unsafe: campaigns, segments and reports that trigger on the old spelling must be "
        "renamed at the same time, or they stop matching. Offered only when the literal is "
        "written in the call and its snake_case form matches the configured pattern."
    )
    config_keys = ("event-name-pattern",)

    def check(self, ctx: LintContext) -> None:
        for event in ctx.model.event_names():
            if event.text is None:
                continue
            if not event.text.strip():
                self._blank(ctx, event)
            elif byte_length(event.text) > MAX_EVENT_NAME_BYTES:
                self._too_long(ctx, event, event.text)
            elif not matches_pattern(event.text, ctx.config.event_name_pattern):
                self._off_pattern(ctx, event, event.text)

    def _blank(self, ctx: LintContext, event: EventName) -> None:
        ctx.report(
            self,
            event.arg,
            f"`{event.parameter}` of `{event.call.method}` is blank"
            f"{event.origin_note()}: the API rejects it (\"event name must not be "
            "blank\") and the event is lost",
            anchor=event.call.node,
        )

    def _too_long(self, ctx: LintContext, event: EventName, text: str) -> None:
        ctx.report(
            self,
            event.arg,
            f"event name \"{clip_for_message(text)}\" is {byte_length(text)} bytes"
            f"{event.origin_note()}; the API rejects names over "
            f"{MAX_EVENT_NAME_BYTES} bytes, so the event is lost: use a short fixed name and "
            "send the details in the event data",
            anchor=event.call.node,
        )

    def _off_pattern(self, ctx: LintContext, event: EventName, text: str) -> None:
        pattern = ctx.config.event_name_pattern
        snake = _suggestion(text, pattern)
        usable = bool(snake) and matches_pattern(snake, pattern)
        if usable:
            advice = f'its snake_case form is "{snake}"'
        elif snake and snake != text:
            advice = f'its snake_case form "{snake}" does not match either; rename it'
        else:
            advice = "rename it to fit"
        ctx.report(
            self,
            event.arg,
            f"event name \"{clip_for_message(text)}\"{event.origin_note()} does not match the "
            f"event-name pattern `{pattern}`: {advice}. Customer.io matches names exactly, so "
            "mixed spellings split one event and triggers miss the others",
            correct=ctx.model.quoted_like(event.literal, snake) if usable else None,
            fix=self._fix(ctx, event, snake) if usable else None,
            anchor=event.call.node,
            wrong=ctx.model.code(event.literal) if event.literal is not None else None,
        )

    def _fix(self, ctx: LintContext, event: EventName, snake: str) -> Fix | None:
        if event.literal is None or not event.at_call:
            return None
        return Fix(
            (ctx.replace(event.literal, ctx.model.quoted_like(event.literal, snake)),),
            safe=False,
            description=f'rename the event to "{snake}" (update campaigns that trigger on it)',
        )


def _suggestion(text: str, pattern: str) -> str:
    """The snake_case form, keeping ``.`` between words when the pattern allows dotted names."""
    if "." in text:
        dotted = ".".join(part for part in map(snake_case, text.split(".")) if part)
        if dotted and matches_pattern(dotted, pattern):
            return dotted
    return snake_case(text)


RULE = EventNameStyle()
