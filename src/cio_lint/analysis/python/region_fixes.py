"""The text of region fixes in Python: how to spell ``Regions`` and rewrite a client.

CIO104 and CIO105 describe what is wrong in neutral terms; the words of the fix
(an import to extend, a conditional on an environment variable, a client call
with ``region=`` added) are Python's, so they are written here.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.regions import REGIONS_QUALNAME
from cio_lint.analysis.python.scopes import Scope, call_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import PIPELINES_HOST, ClientRegion, Region, RegionsReference
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind


def region_from_environment_text(model: SemanticModel, expr: cst.CSTNode, regions: str) -> str:
    """``region=`` choosing EU when the environment says ``"eu"``, else US."""
    code = model.code(expr)
    return f'region={regions}.EU if {code}.lower() == "eu" else {regions}.US'


def with_region_text(model: SemanticModel, call: SdkCall, region: Region) -> str:
    """The construction written again with ``region=Regions.<region>`` appended."""
    node = call_node(call)
    client = model.code(node.func)
    args = [model.code(arg).strip().rstrip(",") for arg in node.args]
    return f"{client}({', '.join([*args, f'region=Regions.{region.label}'])})"


def regions_reference(model: SemanticModel, scope: Scope, order: int) -> RegionsReference | None:
    """``Regions`` (already imported), ``customerio.Regions``, or ``Regions`` added to an
    existing ``from customerio import ...``; None when no safe spelling exists."""
    bindings = model.lookup("Regions", scope, order)
    if bindings:
        qual = bindings[0].qualname
        if qual is not None and sdk.PUBLIC_NAMES.get(qual, qual) == REGIONS_QUALNAME:
            return RegionsReference("Regions")
    for name, module_bindings in model.root.bindings.items():
        only_sdk = len(module_bindings) == 1 and module_bindings[0].qualname == "customerio"
        if only_sdk and not _shadowed(model, name, scope, order):
            return RegionsReference(f"{name}.Regions")
    if bindings or "Regions" in model.root.bindings:
        return None
    statement = _module_customerio_import(model)
    if statement is None or isinstance(statement.names, cst.ImportStar):
        return None
    return RegionsReference("Regions", statement, model.code(_with_alias(statement, "Regions")))


def _with_alias(statement: cst.ImportFrom, name: str) -> cst.ImportFrom:
    """``statement`` importing ``name`` too, in the statement's own layout."""
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    last = names[-1]
    added = cst.ImportAlias(cst.Name(name))
    if isinstance(last.comma, cst.Comma):
        # Trailing-comma layout (one name per line): the new name takes the last comma.
        before = names[-2].comma if len(names) > 1 else cst.Comma(
            whitespace_after=cst.SimpleWhitespace(" ")
        )
        names[-1] = last.with_changes(comma=before)
        names.append(added.with_changes(comma=last.comma))
    else:
        names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        names.append(added)
    return statement.with_changes(names=names)


def _shadowed(model: SemanticModel, name: str, scope: Scope, order: int) -> bool:
    bindings = model.lookup(name, scope, order)
    return not bindings or bindings[0].qualname != "customerio"


def _module_customerio_import(model: SemanticModel) -> cst.ImportFrom | None:
    """The first top-level ``from customerio import ...`` statement of the module."""
    for statement in model.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and not small.relative
                and small.module is not None
                and model.code(small.module) == "customerio"
            ):
                return small
    return None


#: Before ``Regions``, or instead of it: the hosts a Track and an App client take.
_TRACK_HOST = {Region.US: "track.customer.io", Region.EU: "track-eu.customer.io"}
_APP_URL = {Region.US: "https://api.customer.io", Region.EU: "https://api-eu.customer.io"}


def region_rewrite_text(
    model: SemanticModel, call: SdkCall, found: ClientRegion, region: Region
) -> str:
    """The concrete argument that puts this client in ``region``."""
    if call.kind is ClientKind.PIPELINES:
        return f'host="{PIPELINES_HOST[region]}"'
    keyword = f"region=Regions.{region.label}"
    if found.source == "host":
        return f'host="{_TRACK_HOST[region]}" (or drop host and pass {keyword})'
    if found.source == "url":
        return f'url="{_APP_URL[region]}" (or drop url and pass {keyword})'
    if found.source == "region":
        return keyword
    return with_region_text(model, call, region)
