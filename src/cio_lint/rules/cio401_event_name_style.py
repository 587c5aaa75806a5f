"""CIO401 event-name-style: an event name that breaks the naming convention or the API limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import QUOTE_WIDTH, FixAvailability, LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.events import EventName
    from cio_lint.analysis.reserved_events import ReservedEvent
    from cio_lint.core.findings import Fix


class EventNameStyle(Rule):
    code = "CIO401"
    name = "event-name-style"
    severity = Severity.WARNING
    summary = (
        "A literal event name that is blank, over 100 bytes, or off the naming convention: "
        "snake_case (or the configured pattern); Pipelines calls may also use Object Action "
        "names. Customer.io's reserved names are never flagged."
    )
    why = (
        "Customer.io matches event names exactly and case-sensitively. When one team sends "
        "`SignedUp` and another `signed_up`, the workspace holds two events: campaign "
        "triggers, segments and reports built on one silently miss the other. One "
        "convention (snake_case by default) keeps names predictable. A blank name or one "
        "over 100 bytes is rejected by the API (400 \"event name must not be blank\" / "
        "\"cannot be longer than 100 bytes\"), so the event is lost: keep the name short and "
        "fixed, and send the details in the event data.\n\n"
        "What is flagged: a Track API name (`cio.track`, `track_anonymous`, `backfill`) that "
        "does not match `event-name-pattern` (default snake_case, `^[a-z][a-z0-9_]*$`, as "
        "Customer.io's Track examples write them). A Pipelines name (`analytics.track`) that "
        "is neither snake_case nor an Object Action name, the Segment convention that "
        "Customer.io's own Pipelines events follow: words one space apart, the first "
        "capitalised, none run together (`Invoice Paid`, `Trial started`, `SMS Sent`; not "
        "`InvoicePaid` or `invoice paid`). A case style is not what breaks "
        "campaigns; spelling one event two ways is (CIO404), and so is a name the workspace "
        "does not know (CIO405).\n\n"
        "Never flagged or renamed: Customer.io's reserved event names, whose exact spelling "
        "makes Data Pipelines act (`Device Created or Updated` registers a device, `User "
        "Deleted` deletes the person, `Order Completed` is the e-commerce event destinations "
        "map). Renamed to `device_created_or_updated`, they become plain custom events and "
        "the action silently stops. A Pipelines name that spells one of them differently "
        "(`order completed`, `Device created or updated`) is flagged instead, without a fix: "
        "it does nothing special. A look-alike that matches `event-name-pattern` "
        "(`order_completed` by default) is taken as a name of your own, and on Track API "
        "calls, which give these names no meaning, look-alikes are judged like any name.\n\n"
        "Choosing `event-name-pattern`: set it to the convention your workspace's campaigns "
        "already use, since renaming live events means renaming their triggers too. Once "
        "set, it applies as written to the calls of both SDKs (the Object Action allowance "
        "is for the default only); for example `^[a-z][a-z0-9_.]*$` for `area.action` names, "
        "or `^[A-Z][A-Za-z0-9]*( [A-Za-z0-9]+)*$` for Title Case names everywhere. A pattern "
        "spelt exactly as the default counts as the default; to hold Pipelines calls to "
        "snake_case as well, write it without anchors, `[a-z][a-z0-9_]*` (the whole name "
        "must match either way)."
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
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "Signed Up" });\n'
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "signed_up" });\n'
    )
    correct_pattern = (
        'a snake_case event name, e.g. name="signed_up" (Pipelines: also event="Signed Up")'
    )
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Unsafe: campaigns, segments and reports that trigger on the old spelling must be "
        "renamed at the same time, or they stop matching. Offered only when the literal is "
        "written in the call and its snake_case form matches the configured pattern; never "
        "for a reserved name or a look-alike of one."
    )
    config_keys = ("event-name-pattern",)

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.events import (
            MAX_EVENT_NAME_BYTES,
            byte_length,
            is_object_action,
            matches_pattern,
        )
        from cio_lint.analysis.reserved_events import is_reserved

        for event in ctx.model.event_names():
            text = event.text
            if text is None or is_reserved(text):
                continue  # renaming a reserved name silently drops what Customer.io does with it
            pattern = ctx.config.event_name_pattern
            if not text.strip():
                self._blank(ctx, event)
            elif byte_length(text) > MAX_EVENT_NAME_BYTES:
                self._too_long(ctx, event, text)
            elif matches_pattern(text, pattern):
                continue
            elif (look_alike := _pipelines_look_alike(event, text)) is not None:
                self._look_alike(ctx, event, text, look_alike)
            elif not _object_action_allowed(event, pattern):
                self._off_pattern(ctx, event, text)
            elif not is_object_action(text):
                self._off_pipelines_styles(ctx, event, text)

    def _blank(self, ctx: LintContext, event: EventName) -> None:
        ctx.report(
            self,
            event.arg,
            f"`{event.parameter}` of `{event.call.written}` is blank"
            f"{event.origin_note()}: the API rejects it and the event is lost",
            anchor=event.call.node,
            via=event.call.via,
        )

    def _too_long(self, ctx: LintContext, event: EventName, text: str) -> None:
        from cio_lint.analysis.events import MAX_EVENT_NAME_BYTES, byte_length, clip_for_message

        ctx.report(
            self,
            event.arg,
            f"event name \"{clip_for_message(text, 30)}\" is {byte_length(text)} bytes"
            f"{event.origin_note()}: the API rejects names over {MAX_EVENT_NAME_BYTES}",
            anchor=event.call.node,
            via=event.call.via,
        )

    def _off_pattern(self, ctx: LintContext, event: EventName, text: str) -> None:
        from cio_lint.analysis.events import clip_for_message, matches_pattern
        from cio_lint.core.config import DEFAULT_EVENT_NAME_PATTERN

        pattern = ctx.config.event_name_pattern
        snake = _suggestion(text, pattern)
        usable = bool(snake) and matches_pattern(snake, pattern)
        if usable:
            advice = f'use "{clip_for_message(snake, 30)}"'
        elif snake and snake != text:
            advice = f'nor does "{clip_for_message(snake, 30)}"; rename it'
        else:
            advice = "rename it"
        judged = (
            "is not snake_case" if pattern == DEFAULT_EVENT_NAME_PATTERN
            else f"does not match `{clip(pattern, 30)}`"
        )
        self._report_renaming(
            ctx, event,
            f"event name \"{clip_for_message(text, 30)}\"{event.origin_note()} {judged}: "
            f"{advice}",
            snake if usable else None,
        )

    def _look_alike(
        self, ctx: LintContext, event: EventName, text: str, reserved: ReservedEvent
    ) -> None:
        ctx.report(
            self,
            event.arg,
            _look_alike_message(text, event.origin_note(), reserved),
            anchor=event.call.node,
            via=event.call.via,
            wrong=ctx.model.code(event.literal) if event.literal is not None else None,
        )

    def _off_pipelines_styles(self, ctx: LintContext, event: EventName, text: str) -> None:
        from cio_lint.analysis.events import (
            clip_for_message,
            is_object_action,
            object_action,
            snake_case,
        )
        from cio_lint.analysis.reserved_events import is_reserved

        snake = snake_case(text)
        named = object_action(text)
        forms = [f'"{clip_for_message(snake, 30)}"'] if snake else []
        if is_object_action(named) and not is_reserved(named):
            forms.append(f'"{clip_for_message(named, 30)}"')
        advice = f"write it as {' or '.join(forms)}" if forms else "rename it"
        self._report_renaming(
            ctx, event,
            f"event name \"{clip_for_message(text, 30)}\"{event.origin_note()} fits neither "
            f"naming style: {advice}",
            snake or None,
        )

    def _report_renaming(
        self, ctx: LintContext, event: EventName, message: str, renamed: str | None
    ) -> None:
        """Report ``event`` with ``message``; ``renamed`` (when there is one) is the name
        the correct line and the fix write instead."""
        ctx.report(
            self,
            event.arg,
            message,
            correct=ctx.model.quoted_like(event.literal, renamed) if renamed else None,
            fix=self._fix(ctx, event, renamed) if renamed else None,
            anchor=event.call.node,
            via=event.call.via,
            wrong=ctx.model.code(event.literal) if event.literal is not None else None,
        )

    def _fix(self, ctx: LintContext, event: EventName, snake: str) -> Fix | None:
        from cio_lint.core.findings import Fix

        if event.literal is None or not event.at_call:
            return None
        return Fix(
            (ctx.replace(event.literal, ctx.model.quoted_like(event.literal, snake)),),
            safe=False,
            description=f'rename the event to "{snake}" (update campaigns that trigger on it)',
        )


def _look_alike_message(text: str, origin: str, reserved: ReservedEvent) -> str:
    """Names the reserved event and what it does, the effect dropped when it makes the
    line too long."""
    from cio_lint.analysis.events import clip_for_message

    head = f'event name "{clip_for_message(text, 30)}"{origin} is a custom event, not the reserved'
    full = f'{head} "{reserved.name}" ({reserved.effect})'
    return full if len(full) <= 3 * QUOTE_WIDTH else f'{head} "{reserved.name}"'


def _object_action_allowed(event: EventName, pattern: str) -> bool:
    """Pipelines calls may use Object Action names while the pattern is the default."""
    from cio_lint.core.client_kinds import ClientKind
    from cio_lint.core.config import DEFAULT_EVENT_NAME_PATTERN

    return event.call.kind is ClientKind.PIPELINES and pattern == DEFAULT_EVENT_NAME_PATTERN


def _pipelines_look_alike(event: EventName, text: str) -> ReservedEvent | None:
    """The reserved Pipelines event that ``text`` spells differently, if any.

    Only for Pipelines calls: the Track API gives these names no special meaning.
    """
    from cio_lint.analysis.reserved_events import reserved_look_alike
    from cio_lint.core.client_kinds import ClientKind

    if event.call.kind is not ClientKind.PIPELINES:
        return None
    return reserved_look_alike(text)


def _suggestion(text: str, pattern: str) -> str:
    """The snake_case form, keeping ``.`` between words when the pattern allows dotted names."""
    from cio_lint.analysis.events import matches_pattern, snake_case

    if "." in text:
        dotted = ".".join(part for part in map(snake_case, text.split(".")) if part)
        if dotted and matches_pattern(dotted, pattern):
            return dotted
    return snake_case(text)


RULE = EventNameStyle()
