"""Thread pools that start an SDK call per item: many requests in flight at once.

``executor.map(notify_account, rows)`` calls nothing by name, yet runs
``notify_account`` (and the ``cio.identify`` it makes) once per row, as many at a
time as the pool has threads; so do ``executor.map(cio.identify, ids)``,
``executor.map(lambda row: cio.identify(id=row.id), rows)`` and
``executor.submit(notify_account, row)`` in a loop. Each is answered as a neutral
``ConcurrentBurst``: the SDK call, placed at the function handed over (or at the call
inside the lambda), with the pool's ``map`` as the innermost of its loops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import libcst as cst

from cio_lint.analysis.execution import BurstKind, ConcurrentBurst
from cio_lint.analysis.python.execution import calls_within
from cio_lint.analysis.python.loops import describe_loop, is_paced
from cio_lint.analysis.python.scopes import CallSite
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.python.time_values import number_value
from cio_lint.analysis.python.wrapper_references import (
    MAPPERS,
    SUBMITTERS,
    referenced_operations,
)
from cio_lint.analysis.records import BoundArguments, SdkCall
from cio_lint.analysis.summaries import FunctionSummary
from cio_lint.core import sdk

#: Classes whose instances run work on several threads or processes.
_POOL_CLASSES = frozenset({"ThreadPoolExecutor", "ProcessPoolExecutor", "ThreadPool", "Pool"})
#: Words in a receiver's name that say it is a pool when its construction is not visible.
_POOL_WORDS = ("pool", "executor")
#: The keyword (or first positional argument) that sizes each pool class.
_SIZE_KEYWORDS = ("max_workers", "processes")


def concurrent_bursts(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
) -> list[ConcurrentBurst]:
    """Every SDK call a thread pool's ``map`` or ``submit`` starts per item."""
    bursts: list[ConcurrentBurst] = []
    for site in model.call_sites:
        func = site.node.func
        if not isinstance(func, cst.Attribute) or not site.node.args:
            continue
        method = func.attr.value
        if method not in MAPPERS and method not in SUBMITTERS:
            continue
        if site.node.args[0].keyword is not None:
            continue
        workers = _pool_size(model, site)
        if workers is False:
            continue  # not a pool: ``df["id"].map(f)`` runs one item at a time
        for call in _started_calls(model, summariser, summary_of, local, site):
            burst = _burst(model, site, method in MAPPERS, call, workers)
            if burst is not None:
                bursts.append(burst)
    return bursts


def _started_calls(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
    site: CallSite,
) -> Iterator[SdkCall]:
    """The SDK calls the function handed to the pool makes: a project function's, a
    client method's own, or those written in a lambda."""
    reference = site.node.args[0].value
    if isinstance(reference, cst.Lambda):
        inside = {id(node) for node in calls_within(reference.body)}
        yield from (call for call in model.sdk_calls() if id(call.node) in inside)
        return
    if not isinstance(reference, (cst.Name, cst.Attribute)):
        return
    method = _client_method(model, reference, site)
    if method is not None:
        yield method
        return
    yield from referenced_operations(model, summariser, summary_of, local, site)


def _client_method(
    model: SemanticModel, reference: cst.Name | cst.Attribute, site: CallSite
) -> SdkCall | None:
    """``cio.identify`` handed over by reference: the SDK call each item makes."""
    if not isinstance(reference, cst.Attribute):
        return None
    name = reference.attr.value
    kind = model.client_kind(reference.value, site.scope, site.order)
    signature = sdk.METHODS[kind].get(name) if kind is not None else None
    if kind is None or signature is None:
        return None
    return SdkCall(
        reference, site.scope, site.order, site.context, kind, name, signature,
        BoundArguments(star_args=True, star_kwargs=True), reference.value,
    )


def _burst(
    model: SemanticModel, site: CallSite, mapped: bool, call: SdkCall, workers: int | None
) -> ConcurrentBurst | None:
    """The burst ``call`` makes: per item of a ``map``, or per iteration of the loop
    around a ``submit`` (none for a single submit)."""
    if mapped:
        call = replace(call, context=replace(call.context, loops=(*call.context.loops,
                                                                  site.node)))
        loop = describe_loop(model, site.node)
        kind = BurstKind.POOL_MAP
        items = site.node.args[1].value if len(site.node.args) > 1 else None
        starter: cst.CSTNode = site.node
    else:
        if not site.context.loops:
            return None
        starter = _as_cst(site.context.loops[-1])
        loop = describe_loop(model, starter)
        kind = BurstKind.POOL_SUBMIT
        items = _iterable(loop.node)
    paced = any(is_paced(model, _as_cst(node), call) for node in call.context.loops)
    if call.via is not None and call.via.paces:
        paced = True
    return ConcurrentBurst(
        call, kind, call.node, starter, items, loop.description, loop.small, paced, workers
    )


def _as_cst(node: object) -> cst.CSTNode:
    assert isinstance(node, cst.CSTNode)
    return node


def _iterable(loop: object) -> cst.BaseExpression | None:
    if isinstance(loop, cst.For):
        return loop.iter
    return None


def _pool_size(model: SemanticModel, site: CallSite) -> int | bool | None:
    """The pool's size when its construction says (``max_workers=8``), None when it is a
    pool of unknown or default size, False when the receiver is not a pool at all."""
    func = site.node.func
    assert isinstance(func, cst.Attribute)
    receiver = func.value
    built = model.origin(receiver, site.scope, site.order)
    if isinstance(built, cst.Call):
        name = model.qualname(built.func, site.scope) or dotted_name(built.func)
        if name.rsplit(".", 1)[-1] in _POOL_CLASSES:
            return _size_argument(built)
    text = dotted_name(receiver).lower()
    return None if any(word in text for word in _POOL_WORDS) else False


def _size_argument(built: cst.Call) -> int | None:
    for arg in built.args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword in _SIZE_KEYWORDS or (keyword is None and arg is built.args[0]):
            value = number_value(arg.value)
            return int(value) if value is not None and value == int(value) else None
    return None
