"""Project functions that reach the SDK, handed by reference to run once per item.

``executor.map(notify_account, rows)`` calls nothing by name, yet runs
``notify_account`` (and the ``cio.track`` it makes) once per row, as many at a time
as the pool has threads. Such a reference is seen as the SDK call the function makes,
placed at the reference; ``bursts`` says how many run at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from cio_lint.analysis.python.scopes import CallSite
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.records import BoundArguments, Link, SdkCall, Via
from cio_lint.analysis.summaries import FunctionSummary
from cio_lint.core import sdk

#: Methods that run their first argument once per item of the second (pools, executors).
MAPPERS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})
#: Methods that run their first argument once, in a worker: per item when in a loop.
SUBMITTERS = frozenset({"submit", "apply_async"})


def referenced_operations(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
    site: CallSite,
) -> list[SdkCall]:
    """The SDK calls of the project function ``site`` (a pool's ``map``/``submit``)
    hands over by reference, each placed at the reference with ``via`` naming the chain
    (none when the function never reaches the SDK). Which arguments it gets is unknown."""
    reference = site.node.args[0].value
    if not isinstance(reference, (cst.Name, cst.Attribute)):
        return []
    target = summariser.target(replace(site, node=cst.Call(func=reference)))
    summary = summary_of(target) if target else None
    if summary is None:
        return []
    found: list[SdkCall] = []
    first = Link(model.code(reference))
    for operation in summary.operations:
        signature = sdk.METHODS[operation.kind].get(operation.method)
        if signature is None:
            continue
        via = Via((first, *operation.chain), escapes=operation.escapes,
                  paces=summary.paces, is_async=summary.is_async, local=local(target))
        found.append(SdkCall(
            reference, site.scope, site.order, site.context, operation.kind, operation.method,
            signature, BoundArguments(star_args=True, star_kwargs=True), None, via,
        ))
    return found
