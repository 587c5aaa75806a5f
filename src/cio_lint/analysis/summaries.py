"""Whole-program facts: what each function does with the SDK, and what modules tell each other.

A frontend summarises every function of a module (the SDK operations it performs and
which of its parameters reach which SDK parameter, the project functions it calls and
with what). The project phase closes the summaries over the call graph, across modules
(a wrapper of a wrapper), and hands each file the knowledge about the names it uses,
so a call of ``record_signup(user.email)`` is judged as the ``cio.track`` it makes.

Everything here is plain data, independent of the language, and encodes to JSON: the
cache keys a result on the knowledge it was analysed with, and stores what it exports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from cio_lint.analysis.records import ExternalClient, Link
from cio_lint.core.client_kinds import ClientKind

#: The longest chain of project functions followed from a caller to the SDK.
MAX_CHAIN = 6
#: The most SDK operations one summary keeps (a dispatcher calling every method).
MAX_OPERATIONS = 24
#: The name a module's top-level code is summarised under (never a call target).
MODULE_CODE = "<module>"


@dataclass(frozen=True, slots=True)
class ExternalConstant:
    """A module constant or class attribute holding a string (an event name, say)."""

    value: str


@dataclass(frozen=True, slots=True)
class ClientParameter:
    """A parameter that every call of its function in the project fills with a client."""

    kind: ClientKind


@dataclass(frozen=True, slots=True)
class Operation:
    """An SDK operation a function performs, itself or through project functions it calls."""

    kind: ClientKind
    method: str
    #: ``(SDK parameter, the function's parameter that reaches it)``; an attribute the SDK
    #: takes as a keyword (``identify(id, created_at=when)``) is named by its key.
    params: tuple[tuple[str, str], ...]
    #: The function's ``**kwargs`` are passed on as the SDK call's keywords.
    forwards_kwargs: bool
    #: The SDK's errors leave the function (nothing on the way catches them).
    escapes: bool
    #: The calls from the function to the SDK call, the SDK call last.
    chain: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Argument:
    """What a call passes for one argument: the caller's parameter it forwards, if it
    does, and the client kind it is, if it is a client."""

    param: str | None = None
    client: ClientKind | None = None


@dataclass(frozen=True, slots=True)
class ProjectCall:
    """A call of another function of the project (``target`` is its qualified name;
    a class stands for its ``__init__``)."""

    target: str
    link: Link
    positional: tuple[Argument, ...] = ()
    keywords: tuple[tuple[str, Argument], ...] = ()
    #: ``*args`` or ``**kwargs`` at the call: which parameter gets what is unknown.
    star: bool = False
    #: The call passes the caller's own ``**kwargs`` on.
    forwards_kwargs: bool = False
    #: The call sits in a ``try`` that handles the SDK's errors.
    caught: bool = False


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """What calling a function means for Customer.io."""

    #: Parameters in order, ``self``/``cls`` left out for methods.
    params: tuple[str, ...] = ()
    #: Those only a keyword fills (after ``*`` or ``*args``).
    keyword_only: tuple[str, ...] = ()
    #: A method whose ``self`` is left out of ``params``: called through its class
    #: (``Tracker.event(tracker, ...)``), the first positional argument is ``self``.
    instance_method: bool = False
    #: Parameters whose default is something other than ``None``.
    defaults: tuple[str, ...] = ()
    #: A coroutine function, or one a decorator runs in a thread (``@sync_to_async``):
    #: its callers await it.
    is_async: bool = False
    #: Sleeps or waits on a rate limiter: a loop calling it is paced.
    paces: bool = False
    #: Builds a new client on every call.
    builds_client: bool = False
    operations: tuple[Operation, ...] = ()
    calls: tuple[ProjectCall, ...] = ()
    #: Parameters it calls SDK methods on (``cio.track``) without knowing them to be
    #: clients: clients, if every project call passes one.
    receivers: tuple[str, ...] = ()
    #: Clients an ``__init__`` builds anew each time it runs (``method``: the class
    #: built): whoever creates the object per call builds a client per call. Its own
    #: constructions only, never its callees'.
    constructions: tuple[Operation, ...] = ()
    #: Parameters whose default is a client (``cio=CustomerIO(...)``), with its kind.
    client_defaults: tuple[tuple[str, ClientKind], ...] = ()

    @property
    def positional(self) -> tuple[str, ...]:
        """The parameters positional arguments fill, in order."""
        return tuple(p for p in self.params if p not in self.keyword_only)

    @property
    def relevant(self) -> bool:
        """Does calling it reach Customer.io (so callers must know about it)?"""
        return bool(self.operations) or self.builds_client


#: What one module tells the others about a name it defines.
Knowledge = ExternalClient | ExternalConstant | ClientParameter | FunctionSummary
#: Every immutable record ``Knowledge`` is built of: what rebuilds one part by part (to
#: share equal parts between files) must know each of them.
KNOWLEDGE_RECORDS = (ExternalClient, ExternalConstant, ClientParameter, FunctionSummary,
                     Operation, ProjectCall, Argument, Link)


def parameter_key(module: str, function: str, param: str) -> str:
    """Where a ``ClientParameter`` is filed: ``app.jobs.notify(cio)``."""
    return f"{module}.{function}({param})" if module else f"{function}({param})"


def close(
    summaries: Mapping[str, FunctionSummary],
    lookup: Callable[[str], FunctionSummary | None] | None = None,
) -> dict[str, FunctionSummary]:
    """Each summary with the operations of the functions it calls, followed transitively.

    ``summaries`` are keyed by qualified name; ``lookup`` answers for names outside them
    (summaries already closed elsewhere). Recursion stops the chain: a function that is
    on the way to itself contributes nothing more, rather than a guess.
    """
    closed: dict[str, FunctionSummary] = {}
    active: set[str] = set()

    def find(target: str) -> FunctionSummary | None:
        for name in (target, f"{target}.__init__"):
            if name in summaries:
                return visit(name)
            if lookup is not None and (found := lookup(name)) is not None:
                return found
        return None

    def visit(name: str) -> FunctionSummary | None:
        if name in closed:
            return closed[name]
        if name in active:
            return None
        active.add(name)
        summary = summaries[name]
        operations = list(summary.operations)
        paces, builds = summary.paces, summary.builds_client
        for call in summary.calls:
            callee = find(call.target)
            if callee is None or not callee.relevant:
                continue
            paces = paces or callee.paces
            builds = builds or callee.builds_client
            for operation in callee.operations:
                if len(operations) >= MAX_OPERATIONS:
                    break
                lifted = lift(operation, call, callee)
                if lifted is not None:
                    operations.append(lifted)
        active.discard(name)
        result = summary if (
            len(operations) == len(summary.operations)
            and (paces, builds) == (summary.paces, summary.builds_client)
        ) else replace(summary, operations=tuple(operations), paces=paces,
                       builds_client=builds)
        closed[name] = result
        return result

    for name in summaries:
        visit(name)
    return closed


def close_module(
    raw: Mapping[str, FunctionSummary], module: str, external: Mapping[str, Knowledge]
) -> dict[str, FunctionSummary]:
    """One module's summaries (``raw``, keyed below the module) closed over each other and
    over the summaries other modules export (already closed by the project phase), keyed
    by qualified name, the external ones included: what a call in the module reaches."""
    local = {
        f"{module}.{key}" if module else key: summary
        for key, summary in raw.items()
        if key != MODULE_CODE
    }

    def lookup(name: str) -> FunctionSummary | None:
        found = external.get(name)
        return found if isinstance(found, FunctionSummary) else None

    closed = close(local, lookup)
    for name, knowledge in external.items():
        if isinstance(knowledge, FunctionSummary):
            closed.setdefault(name, knowledge)
    return closed


def lift(operation: Operation, call: ProjectCall, callee: FunctionSummary) -> Operation | None:
    """``operation`` of ``callee`` as seen from the function that makes ``call``."""
    if len(operation.chain) >= MAX_CHAIN:
        return None
    passed = bind(call, callee)
    params = tuple(
        (sdk_param, argument.param)
        for sdk_param, callee_param in operation.params
        if (argument := passed.get(callee_param)) is not None and argument.param is not None
    )
    return Operation(
        operation.kind,
        operation.method,
        params,
        operation.forwards_kwargs and call.forwards_kwargs,
        operation.escapes and not call.caught,
        (call.link, *operation.chain),
    )


def bind(call: ProjectCall, callee: FunctionSummary) -> dict[str, Argument]:
    """The callee's parameters the call fills, with what it passes for each (a keyword
    ``#0.email`` fills the key a JavaScript function reads from a parameter it
    destructures, ``#0``)."""
    passed = dict(zip(callee.positional, call.positional, strict=False))
    passed.update((name, argument) for name, argument in call.keywords
                  if name in callee.params or name.partition(".")[0] in callee.params)
    return passed


def located(summary: FunctionSummary, path: str) -> FunctionSummary:
    """``summary`` with ``path`` on the links its module left without one (``summary``
    itself when every link has its place: the project phase locates each round)."""
    if not any(_unplaced(link) for link in _links(summary)):
        return summary
    return with_links(summary, lambda link: replace(link, path=path)
                      if _unplaced(link) else link)


def _unplaced(link: Link) -> bool:
    return not link.path and bool(link.start.line)


def _links(summary: FunctionSummary) -> Iterator[Link]:
    for operation in (*summary.operations, *summary.constructions):
        yield from operation.chain
    for call in summary.calls:
        yield call.link


def with_links(summary: FunctionSummary, change: Callable[[Link], Link]) -> FunctionSummary:
    """``summary`` with ``change`` made to every link of its chains and calls."""

    def changed(operations: tuple[Operation, ...]) -> tuple[Operation, ...]:
        return tuple(replace(op, chain=tuple(change(link) for link in op.chain))
                     for op in operations)

    return replace(
        summary,
        operations=changed(summary.operations),
        constructions=changed(summary.constructions),
        calls=tuple(replace(call, link=change(call.link)) for call in summary.calls),
    )
