"""Project functions that reach the SDK, handed by reference to run once per item.

``executor.map(notify_account, rows)`` calls nothing by name, yet runs
``notify_account`` (and the ``cio.track`` it makes) once per row, as many at a time
as the pool has threads. Such a reference is seen as the SDK call the function makes,
placed at the reference, with the ``map`` call as its innermost loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.records import BoundArguments, Link, SdkCall, Via
from cio_lint.analysis.summaries import FunctionSummary
from cio_lint.core import sdk

#: Methods that run their first argument once per item of the second (pools, executors).
MAPPERS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})
#: Methods that run their first argument once, in a worker: per item when in a loop.
SUBMITTERS = frozenset({"submit", "apply_async"})


def wrapper_references(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
) -> list[SdkCall]:
    """Every project function that reaches the SDK passed to a pool's ``map``/``submit``."""
    found: list[SdkCall] = []
    for site in model.call_sites:
        func = site.node.func
        if not isinstance(func, cst.Attribute) or not site.node.args:
            continue
        method = func.attr.value
        if method not in MAPPERS and method not in SUBMITTERS:
            continue
        reference = site.node.args[0].value
        if site.node.args[0].keyword is not None or not isinstance(
            reference, (cst.Name, cst.Attribute)
        ):
            continue
        target = summariser.target(replace(site, node=cst.Call(func=reference)))
        summary = summary_of(target) if target else None
        if summary is None:
            continue
        context = site.context
        if method in MAPPERS:
            context = replace(context, loops=(*context.loops, site.node))
        first = Link(model.code(reference))
        for operation in summary.operations:
            signature = sdk.METHODS[operation.kind].get(operation.method)
            if signature is None:
                continue
            via = Via((first, *operation.chain), escapes=operation.escapes,
                      paces=summary.paces, is_async=summary.is_async, local=local(target))
            found.append(SdkCall(
                reference, site.scope, site.order, context, operation.kind, operation.method,
                signature, BoundArguments(star_args=True, star_kwargs=True), None, via,
            ))
    return found


