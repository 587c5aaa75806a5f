"""The analysis interface for execution context:
entry points, error handling, loops and pacing, blocking calls, flushing.

What a failing or slow Customer.io call costs depends on the code around it: a
request handler turns an exception into a 500, a loop over every user passes the
rate limit, a script that exits drops queued events. Rules ask these questions;
each frontend answers them from its own syntax (decorators and ``try`` in Python,
route registrations and ``.catch`` in JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Function, Node, SdkCall
from cio_lint.core.client_kinds import ClientKind


class EntryRole(str, Enum):
    """The kind of entry point a function is: who calls it, and what a failure costs."""

    VIEW = "view"  # Django/DRF view function or view-class method
    ROUTE = "route"  # Flask/FastAPI/Starlette route
    TASK = "task"  # Celery (or another queue's) task
    CLI = "cli"  # click/typer command, Django management command, argparse main
    SERVERLESS = "serverless"  # AWS Lambda / Azure / Google Cloud function


#: Roles whose callers are users waiting on a response or a queue retrying work.
REQUEST_OR_TASK = frozenset(
    {EntryRole.VIEW, EntryRole.ROUTE, EntryRole.TASK, EntryRole.SERVERLESS}
)
#: Roles that run in a process which may end right after they return.
SHORT_LIVED = frozenset({EntryRole.TASK, EntryRole.CLI, EntryRole.SERVERLESS})


@dataclass(frozen=True)
class EntryPoint:
    """A function framework code calls directly, and the signal that shows it."""

    role: EntryRole
    function: Function
    description: str  # e.g. "Celery task `sync_user`"
    #: The decorator that registered it, when one did (a frontend reads its options).
    decorator: Node | None = None


class LoopKind(str, Enum):
    FOR = "for"  # a loop over the items of something
    WHILE = "while"  # a loop on a condition
    COMPREHENSION = "comprehension"  # an expression that maps over items
    MAP = "map"  # a call that runs a function once per item (a thread pool's ``map``)


@dataclass(frozen=True)
class Loop:
    """A loop around an SDK call, described for a message."""

    node: Node
    kind: LoopKind
    #: How a message names it, in the module's language: "`for user in users` loop".
    description: str
    #: It runs over a literal handful of items (``("a", "b")``, ``range(3)``): no bulk job.
    small: bool


class BurstKind(str, Enum):
    """How many SDK requests get started at once, without waiting for each other."""

    POOL_MAP = "pool-map"  # ``executor.map(send, rows)``: a pool runs the call per item
    POOL_SUBMIT = "pool-submit"  # ``executor.submit(send, row)`` once per loop iteration
    UNAWAITED_LOOP = "unawaited-loop"  # ``for (const r of rows) cio.track(...)``, no await
    FOR_EACH_ASYNC = "for-each-async"  # ``rows.forEach(async (r) => await cio.track(...))``
    PROMISE_ALL_MAP = "promise-all-map"  # ``Promise.all(rows.map((r) => cio.track(...)))``


@dataclass(frozen=True)
class ConcurrentBurst:
    """An SDK call started once per item of a collection, many in flight at once."""

    #: The SDK call each item starts (``via`` set when a project function makes it).
    call: SdkCall
    kind: BurstKind
    #: Where the finding is placed: the call, or the function handed over by reference.
    node: Node
    #: What starts them all: the ``map``/``forEach``/``Promise.all`` call, or the loop.
    starter: Node
    #: What the burst runs over (``rows``), when the code shows it.
    collection: Node | None
    #: How a message names the starter: "`executor.map` over `rows`".
    description: str
    #: It runs over a literal handful of items: no bulk job.
    small: bool
    #: Something holds each start back: a sleep, a rate limiter or a concurrency
    #: limiter (p-limit, a semaphore) around it, or a project function that paces itself.
    paced: bool
    #: How many run at once when the code says so (a pool's ``max_workers=8``); None when
    #: unbounded or unknown. 1 makes it a sequential loop, which is not a burst.
    workers: int | None = None


@dataclass(frozen=True)
class SyncModeSetting:
    """A place that makes a Pipelines client send each call at once (``sync_mode``)."""

    node: Node
    #: True for the SDK's module-level default client, False for a client instance.
    default_client: bool


#: A loop over a literal of at most this many items is not a bulk job.
SMALL_LOOP = 10
#: Words in the name of a call or context manager that paces a loop.
_PACING_WORDS = ("limiter", "throttle", "ratelimit", "rate_limit")


def names_rate_limiter(name: str) -> bool:
    """``limiter``, ``self.rate_limiter``, ``throttle``: a name that holds a rate limiter."""
    lowered = name.lower()
    return any(word in lowered for word in _PACING_WORDS)


class ExecutionQueries(Protocol):
    """Questions about execution context that rules ask the model."""

    def function_name_node(self, function: Function) -> Node:
        """The function's name where it is defined: where a finding about it is placed."""

    # -- entry points --------------------------------------------------------------------

    def entry_point(self, function: Function) -> EntryPoint | None:
        """What framework entry point ``function`` is, judged from clear signals only."""

    def enclosing_entry_point(self, function: Function | None) -> EntryPoint | None:
        """The entry point ``function`` is, or is nested in (a closure inside a view)."""

    def reachable_functions(self, start: Function | None) -> list[Function]:
        """Same-module functions ``start`` (None: module-level code) calls, transitively."""

    # -- errors --------------------------------------------------------------------------

    def sdk_errors_handled(self, call: SdkCall) -> bool:
        """Is an SDK error raised by ``call`` caught around it, or around every caller?"""

    def task_retries_sdk_errors(self, entry: EntryPoint) -> bool:
        """Does the task queue retry ``entry`` when it raises an SDK error?"""

    def error_handling_rewrite(self, call: SdkCall) -> str:
        """``call`` wrapped in a handler that logs the SDK error and carries on."""

    # -- loops ---------------------------------------------------------------------------

    def loop(self, node: Node) -> Loop:
        """The loop ``node`` (one of a call context's ``loops``)."""

    def loop_is_paced(self, loop: Node, call: SdkCall) -> bool:
        """Does the loop's body sleep, take a rate limiter or send through ``batch()``?"""

    def batch_rewrite(self, call: SdkCall, loop: Node) -> str | None:
        """One ``batch()`` call doing what the loop's Track ``call`` does, when derivable."""

    def concurrent_bursts(self) -> list[ConcurrentBurst]:
        """SDK calls (and calls of project functions that reach the SDK) started once per
        item without waiting for each other: a thread pool's ``map``/``submit`` in
        Python; un-awaited calls in a loop, ``forEach(async ...)`` and
        ``Promise.all(rows.map(...))`` in JavaScript. In source order."""

    # -- async ---------------------------------------------------------------------------

    def floating_calls(self) -> list[SdkCall]:
        """SDK calls (and calls of async project functions that reach the SDK) whose
        promise is neither awaited, returned, collected into an awaited
        ``Promise.all``/``allSettled``, nor given a rejection handler (``.catch``,
        ``.then(_, onRejected)``); a surrounding synchronous ``try`` does not count.
        Empty for Python, whose SDK calls are synchronous and return no promise."""

    def runs_in_thread(self, call: SdkCall) -> bool:
        """Is ``call`` handed to a worker thread (``to_thread``, ``run_in_executor``)?"""

    def awaitable_rewrite(self, call: SdkCall) -> str:
        """``call`` run in a worker thread and awaited, so the event loop keeps serving."""

    # -- flushing ------------------------------------------------------------------------

    def sync_mode_settings(self) -> list[SyncModeSetting]:
        """Where Pipelines clients are set to send synchronously, in source order."""

    def uses_default_client(self, call: SdkCall) -> bool:
        """Is ``call`` made on the SDK's module-level default Pipelines client?"""

    def flushes_at_exit(self) -> bool:
        """Does the module register a Pipelines flush to run when the process exits?"""

    def script_guard(self) -> Node | None:
        """The test of the module's "run as a script" block, if it has one."""

    def queues_events(self, call: SdkCall) -> bool:
        """Does the Pipelines ``call`` only put its event on an in-memory queue that a
        background upload sends later (so a process that ends first loses it)?"""

    def flush_call(self, receiver: str) -> str:
        """How code flushes ``receiver``'s queue: ``analytics.flush()`` in Python,
        ``await analytics.closeAndFlush()`` in Node."""

    def flush_advice(self, receiver: str, function: str | None, module_api: bool) -> str:
        """What to do about an unflushed queue: flush before ``function`` returns (None:
        at the end of the script), or send synchronously where the SDK can."""

    def qualified_calls(self, function: Function | None) -> frozenset[str]:
        """Qualified names (``app.tracking.shutdown``) of the non-SDK functions ``function``
        calls directly (None: module-level code), to match flush helpers of other modules."""


#: Calls that send many operations at once, or none at all: never one request per item.
NOT_PER_ITEM = frozenset({"batch", "close"})


def unpaced_bulk_loop(model: ExecutionQueries, call: SdkCall) -> Loop | None:
    """The bulk loop that sends ``call`` once per item with nothing pacing it.

    Such a call is an unthrottled loop (its 429s, not an outage, are what end the run);
    a ``try`` around each iteration would only swallow them. None for Pipelines calls
    that queue (the SDK batches them by itself; Node's ``PipelinesClient`` does not),
    calls of project functions that pace themselves and calls outside such a loop.
    """
    if call.method in NOT_PER_ITEM or (
        call.kind is ClientKind.PIPELINES and model.queues_events(call)
    ):
        return None
    if call.via is not None and call.via.paces:
        return None  # the project function sleeps or waits on a rate limiter itself
    loops = call.context.loops
    bulk = [loop for loop in map(model.loop, loops) if not loop.small]
    if not bulk or any(model.loop_is_paced(loop, call) for loop in loops):
        return None
    return bulk[-1]


def unpaced_burst(burst: ConcurrentBurst) -> bool:
    """Is ``burst`` a bulk job of concurrent requests with nothing holding them back?

    Not for Pipelines calls (the SDK queues and batches by itself), ``batch()``, a
    literal handful of items, a paced or limited start, or a pool of one worker (a
    sequential loop: ``sequential_pool``).
    """
    call = burst.call
    if call.kind is ClientKind.PIPELINES or call.method in NOT_PER_ITEM:
        return False
    return not (burst.small or burst.paced or burst.workers == 1)


def sequential_pool(burst: ConcurrentBurst) -> bool:
    """A pool of one worker runs its items one after another: an unpaced loop when
    nothing paces it, judged like one."""
    return burst.workers == 1 and not (burst.small or burst.paced)
