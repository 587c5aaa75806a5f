"""CIO104 invalid-region: a region the Python SDK cannot use."""

from __future__ import annotations

from cio_lint.analysis.records import Argument, Node, SdkCall
from cio_lint.analysis.regions import Region, RegionValue, region_of_text
from cio_lint.core.findings import Edit, Fix, Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip

#: The parameter that a region is mistaken for, and what the SDK then does.
_HOST_SLOT = {
    ClientKind.TRACK: (
        "host", "third",
        "AttributeError when built",
    ),
    ClientKind.APP: (
        "url", "second",
        "every send fails with TypeError",
    ),
}


class InvalidRegion(Rule):
    code = "CIO104"
    name = "invalid-region"
    severity = Severity.ERROR
    summary = (
        "A `region` that is not `Regions.US`/`Regions.EU` (a string like \"eu\"), a Region "
        "passed in the `host`/`url` slot."
    )
    why = (
        "The Python SDK only accepts `customerio.Regions.US` or `Regions.EU` as `region`. "
        "Anything else (`region=\"eu\"`, an environment variable, `None`) makes `CustomerIO(...)`"
        " and `APIClient(...)` raise CustomerIOException(\"invalid region provided\") as soon as "
        "they are built, so the app fails at start-up or every request that builds a client "
        "fails. The third positional parameter of `CustomerIO` (the second of `APIClient`) is "
        "`host` (`url`), not `region`: a Region there breaks the client. The Node SDK's names "
        "`RegionEU`/`RegionUS` (imported from `customerio` or used as `customerio.RegionEU`) "
        "are CIO305's, names that do not exist, wherever they appear: this rule stays silent "
        "on them, so one mistake is one finding."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        'cio = CustomerIO(site_id, api_key, region="eu")\n'
    )
    correct_example = (
        "from customerio import CustomerIO, Regions\n\n"
        "cio = CustomerIO(site_id, api_key, region=Regions.EU)\n"
    )
    correct_pattern = "region=Regions.EU  # from customerio import Regions"
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Safe: `region=\"eu\"`/`\"us\"` (or `Regions.eu`) written at the call becomes "
        "`Regions.EU`/`Regions.US`, using `Regions` as already imported from customerio, or "
        "`customerio.Regions`, or adding `Regions` to the module's existing "
        "`from customerio import ...`; a Region in the `host`/`url` slot becomes "
        "`region=...`. Unsafe: a member of the module's own enum "
        "(`DataCenter.EU`) replaced by `Regions.EU`. No fix when a value comes through a "
        "variable or `Regions` cannot be spelled without guessing."
    )

    def check(self, ctx: LintContext) -> None:
        for call in ctx.model.constructions():
            if call.kind is ClientKind.PIPELINES:
                continue
            self._check_region(ctx, call)
            self._check_host_slot(ctx, call)

    # -- region=<not a Region> ---------------------------------------------------------

    def _check_region(self, ctx: LintContext, call: SdkCall) -> None:
        value = call.value("region")
        if value is None:
            return
        judged = ctx.model.judge_region(value, call.place, call.order)
        if judged.problem is None or judged.node_name:
            return  # `RegionEU`: a name that does not exist, CIO305's
        through = f" (through `{clip(judged.via, 20)}`)" if judged.via else ""
        what = _what(ctx, judged)
        if judged.nonexistent:
            message = (
                f"`region` gets {what}{through}: AttributeError before `{call.method}(...)` "
                "is built"
            )
        else:
            message = (
                f"`region` gets {what}{through}, not a `Region`: `{call.method}(...)` raises "
                "when built"
            )
        correct, fix = self._rewrite(ctx, call, value, judged)
        ctx.report(self, value, message, correct=correct, fix=fix, anchor=call.node)

    def _rewrite(
        self, ctx: LintContext, call: SdkCall, value: Node, judged: RegionValue
    ) -> tuple[str, Fix | None]:
        reference = ctx.model.regions_reference(call.place, call.order)
        regions = reference.text if reference is not None else "Regions"
        if judged.intended is None:
            if judged.via is None and judged.problem and "environment variable" in judged.problem:
                return ctx.model.region_from_environment_text(judged.node, regions), None
            return self.correct_pattern, None
        replacement = f"{regions}.{judged.intended.label}"
        correct = f"region={replacement}"
        if reference is None or judged.via is not None:
            return correct, None
        edits = [ctx.replace(value, replacement)]
        if reference.statement is not None:
            edits.append(ctx.replace(reference.statement, reference.statement_text))
        # A literal or a misspelt ``Regions.eu`` says the region outright; a member of some
        # other enum only suggests it.
        plain = judged.literal or judged.nonexistent
        return correct, Fix(tuple(edits), safe=plain, description=f"use `{replacement}`")

    # -- a Region where host/url belongs -------------------------------------------------

    def _check_host_slot(self, ctx: LintContext, call: SdkCall) -> None:
        slot, ordinal, consequence = _HOST_SLOT[call.kind]
        arg = call.arg(slot)
        if arg is None:
            return
        judged = ctx.model.judge_region(arg.value, call.place, call.order)
        text = ctx.model.string_value(judged.node)
        named = region_of_text(text) if text and "." not in text else None
        intended = judged.region or named
        if intended is None or (judged.region is None and judged.via is not None):
            return
        if judged.region is not None:
            what = f"the Region `{ctx.quote(arg.value)}`"
        else:
            what = f"the region name {ctx.quote(arg.value)}"
            shown = clip(text or "", 20)
            consequence = (
                f"requests go to `https://{shown}/api/v1`"
                if call.kind is ClientKind.TRACK
                else f"every send fails, `{shown}/v1/send/...` is not a URL"
            )
        where = (
            f"the {ordinal} argument, `{slot}`," if arg.keyword is None else f"`{slot}=`,"
        )
        message = f"{what} is passed as {where} not as `region`: {consequence}"
        correct, fix = self._region_keyword(ctx, call, arg, intended, judged)
        ctx.report(self, arg.value, message, correct=correct, fix=fix, anchor=call.node)

    def _region_keyword(
        self, ctx: LintContext, call: SdkCall, arg: Argument, intended: Region,
        judged: RegionValue,
    ) -> tuple[str, Fix | None]:
        reference = ctx.model.regions_reference(call.place, call.order)
        label = intended.label
        if judged.region is not None:
            value_text = ctx.model.code(arg.value)
        else:
            value_text = f"{reference.text if reference else 'Regions'}.{label}"
        correct = f"region={value_text}"
        movable = call.arg("region") is None and (
            arg.keyword is not None or ctx.model.is_last_positional(call, arg)
        )
        if not movable or (judged.region is None and reference is None):
            return correct, None
        edits: list[Edit] = []
        if arg.keyword_node is not None:
            edits.append(ctx.replace(arg.keyword_node, "region"))
            if judged.region is None:
                edits.append(ctx.replace(arg.value, value_text))
        else:
            edits.append(ctx.replace(arg.value, f"region={value_text}"))
        if judged.region is None and reference is not None and reference.statement is not None:
            edits.append(ctx.replace(reference.statement, reference.statement_text))
        return correct, Fix(tuple(edits), safe=True, description=f"pass `{correct}`")


RULE = InvalidRegion()


def _what(ctx: LintContext, judged: RegionValue) -> str:
    """What ``region`` gets, short: the judgement's own words, or the code quoted when
    they are long (an environment lookup quotes the whole call)."""
    problem = judged.problem or ""
    if len(problem) <= 50:
        return problem
    quoted = f"`{ctx.quote(judged.node, 30)}`"
    if judged.nonexistent:
        return f"{quoted}, which does not exist"
    return f"{quoted}, a `str`" if "`str`" in problem else quoted
