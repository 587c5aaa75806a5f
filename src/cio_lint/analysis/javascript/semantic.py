"""The semantic model of one JavaScript/TypeScript module: names, values, clients.

Built on the collection pass, it answers lazily: what a name holds at a point
(``origin``), what an expression names (``qualified``: ``customerio-node.RegionEU``,
``Date.now``, ``lib.customerio.cio``) and which Customer.io client it is
(``client_kind``), through imports, ``require``, destructuring, class fields,
type annotations, lazy singletons, factories of this module and the knowledge other
modules export.
"""

from __future__ import annotations

from collections.abc import Mapping

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.call_targets import function_key
from cio_lint.analysis.javascript.collection import Collected, Collector
from cio_lint.analysis.javascript.imports import ImportReader
from cio_lint.analysis.javascript.parsing import Parsed
from cio_lint.analysis.javascript.scopes import Binding, BindingKind, ClassInfo, Scope
from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import ClientParameter, Knowledge, parameter_key
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import CLIENT_TYPES, NODE_CONSTRUCTORS

#: How far a value is followed through names, calls and fields before giving up.
MAX_DEPTH = 12
_NOTHING = frozenset({"null", "undefined"})
_REFERENCES = frozenset({"identifier", "shorthand_property_identifier"})


class JsSemantic:
    def __init__(
        self,
        parsed: Parsed,
        *,
        module_name: str = "",
        is_package: bool = False,
        path: str = "",
        client_names: Mapping[str, ClientKind] | None = None,
        external: Mapping[str, Knowledge] | None = None,
    ) -> None:
        self.parsed = parsed
        self.module_name = module_name
        #: The file's path as shown (``pages/api/signup.ts``): frameworks route by it.
        self.path = path.replace("\\", "/")
        self.is_package = is_package
        self.imports = ImportReader(module_name, is_package)
        self.collected: Collected = Collector(parsed.root, self.imports).run()
        self.client_names: Mapping[str, ClientKind] = client_names or {}
        self.external: Mapping[str, Knowledge] = external or {}
        self._nodes: dict[int, TsNode] = {}

    def canon(self, node: TsNode) -> TsNode:
        """One Python object per syntax node: tree-sitter hands out a new wrapper on every
        access, and rules tell nodes apart by identity (``id(call.node)``)."""
        return self._nodes.setdefault(node.id, node)

    # -- where ----------------------------------------------------------------------
    @property
    def module(self) -> Scope:
        return self.collected.module

    def scope_of(self, node: TsNode) -> Scope:
        """The innermost function (or the module) ``node`` is written in."""
        function = syntax.enclosing_function(node)
        while function is not None:
            scope = self.collected.scopes.get(function.id)
            if scope is not None:
                return scope
            function = syntax.enclosing_function(function)
        return self.module

    def class_of(self, scope: Scope) -> ClassInfo | None:
        return self.collected.classes.get(scope.class_id) if scope.class_id else None

    # -- names ----------------------------------------------------------------------
    def bindings(self, name: str, scope: Scope, order: int | None) -> list[Binding]:
        """The bindings that may give ``name`` its value at ``order`` in ``scope``: the
        last one before it in the same scope, or every one of an enclosing scope (a
        function may run after any of them)."""
        holder = scope.holder(name)
        if holder is None:
            return []
        found = holder.bindings[name]
        if holder is scope and order is not None:
            before = [b for b in found if b.order <= order]
            if before:
                return [before[-1]]
            return [b for b in found if b.kind in (BindingKind.FUNCTION, BindingKind.CLASS,
                                                   BindingKind.IMPORT)]
        return list(found)

    def binding(self, name: str, scope: Scope, order: int | None) -> Binding | None:
        found = self.bindings(name, scope, order)
        return found[-1] if found else None

    def origin(self, node: TsNode, scope: Scope, order: int | None = None) -> TsNode:
        """The value a name was given (through chains of names), or ``node`` itself."""
        seen = 0
        current = syntax.unwrap(node) or node
        while current.type in _REFERENCES and seen < MAX_DEPTH:
            found = self.bindings(syntax.text(current), scope, order)
            if len(found) != 1:
                break
            binding = found[0]
            if binding.kind not in (BindingKind.CONST, BindingKind.LET, BindingKind.ASSIGN):
                break
            if binding.value is None or (binding.kind is BindingKind.LET and self._reassigned(
                binding, scope
            )):
                break
            current = syntax.unwrap(binding.value) or binding.value
            scope, order = self.scope_of(current), binding.order
            seen += 1
        return self.canon(current)

    def _reassigned(self, binding: Binding, scope: Scope) -> bool:
        holder = scope.holder(binding.name)
        return holder is not None and len(holder.bindings[binding.name]) > 1

    def qualified(self, node: TsNode | None, scope: Scope, order: int | None = None,
                  depth: int = 0) -> str | None:
        """What ``node`` names: an import's qualified name and the members read from it, a
        global's own name (``Date.now``), or None."""
        node = syntax.unwrap(node)
        if node is None or depth > MAX_DEPTH:
            return None
        if node.type in _REFERENCES or node.type == "type_identifier":
            name = syntax.text(node)
            binding = self.binding(name, scope, order)
            if binding is None:
                return name if scope.holder(name) is None else None
            if binding.qualified is not None:
                return binding.qualified
            if binding.kind is BindingKind.CONST and binding.value is not None:
                value = syntax.unwrap(binding.value)
                if value is not None and (value.type in _REFERENCES or
                                          value.type == "member_expression"):
                    return self.qualified(value, self.scope_of(value), binding.order, depth + 1)
            return None
        if node.type == "nested_type_identifier":
            return syntax.text(node)
        parts = syntax.member_parts(node)
        if parts is not None:
            base = self.qualified(parts[0], scope, order, depth + 1)
            return f"{base}.{parts[1]}" if base is not None else None
        if node.type in ("call_expression", "await_expression"):
            return self.imports.required(node, scope)
        return None

    def knowledge(self, qualified: str | None) -> Knowledge | None:
        """What another module of the project exports under ``qualified``."""
        if not qualified:
            return None
        return self.external.get(qualified) or self.external.get(f"{qualified}.default")

    # -- clients --------------------------------------------------------------------
    def client_kind(self, node: TsNode | None, scope: Scope, order: int | None = None,
                    depth: int = 0) -> ClientKind | None:
        node = syntax.unwrap(node)
        if node is None or depth > MAX_DEPTH:
            return None
        kind = node.type
        if kind == "await_expression" and node.named_children:
            return self.client_kind(node.named_children[0], scope, order, depth + 1)
        if kind == "new_expression":
            constructor = self.qualified(node.child_by_field_name("constructor"), scope, order)
            found = NODE_CONSTRUCTORS.get(constructor or "")
            return found[0] if found else None
        if kind in _REFERENCES:
            return self._name_kind(node, scope, order, depth)
        if kind == "member_expression":
            return self._member_kind(node, scope, order, depth)
        if kind == "call_expression":
            return self._factory_kind(node, scope, order, depth)
        if kind in ("binary_expression", "ternary_expression"):
            sides = [c for c in node.named_children if c.type != "comment"]
            if kind == "ternary_expression":
                sides = sides[1:]
            elif syntax.operator(node) not in ("??", "||", "&&"):
                return None
            kinds = {self.client_kind(side, scope, order, depth + 1) for side in sides}
            kinds.discard(None)
            return kinds.pop() if len(kinds) == 1 else None
        if kind == "assignment_expression" or kind == "augmented_assignment_expression":
            return self.client_kind(node.child_by_field_name("right"), scope, order, depth + 1)
        return None

    def _name_kind(self, node: TsNode, scope: Scope, order: int | None,
                   depth: int) -> ClientKind | None:
        name = syntax.text(node)
        found = self.bindings(name, scope, order)
        if not found:
            return self.client_names.get(name)
        kinds: set[ClientKind] = set()
        for binding in found:
            kind = self._binding_kind(binding, depth)
            if kind is not None:
                kinds.add(kind)
            elif binding.value is not None and syntax.text(binding.value) not in _NOTHING and (
                binding.type_node is None
            ):
                return None  # one assignment of something else: not shown to be a client
        if len(kinds) == 1:
            return kinds.pop()
        return self.client_names.get(name) if not kinds else None

    def _binding_kind(self, binding: Binding, depth: int) -> ClientKind | None:
        if binding.kind is BindingKind.PARAMETER and binding.type_node is None and self.external:
            kind = self._parameter_kind(binding)
            if kind is not None:
                return kind
        if binding.type_node is not None:
            kind = self.type_kind(binding.type_node, self.scope_of(binding.node))
            if kind is not None:
                return kind
        if binding.qualified is not None:
            return self._external_kind(binding.qualified, factory=False)
        if binding.value is not None and binding.kind is not BindingKind.FUNCTION:
            return self.client_kind(binding.value, self.scope_of(binding.value), binding.order,
                                    depth + 1)
        return None

    def _parameter_kind(self, binding: Binding) -> ClientKind | None:
        """The client every call in the project passes for an unannotated parameter."""
        function = self.scope_of(binding.node).function
        key = function_key(function) if function is not None else None
        known = self.external.get(parameter_key(self.module_name, key, binding.name)) if (
            key is not None) else None
        return known.kind if isinstance(known, ClientParameter) else None

    def _external_kind(self, qualified: str, *, factory: bool) -> ClientKind | None:
        known = self.knowledge(qualified)
        if isinstance(known, ExternalClient) and known.factory == factory:
            return known.kind
        return None

    def type_kind(self, type_node: TsNode, scope: Scope) -> ClientKind | None:
        """The client a type annotation names (``TrackClient``, ``TrackClient | null``)."""
        kinds: set[ClientKind] = set()
        for node in syntax.walk(type_node):
            if node.type in ("type_identifier", "nested_type_identifier"):
                qualified = self.qualified(node, scope, None)
                kind = CLIENT_TYPES.get(qualified or "")
                if kind is not None:
                    kinds.add(kind)
        return kinds.pop() if len(kinds) == 1 else None

    def _member_kind(self, node: TsNode, scope: Scope, order: int | None,
                     depth: int) -> ClientKind | None:
        parts = syntax.member_parts(node)
        if parts is None:
            return None
        obj, name = parts
        inner = syntax.unwrap(obj)
        if inner is not None and inner.type == "this":
            info = self.class_of(scope)
            kind = self.field_kind(info, name, depth) if info is not None else None
        else:
            kind = self._external_kind(self.qualified(node, scope, order) or "", factory=False)
        if kind is None and self.client_names:
            written = syntax.dotted(node)
            kind = self.client_names.get(written or "") or self.client_names.get(name)
        return kind

    def field_kind(self, info: ClassInfo, name: str, depth: int = 0) -> ClientKind | None:
        """The client a class field holds, from its type or every value it is given."""
        type_node = info.field_types.get(name)
        if type_node is not None:
            kind = self.type_kind(type_node, self.scope_of(info.node))
            if kind is not None:
                return kind
        kinds = set()
        for value in info.fields.get(name, ()):
            if syntax.text(value) in _NOTHING:
                continue
            kinds.add(self.client_kind(value, self.scope_of(value), value.start_byte,
                                       depth + 1))
        return kinds.pop() if len(kinds) == 1 else None

    def _factory_kind(self, node: TsNode, scope: Scope, order: int | None,
                      depth: int) -> ClientKind | None:
        function = syntax.unwrap(node.child_by_field_name("function"))
        if function is None:
            return None
        if function.type in _REFERENCES:
            binding = self.binding(syntax.text(function), scope, order)
            target = binding.value if binding is not None else None
            if binding is not None and binding.qualified is not None:
                return self._external_kind(binding.qualified, factory=True)
            if target is not None and target.type in syntax.FUNCTION_TYPES:
                return self.returned_kind(target, depth + 1)
            return None
        return self._external_kind(self.qualified(function, scope, order) or "", factory=True)

    def returned_kind(self, function: TsNode, depth: int = 0) -> ClientKind | None:
        """The client every ``return`` of ``function`` gives, if it is one."""
        scope = self.collected.scopes.get(function.id)
        body = function.child_by_field_name("body")
        if scope is None or body is None or depth > MAX_DEPTH:
            return None
        if body.type != "statement_block":
            return self.client_kind(body, scope, body.start_byte, depth)
        kinds = set()
        for node in syntax.walk(body):
            if node.type == "return_statement" and syntax.enclosing_function(node) == function:
                values = node.named_children
                if values and syntax.text(values[0]) not in _NOTHING:
                    kinds.add(self.client_kind(values[0], scope, node.start_byte, depth))
        return kinds.pop() if len(kinds) == 1 else None
