"""CIO702 attribute-name: attribute names and values Customer.io reserves or rejects."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.attributes import Namespace, SentEntry
    from cio_lint.analysis.records import SdkCall

#: Track API limits (documented 400 errors "attribute name cannot be longer than 150
#: bytes", "value ... cannot be longer than 1000 bytes", "cannot identify more than
#: 300 attributes in one request"); the same limits hold for objects.
MAX_NAME_BYTES = 150
MAX_VALUE_BYTES = 1000
MAX_ATTRIBUTES = 300

#: Reserved profile attributes Customer.io only recognises spelled in lower case.
RESERVED = frozenset({"email", "phone", "created_at", "timezone", "unsubscribed"})

#: The Track API's identify flag that updates existing people only (never an attribute).
UPDATE_FLAG = "_update"


#: Where the limits apply: what is stored as attributes of a person or an object.
@cache
def _limited() -> frozenset[Namespace]:
    from cio_lint.analysis.attributes import Namespace

    return frozenset({Namespace.PROFILE, Namespace.OBJECT})


class AttributeName(Rule):
    code = "CIO702"
    name = "attribute-name"
    severity = Severity.WARNING
    summary = (
        "An attribute name starting with `_`, a reserved name in the wrong case, a name over "
        "150 bytes, a value over 1000 bytes, or more than 300 attributes in one call."
    )
    why = (
        "Attribute names are case-sensitive: `Timezone` or `Unsubscribed` is stored as a new, "
        "ordinary attribute, so time-zone matching and the global unsubscribe ignore it (and "
        "`Email` leaves the person without an address). Names starting with `_` are reserved "
        "for Customer.io and cannot be used in segments, search or campaign triggers (`_update` "
        "on an identify is not an attribute but the Track API's update-only flag, and is "
        "left alone). The "
        "Track API rejects the whole call (HTTP 400) when a name is over 150 bytes, a value "
        "over 1000 bytes, or a call carries more than 300 attributes."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.identify(id=user.id, Timezone="Europe/Paris", _plan="pro")\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.identify(id=user.id, timezone="Europe/Paris", plan="pro")\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function saveSettings(user: { id: string; tz: string }) {\n"
        '  await cio.identify(user.id, { Timezone: user.tz, _plan: "pro" });\n'
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function saveSettings(user: { id: string; tz: string }) {\n"
        '  await cio.identify(user.id, { timezone: user.tz, plan: "pro", _update: true });\n'
        "}\n"
    )
    correct_pattern = (
        "lower-case reserved names, no leading `_`, names up to 150 bytes, values up to "
        "1000 bytes, at most 300 attributes per call"
    )
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Lower-casing a reserved name (`Timezone=` -> `timezone=`) is safe: the mis-cased "
        "attribute never worked. Dropping a leading `_` is unsafe: profiles already hold the "
        "old name, and other code or segments may read it. A rename inside a dict built "
        "away from the call is unsafe too (other code may read that dict). No fix when the "
        "new name is already sent by the same call."
    )

    def check(self, ctx: LintContext) -> None:
        for call in ctx.calls():
            entries = [e for e in ctx.model.sent_entries(call) if e.namespace in _limited()]
            if not entries:
                continue
            for entry in entries:
                self._check_name(ctx, entry, entries)
                self._check_value(ctx, entry)
            self._check_count(ctx, call, entries)

    def _check_name(self, ctx: LintContext, entry: SentEntry, entries: list[SentEntry]) -> None:
        from cio_lint.analysis.attributes import Namespace

        size = len(entry.key.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            ctx.report(
                self, entry.key_node,
                f"attribute name `{clip(entry.key, 30)}` is {size} bytes (over "
                f"{MAX_NAME_BYTES}): the whole `{entry.call.written}` call gets 400",
                correct="a shorter attribute name (at most 150 bytes)",
                anchor=entry.call.node,
                wrong=_shortened(ctx.model.code(entry.key_node).strip()),
                via=entry.call.via,
            )
            return
        if entry.namespace is not Namespace.PROFILE:
            return
        lower = entry.key.lower()
        if lower in RESERVED and entry.key != lower:
            self._report_rename(
                ctx, entry, entries, lower, safe=True,
                reason=(
                    f"`{clip(entry.key, 30)}` is not the reserved `{lower}` (case matters): "
                    f"{_reserved_effect(lower)}"
                ),
            )
        elif entry.key.startswith("_") and not _is_update_flag(entry):
            stripped = entry.key.lstrip("_")
            self._report_rename(
                ctx, entry, entries, stripped, safe=False,
                reason=(
                    f"attribute `{clip(entry.key, 30)}` starts with `_`, reserved by "
                    "Customer.io: unusable in segments and triggers"
                ),
            )

    def _report_rename(
        self, ctx: LintContext, entry: SentEntry, entries: list[SentEntry], new_name: str,
        *, safe: bool, reason: str,
    ) -> None:
        from cio_lint.core.findings import Fix

        replacement = ctx.model.renamed_key_rewrite(entry, new_name)
        taken = any(other.key == new_name for other in entries)
        fix = None
        correct: str | None = None
        if taken:
            correct = f"send only `{new_name}`: this call already sends it"
        elif replacement is not None:
            # A key in a dict built elsewhere may feed other code too, and a keyword passed
            # to a project function may fill one of its parameters once renamed: never safe.
            at_call = ctx.model.written_inside(entry.key_node, entry.call.node)
            at_call = at_call and entry.call.via is None
            fix = Fix((ctx.replace(entry.key_node, replacement),), safe=safe and at_call,
                      description=f"rename to `{new_name}`")
            correct = ctx.model.entry_source(entry, key_text=replacement)
        ctx.report(self, entry.key_node, reason, correct=correct, fix=fix,
                   anchor=entry.call.node, via=entry.call.via)

    def _check_value(self, ctx: LintContext, entry: SentEntry) -> None:
        value = ctx.model.origin(entry.value, entry.call.place, entry.call.order)
        text = ctx.model.string_value(value)
        if text is None:
            return
        size = len(text.encode("utf-8"))
        if size > MAX_VALUE_BYTES:
            ctx.report(
                self, entry.value,
                f"the value of `{clip(entry.key, 30)}` is {size} bytes (over "
                f"{MAX_VALUE_BYTES}): the whole `{entry.call.written}` call gets 400",
                correct="keep long text in your own system; send a short value or a URL",
                anchor=entry.call.node,
                wrong=_shortened(ctx.model.entry_source(entry)),
                via=entry.call.via,
            )

    def _check_count(self, ctx: LintContext, call: SdkCall, entries: list[SentEntry]) -> None:
        count = len({entry.key for entry in entries})
        if count > MAX_ATTRIBUTES:
            ctx.report(
                self, call.node,
                f"`{call.written}` sends {count} attributes (over {MAX_ATTRIBUTES}): the call "
                "gets 400 and none is stored",
                correct=f"split the attributes over several `{call.written}` calls of at most "
                f"{MAX_ATTRIBUTES}",
                anchor=call.node,
                wrong=ctx.model.code(call.node).splitlines()[0],
                via=call.via,
            )


def _is_update_flag(entry: SentEntry) -> bool:
    """``_update: true`` on a Track identify: the API's "update only, never create" flag,
    not an attribute."""
    from cio_lint.core.client_kinds import ClientKind

    call = entry.call
    return (entry.key == UPDATE_FLAG and not entry.parents and call.kind is ClientKind.TRACK
            and call.method == "identify")


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reserved_effect(name: str) -> str:
    return {
        "timezone": "time-zone matching ignores it",
        "unsubscribed": "the global unsubscribe ignores it",
        "email": "the person has no address to email",
        "phone": "the person has no number for SMS",
        "created_at": "the 'signed up' date ignores it",
    }[name]


RULE = AttributeName()
