"""CIO402 dynamic-event-name: an event name assembled at run time."""

from __future__ import annotations

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, more


class DynamicEventName(Rule):
    code = "CIO402"
    name = "dynamic-event-name"
    severity = Severity.WARNING
    summary = (
        "An event name built at run time (f-string, `%`, `.format()`, `+`, `str.join`) "
        "instead of a fixed name with the variable part in the event data."
    )
    why = (
        "Every distinct value becomes a distinct event name: `viewed_shoes`, `viewed_hats`, "
        "... A campaign can only trigger on a name it knows in advance, segments and reports "
        "fragment into thousands of one-off events, and the workspace's event list fills "
        "with noise. Send one fixed name and put the variable part in the event data, where "
        "trigger filters and Liquid (`{{event.product}}`) can use it. When the variable part "
        "is personal data, CIO403 (pii-in-event-name) reports it as well."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name=f"viewed_{product.slug}")\n'
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.track(customer_id=user.id, name="viewed", data={"product": product.slug})\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.track(user.id, { name: `viewed_${product.slug}` });\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n'
        "\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        'await cio.track(user.id, { name: "viewed", data: { product: product.slug } });\n'
    )
    correct_pattern = (
        'a fixed name with the variable part in data: name="viewed", '
        'data={"product": product.slug}'
    )

    def check(self, ctx: LintContext) -> None:
        for event in ctx.model.event_names():
            built = ctx.model.built_name(event)
            if built is None:
                continue
            parts = more([f"`{ctx.quote(v, 30)}`" for v in built.values])
            ctx.report(
                self,
                event.arg,
                f"event name built with {built.how}{event.origin_note()} from {parts}: "
                "each value is a separate event",
                correct=ctx.model.fixed_name_rewrite(event, built),
                anchor=event.call.node,
                via=event.call.via,
                wrong=ctx.model.code(built.node),
            )


RULE = DynamicEventName()
