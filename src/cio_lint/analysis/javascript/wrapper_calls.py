"""Calls of project functions that reach the SDK, seen as the SDK calls they make.

``trackEvent(user.id, "Signed Up", {}, Date.now())`` where ``trackEvent`` calls
``cio.track(userId, { name, data, timestamp })`` is, for the rules, a ``track`` whose
customer id is ``user.id``, whose name is ``"Signed Up"`` and whose timestamp is
``Date.now()``, reported at the caller and naming the chain (``SdkCall.via``), as for
Python. A key of a destructured parameter (``#0.email``) is read from the object literal
the caller passes; an object spread into the SDK's options (``**``) gives its keys.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.calls import _bind_object
from cio_lint.analysis.javascript.collection import CallSite
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.javascript.summarising import SPREAD, JsSummariser
from cio_lint.analysis.records import Argument, BoundArguments, Link, SdkCall, Via
from cio_lint.analysis.summaries import FunctionSummary, Operation
from cio_lint.core import sdk
from cio_lint.core.sdk import Signature
from cio_lint.core.sdk_node import NODE_METHODS, NodeCall


def wrapper_calls(
    semantic: JsSemantic,
    summariser: JsSummariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
) -> list[SdkCall]:
    """Every call of a project function whose (closed) summary reaches the SDK."""
    calls: list[SdkCall] = []
    for site in semantic.collected.calls:
        if site.node.type != "call_expression" or summariser.is_sdk_call(site):
            continue
        target = summariser.targets.target(site)
        summary = summary_of(target) if target else None
        if summary is None:
            continue
        for operation in summary.operations:
            signature = sdk.METHODS[operation.kind].get(operation.method)
            if signature is not None:
                calls.append(_as_sdk_call(semantic, site, summary, operation, signature,
                                          local(target)))
    return calls


def _as_sdk_call(
    semantic: JsSemantic, site: CallSite, summary: FunctionSummary, operation: Operation,
    signature: Signature, local: bool,
) -> SdkCall:
    callee = site.node.child_by_field_name("function") or site.node
    first = Link(f"{semantic.parsed.text(callee)}()")
    via = Via((first, *operation.chain), escapes=operation.escapes, paces=summary.paces,
              is_async=summary.is_async, local=local)
    spelled, spec = _node_spelling(operation)
    call = SdkCall(semantic.canon(site.node), site.scope, site.node.start_byte, site.context,
                   operation.kind, operation.method, signature,
                   _bind(semantic, site, summary, operation, signature, spec), None, via)
    call.spelled = spelled
    return call


def _node_spelling(operation: Operation) -> tuple[str | None, NodeCall | None]:
    """The Node name of the neutral method (``trackAnonymous``) when it differs, and how
    the Node method's options object binds."""
    for name, spec in NODE_METHODS[operation.kind].items():
        if spec.operation == operation.method:
            return (name if name != operation.method else None), spec
    return None, None


def _bind(
    semantic: JsSemantic, site: CallSite, summary: FunctionSummary, operation: Operation,
    signature: Signature, spec: NodeCall | None,
) -> BoundArguments:
    """The caller's arguments bound to the SDK parameters they reach; whatever the
    function supplies itself is unknown here, as after a spread."""
    bound = BoundArguments(star_args=True, star_kwargs=True)
    passed: dict[str, TsNode] = {}
    for param, given in zip(summary.positional, syntax.arguments(site.node), strict=False):
        if given.type == "spread_element":
            break
        passed[param] = semantic.canon(given)
    order = site.node.start_byte
    for sdk_param, param in operation.params:
        head, _, key = param.partition(".") if param.startswith("#") else (param, "", "")
        value = passed.get(head)
        if value is None:
            continue
        if sdk_param == SPREAD:
            literal = semantic.origin(value, site.scope, order)
            if literal.type == "object" and spec is not None:
                _bind_object(semantic, literal, spec, bound)
                bound.star_kwargs = True
            continue
        argument = Argument(value, value)
        if key:
            entry = _entry(semantic.origin(value, site.scope, order), key)
            if entry is None:
                continue
            argument = Argument(semantic.canon(entry.child_by_field_name("value") or entry),
                                semantic.canon(entry))
        if sdk_param in signature.params:
            bound.args[sdk_param] = argument
        elif signature.var_kwargs is not None or signature.attributes is not None:
            bound.extra[sdk_param] = argument  # an attribute the function names itself
    return bound


def _entry(literal: TsNode, key: str) -> TsNode | None:
    """The entry of an object literal with ``key`` (the last one, as JavaScript reads it)."""
    if literal.type != "object":
        return None
    found = None
    for entry in literal.named_children:
        if entry.type != "spread_element" and syntax.property_key(entry) == key:
            found = entry
    return found
