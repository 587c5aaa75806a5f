"""CIO306 unprefixed-cio-id: Customer.io's own person id sent without its ``cio_`` prefix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.identity import CioIdSource
    from cio_lint.analysis.records import Node, SdkCall


class UnprefixedCioId(Rule):
    code = "CIO306"
    name = "unprefixed-cio-id"
    severity = Severity.ERROR
    summary = (
        "A value named cio_id used as the customer id of a Track call without the `cio_` "
        "prefix."
    )
    why = (
        "The Track API reads the customer id in the path as your own id unless it starts "
        "with `cio_`: `cio_<cio_id>` addresses the person Customer.io gave that cio_id, a "
        "bare cio_id is just another id. `identify` then creates a second profile whose id "
        "is the cio_id, and `track`, `add_device`, `suppress` or `delete` act on that "
        "stranger instead of the person, while the real profile never changes. Referencing "
        "people by cio_id is how you change their id or email, so the mistake usually hits "
        "exactly the updates that matter. Only Track calls are checked: the prefix is a "
        "convention of the Track API's customer path. The Pipelines SDK's `user_id` has no "
        "such convention, `identifiers={\"cio_id\": ...}` of transactional requests and "
        "`merge_customers(\"cio_id\", ...)` name the id type themselves and are correct as "
        "they are. Also through project functions that pass the id on (the finding names "
        "the chain)."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=person.cio_id, email=new_email)\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'cio.identify(id=f"cio_{person.cio_id}", email=new_email)\n'
    )
    correct_pattern = 'f"cio_{cio_id}"'
    node_correct_pattern = "`cio_${cioId}`"
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.identify(person.cioId, { email: newEmail });\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.identify(`cio_${person.cioId}`, { email: newEmail });\n"
    )
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        'Rewrites the id to `f"cio_{...}"`. Safe when the id is a plain name or attribute '
        "written at the SDK call. Unsafe when it is an argument of a project function that "
        "passes it on: the function may use the same value elsewhere (an attribute, a "
        "log line), and only the customer id needs the prefix. No fix for a subscript or a "
        "call (`row[\"cio_id\"]`), whose quotes the f-string would have to change."
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        for call in ctx.calls():
            customer_id = call.customer_id
            if call.kind is not ClientKind.TRACK or customer_id is None:
                continue
            source = ctx.model.cio_id_source(customer_id, call.place, call.order)
            if source is not None:
                self._report(ctx, call, customer_id, source)

    def _report(
        self, ctx: LintContext, call: SdkCall, customer_id: Node, source: CioIdSource
    ) -> None:
        from cio_lint.analysis.identity import CIO_PREFIX
        from cio_lint.core.findings import Fix

        rewrite = ctx.model.prefixed_cio_id(customer_id)
        fix = None
        if rewrite is not None:
            fix = Fix(
                (ctx.replace(customer_id, rewrite),),
                safe=call.via is None,
                description=f"add the `{CIO_PREFIX}` prefix: `{rewrite}`",
            )
        param = ctx.model.customer_id_name(call)
        subject = f"`{param}`" if param is not None else "the customer id"
        ctx.report(
            self,
            customer_id,
            f"{subject} of `{call.written}` is {source.describe()}, a cio_id without "
            f"`{CIO_PREFIX}`: it names a new person",
            correct=rewrite or self.pattern_for(ctx.path),
            fix=fix,
            anchor=call.node,
            via=call.via,
        )


RULE = UnprefixedCioId()
