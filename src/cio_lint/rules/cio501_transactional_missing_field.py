"""CIO501 transactional-missing-field: a transactional request the App API will reject."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.transactional import Channel, TransactionalRequest

_TEMPLATE = "transactional_message_id"
_INLINE = ("body", "subject", "from")


#: Channels whose ``to`` the App API requires (SMS and WhatsApp take an E.164 number).
@cache
def _needs_to() -> frozenset[Channel]:
    from cio_lint.analysis.transactional import Channel

    return frozenset({Channel.EMAIL, Channel.SMS, Channel.WHATSAPP})


#: What each missing field is shown with: code, or the entries of a mapping.
_PLACEHOLDERS: dict[str, str | dict[str, str]] = {
    "to": "...",
    "identifiers": {"id": "..."},
    _TEMPLATE: "...",
    "body": "...",
    "subject": "...",
    "from": "...",
}


class TransactionalMissingField(Rule):
    code = "CIO501"
    name = "transactional-missing-field"
    severity = Severity.ERROR
    summary = "A transactional request without a field the App API requires."
    why = (
        "The SDK does not validate requests: a transactional email without `to` or "
        "`identifiers`, or with neither a template (`transactional_message_id`) nor all of "
        "`body`, `subject` and `_from`, and a push, SMS, WhatsApp, inbox or in-app message "
        "without `identifiers` or its template id, is sent as is and rejected by the App API "
        "with a 400. The password reset or receipt is never delivered, and the only trace "
        "is an exception (or a log line) at run time."
    )
    wrong_example = (
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        "api.send_email(SendEmailRequest(\n"
        '    transactional_message_id="password_reset",\n'
        "    to=user.email,\n"
        '    message_data={"reset_url": url},\n'
        "))\n"
    )
    correct_example = (
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        "api.send_email(SendEmailRequest(\n"
        '    transactional_message_id="password_reset",\n'
        "    to=user.email,\n"
        '    identifiers={"id": str(user.id)},\n'
        '    message_data={"reset_url": url},\n'
        "))\n"
    )
    node_wrong_example = (
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "password_reset",\n'
        "  to: user.email,\n"
        "  message_data: { reset_url: url },\n"
        "}));\n"
    )
    node_correct_example = (
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "password_reset",\n'
        "  to: user.email,\n"
        "  identifiers: { id: String(user.id) },\n"
        "  message_data: { reset_url: url },\n"
        "}));\n"
    )
    correct_pattern = (
        'SendEmailRequest(transactional_message_id="...", to=user.email, '
        'identifiers={"id": str(user.id)})'
    )

    def check(self, ctx: LintContext) -> None:
        model = ctx.model
        for request in model.transactional_requests():
            if not request.closed or request.misspelled:
                continue
            missing = missing_fields(request)
            if not missing:
                continue
            additions = {name: _placeholder(ctx, name) for name in missing}
            ctx.report(
                self,
                request.node,
                _message(request, missing),
                correct=model.request_with_fields(request, additions),
            )


def missing_fields(request: TransactionalRequest) -> list[str]:
    """The required fields the request does not send, in the order to add them."""
    from cio_lint.analysis.transactional import Channel

    missing = [
        name for name in ("to", "identifiers")
        if (name == "identifiers" or request.channel in _needs_to()) and not request.has(name)
    ]
    if request.has(_TEMPLATE):
        return missing
    if request.channel is not Channel.EMAIL:
        return [*missing, _TEMPLATE]
    inline = [name for name in _INLINE if not request.has(name)]
    if len(inline) == len(_INLINE):
        return [*missing, _TEMPLATE]
    return [*missing, *inline]


def _placeholder(ctx: LintContext, name: str) -> str:
    """The code a missing field is shown with in the corrected request."""
    placeholder = _PLACEHOLDERS[name]
    return placeholder if isinstance(placeholder, str) else ctx.model.mapping_literal(placeholder)


def _message(request: TransactionalRequest, missing: list[str]) -> str:
    from cio_lint.analysis.transactional import CHANNEL_NAMES

    names = [f"`{request.spelling(name)}`" for name in missing]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return (
        f"{request.label} has no {listed}: the {CHANNEL_NAMES[request.channel]} send gets 400"
    )


def _role(request: TransactionalRequest, name: str) -> str:
    """What the missing field tells Customer.io."""
    from cio_lint.analysis.transactional import Channel

    if name == "to":
        return (
            "the recipient's address" if request.channel is Channel.EMAIL
            else "the recipient's phone number"
        )
    if name == "identifiers":
        return "the person the message belongs to"
    if name == _TEMPLATE:
        return "which template to send"
    sender = request.spelling("from")
    return f"without a template an email needs `body`, `subject` and `{sender}`"


RULE = TransactionalMissingField()
