"""Blocking SDK calls in coroutines: which already run in a thread, and the awaited form.

The Python SDK's Track and App clients are synchronous; inside ``async def`` a call
stalls the event loop unless it is handed to a worker thread.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.execution import calls_within
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name

#: Calls that run a callable in a worker thread (or after the response): what is passed to
#: them, as a lambda or a call building the callable, does not block the event loop.
_OFFLOADERS = frozenset(
    {"run_in_executor", "to_thread", "run_sync", "run_in_threadpool", "sync_to_async",
     "defer_to_thread", "deferToThread", "submit", "add_task"}
)


#: Decorators that turn a synchronous function into one whose calls are awaited and run
#: in a worker thread (``@sync_to_async def record_signup(...)``).
OFFLOADING_DECORATORS = frozenset(
    {"sync_to_async", "database_sync_to_async", "asyncify", "run_in_threadpool"}
)


def offloaded_calls(model: SemanticModel) -> set[int]:
    """Ids of calls inside the arguments of ``run_in_executor(...)``, ``to_thread(...)``."""
    found: set[int] = set()
    for site in model.call_sites:
        name = dotted_name(site.node.func).rsplit(".", 1)[-1]
        if name in _OFFLOADERS:
            for arg in site.node.args:
                found.update(id(inner) for inner in calls_within(arg.value))
    return found


def to_thread_rewrite(model: SemanticModel, node: cst.Call) -> str:
    """``await asyncio.to_thread(cio.track, user.id, "x")`` for ``cio.track(user.id, "x")``."""
    first = cst.Arg(
        node.func,
        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if node.args
        else cst.MaybeSentinel.DEFAULT,
    )
    wrapped = cst.Await(
        cst.Call(
            func=cst.Attribute(cst.Name("asyncio"), cst.Name("to_thread")),
            args=[first, *node.args],
        )
    )
    return model.module.code_for_node(wrapped)
