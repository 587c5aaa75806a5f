"""CIO302 email-as-id: an email address used as the customer id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.records import Node, SdkCall


class EmailAsId(Rule):
    code = "CIO302"
    name = "email-as-id"
    severity = Severity.ERROR
    summary = "An email address used as the customer id of identify, track and friends."
    why = (
        "The id is the person's permanent key. An email changes: the day it does, the next "
        "identify creates a second profile, the history stays on the old one, and segments, "
        "suppressions and unsubscribes no longer follow the person. Use your immutable "
        "database id and send the email as the `email` attribute. Workspaces configured as "
        'email-based can set `id-kind = "email"` to turn this rule off.'
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.email, email=user.email)\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, email=user.email)\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function syncUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.email, { email: user.email });\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function syncUser(user: { id: string; email: string }) {\n"
        "  await cio.identify(user.id, { email: user.email });\n"
        "}\n"
    )
    correct_pattern = "cio.identify(id=user.id, email=user.email)"
    config_keys = ("id-kind",)

    def check(self, ctx: LintContext) -> None:
        if ctx.config.id_kind == "email":
            return
        for call in ctx.calls():
            customer_id = call.customer_id
            if customer_id is None:
                continue
            source = ctx.model.email_source(customer_id, call.place, call.order)
            reason = source.describe() if source is not None else None
            if reason is None and self._same_as_email_attribute(ctx, call, customer_id):
                reason = "the same value this call sends as `email`"
            if reason is None:
                continue
            param = ctx.model.customer_id_name(call)
            subject = f"`{param}`" if param is not None else "the customer id"
            ctx.report(
                self,
                customer_id,
                f"{subject} of `{call.written}` is {reason}: a changed email forks the profile",
                correct=_with_id(ctx, customer_id),
                anchor=call.node,
                via=call.via,
            )

    @staticmethod
    def _same_as_email_attribute(
        ctx: LintContext, call: SdkCall, customer_id: Node
    ) -> bool:
        who = ctx.model.expression_key(customer_id)
        return any(
            attribute.key == "email" and ctx.model.expression_key(attribute.value) == who
            for attribute in ctx.model.attributes(call)
        )


def _with_id(ctx: LintContext, customer_id: Node) -> str:
    """``user.id`` for ``user.email``; the canonical advice when no owner object is visible."""
    read = ctx.model.property_read(customer_id)
    if read is not None:
        return f"{read.owner}.id"
    return "the person's immutable id (e.g. user.id), with email sent as an attribute"


RULE = EmailAsId()
