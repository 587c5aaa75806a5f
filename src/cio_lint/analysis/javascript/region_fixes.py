"""The text of region fixes in JavaScript/TypeScript: how to spell ``RegionEU`` at a place
(importing it when the module already imports from customerio-node) and how a client is
written with its region."""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import BindingKind, Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import PIPELINES_HOST, ClientRegion, Region, RegionsReference
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import TRACK_PACKAGE

_URL = {
    ClientKind.TRACK: {Region.US: "https://track.customer.io/api/v1",
                       Region.EU: "https://track-eu.customer.io/api/v1"},
    ClientKind.APP: {Region.US: "https://api.customer.io/v1",
                     Region.EU: "https://api-eu.customer.io/v1"},
}


def region_name(region: Region) -> str:
    return f"Region{region.label}"


def regions_reference(semantic: JsSemantic, scope: Scope, order: int,
                      region: Region | None) -> RegionsReference | None:
    """``RegionEU`` as bound at ``scope`` (an import or ``require`` destructuring), or added
    to the module's ``import { ... } from "customerio-node"`` / ``const { ... } =
    require("customerio-node")``; None when it cannot be spelled without guessing."""
    if region is None:
        return None
    name = region_name(region)
    wanted = f"{TRACK_PACKAGE}.{name}"
    bound = semantic.binding(name, scope, order)
    if bound is not None:
        if bound.qualified != wanted:
            return None  # the name means something else here
        return RegionsReference(name, names=((region, name),), proven=True)
    module = semantic.module
    if any(name in s.bindings for s in _scopes(semantic)):
        return None  # bound elsewhere: adding an import would clash
    for bindings in module.bindings.values():
        for binding in bindings:
            if (binding.qualified or "").rsplit(".", 1)[0] != TRACK_PACKAGE or (
                binding.kind not in (BindingKind.IMPORT, BindingKind.DESTRUCTURED)
            ):
                continue
            names = _named_list(binding.node)
            if names is None:
                continue
            entries = [syntax.text(c) for c in names.named_children if c.type != "comment"]
            inner = ", ".join([*entries, name])
            return RegionsReference(name, names, f"{{ {inner} }}", ((region, name),),
                                    proven=True)
    return None


def _scopes(semantic: JsSemantic) -> list[Scope]:
    return [semantic.module, *semantic.collected.scopes.values()]


def _named_list(node: TsNode) -> TsNode | None:
    """The ``{ A, B }`` a named import or a destructured ``require`` name sits in."""
    parent = node.parent
    while parent is not None and parent.type not in ("named_imports", "object_pattern"):
        if parent.type in ("import_statement", "lexical_declaration", "variable_declaration"):
            return None
        parent = parent.parent
    if parent is None or parent.parent is None:
        return None
    if parent.type == "object_pattern" and parent.parent.type != "variable_declarator":
        return None  # a nested pattern
    return parent


def region_from_environment_text(node: TsNode, regions: str) -> str:
    code = syntax.text(node)
    return f'region: {code}?.toLowerCase() === "eu" ? RegionEU : RegionUS'


def with_region_text(call: SdkCall, region: Region) -> str:
    """The construction written again with the region option added."""
    node = call.node
    assert isinstance(node, TsNode)
    constructor = node.child_by_field_name("constructor")
    written = syntax.text(constructor) if constructor is not None else call.written
    args = [syntax.text(a) for a in syntax.arguments(node)]
    option = (f'host: "{PIPELINES_HOST[region]}"' if call.kind is ClientKind.PIPELINES
              else f"region: {region_name(region)}")
    if call.kind is ClientKind.PIPELINES and args and args[0].startswith("{"):
        return f"new {written}({{ {option}, ... }})"
    return f"new {written}({', '.join([*args, f'{{ {option} }}'])})"


def region_rewrite_text(call: SdkCall, found: ClientRegion, region: Region) -> str:
    if call.kind is ClientKind.PIPELINES:
        if found.source == "default" and call.written == "PipelinesClient":
            return f'url: "{PIPELINES_HOST[region]}/v1"'
        return f'host: "{PIPELINES_HOST[region]}"'
    option = f"region: {region_name(region)}"
    if found.source == "url":
        return f'url: "{_URL[call.kind][region]}" (or drop url and pass {option})'
    if found.source == "region":
        return option
    return with_region_text(call, region)
