"""The Python frontend's own records: scopes, bindings and call sites.

The collection pass fills them; name and client resolution read them. Rules never
see them: they get the neutral records of ``cio_lint.analysis.records``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import libcst as cst

from cio_lint.analysis.records import CallContext, Function, Node, Place, SdkCall
from cio_lint.core.client_kinds import ClientKind


@dataclass
class Binding:
    """One way a name got its value in a scope, in source order."""

    order: int
    value: cst.BaseExpression | None = None  # assigned expression, if known
    qualname: str | None = None  # for imports: the imported dotted name
    annotation: cst.BaseExpression | None = None
    function: cst.FunctionDef | None = None  # for ``def``
    #: For a parameter every project call fills with a client: its kind.
    client: ClientKind | None = None
    #: For ``class``: the class's scope.
    klass: Scope | None = None
    #: For ``self.x = ...``: the scope the assignment sits in (its value's names live there).
    scope: Scope | None = None


@dataclass(frozen=True)
class ClientClass:
    """A project class that is a Customer.io client: a subclass of one of the SDK's."""

    kind: ClientKind
    #: The SDK constructor (qualified name) calling the class runs with the caller's
    #: arguments; None when a class on the way defines ``__init__`` (or it is unknown).
    constructor: str | None


@dataclass
class Scope:
    """A module, class or function namespace."""

    kind: str  # "module" | "class" | "function"
    parent: Scope | None
    node: cst.CSTNode
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    returns: list[cst.BaseExpression] = field(default_factory=list)
    #: For classes: ``self.x`` / class-body assignments of each attribute.
    attributes: dict[str, list[Binding]] = field(default_factory=dict)
    #: For methods: the scope of the class they belong to.
    owner_class: Scope | None = None
    #: For classes: the class-body scope of same-module base classes.
    class_name: str | None = None

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


@dataclass(frozen=True)
class StandIn:
    """A string literal standing in for a constant of another module (``qualname``),
    placed where it is ``written`` in this module."""

    literal: cst.SimpleString
    written: cst.BaseExpression
    qualname: str


@dataclass
class CallSite:
    """A call whose target is a name or attribute, with where it sits."""

    node: cst.Call
    scope: Scope
    order: int
    context: CallContext




# The frontend's readings of the opaque handles in the neutral records: every node it
# hands out is a LibCST node and every place a ``Scope``.


def as_scope(place: Place) -> Scope:
    return cast(Scope, place)


def expression(node: Node) -> cst.BaseExpression:
    return cast(cst.BaseExpression, node)


def syntax(node: Node) -> cst.CSTNode:
    return cast(cst.CSTNode, node)


def scope_of(call: SdkCall) -> Scope:
    """The scope an SDK call sits in."""
    return cast(Scope, call.place)


def call_node(call: SdkCall) -> cst.Call:
    return cast(cst.Call, call.node)


def function_node(function: Function) -> cst.FunctionDef:
    return cast(cst.FunctionDef, function.node)
