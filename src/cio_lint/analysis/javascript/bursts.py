"""JavaScript SDK calls started once per item, many in flight at once.

``for (const r of rows) cio.track(...)`` without ``await``, ``rows.forEach(async (r) =>
...)`` and ``rows.map((r) => cio.track(...))`` (usually inside ``Promise.all``) start every
request before the first one answers. A limiter that wraps the call
(``limit(() => cio.track(...))``, ``limiter.schedule(...)``, p-map's ``concurrency``) puts
the call in a function that is not the per-item one, so it is not a burst; ``for await``
and an awaited call in a plain loop are sequential (CIO602's question, not this one).
"""

from __future__ import annotations

from typing import cast

from tree_sitter import Node as TsNode

from cio_lint.analysis.execution import BurstKind, ConcurrentBurst
from cio_lint.analysis.javascript import loops, syntax
from cio_lint.analysis.javascript.promises import Fate, fate
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall


def find_bursts(semantic: JsSemantic, calls: list[SdkCall]) -> list[ConcurrentBurst]:
    found: list[ConcurrentBurst] = []
    for call in calls:
        node = cast(TsNode, call.node)
        burst = _unawaited_in_loop(semantic, call, node) or _per_item(semantic, call, node)
        if burst is not None:
            found.append(burst)
    return found


def _unawaited_in_loop(
    semantic: JsSemantic, call: SdkCall, node: TsNode
) -> ConcurrentBurst | None:
    """A call in a loop whose promise is not awaited there: dropped, or pushed to an array."""
    in_loops = loops.enclosing_loops(node)
    if not in_loops:
        return None
    outcome, decider = fate(node)
    if outcome is not Fate.FLOATING and not _pushed(decider):
        return None
    loop = in_loops[-1]
    right = loop.child_by_field_name("right") if loop.type == "for_in_statement" else None
    return ConcurrentBurst(
        call=call,
        kind=BurstKind.UNAWAITED_LOOP,
        node=node,
        starter=loop,
        collection=right,
        description=f"`{loops.header(loop)}` loop",
        small=all(loops.is_small(semantic, each) for each in in_loops),
        paced=any(loops.is_paced(each) for each in in_loops),
    )


def _pushed(decider: TsNode) -> bool:
    """``promises.push(cio.track(...))``: kept for a later ``Promise.all``, all in flight."""
    if decider.type != "arguments":
        return False
    call = decider.parent
    callee = call.child_by_field_name("function") if call is not None else None
    parts = syntax.member_parts(callee) if callee is not None else None
    return parts is not None and parts[1] == "push"


def _per_item(semantic: JsSemantic, call: SdkCall, node: TsNode) -> ConcurrentBurst | None:
    """A call made directly by the function ``forEach``/``map`` runs per item."""
    function = syntax.enclosing_function(node)
    if function is None:
        return None
    found = loops.per_item_call(function)
    if found is None:
        return None
    starter, collection, method = found
    if method == "forEach":
        kind = BurstKind.FOR_EACH_ASYNC
        description = f"`{_short(collection)}.forEach(...)`"
    else:
        kind = BurstKind.PROMISE_ALL_MAP
        description = f"`{_short(collection)}.{method}(...)`"
        outer = _combinator_of(starter)
        if outer is not None:
            description = f"`{outer}({_short(collection)}.{method}(...))`"
    return ConcurrentBurst(
        call=call,
        kind=kind,
        node=node,
        starter=starter,
        collection=collection,
        description=description,
        small=loops.small_collection(semantic, collection),
        paced=any(loops.is_paced(loop) for loop in loops.enclosing_loops(starter)),
    )


def _combinator_of(starter: TsNode) -> str | None:
    """``Promise.all`` when ``rows.map(...)`` is its argument."""
    arguments = starter.parent
    call = arguments.parent if arguments is not None else None
    if arguments is None or arguments.type != "arguments" or call is None:
        return None
    name = syntax.dotted(call.child_by_field_name("function"))
    return name if name is not None and name.startswith("Promise.") else None


def _short(node: TsNode) -> str:
    text = " ".join(syntax.text(node).split())
    return text if len(text) <= 30 else text[:29] + "…"
