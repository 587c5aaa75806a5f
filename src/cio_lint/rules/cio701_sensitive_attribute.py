"""CIO701 sensitive-attribute: passwords, card data, tokens and keys sent to Customer.io."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.attributes import SentEntry


class SensitiveAttribute(Rule):
    code = "CIO701"
    name = "sensitive-attribute"
    severity = Severity.ERROR
    summary = (
        "A password, card number, SSN, token, secret or API key sent as an attribute or "
        "event data."
    )
    why = (
        "Customer.io stores attributes and event data in plain text: they are shown on the "
        "profile to everyone with access to the workspace (and to Customer.io support when "
        "access is granted), included in exports and CSV downloads, usable in message "
        "templates and forwarded to every connected integration and data warehouse. "
        "Customer.io's documentation says not to store passwords, tokens, bank or card data "
        "there. A leaked token or key gives access to the person's account or to your systems. "
        "Not flagged: a device's push token (Customer.io needs it to deliver push), values "
        "`None` or `\"\"` (they clear the attribute), names that describe a secret "
        "(`has_password`, `password_changed_at`, `token_count`), and transactional "
        "`message_data` (not stored on the profile; send it with "
        "`disable_message_retention=True`)."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.identify(id=user.id, email=user.email, password=form.cleaned_data["password"])\n'
        'cio.track(user.id, "api_key_created", {"api_key": key.secret})\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, email=user.email)\n"
        'cio.track(user.id, "api_key_created", {"key_id": key.id})\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function onSignup(user: { id: string; email: string }, "
        "form: { password: string }) {\n"
        "  await cio.identify(user.id, { email: user.email, password: form.password });\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function onSignup(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, { email: user.email, has_password: true });\n"
        "}\n"
    )
    correct_pattern = "remove the secret from the payload; send a non-secret fact (an id, a flag)"
    config_keys = ()

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.attributes import sensitive_content

        for call in ctx.calls():
            for entry in ctx.model.all_entries(call):
                content = sensitive_content(entry.key, entry.namespace)
                if content is None or ctx.model.clears_attribute(entry):
                    continue
                self._report(ctx, entry, content)

    def _report(self, ctx: LintContext, entry: SentEntry, content: str) -> None:
        message = (
            f"`{clip(entry.path, 30)}` is sent as {entry.namespace.phrase}: {content} "
            "readable workspace-wide"
        )
        ctx.report(self, entry.key_node, message, correct=_correct(ctx, entry),
                   anchor=entry.call.node, wrong=ctx.model.entry_source(entry),
                   via=entry.call.via)


def _correct(ctx: LintContext, entry: SentEntry) -> str | None:
    """The call (or the dict it sends) without the secret, when it fits on one line."""
    text = ctx.model.without_entry_rewrite(entry)
    return text if text is not None and "\n" not in text else None


RULE = SensitiveAttribute()
