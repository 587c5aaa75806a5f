"""CIO302 email-as-id: an email address used as the customer id."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.identity import email_source, same_expression
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Severity
from cio_lint.rules.base import LintContext, Rule


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
    wrong_example = 'cio.identify(id=user.email, email=user.email)\n'
    correct_example = 'cio.identify(id=user.id, email=user.email)\n'
    correct_pattern = "cio.identify(id=user.id, email=user.email)"
    config_keys = ("id-kind",)

    def check(self, ctx: LintContext) -> None:
        if ctx.config.id_kind == "email":
            return
        for call in ctx.semantic.sdk_calls():
            customer_id = call.customer_id
            if customer_id is None:
                continue
            reason = email_source(ctx.semantic, customer_id, call.place, call.order)
            if reason is None and self._same_as_email_attribute(ctx, call, customer_id):
                reason = "the same value this call sends as `email`"
            if reason is None:
                continue
            param = call.signature.customer_id
            ctx.report(
                self,
                customer_id,
                f"`{param}` of `{call.method}` is {reason}: an email changes, and the day it "
                "does Customer.io forks the person into a second profile; use an immutable "
                "id and send the email as an attribute",
                correct=_with_id(ctx, customer_id),
                anchor=call.node,
            )

    @staticmethod
    def _same_as_email_attribute(
        ctx: LintContext, call: SdkCall, customer_id: cst.BaseExpression
    ) -> bool:
        return any(
            attribute.key == "email" and same_expression(ctx.semantic, attribute.value, customer_id)
            for attribute in ctx.semantic.attributes(call)
        )


def _with_id(ctx: LintContext, customer_id: cst.BaseExpression) -> str:
    """``user.id`` for ``user.email``; the canonical advice when no owner object is visible."""
    if isinstance(customer_id, cst.Attribute):
        return f"{ctx.semantic.code(customer_id.value)}.id"
    return "the person's immutable id (e.g. user.id), with email sent as an attribute"


RULE = EmailAsId()
