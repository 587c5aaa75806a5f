"""Scopes and bindings of a JavaScript/TypeScript module, as the collection pass finds them.

A scope is the module or one function: block scopes are folded into their function,
which is all the rules need (a client is rarely shadowed by a block-level name of the
same spelling) and keeps lookups cheap. A binding remembers where its name got a value:
a declaration, an assignment, an import, a parameter, or one key of a destructuring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from tree_sitter import Node as TsNode

from cio_lint.analysis.records import Function


class BindingKind(str, Enum):
    CONST = "const"
    LET = "let"
    ASSIGN = "assign"
    IMPORT = "import"
    PARAMETER = "parameter"
    FUNCTION = "function"
    CLASS = "class"
    #: One key of a destructuring (``const {a} = x``): ``source`` is ``x``, ``keys`` the path.
    DESTRUCTURED = "destructured"


@dataclass(eq=False)
class Binding:
    name: str
    kind: BindingKind
    #: Where the name is written (the identifier of the declaration or assignment).
    node: TsNode
    #: The byte offset from which the binding holds.
    order: int
    #: The value it was given, if one is written (the initializer, the right-hand side).
    value: TsNode | None = None
    #: A type annotation (``cio: TrackClient``), if any.
    type_node: TsNode | None = None
    #: For an import: the qualified name it binds (``customerio-node.TrackClient``).
    qualified: str | None = None
    #: For a destructuring: the value destructured and the keys that lead to this name.
    source: TsNode | None = None
    keys: tuple[str, ...] = ()


@dataclass(eq=False)
class Scope:
    """The module or one function: the names bound in it."""

    node: TsNode
    parent: Scope | None
    function: Function | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    #: The class a method belongs to (for ``this.x``), by the class node's id.
    class_id: int | None = None

    def bind(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    def holder(self, name: str) -> Scope | None:
        """The nearest scope, this one or an enclosing one, that binds ``name``."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope
            scope = scope.parent
        return None

    @property
    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


@dataclass(eq=False)
class ClassInfo:
    """A class: its name, base class expression and the values its fields are given."""

    node: TsNode
    name: str
    heritage: TsNode | None
    #: ``this.x = v`` and ``x = v`` field initialisers, by field name.
    fields: dict[str, list[TsNode]] = field(default_factory=dict)
    #: Field type annotations (``private cio: TrackClient``), by field name.
    field_types: dict[str, TsNode] = field(default_factory=dict)
    #: The scopes of its methods, by method name.
    methods: dict[str, Scope] = field(default_factory=dict)
