"""Which Customer.io region a Node value or client points at.

customerio-node takes ``region: RegionEU`` (a ``Region`` object): a string such as
``"eu"`` or a plain object makes the constructor throw, a value that may be ``undefined``
(``regions[name]``) silently means the US, and ``Regions.EU`` names nothing. The CDP
``Analytics`` client has no region option at all: its ``host`` decides.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.credentials import setting_name
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import (
    ClientRegion,
    Region,
    RegionValue,
    region_of_host,
    region_of_text,
)
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import NODE_REGIONS, TRACK_PACKAGE

_STRING_METHODS = frozenset({"toLowerCase", "toUpperCase", "trim", "toLocaleLowerCase",
                             "toLocaleUpperCase"})
_NOTHING = frozenset({"undefined", "null"})


def judge_region(semantic: JsSemantic, node: TsNode, scope: Scope,
                 order: int | None) -> RegionValue:
    """Judge a value given as ``region``: a real Region, a wrong value, or unknown."""
    origin = semantic.origin(node, scope, order)
    via = syntax.text(node) if origin != (syntax.unwrap(node) or node) else None
    qualified = semantic.qualified(origin, scope, order)
    if qualified in NODE_REGIONS:
        return RegionValue(origin, region=Region(NODE_REGIONS[qualified]), via=via)
    if qualified is not None and qualified.startswith(f"{TRACK_PACKAGE}."):
        last = qualified.rsplit(".", 1)[1]
        if last not in ("RegionUS", "RegionEU", "Region"):
            return RegionValue(
                origin,
                problem=f"`{syntax.text(origin)}`, which customerio-node does not export "
                "(only `RegionUS` and `RegionEU`)",
                intended=region_of_text(last.removeprefix("Region")),
                via=via, nonexistent=True,
            )
    text = syntax.string_value(origin)
    if text is not None:
        literal = origin.type in syntax.STRING_TYPES
        return RegionValue(origin, problem=f"the string {syntax.text(origin)}",
                           intended=region_of_text(text), via=via, literal=literal)
    problem = _string_problem(origin)
    if problem is not None:
        return RegionValue(origin, problem=problem, via=via)
    if origin.type == "object":
        return RegionValue(origin, problem="a plain object", via=via,
                           intended=_object_region(origin))
    if origin.type == "template_string":
        return RegionValue(origin, problem="a template string", via=via)
    if syntax.text(origin) in _NOTHING and via is not None:
        return RegionValue(origin, problem=f"`{syntax.text(origin)}`", via=via, silent=True)
    if origin.type == "subscript_expression" and _indexes_regions(semantic, origin, scope,
                                                                   order):
        return RegionValue(origin, problem=f"`{syntax.text(origin)}`, a lookup that may miss",
                           via=via, silent=True)
    return RegionValue(origin, via=via)


def _string_problem(node: TsNode) -> str | None:
    """Why ``node`` is surely a string: an environment variable, a string method."""
    parts = syntax.member_parts(node)
    if parts is not None and setting_name(node) is not None:
        return f"`{syntax.text(node)}`, an environment variable (always a string)"
    if node.type == "call_expression":
        function = syntax.unwrap(node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        if parts is not None and parts[1] in _STRING_METHODS:
            return f"`{syntax.text(node)}`, a string"
    return None


def _object_region(node: TsNode) -> Region | None:
    """The region a plain object spells in its hosts (``{ trackUrl: "...-eu..." }``)."""
    for entry in syntax.walk(node):
        text = syntax.string_value(entry) if entry.type in syntax.STRING_TYPES else None
        if text is not None and (region_of_host(text) or region_of_text(text)):
            return region_of_host(text) or region_of_text(text)
    return None


def _indexes_regions(semantic: JsSemantic, node: TsNode, scope: Scope,
                     order: int | None) -> bool:
    """``regions[name]`` where ``regions`` maps names to ``RegionUS``/``RegionEU`` and the
    key is not a literal: a name missing from the map gives ``undefined``."""
    index = node.child_by_field_name("index")
    table = node.child_by_field_name("object")
    if index is None or table is None or syntax.string_value(index) is not None:
        return False
    literal = semantic.origin(table, scope, order)
    if literal.type != "object":
        return False
    values = [entry.child_by_field_name("value") for entry in literal.named_children
              if entry.type == "pair"]
    return bool(values) and all(
        value is not None and semantic.qualified(value, scope, None) in NODE_REGIONS
        for value in values
    )


def host_region(semantic: JsSemantic, node: TsNode, scope: Scope,
                order: int | None) -> Region | None:
    """The region of a literal Customer.io host or URL (a template's constant text too)."""
    origin = semantic.origin(node, scope, order)
    text = syntax.string_value(origin)
    if text is None and origin.type == "template_string":
        text = "".join(syntax.text(part) for part in origin.named_children
                       if part.type == "string_fragment")
    return region_of_host(text) if text else None


#: The option that overrides the region, per client kind (neutral parameter names).
_HOST_PARAM = {ClientKind.TRACK: "url", ClientKind.APP: "url", ClientKind.PIPELINES: "host"}


def construction_region(semantic: JsSemantic, call: SdkCall) -> ClientRegion | None:
    """The region a client construction talks to; None when it cannot be told."""
    if call.bound.star_kwargs or call.bound.star_args:
        return None
    scope = call.place
    assert isinstance(scope, Scope)
    host = call.value(_HOST_PARAM[call.kind])
    if host is not None:
        node = host if isinstance(host, TsNode) else None
        region = host_region(semantic, node, scope, call.order) if node is not None else None
        return ClientRegion(region, "host" if call.kind is ClientKind.PIPELINES else "url",
                            host) if region else None
    if call.kind is ClientKind.PIPELINES:
        return ClientRegion(Region.US, "default", call.node)
    value = call.value("region")
    if value is None:
        return ClientRegion(Region.US, "default", call.node)
    assert isinstance(value, TsNode)
    judged = judge_region(semantic, value, scope, call.order)
    return ClientRegion(judged.region, "region", value) if judged.region else None
