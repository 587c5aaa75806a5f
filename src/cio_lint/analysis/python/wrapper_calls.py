"""Calls of project functions that reach the SDK, seen as the SDK calls they make.

``record_signup(user.email, ms)`` where ``record_signup`` calls
``cio.track(customer_id=email, timestamp=ms)`` is, for the rules, a ``track`` whose
customer id is ``user.email`` and whose timestamp is ``ms``, reported at the caller
and naming the chain (``SdkCall.via``).
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from cio_lint.analysis.python.class_calls import through_class
from cio_lint.analysis.python.forwarding import KEYWORDS
from cio_lint.analysis.python.scopes import CallSite
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.records import Argument, BoundArguments, Link, SdkCall, Via
from cio_lint.analysis.summaries import FunctionSummary, Operation
from cio_lint.core import sdk
from cio_lint.core.sdk import Signature


def wrapper_calls(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
) -> list[SdkCall]:
    """Every call of a project function whose (closed) summary reaches the SDK."""
    calls: list[SdkCall] = []
    for site in model.call_sites:
        if summariser.is_sdk_call(site):
            continue  # ``self.track(...)`` in a subclass that overrides ``track``: the SDK's
        target = summariser.target(site)
        if not target:
            continue
        summary = summary_of(target) or summary_of(f"{target}.__init__")
        if summary is None:
            continue
        for operation in summary.operations:
            signature = sdk.METHODS[operation.kind].get(operation.method)
            if signature is not None:
                call = _as_sdk_call(model, site, summary, operation, signature, local(target),
                                    _skips_self(model, site, summary, target))
                calls.append(call)
    return calls


def _as_sdk_call(
    model: SemanticModel,
    site: CallSite,
    summary: FunctionSummary,
    operation: Operation,
    signature: Signature,
    local: bool,
    skips_self: bool,
) -> SdkCall:
    first = Link(f"{model.code(site.node.func)}()")
    via = Via((first, *operation.chain), escapes=operation.escapes, paces=summary.paces,
              is_async=summary.is_async, local=local)
    return SdkCall(site.node, site.scope, site.order, site.context, operation.kind,
                   operation.method, signature,
                   _bind(site.node, summary, operation, signature, skips_self), None, via)


def _skips_self(
    model: SemanticModel, site: CallSite, summary: FunctionSummary, target: str
) -> bool:
    """``Tracker.event(tracker, ...)``: the first positional argument is ``self``."""
    return summary.instance_method and through_class(model, site, target)


def _bind(
    call: cst.Call, summary: FunctionSummary, operation: Operation, signature: Signature,
    skips_self: bool = False,
) -> BoundArguments:
    """The caller's arguments bound to the SDK parameters they reach; whatever the
    wrapper supplies itself is unknown here, as after a ``**`` spread."""
    bound = BoundArguments(star_args=True, star_kwargs=True)
    passed: dict[str, cst.Arg] = {}
    forwarded: list[cst.Arg] = []
    positional = summary.positional
    index = -1 if skips_self else 0
    for arg in call.args:
        if arg.star:
            # After ``*args`` a positional argument fills an unknown parameter.
            index = len(positional) if arg.star == "*" else index
            continue
        if arg.keyword is None:
            if 0 <= index < len(positional):
                passed[positional[index]] = arg
            index += 1
        elif arg.keyword.value in summary.params:
            passed[arg.keyword.value] = arg
        else:
            forwarded.append(arg)
    as_data = any(param == KEYWORDS for _, param in operation.params)
    for sdk_param, param in operation.params:
        if param not in passed:
            continue
        argument = Argument(passed[param].value, passed[param])
        if sdk_param in signature.params:
            bound.args[sdk_param] = argument
        elif signature.var_kwargs is not None:
            bound.extra[sdk_param] = argument  # an attribute the function names itself
    if as_data:  # ``data=properties``: every extra keyword is an entry of the data
        for arg in forwarded:
            assert arg.keyword is not None
            bound.extra[arg.keyword.value] = Argument(arg.value, arg, arg.keyword.value,
                                                      arg.keyword)
    elif operation.forwards_kwargs:
        for arg in forwarded:
            assert arg.keyword is not None
            keyword = arg.keyword.value
            argument = Argument(arg.value, arg, keyword, arg.keyword)
            if keyword in signature.params:
                bound.args.setdefault(keyword, argument)
            elif signature.var_kwargs is not None:
                bound.extra[keyword] = argument
            else:
                bound.unexpected[keyword] = argument
    return bound
