"""The language-neutral records rules receive: SDK calls, their arguments and context.

A frontend (Python on LibCST today, JavaScript on tree-sitter next) builds these.
Syntax stays opaque: a ``Node`` is a handle a rule may hand back to the model
(to quote it, place a finding on it, or ask what it is) but never look inside.
That keeps every rule readable by any frontend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position
from cio_lint.core.sdk import Signature


class Node(Protocol):
    """A piece of syntax, opaque to rules: only the frontend that made it looks inside."""


class Place(Protocol):
    """Where names are resolved (a scope), opaque to rules: handed back to the model."""


@dataclass(frozen=True, slots=True)
class ExternalClient:
    """A client (or client factory) exported by another module of the project."""

    kind: ClientKind
    factory: bool = False
    #: For a client class: the SDK constructor (qualified name) calling it runs with the
    #: caller's arguments, when no class on the way defines ``__init__``.
    constructor: str | None = None
    #: For a client: the project class it is an instance of (qualified name), whose
    #: methods are the project's wrappers.
    instance_of: str | None = None


@dataclass(frozen=True)
class Damage:
    """A region of a file the parser could not read: reported as a syntax error, and no
    finding is placed inside it."""

    start: Position
    end: Position
    message: str


#: The place of a link that has none of its own (the caller's call).
NOWHERE = Position(0, 0)


@dataclass(frozen=True, slots=True)
class Link:
    """One step from a caller towards the SDK: a call (``record_signup()``,
    ``cio.track``) and where it is made. The first link of a chain is the call the
    caller makes; its place is the caller's own and is left empty."""

    text: str
    path: str = ""
    start: Position = NOWHERE
    end: Position = NOWHERE


@dataclass(frozen=True)
class Via:
    """How a call of a project function reaches the SDK: the chain of calls, and what
    the functions on it do about the SDK's errors, pacing and blocking."""

    chain: tuple[Link, ...]
    #: The SDK's errors reach the caller (no function on the chain catches them).
    escapes: bool = True
    #: A function on the chain paces itself (sleeps or waits on a rate limiter).
    paces: bool = False
    #: The function the caller calls is a coroutine function (or one a decorator runs in
    #: a thread, ``@sync_to_async``): its sends are its own.
    is_async: bool = False
    #: The function the caller calls is defined in the caller's own module.
    local: bool = False


@dataclass(frozen=True)
class Argument:
    """One argument as passed: its value, the whole argument, and its keyword if named."""

    value: Node
    node: Node
    keyword: str | None = None
    keyword_node: Node | None = None


@dataclass
class BoundArguments:
    """A call's arguments bound to the parameter names of an SDK signature.

    Bound the way the language binds them, so ``identify("5")`` and
    ``identify(id="5")`` look the same to a rule.
    """

    args: dict[str, Argument] = field(default_factory=dict)
    #: Keywords collected by ``**kwargs`` (identify attributes, pageview data).
    extra: dict[str, Argument] = field(default_factory=dict)
    #: Keywords the signature does not accept at all (a TypeError at run time).
    unexpected: dict[str, Argument] = field(default_factory=dict)
    excess_positional: list[Argument] = field(default_factory=list)
    #: An unknown spread of positional (``*args``) or keyword (``**kw``) arguments.
    star_args: bool = False
    star_kwargs: bool = False


@dataclass
class Function:
    """A function or method: the unit that entry-point, async and pacing rules reason about."""

    node: Node
    name: str
    is_async: bool
    class_name: str | None
    parent: Function | None
    #: The function's own scope, for questions about names inside it.
    place: Place


@dataclass(frozen=True)
class CallContext:
    """Where a call sits: its function, enclosing loops, error handlers, ``with`` blocks
    and ``if`` arms (each arm as ``(id of the if, "body" | "orelse")``)."""

    function: Function | None = None
    loops: tuple[Node, ...] = ()
    try_blocks: tuple[Node, ...] = ()
    withs: tuple[Node, ...] = ()
    branches: tuple[tuple[int, str], ...] = ()

    def exclusive_with(self, other: CallContext) -> bool:
        """True when the two places sit in different arms of one ``if``."""
        mine = dict(self.branches)
        return any(mine.get(node) not in (None, arm) for node, arm in other.branches)


@dataclass
class SdkCall:
    """A normalised call to the SDK: a client method, a client or request constructor."""

    node: Node
    place: Place
    order: int
    context: CallContext
    kind: ClientKind
    method: str  # method name, or the class name for a constructor
    signature: Signature
    bound: BoundArguments
    receiver: Node | None = None
    #: For a call of a project function that makes this SDK call: the chain to it.
    via: Via | None = None
    #: The name as the code spells it, when it differs from the neutral ``method``
    #: (Node's ``trackAnonymous`` for ``track_anonymous``, ``TrackClient`` for ``CustomerIO``).
    spelled: str | None = None

    @property
    def written(self) -> str:
        """The method or class name as the code writes it, for messages."""
        return self.spelled or self.method

    def arg(self, name: str | None) -> Argument | None:
        return self.bound.args.get(name) if name else None

    def value(self, name: str | None) -> Node | None:
        arg = self.arg(name)
        return arg.value if arg is not None else None

    @property
    def customer_id(self) -> Node | None:
        return self.value(self.signature.customer_id)

    @property
    def event_name(self) -> Node | None:
        return self.value(self.signature.event_name)


@dataclass(frozen=True)
class Attribute:
    """One attribute or event-data entry sent in a call: ``key=value`` or ``{"key": value}``."""

    key: str
    value: Node
    key_node: Node
