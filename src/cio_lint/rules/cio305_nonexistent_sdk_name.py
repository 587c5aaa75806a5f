"""CIO305 nonexistent-sdk-name: imports and uses of SDK names that do not exist."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.sdk_names import MissingName, import_rename, missing_names, short
from cio_lint.core import sdk
from cio_lint.core.findings import Fix, Severity
from cio_lint.rules.base import FixAvailability, LintContext, Rule

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
        "`customerio.CustomerIOException`, and `customerio.Regions.US`/`EU`. "
        "`RegionEU`/`RegionUS` imports are also reported by CIO104 (which says which Region to "
        "use) and `analytics.endpoint = ...` by CIO105 (which says where the data goes): both "
        "rules fire on purpose, so each one alone is complete."
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
        "Node arguments differ) or when the name is rebound in the module."
    )

    def check(self, ctx: LintContext) -> None:
        for missing in missing_names(ctx.semantic):
            ctx.report(
                self,
                missing.node,
                _message(ctx, missing),
                correct=_correct(ctx, missing),
                fix=_fix(ctx, missing),
                anchor=missing.statement,
            )


def _message(ctx: LintContext, missing: MissingName) -> str:
    written = f"`{missing.written}`"
    instead = f"`{short(missing.instead)}`"
    imported = missing.statement is not None
    if missing.missing == "customerio.errors":
        failure = "this import raises ImportError" if imported else "this raises AttributeError"
        return (
            f"{written}: there is no `customerio.errors` module, so {failure}; the SDK's only "
            "exception is `customerio.CustomerIOException`"
        )
    if missing.instead == "customerio.analytics.host":
        node = missing.node
        host = f"`{ctx.semantic.code(node.value)}.host`" if isinstance(node, cst.Attribute) else (
            instead
        )
        effect = (
            f"this assignment is silently ignored and events keep going to {host} "
            "(https://cdp.customer.io, US, unless it is set)"
            if missing.assigned
            else "reading it raises AttributeError"
        )
        return f"{written}: the Pipelines SDK has no `endpoint` setting; {effect}; use {host}"
    origin = "the Node SDK's name" if missing.last in ("TrackClient", "RegionEU", "RegionUS") else (
        "not a name of the Python SDK"
    )
    failure = "this import raises ImportError" if imported else "this raises AttributeError"
    return f"{written} is {origin}, so {failure}; use {instead}"


def _correct(ctx: LintContext, missing: MissingName) -> str:
    instead = short(missing.instead)
    if missing.missing == "customerio.errors":
        return "from customerio import CustomerIOException"
    if missing.instead == "customerio.analytics.host":
        node = missing.node
        if not isinstance(node, cst.Attribute):
            return "analytics.host"
        host = f"{ctx.semantic.code(node.value)}.host"
        for target, value, *_ in ctx.semantic.attribute_assignments:
            if target is node:
                return f"{host} = {ctx.semantic.code(value)}"
        return host
    if missing.instead == "customerio.CustomerIO":
        return "CustomerIO(site_id, api_key, region=Regions.US)"
    if missing.alias is not None:
        top = instead.split(".", 1)[0]
        return f"from customerio import {top}" + (
            f"  # then {instead}" if top != instead else ""
        )
    if isinstance(missing.node, cst.Attribute):
        return _attribute_rewrite(ctx, missing) or instead
    return instead


def _fix(ctx: LintContext, missing: MissingName) -> Fix | None:
    if missing.instead == "customerio.analytics.host":
        node = missing.node
        if not isinstance(node, cst.Attribute):
            return None
        return Fix((ctx.replace(node.attr, "host"),), safe=missing.assigned,
                   description="set `host`, the setting the SDK reads")
    if missing.missing == "customerio.errors" and isinstance(missing.statement, cst.ImportFrom):
        return _errors_module_fix(ctx, missing, missing.statement)
    if missing.alias is not None and missing.instead == _EXCEPTION:
        replacements = import_rename(ctx.semantic, missing.alias, "CustomerIOException")
        if replacements is None:
            return None
        return Fix(tuple(ctx.replace(node, text) for node, text in replacements), safe=True,
                   description="use `CustomerIOException`")
    if missing.alias is not None and missing.instead.startswith("customerio.Regions."):
        label = missing.instead.rsplit(".", 1)[-1]
        if missing.alias.asname is not None:
            return None
        replacements = import_rename(ctx.semantic, missing.alias, "Regions", f"Regions.{label}")
        if replacements is None:
            return None
        return Fix(tuple(ctx.replace(node, text) for node, text in replacements), safe=True,
                   description=f"import `Regions` and use `Regions.{label}`")
    if missing.alias is None and missing.instead != "customerio.CustomerIO":
        rewrite = _attribute_rewrite(ctx, missing)
        if rewrite is not None:
            return Fix((ctx.replace(missing.node, rewrite),), safe=True,
                       description=f"use `{rewrite}`")
    return None


def _errors_module_fix(
    ctx: LintContext, missing: MissingName, statement: cst.ImportFrom
) -> Fix | None:
    """``from customerio.errors import A`` -> ``from customerio import A`` (names mapped)."""
    if isinstance(statement.names, cst.ImportStar) or statement.module is None:
        return None
    edits = [ctx.replace(statement.module, "customerio")]
    for alias in statement.names:
        if not isinstance(alias.name, cst.Name):
            return None
        qual = f"customerio.{alias.name.value}"
        if qual in sdk.PUBLIC_NAMES:
            continue
        if sdk.MISSING_NAMES.get(qual) != _EXCEPTION:
            return None
        replacements = import_rename(ctx.semantic, alias, "CustomerIOException")
        if replacements is None:
            return None
        edits.extend(ctx.replace(node, text) for node, text in replacements)
    return Fix(tuple(edits), safe=True, description="import from `customerio`")


def _attribute_rewrite(ctx: LintContext, missing: MissingName) -> str | None:
    """``customerio.CustomerIOException`` for ``customerio.errors.CustomerIOError`` and kin:
    the same chain, rooted at the same ``customerio`` name, pointing at what exists."""
    node = missing.node
    if not isinstance(node, cst.Attribute) or missing.scope is None:
        return None
    root: cst.BaseExpression = node
    while isinstance(root, cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name) or ctx.semantic.qualname(root, missing.scope) != "customerio":
        return None
    full = ctx.semantic.qualname(node, missing.scope)
    target = missing.instead
    if missing.missing == "customerio.errors":
        tail = full[len("customerio.errors"):]
        name = f"customerio{tail}"
        target = sdk.MISSING_NAMES.get(name, name)
        if target not in sdk.PUBLIC_NAMES.values() and target != "customerio":
            return None
    if target == "customerio":
        return None
    return root.value + target[len("customerio"):]


RULE = NonexistentSdkName()
