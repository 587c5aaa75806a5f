"""CIO503 invalid-recipient: a literal ``to`` that is not an address the channel can reach."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.transactional import Channel, FieldValue, TransactionalRequest


@cache
def _phone_channels() -> frozenset[Channel]:
    from cio_lint.analysis.transactional import Channel

    return frozenset({Channel.SMS, Channel.WHATSAPP})


#: The corrected value when none can be derived from the literal.
_PHONE_EXAMPLE = '"+15551234567" (E.164: +, country code, number)'
_EMAIL_EXAMPLE = "user.email"


class InvalidRecipient(Rule):
    code = "CIO503"
    name = "invalid-recipient"
    severity = Severity.ERROR
    summary = "A literal `to` that is not an email address (or, for SMS/WhatsApp, not E.164)."
    why = (
        "The App API sends a transactional email to `to` as written: it must be an address "
        "(`jane@example.com` or `Jane Doe <jane@example.com>`). SMS and WhatsApp need the "
        "number in E.164 form (`+15551234567`: + and 8 to 15 digits, no spaces or dashes) or "
        "Liquid such as `{{customer.phone}}`. Anything else, such as a user id, a name or "
        "`555-123-4567`, is rejected with a 400 or fails delivery, and the message never "
        "arrives."
    )
    wrong_example = (
        "from customerio import APIClient, SendSMSRequest\n\n"
        "api = APIClient(app_api_key)\n"
        'api.send_sms(SendSMSRequest(transactional_message_id="otp", to="555-123-4567",\n'
        '                            identifiers={"id": str(user.id)}))\n'
    )
    correct_example = (
        "from customerio import APIClient, SendSMSRequest\n\n"
        "api = APIClient(app_api_key)\n"
        'api.send_sms(SendSMSRequest(transactional_message_id="otp", to="+15551234567",\n'
        '                            identifiers={"id": str(user.id)}))\n'
    )
    node_wrong_example = (
        'import { APIClient, SendSMSRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendSMS(new SendSMSRequest({\n"
        '  transactional_message_id: "otp",\n'
        '  to: "555-123-4567",\n'
        "  identifiers: { id: String(user.id) },\n"
        "}));\n"
    )
    node_correct_example = (
        'import { APIClient, SendSMSRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendSMS(new SendSMSRequest({\n"
        '  transactional_message_id: "otp",\n'
        '  to: "+15551234567",\n'
        "  identifiers: { id: String(user.id) },\n"
        "}));\n"
    )
    correct_pattern = 'to=user.email (SMS/WhatsApp: to="+15551234567")'

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.transactional import Channel

        for request in ctx.model.transactional_requests():
            value = ctx.model.field_value(request, "to")
            if value is None or request.channel not in (_phone_channels() | {Channel.EMAIL}):
                continue
            via = f" (via `{clip(value.name, 20)}`)" if value.name is not None else ""
            problem = (
                _phone_problem(value) if request.channel in _phone_channels()
                else _email_problem(value)
            )
            if problem is None:
                continue
            shown, reason, correct = problem
            ctx.report(
                self,
                value.node,
                f"`to` is {shown}{via}, {reason}: {_consequence(request)}",
                correct=correct or (
                    _PHONE_EXAMPLE if request.channel in _phone_channels() else _EMAIL_EXAMPLE
                ),
                anchor=request.node,
            )


#: What the value is, why it is wrong, and the corrected literal when derivable.
Problem = tuple[str, str, str | None]


def _email_problem(value: FieldValue) -> Problem | None:
    from cio_lint.analysis.transactional import (
        FieldValueKind,
        is_email_recipient,
        is_liquid,
        recipients,
    )

    if value.kind in (FieldValueKind.INTEGER, FieldValueKind.FLOAT):
        return f"the number {value.text}", "not an email address", _EMAIL_EXAMPLE
    text = value.string
    if text is None or is_liquid(text):
        return None
    if not text.strip():
        return "an empty string", "not an email address", _EMAIL_EXAMPLE
    bad = [part for part in recipients(text) if not is_email_recipient(part)]
    if not bad:
        return None
    part = bad[0]
    fixed = _email_rewrite(part)
    correct = f'"{text.replace(part, fixed)}"' if fixed else None
    return f'"{clip(part, 30)}"', _email_reason(part), correct


def _email_reason(part: str) -> str:
    if part.lower().startswith("mailto:"):
        return "a mailto: link, not an email address"
    if "@" not in part:
        return "not an email address (no @)"
    if part.count("<") != part.count(">"):
        return "a `Name <address>` with unbalanced `<>`"
    if "." not in part.rsplit("@", 1)[1]:
        return "not a valid email address (the domain has no dot)"
    return "not a valid email address"


def _email_rewrite(part: str) -> str | None:
    """The address a near miss was meant to be (``mailto:`` dropped, stray spaces removed)."""
    from cio_lint.analysis.transactional import is_email_recipient

    candidate = part.strip()
    if candidate.lower().startswith("mailto:"):
        candidate = candidate[len("mailto:"):]
    candidate = candidate.replace(" @", "@").replace("@ ", "@").strip()
    return candidate if candidate != part and is_email_recipient(candidate) else None


def _phone_problem(value: FieldValue) -> Problem | None:
    from cio_lint.analysis.transactional import FieldValueKind, e164_rewrite, is_e164, is_liquid

    if value.kind is FieldValueKind.INTEGER:
        return f"the integer {value.text}", "not an E.164 string", None
    text = value.string
    if text is None or is_liquid(text) or is_e164(text):
        return None
    fixed = e164_rewrite(text)
    if "@" in text:
        reason = "an email address, not a phone number"
    elif not text.startswith("+") and not text.startswith("00"):
        reason = "not in E.164 form (no + and country code)"
    else:
        reason = "not E.164 (+ and 8 to 15 digits)"
    return f'"{clip(text, 30)}"', reason, f'"{fixed}"' if fixed else None


def _consequence(request: TransactionalRequest) -> str:
    from cio_lint.analysis.transactional import CHANNEL_NAMES

    return f"the {CHANNEL_NAMES[request.channel]} send fails"


RULE = InvalidRecipient()
