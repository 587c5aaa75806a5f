"""SDK calls of a JavaScript/TypeScript module, bound to the neutral signatures.

``cio.track(id, {name, data})`` becomes the neutral ``track`` with ``customer_id``,
``name`` and ``data`` bound to the values written, the way Python's keywords bind, so a
rule reads ``call.event_name`` in either language. An options object given through a
name is followed to its literal; one that cannot be followed (a parameter, a call) or
that spreads another object leaves ``star_kwargs`` set: what it holds is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.collection import CallSite
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import Argument, BoundArguments, SdkCall
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk import CONSTRUCTORS, METHODS, Signature
from cio_lint.core.sdk_node import (
    NODE_CONSTRUCTORS,
    NODE_METHODS,
    NODE_REQUESTS,
    OBJECT,
    NodeCall,
)

_PYTHON_CONSTRUCTOR = {
    ClientKind.TRACK: "customerio.CustomerIO",
    ClientKind.APP: "customerio.APIClient",
    ClientKind.PIPELINES: "customerio.analytics.Client",
}


@dataclass
class SdkCalls:
    """Every SDK call of the module, by family, in source order."""

    methods: list[SdkCall] = field(default_factory=list)
    constructions: list[SdkCall] = field(default_factory=list)
    requests: list[SdkCall] = field(default_factory=list)
    #: The options object each call's keys were read from, by the call node's id.
    objects: dict[int, TsNode] = field(default_factory=dict)


def find_sdk_calls(semantic: JsSemantic) -> SdkCalls:
    found = SdkCalls()
    for site in semantic.collected.calls:
        if site.node.type == "new_expression":
            _construction(semantic, site, found)
        else:
            _method_call(semantic, site, found)
    return found


def _method_call(semantic: JsSemantic, site: CallSite, found: SdkCalls) -> None:
    function = syntax.unwrap(site.node.child_by_field_name("function"))
    parts = syntax.member_parts(function) if function is not None else None
    if parts is None:
        return
    receiver, method = parts
    kind = semantic.client_kind(receiver, site.scope, site.node.start_byte)
    if kind is None:
        return
    spec = NODE_METHODS[kind].get(method)
    if spec is None:
        return
    signature = METHODS[kind][spec.operation]
    call = _call(semantic, site, kind, spec, signature, found)
    call.receiver = receiver
    call.spelled = method if method != spec.operation else None
    found.methods.append(call)


def _construction(semantic: JsSemantic, site: CallSite, found: SdkCalls) -> None:
    constructor = site.node.child_by_field_name("constructor")
    qualified = semantic.qualified(constructor, site.scope, site.node.start_byte)
    if qualified is None:
        return
    written = syntax.text(constructor).rsplit(".", 1)[-1] if constructor is not None else ""
    if qualified in NODE_CONSTRUCTORS:
        kind, spec = NODE_CONSTRUCTORS[qualified]
        signature = CONSTRUCTORS[_PYTHON_CONSTRUCTOR[kind]][1]
        call = _call(semantic, site, kind, spec, signature, found)
        call.spelled = written if written != spec.operation else None
        found.constructions.append(call)
    elif qualified in NODE_REQUESTS:
        spec = NODE_REQUESTS[qualified]
        signature = Signature(tuple(spec.keys), positional=0)
        call = _call(semantic, site, ClientKind.APP, spec, signature, found)
        found.requests.append(call)


def _call(
    semantic: JsSemantic, site: CallSite, kind: ClientKind, spec: NodeCall,
    signature: Signature, found: SdkCalls,
) -> SdkCall:
    bound = BoundArguments()
    args = syntax.arguments(site.node)
    for index, value in enumerate(args):
        if value.type == "spread_element":
            bound.star_args = True
            break
        value = semantic.canon(value)
        if index >= len(spec.positional):
            bound.excess_positional.append(Argument(value, value))
            continue
        param = spec.positional[index]
        if param != OBJECT:
            bound.args[param] = Argument(value, value)
            continue
        literal = semantic.origin(value, site.scope, site.node.start_byte)
        if literal.type != "object":
            bound.star_kwargs = True
            continue
        found.objects[site.node.id] = literal
        _bind_object(semantic, literal, spec, bound)
    return SdkCall(
        node=semantic.canon(site.node),
        place=site.scope,
        order=site.node.start_byte,
        context=site.context,
        kind=kind,
        method=spec.operation,
        signature=signature,
        bound=bound,
    )


def _bind_object(
    semantic: JsSemantic, literal: TsNode, spec: NodeCall, bound: BoundArguments
) -> None:
    for entry in literal.named_children:
        if entry.type == "spread_element":
            bound.star_kwargs = True
            continue
        key = syntax.property_key(entry)
        if key is None:
            if entry.type != "comment":
                bound.star_kwargs = True  # a computed key: which one is unknown
            continue
        value = semantic.canon(entry.child_by_field_name("value") or entry)
        key_node = semantic.canon(entry.child_by_field_name("key") or entry)
        argument = Argument(value, semantic.canon(entry), keyword=key, keyword_node=key_node)
        if key in spec.keys:
            bound.args[spec.keys[key]] = argument
        elif spec.extra:
            bound.extra[key] = argument
        else:
            bound.unexpected[key] = argument
