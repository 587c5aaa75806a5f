"""CIO305 nonexistent-sdk-name: imports and uses of SDK names that do not exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules import node_sdk_names as node_names
from cio_lint.rules.base import FixAvailability, LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.sdk_surface import MissingSdkName, Replacement
    from cio_lint.core.findings import Fix


_EXCEPTION = "customerio.CustomerIOException"


class NonexistentSdkName(Rule):
    code = "CIO305"
    name = "nonexistent-sdk-name"
    severity = Severity.ERROR
    summary = (
        "An import or use of an SDK name that does not exist: `customerio.errors`, "
        "`CustomerIOError`, `RegionEU`/`RegionUS`, `TrackClient`, `analytics.endpoint`."
    )
    why = (
        "These names come from the Node SDK (`TrackClient`, `RegionEU`, `RegionUS`) or from "
        "guesses and outdated docs (`customerio.errors`, `CustomerIOError`, "
        "`analytics.endpoint`). Importing them raises ImportError when the module loads, so "
        "the app or worker does not start; an `except customerio.CustomerIOError:` raises "
        "AttributeError exactly when the API fails. `analytics.endpoint = ...` raises nothing: "
        "the Pipelines SDK has no such setting, ignores it, and sends everything to "
        "`analytics.host` (US by default). The Python SDK has one exception class, "
        "`customerio.CustomerIOException`, and `customerio.Regions.US`/`EU`. This rule alone "
        "reports these names: CIO104 (regions) and CIO105 (region mismatch) stay silent on "
        "`RegionEU`/`RegionUS` and `analytics.endpoint`, so one mistake is one finding. "
        "A project on `customerio` 0.x is told that `Regions` came in 1.1, with no fix that "
        "imports it. In Node, by the customerio-node version the project runs (package.json, "
        "lock files or `node-sdk-version`): the 0.x-2.x default export constructed on 3.x "
        "and later (`new CIO(...)` throws TypeError: not a constructor), the 1.x/2.x "
        "subpaths `customerio-node/api`, `/regions` and `/track` on 3.x and later, "
        "`TrackClient`, `APIClient` or `RegionEU` on 0.x-2.x and `MissingParamError` or "
        "`PipelinesClient` before 5.x (undefined), deep `customerio-node/dist/...` imports on "
        "5.x, and Python names no version has (`CustomerIO`, `Regions`, "
        "`CustomerIOException`, `cio.delete`, `cio.pageview`, `cio.add_device`). With no "
        "version known, only the 3.x break is reported, saying so."
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function forget(userId: string): Promise<void> {\n"
        "  await cio.delete(userId);\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function forget(userId: string): Promise<void> {\n"
        "  await cio.destroy(userId);\n"
        "}\n"
    )
    wrong_example = (
        "from customerio.errors import CustomerIOError\n\n"
        "try:\n"
        '    cio.track(customer_id=user.id, name="upgraded")\n'
        "except CustomerIOError:\n"
        "    log.warning(\"customer.io unavailable\")\n"
    )
    correct_example = (
        "from customerio import CustomerIOException\n\n"
        "try:\n"
        '    cio.track(customer_id=user.id, name="upgraded")\n'
        "except CustomerIOException:\n"
        "    log.warning(\"customer.io unavailable\")\n"
    )
    correct_pattern = "from customerio import CustomerIOException"
    fix = FixAvailability.SOMETIMES
    fix_safety = (
        "Safe: `CustomerIOError` (imported or as `customerio.CustomerIOError`) becomes "
        "`CustomerIOException` with every use in the module; `from customerio.errors import "
        "...` becomes `from customerio import ...` when every imported name exists there; "
        "`RegionEU` becomes `Regions` with uses rewritten to `Regions.EU`; "
        "`analytics.endpoint = ...` becomes `analytics.host = ...`. Unsafe: a read of "
        "`analytics.endpoint` rewritten to `analytics.host`. No fix for `TrackClient` (its "
        "Node arguments differ) or when the name is rebound in the module. Node: a Python "
        "method name on a client (`cio.delete`) becomes the Node method (`cio.destroy`); the "
        "default export becomes `{ TrackClient: CIO }` when every use constructs a client, "
        "and a 1.x/2.x subpath import becomes an import of `customerio-node`: safe only when "
        "every customerio-node version the project runs is 3.x or later."
    )

    def check(self, ctx: LintContext) -> None:
        for missing in ctx.model.missing_sdk_names():
            if node_names.is_node(missing):
                node_names.report(self, ctx, missing)
                continue
            if missing.is_region_name and ctx.config.sdk.track.only_before((1, 1)):
                self._report_before_regions(ctx, missing)
                continue
            ctx.report(
                self,
                missing.node,
                _message(ctx, missing),
                correct=_correct(ctx, missing),
                fix=_fix(ctx, missing),
                anchor=missing.statement,
            )

    def _report_before_regions(self, ctx: LintContext, missing: MissingSdkName) -> None:
        """``RegionEU`` in a project on customerio 0.x or 1.0: ``Regions`` came in 1.1."""
        from cio_lint.analysis.sdk_surface import package_relative

        instead = package_relative(missing.instead)
        ctx.report(
            self,
            missing.node,
            f"{_message(ctx, missing)}; `Regions` came in customerio 1.1",
            correct=f"upgrade customerio to 1.1 or later, then use `{instead}`",
            anchor=missing.statement,
        )


def _host(ctx: LintContext, missing: MissingSdkName) -> str | None:
    """``analytics.host`` for ``analytics.endpoint``: the setting the SDK reads."""
    read = ctx.model.property_read(missing.node)
    return f"{read.owner}.host" if read is not None else None


def _message(ctx: LintContext, missing: MissingSdkName) -> str:
    from cio_lint.analysis.sdk_surface import package_relative

    written = f"`{clip(missing.written)}`"
    instead = f"`{package_relative(missing.instead)}`"
    imported = missing.statement is not None
    if missing.missing == "customerio.errors":
        failure = "this import raises ImportError" if imported else "this raises AttributeError"
        return f"{written}: there is no `customerio.errors` module, so {failure}"
    if missing.instead == "customerio.analytics.host":
        owner_host = _host(ctx, missing)
        host = f"`{clip(owner_host, 30)}`" if owner_host is not None else instead
        effect = f"events still go to {host}" if missing.assigned else (
            "reading it raises AttributeError"
        )
        return f"{written}: the Pipelines SDK has no `endpoint` setting, so {effect}"
    origin = "the Node SDK's name" if missing.last in ("TrackClient", "RegionEU", "RegionUS") else (
        "not in the Python SDK"
    )
    failure = "this import raises ImportError" if imported else "this raises AttributeError"
    return f"{written} is {origin}, so {failure}"


def _correct(ctx: LintContext, missing: MissingSdkName) -> str:
    from cio_lint.analysis.sdk_surface import package_relative

    instead = package_relative(missing.instead)
    if missing.missing == "customerio.errors":
        return "from customerio import CustomerIOException"
    if missing.instead == "customerio.analytics.host":
        host = _host(ctx, missing)
        if host is None:
            return "analytics.host"
        if missing.assigned_value is not None:
            return f"{host} = {ctx.model.code(missing.assigned_value)}"
        return host
    if missing.instead == "customerio.CustomerIO":
        return "CustomerIO(site_id, api_key, region=Regions.US)"
    if missing.imported is not None:
        top = instead.split(".", 1)[0]
        return f"from customerio import {top}" + (
            f"  # then {instead}" if top != instead else ""
        )
    return ctx.model.existing_name_rewrite(missing) or instead


def _fix(ctx: LintContext, missing: MissingSdkName) -> Fix | None:
    from cio_lint.core.findings import Fix

    if missing.instead == "customerio.analytics.host":
        if missing.member is None:
            return None
        return Fix((ctx.replace(missing.member, "host"),), safe=missing.assigned,
                   description="set `host`, the setting the SDK reads")
    if missing.missing == "customerio.errors" and missing.from_import:
        return _edits(ctx, ctx.model.missing_module_import_fix(missing),
                      "import from `customerio`")
    if missing.imported is not None and missing.instead == _EXCEPTION:
        return _edits(ctx, ctx.model.rename_import(missing.imported, "CustomerIOException"),
                      "use `CustomerIOException`")
    if missing.imported is not None and missing.is_region_name:
        label = missing.instead.rsplit(".", 1)[-1]
        if missing.renamed_on_import:
            return None
        return _edits(
            ctx, ctx.model.rename_import(missing.imported, "Regions", f"Regions.{label}"),
            f"import `Regions` and use `Regions.{label}`",
        )
    if missing.imported is None and missing.instead != "customerio.CustomerIO":
        rewrite = ctx.model.existing_name_rewrite(missing)
        if rewrite is not None:
            return Fix((ctx.replace(missing.node, rewrite),), safe=True,
                       description=f"use `{rewrite}`")
    return None


def _edits(
    ctx: LintContext, replacements: list[Replacement] | None, description: str
) -> Fix | None:
    """A safe fix of ``replacements``; None when the frontend found none mechanical."""
    from cio_lint.core.findings import Fix

    if replacements is None:
        return None
    return Fix(tuple(ctx.replace(r.node, r.text) for r in replacements), safe=True,
               description=description)


RULE = NonexistentSdkName()
