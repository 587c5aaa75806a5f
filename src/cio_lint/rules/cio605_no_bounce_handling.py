"""CIO605 no-bounce-handling: the project sends email but never suppresses anyone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Project, ProjectRule, group_by_key

if TYPE_CHECKING:
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.records import SdkCall
    from cio_lint.core.facts import Fact
    from cio_lint.core.findings import Finding


_SEND = "send"
_SUPPRESS = "suppress"


class NoBounceHandling(ProjectRule):
    code = "CIO605"
    name = "no-bounce-handling"
    severity = Severity.INFO
    summary = "The project sends email through Customer.io but never calls suppress()."
    why = (
        "Bounces, spam complaints and unsubscribes that reach your own systems (an ESP or "
        "inbound-mail webhook, a support tool, a 'stop emailing me' form) have to be passed "
        "back to Customer.io with `suppress`, or the next send mails the same dead or "
        "complaining address again: complaint and bounce rates climb and the sending domain's "
        "reputation drops. A project that sends through the App API and has no `suppress` "
        "call anywhere has no such path. Ignore this if bounces are handled elsewhere."
    )
    wrong_example = (
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        'api.send_email(SendEmailRequest(to=user.email, transactional_message_id="welcome",\n'
        '                                identifiers={"id": user.id}))\n'
        "# ...and no code ever calls cio.suppress(...)\n"
    )
    correct_example = (
        "from customerio import APIClient, CustomerIO, SendEmailRequest\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "api = APIClient(app_api_key)\n"
        'api.send_email(SendEmailRequest(to=user.email, transactional_message_id="welcome",\n'
        '                                identifiers={"id": user.id}))\n\n'
        "def on_bounce_webhook(payload):\n"
        '    if payload["type"] in ("hard_bounce", "spam_complaint"):\n'
        '        cio.suppress(payload["customer_id"])\n'
    )
    correct_pattern = (
        "in your bounce/complaint webhook handler, call cio.suppress(customer_id)"
    )
    node_wrong_example = (
        'import { APIClient, SendEmailRequest } from "customerio-node";\n\n'
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  to: user.email, transactional_message_id: "welcome", identifiers: { id: user.id },\n'
        "}));\n"
        "// ...and no code ever calls cio.suppress(...)\n"
    )
    node_correct_example = (
        'import { APIClient, SendEmailRequest, TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  to: user.email, transactional_message_id: "welcome", identifiers: { id: user.id },\n'
        "}));\n\n"
        "export async function onBounceWebhook(payload: { type: string; customer_id: string }) {\n"
        '  if (payload.type === "hard_bounce" || payload.type === "spam_complaint") {\n'
        "    await cio.suppress(payload.customer_id);\n"
        "  }\n"
        "}\n"
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        model = ctx.model
        # Compared by place: a frontend may hand out a new handle for the same syntax.
        sent_requests: set[object] = set()
        for call in model.sdk_calls():
            if call.kind is ClientKind.APP and call.method == "send_email":
                ctx.fact(self, call.node, _SEND, None)
                sent = call.value("request")
                if sent is not None:
                    sent_requests.add(model.span(model.origin(sent, call.place, call.order)))
            elif call.kind is ClientKind.TRACK and call.method == _SUPPRESS:
                ctx.fact(self, call.node, _SUPPRESS, None)
        for request in _email_requests(model):
            if model.span(request.node) not in sent_requests:
                ctx.fact(self, request.node, _SEND, None)

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        kinds = group_by_key(facts)
        sends = kinds.get(_SEND, [])
        findings: list[Finding] = []
        if project.complete and sends and not kinds.get(_SUPPRESS):
            files = len({fact.path for fact in sends})
            where = f"{len(sends)} place{'s' if len(sends) != 1 else ''}"
            if files > 1:
                where += f" in {files} files"
            findings.append(
                self.finding(
                    sends[0],
                    f"email is sent ({where}, first here) but nothing calls `suppress`: "
                    "bounced addresses keep being mailed",
                )
            )
        return findings


def _email_requests(model: ModuleModel) -> list[SdkCall]:
    """``SendEmailRequest(...)`` built here: an email send even when the client is unknown."""
    return [r for r in model.requests() if r.method == "SendEmailRequest"]


RULE = NoBounceHandling()
