"""CIO305 on Node: customerio-node names a project's versions do not have, worded for them.

The frontend finds each name with the majors it is missing from; this module decides,
from the versions the project may run, whether it is missing there, says what happens,
and whether the rewrite is safe (only when every version the project runs takes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.rules import node_versions
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.sdk_surface import MissingSdkName
    from cio_lint.core.findings import Fix


def is_node(missing: MissingSdkName) -> bool:
    from cio_lint.core.sdk_node import TRACK_PACKAGE

    return missing.missing.startswith(TRACK_PACKAGE)


def report(rule: Rule, ctx: LintContext, missing: MissingSdkName) -> None:
    verdict = _verdict(ctx, missing)
    if verdict is None:
        return
    message, correct, certain = verdict
    ctx.report(rule, missing.node, message, correct=correct,
               fix=_fix(ctx, missing, certain), anchor=missing.statement)


def _verdict(ctx: LintContext, missing: MissingSdkName) -> tuple[str, str, bool] | None:
    """The message, the correct code, and whether every version the project runs fails."""
    from cio_lint.core.sdk_node import NODE_FOREIGN_NAMES, NODE_OLD_SUBPATHS, TRACK_PACKAGE

    versions = ctx.config.sdk.node_track
    written = f"`{clip(missing.written)}`"
    if missing.missing_from is not None:
        where = node_versions.wrong_from(versions, missing.missing_from)
        if where is None:
            return None
        phrase, certain = where
        if missing.missing == f"{TRACK_PACKAGE}.default":
            return (f"{written} is the 2.x default export: on {phrase} "
                    f"`new {clip(missing.written, 20)}()` throws TypeError",
                    _named(ctx, missing), certain)
        if missing.missing in NODE_OLD_SUBPATHS:
            return (f"{written} is a 2.x subpath: it does not exist in {phrase}",
                    _package_import(ctx, missing), certain)
        return (f"{written} is inside the package: the `exports` map of {phrase} "
                "blocks it (ERR_PACKAGE_PATH_NOT_EXPORTED)",
                'import { ... } from "customerio-node"', certain)
    name = missing.last
    if missing.missing_before is not None:
        pinned = node_versions.wrong_before(versions, missing.missing_before)
        if pinned is None:
            return None
        return (f"{written} is undefined in {pinned}: it is exported from "
                f"{missing.missing_before}.0 on", _old_home(name, missing), True)
    if missing.member is not None:
        method = missing.instead.rsplit(".", 1)[-1]
        client = missing.missing.rsplit(".", 2)[-2]
        return (f"{written} is the Python name: customerio-node's `{client}` has no "
                f"`{clip(name, 24)}` (TypeError)",
                ctx.model.existing_name_rewrite(missing) or _no_method(method), True)
    instead = NODE_FOREIGN_NAMES.get(name, "")
    correct = "RegionUS or RegionEU" if name == "Regions" else instead
    if versions.only_before(3):
        correct = ('const CIO = require("customerio-node")' if instead == "TrackClient"
                   else _old_home(instead, missing))
    return (f"{written} is the Python name: customerio-node exports no "
            f"`{clip(name, 24)}`, so it is undefined", correct, True)


def _statement(ctx: LintContext, missing: MissingSdkName) -> str:
    return ctx.model.code(missing.statement) if missing.statement is not None else ""


def _named(ctx: LintContext, missing: MissingSdkName) -> str:
    """The named import of ``TrackClient``, in the statement's own form."""
    if _statement(ctx, missing).startswith("import"):
        return 'import { TrackClient } from "customerio-node"'
    return 'const { TrackClient } = require("customerio-node")'


def _package_import(ctx: LintContext, missing: MissingSdkName) -> str:
    """The statement importing from the package itself (what the subpath's names became)."""
    from cio_lint.core.sdk_node import NODE_OLD_SUBPATHS, TRACK_PACKAGE

    target = NODE_OLD_SUBPATHS.get(missing.missing, "")
    statement = _statement(ctx, missing)
    if target:
        return f'const {{ {target} }} = require("customerio-node")'
    if statement and "\n" not in statement and missing.written in statement:
        quote = missing.written[0]
        return statement.replace(missing.written, f"{quote}{TRACK_PACKAGE}{quote}")
    return 'import { ... } from "customerio-node"'


def _old_home(name: str, missing: MissingSdkName) -> str:
    """Where a 3.x name lived on 0.x-2.x."""
    from cio_lint.core.sdk_node import NODE_OLD_HOMES, TRACK_PACKAGE

    home = NODE_OLD_HOMES.get(name)
    if home == TRACK_PACKAGE:
        return 'const CIO = require("customerio-node")'
    if home is not None:
        return f'const {{ {name} }} = require("{home}")'
    if name == "CustomerIORequestError":
        return "check `err.statusCode` (2.x rejects with a plain object)"
    return f"upgrade customerio-node to {missing.missing_before}.x"


def _no_method(method: str) -> str:
    if method == "batch":
        return "one `identify`/`track` per person, or `cio.batch([...])` on customerio-node 5.x"
    return method


def _fix(ctx: LintContext, missing: MissingSdkName, certain: bool) -> Fix | None:
    from cio_lint.core.findings import Fix
    from cio_lint.core.sdk_node import TRACK_PACKAGE

    if missing.member is not None:
        rewrite = ctx.model.existing_name_rewrite(missing)
        if rewrite is None:
            return None
        return Fix((ctx.replace(missing.node, rewrite),), safe=True,
                   description=f"use `{rewrite}`")
    if missing.missing_from != 3:
        return None
    edits = ctx.model.missing_module_import_fix(missing)
    if not edits:
        return None
    description = ("import `TrackClient`" if missing.missing == f"{TRACK_PACKAGE}.default"
                   else "import from `customerio-node`")
    return Fix(tuple(ctx.replace(e.node, e.text) for e in edits), safe=certain,
               description=description)
