"""CIO105 region-mismatch: a client that talks to the other data center."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

from cio_lint.core.languages import is_node_path
from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import (
    LintContext,
    Project,
    ProjectRule,
    clip,
    group_by_key,
    more,
    short_place,
)

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.analysis.regions import ClientRegion, PipelinesSetting, Region
    from cio_lint.core.client_kinds import ClientKind
    from cio_lint.core.facts import Fact
    from cio_lint.core.findings import Finding


#: How a client with no region argument is described (kept in facts, so in the cache).
_DEFAULT_HOW = "no region given: the US default"
_CLIENT = "client"  # (kind, region, how) of a Track/App client, no region configured
_WRITE_KEY = "write_key"  # (configured region, region of a prefixed literal key or "")
_HOST = "host"  # (configured region, region of the host or "" when unknown)


@cache
def _kind_label() -> dict[ClientKind, str]:
    from cio_lint.core.client_kinds import ClientKind

    return {
        ClientKind.TRACK: "Track client",
        ClientKind.APP: "App client",
        ClientKind.PIPELINES: "Pipelines client",
    }


#: What happens when a workspace of the configured region is reached through the other one.
@cache
def _consequence() -> dict[Region, str]:
    from cio_lint.analysis.regions import Region

    return {
        Region.EU: "data goes through US servers",
        Region.US: "every call is rejected",
    }


_CONFIGURED = "the workspace is {label}"


class RegionMismatch(ProjectRule):
    code = "CIO105"
    name = "region-mismatch"
    severity = Severity.WARNING
    summary = (
        "A client on the other region than the workspace (config `region`), Track and App "
        "clients of one project on different regions."
    )
    why = (
        "A Customer.io workspace lives in one data center. Clients default to the US: an EU "
        "workspace reached through `track.customer.io`/`api.customer.io`/`cdp.customer.io` has "
        "its traffic redirected through US servers (data residency), and a US workspace's "
        "credentials fail against the EU endpoints. With `region = \"eu\"` (or \"us\") in "
        "[tool.cio-lint], every `CustomerIO`, `APIClient` and `analytics.Client` is checked "
        "against it, and `analytics.write_key` without `analytics.host` set anywhere in the "
        "project (a 1.1.0 key prefixed `sk_eu_`/`pk_eu_` picks its host itself). Without it, "
        "Track and App clients of one project that use different regions are reported, each "
        "naming the others. `analytics.endpoint = ...` is CIO305's (a setting that does not "
        "exist, so data goes to `analytics.host`): this rule stays silent on it, and counts "
        "it as the project's choice of host, so one mistake is one finding. "
        "In Node the Track and App clients take "
        "`region: RegionEU` (or a `url`), and the CDP `Analytics` client a `host` "
        "(`https://cdp-eu.customer.io`): it has no `region` option, a `region` key is ignored."
    )
    wrong_example = (
        "# pyproject.toml: [tool.cio-lint] region = \"eu\"\n"
        "from customerio import CustomerIO, analytics\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        'analytics.host = "https://cdp.customer.io"\n'
    )
    correct_example = (
        "# pyproject.toml: [tool.cio-lint] region = \"eu\"\n"
        "from customerio import CustomerIO, Regions, analytics\n\n"
        "cio = CustomerIO(site_id, api_key, region=Regions.EU)\n"
        'analytics.host = "https://cdp-eu.customer.io"\n'
    )
    node_wrong_example = (
        'import { TrackClient, APIClient, RegionEU, RegionUS } from "customerio-node";\n\n'
        "export const cio = new TrackClient(siteId, trackKey, { region: RegionEU });\n"
        "export const api = new APIClient(appKey, { region: RegionUS });\n"
    )
    node_correct_example = (
        'import { TrackClient, APIClient, RegionEU } from "customerio-node";\n\n'
        "export const cio = new TrackClient(siteId, trackKey, { region: RegionEU });\n"
        "export const api = new APIClient(appKey, { region: RegionEU });\n"
    )
    correct_pattern = "region=Regions.EU on every client of an EU workspace"
    fix_safety = (
        "None: which region is right is a fact about your workspace, so region changes are "
        "not made automatically."
    )
    config_keys = ("region",)

    # -- per file ------------------------------------------------------------------------

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.regions import Region
        from cio_lint.core.client_kinds import ClientKind

        configured = Region(ctx.config.region) if ctx.config.region else None
        for call in ctx.model.constructions():
            found = ctx.model.construction_region(call)
            if found is None:
                continue
            if configured is not None:
                if found.region is not configured:
                    self._report_client(ctx, call, found, configured)
            elif call.kind is not ClientKind.PIPELINES:
                ctx.fact(self, call.node, _CLIENT,
                         (call.kind.value, found.region.value, _how(ctx, found)))
        for setting in ctx.model.pipelines_settings():
            if configured is None:
                continue
            if setting.setting in ("host", "endpoint"):
                region = ctx.model.host_region(setting.value, setting.place, setting.order)
                if setting.setting == "host" and region is not None and region is not configured:
                    self._report_pipelines_host(ctx, setting, region, configured)
                ctx.fact(self, setting.target, _HOST,
                         (configured.value, region.value if region else ""))
            elif setting.setting == "write_key":
                key_region = ctx.model.write_key_region(
                    setting.value, setting.place, setting.order
                )
                ctx.fact(self, setting.target, _WRITE_KEY,
                         (configured.value, key_region.value if key_region else ""))

    def _report_client(
        self, ctx: LintContext, call: SdkCall, found: ClientRegion, configured: Region
    ) -> None:
        from cio_lint.core.client_kinds import ClientKind

        settings = _CONFIGURED.format(label=configured.label)
        client = ctx.model.constructor_text(call)
        if found.source == "default":
            argument = ctx.model.option_text(
                "host" if call.kind is ClientKind.PIPELINES else "region", ""
            ).strip()
            message = (
                f"`{clip(client, 30)}(...)` is built without `{argument}` (US), but {settings}: "
                f"{_consequence()[configured]}"
            )
            if call.kind is ClientKind.PIPELINES and "region" in call.bound.unexpected:
                message = (
                    f"`{clip(client, 30)}(...)` takes `{argument}`, not `region` (ignored): "
                    f"events go to the US, but {settings}"
                )
        else:
            setting = ctx.model.option_text(found.source, ctx.quote(found.node, 30))
            message = (
                f"`{setting}` is the {found.region.label} region, but {settings}: "
                f"{_consequence()[configured]}"
            )
        correct = ctx.model.region_rewrite_text(call, found, configured)
        ctx.report(self, found.node, message, correct=correct,
                   anchor=call.node, wrong=ctx.model.code(found.node).splitlines()[0])

    def _report_pipelines_host(
        self, ctx: LintContext, setting: PipelinesSetting, region: Region, configured: Region,
    ) -> None:
        from cio_lint.analysis.regions import PIPELINES_HOST

        settings = _CONFIGURED.format(label=configured.label)
        target = ctx.model.code(setting.target)
        ctx.report(
            self,
            setting.target,
            f"`{clip(target, 30)}` is the {region.label} host `{ctx.quote(setting.value, 30)}`, "
            f"but {settings}: {_consequence()[configured]}",
            correct=f'{target} = "{PIPELINES_HOST[configured]}"',
        )

    # -- project -------------------------------------------------------------------------

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        kinds = group_by_key(facts)
        findings = self._mixed_clients(kinds.get(_CLIENT, []))
        # "host is never set" can only be said when every file of the project was seen.
        if project.complete and not kinds.get(_HOST):
            findings.extend(self._unset_host(kinds.get(_WRITE_KEY, [])))
        return findings

    def _mixed_clients(self, facts: list[Fact]) -> list[Finding]:
        decoded = [(fact, *_client_fact(fact)) for fact in facts]
        by_group: dict[tuple[ClientKind, Region], list[tuple[Fact, ClientKind, str]]] = {}
        for fact, kind, region, how in decoded:
            by_group.setdefault((kind, region), []).append((fact, kind, how))
        # Clients of another kind on another region, in source order, once per group: a
        # project may construct hundreds of clients.
        conflicting = {
            (kind, region): sorted(
                (entry for (other_kind, other_region), group in by_group.items()
                 if other_kind is not kind and other_region is not region for entry in group),
                key=lambda entry: (entry[0].path, entry[0].start),
            )
            for kind, region in by_group
        }
        # Where the others are is said the same way for every client of a group.
        places_of = {
            group: more([short_place(o) for o, _, _ in others])
            for group, others in conflicting.items() if others
        }
        findings = []
        for fact, kind, region, how in decoded:
            others = conflicting[(kind, region)]
            if not others:
                continue
            first_kind = others[0][1]
            places = places_of[(kind, region)]
            shown = "by default" if how == _DEFAULT_HOW else clip(how, 30)
            message = (
                f"this {_label(kind)} is {region.label} ({shown}), the {_label(first_kind)} at "
                f"{places} is {region.other.label}"
            )
            example = "region: RegionEU" if is_node_path(fact.path) else "region=Regions.EU"
            findings.append(self.finding(
                fact, message,
                f"the same region on every client of the workspace, e.g. {example} on "
                "both; set region = \"eu\" or \"us\" in [tool.cio-lint] to check against it",
            ))
        return findings

    def _unset_host(self, facts: list[Fact]) -> list[Finding]:
        from cio_lint.analysis.regions import PIPELINES_HOST, Region

        findings = []
        for fact in facts:
            configured, key_region = (Region(v) if v else None for v in _pair(fact))
            if configured is not Region.EU or key_region is Region.EU:
                continue
            findings.append(self.finding(
                fact,
                f"`{clip(fact.wrong, 30)}` is set but `analytics.host` never is: events go to "
                "the US, but " + _CONFIGURED.format(label="EU"),
                f'analytics.host = "{PIPELINES_HOST[Region.EU]}"',
            ))
        return findings


def _label(kind: ClientKind) -> str:
    return _kind_label()[kind]


def _how(ctx: LintContext, found: ClientRegion) -> str:
    """How a client's region is chosen, for messages: ``region=Regions.EU``, ``the default``."""
    if found.source == "default":
        return _DEFAULT_HOW
    return ctx.model.option_text(found.source, ctx.model.code(found.node))


def _client_fact(fact: Fact) -> tuple[ClientKind, Region, str]:
    from cio_lint.analysis.regions import Region
    from cio_lint.core.client_kinds import ClientKind

    kind, region, how = cast(tuple[str, str, str], fact.value)
    return ClientKind(kind), Region(region), how


def _pair(fact: Fact) -> tuple[str, str]:
    return cast(tuple[str, str], fact.value)


RULE = RegionMismatch()
