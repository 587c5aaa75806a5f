"""CIO104 invalid-region: a region the Python SDK cannot use."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip
from cio_lint.rules.sdk_versions import REGIONS_RELEASE, release_text

if TYPE_CHECKING:
    from cio_lint.analysis.records import Argument, Node, SdkCall
    from cio_lint.analysis.regions import Region, RegionValue
    from cio_lint.core.client_kinds import ClientKind
    from cio_lint.core.findings import Edit, Fix
    from cio_lint.core.sdk_version import SdkVersion


#: The parameter that a region is mistaken for, and what the SDK then does.
@cache
def _host_slot() -> dict[ClientKind, tuple[str, str, str]]:
    from cio_lint.core.client_kinds import ClientKind

    return {
        ClientKind.TRACK: (
            "host", "third",
            "AttributeError when built",
        ),
        ClientKind.APP: (
            "url", "second",
            "every send fails with TypeError",
        ),
    }


#: Before ``Regions`` (customerio 0.x and 1.0), how a client is pointed at a data center.
@cache
def _before_regions() -> dict[ClientKind, tuple[str, dict[Region, str]]]:
    from cio_lint.analysis.regions import Region
    from cio_lint.core.client_kinds import ClientKind

    return {
        ClientKind.TRACK: ("host", {Region.US: '"track.customer.io"',
                                    Region.EU: '"track-eu.customer.io"'}),
        ClientKind.APP: ("url", {Region.US: '"https://api.customer.io"',
                                 Region.EU: '"https://api-eu.customer.io"'}),
    }


class InvalidRegion(Rule):
    code = "CIO104"
    name = "invalid-region"
    severity = Severity.ERROR
    summary = (
        "A `region` that is not `Regions.US`/`Regions.EU` (a string like \"eu\"), a Region "
        "passed in the `host`/`url` slot (Node: not `RegionUS`/`RegionEU`, or maybe undefined)."
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
        "on them, so one mistake is one finding. "
        "In Node, customerio-node takes `region: RegionEU` "
        "(a `Region` object, imported by name): a string (`\"eu\"`) or a plain object makes "
        "the constructor throw, `Regions.EU` does not exist, and a value that may be "
        "`undefined` (`regions[name]`) silently means the US. The fix imports `RegionEU` into "
        "the module's existing import or `require` of customerio-node."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        'cio = CustomerIO(site_id, api_key, region="eu")\n'
    )
    correct_example = (
        "from customerio import CustomerIO, Regions\n\n"
        "cio = CustomerIO(site_id, api_key, region=Regions.EU)\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        'const cio = new TrackClient(siteId, apiKey, { region: "eu" });\n'
    )
    node_correct_example = (
        'import { TrackClient, RegionEU } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey, { region: RegionEU });\n"
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
        "variable or `Regions` cannot be spelled without guessing. `Regions` came in "
        "customerio 1.1: a project on 0.x or 1.0 is told the `host=`/`url=` its version takes, "
        "with no fix, and with no version pinned (or one on both sides of 1.1) every fix that "
        "brings in `Regions` is unsafe."
    )

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.client_kinds import ClientKind

        versions = ctx.config.sdk.track
        for call in ctx.model.constructions():
            if call.kind is ClientKind.PIPELINES:
                continue
            if versions.only_before(REGIONS_RELEASE):
                self._check_before_regions(ctx, call, versions)
                continue
            self._check_region(ctx, call)
            self._check_host_slot(ctx, call)

    # -- customerio 0.x and 1.0: no Regions, no region parameter -----------------------

    def _check_before_regions(self, ctx: LintContext, call: SdkCall, versions: SdkVersion) -> None:
        from cio_lint.core.client_kinds import ClientKind

        slot, hosts = _before_regions()[call.kind]
        given = call.arg("region")
        since = f"`Regions` came in {release_text(REGIONS_RELEASE)}"
        # Only a keyword: a fourth positional argument is ``port`` there.
        if given is not None and given.keyword is not None:
            value = given.value
            judged = ctx.model.judge_region(value, call.place, call.order)
            if judged.node_name:
                return  # `RegionEU`: a name that does not exist, CIO305's
            region = judged.region or judged.intended
            ctx.report(
                self, value,
                f"{versions.described()} has no `region` ({since}): `{call.method}(...)` "
                "raises TypeError",
                correct=_host_text(slot, hosts, region), anchor=call.node,
            )
        given_host = _region_in_slot(ctx, call, slot)
        if given_host is None:
            return
        arg, judged, text, named = given_host
        if judged.region is None and named is None:
            return
        if judged.region is not None:
            message = (f"`{ctx.model.code(arg.value)}` is passed as `{slot}`, and "
                       f"{versions.described()} has no `Regions` ({since})")
        elif call.kind is ClientKind.TRACK:
            message = (f"the region name {ctx.model.code(arg.value)} is passed as `host`: "
                       f"requests go to `https://{text}/api/v1`, a host that does not exist")
        else:
            message = (f"the region name {ctx.model.code(arg.value)} is passed as `url`: "
                       f"every send fails, `{text}/v1/send/...` is not a URL")
        ctx.report(self, arg.value, message,
                   correct=_host_text(slot, hosts, judged.region or named), anchor=call.node)

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
        if judged.silent:
            message = (
                f"`region` gets {what}{through}: undefined, `{call.written}(...)` silently "
                "uses the US"
            )
        elif judged.nonexistent:
            error = "AttributeError" if call.written == call.method else "TypeError"
            message = (
                f"`region` gets {what}{through}: {error} before `{call.written}(...)` "
                "is built"
            )
        else:
            message = (
                f"`region` gets {what}{through}, not a `Region`: `{call.written}(...)` raises "
                "when built"
            )
        correct, fix = self._rewrite(ctx, call, value, judged)
        ctx.report(self, value, message, correct=correct, fix=fix, anchor=call.node)

    def _rewrite(
        self, ctx: LintContext, call: SdkCall, value: Node, judged: RegionValue
    ) -> tuple[str, Fix | None]:
        from cio_lint.analysis.regions import Region
        from cio_lint.core.findings import Fix

        reference = ctx.model.regions_reference(call.place, call.order, judged.intended)
        regions = reference.text if reference is not None else "Regions"
        if judged.intended is None:
            if judged.via is None and judged.problem and "environment variable" in judged.problem:
                return ctx.model.region_from_environment_text(judged.node, regions), None
            example = ctx.model.option_text("region", ctx.model.region_name_text(Region.EU))
            return (self.correct_pattern if example == "region=Regions.EU" else example), None
        replacement = (
            reference.name_of(judged.intended) if reference is not None
            else ctx.model.region_name_text(judged.intended)
        )
        correct = ctx.model.option_text("region", replacement)
        if reference is None or judged.via is not None:
            return correct, None
        edits = [ctx.replace(value, replacement)]
        if reference.statement is not None:
            edits.append(ctx.replace(reference.statement, reference.statement_text))
        # A literal or a misspelt ``Regions.eu`` says the region outright; a member of some
        # other enum only suggests it. A project that may run customerio 1.0 or older has
        # no ``Regions`` to use.
        plain = judged.literal or judged.nonexistent
        certain = reference.proven or ctx.config.sdk.track.only_from(REGIONS_RELEASE)
        return correct, Fix(tuple(edits), safe=plain and certain,
                            description=f"use `{replacement}`{_IF_REGIONS * (not certain)}")

    # -- a Region where host/url belongs -------------------------------------------------

    def _check_host_slot(self, ctx: LintContext, call: SdkCall) -> None:
        from cio_lint.core.client_kinds import ClientKind

        slot, ordinal, consequence = _host_slot()[call.kind]
        given_host = _region_in_slot(ctx, call, slot)
        if given_host is None:
            return
        arg, judged, text, named = given_host
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
        from cio_lint.core.findings import Fix

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
        # A Region already there proves ``Regions``; a region name may be older than it.
        safe = judged.region is not None or ctx.config.sdk.track.only_from(REGIONS_RELEASE)
        return correct, Fix(tuple(edits), safe=safe,
                            description=f"pass `{correct}`{_IF_REGIONS * (not safe)}")


#: How a fix that brings in ``Regions`` says that it holds only from the release with it.
_IF_REGIONS = f" (if you use customerio {release_text(REGIONS_RELEASE)} or later)"


def _host_text(slot: str, hosts: dict[Region, str], region: Region | None) -> str:
    """``host="track-eu.customer.io"``: what a release without ``Regions`` takes."""
    if region is None:
        return " or ".join(f"{slot}={host}" for host in hosts.values())
    return f"{slot}={hosts[region]}"


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


class _SlotRegion(NamedTuple):
    """What a host/url argument holds, judged as a region."""

    arg: Argument
    judged: RegionValue
    text: str | None  # its string value, when it has one
    named: Region | None  # the region a plain name such as "eu" stands for


def _region_in_slot(ctx: LintContext, call: SdkCall, slot: str) -> _SlotRegion | None:
    """The ``slot`` argument (host or url) of ``call`` judged as a region; None when the
    call does not pass it. A dotted text is a host, never a region name."""
    from cio_lint.analysis.regions import region_of_text

    arg = call.arg(slot)
    if arg is None:
        return None
    judged = ctx.model.judge_region(arg.value, call.place, call.order)
    text = ctx.model.string_value(judged.node)
    named = region_of_text(text) if text and "." not in text else None
    return _SlotRegion(arg, judged, text, named)
