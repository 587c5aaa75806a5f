"""Client resolution: which expressions are Customer.io clients, and of which kind.

Through constructors, assignments, ``self`` attributes, same-module base classes,
annotations, factory functions, subclasses of the SDK's clients, configured client
names and clients imported from other project modules.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from cio_lint.analysis.python.client_classes import ClientClasses
from cio_lint.analysis.python.names import MAX_DEPTH
from cio_lint.analysis.python.scopes import Binding, Scope, as_scope, function_node
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.records import ExternalClient, Function
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind


class ClientResolution(ClientClasses):
    """Decides which expressions are Customer.io clients, and exports them to the project."""

    def client_kind(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None, depth: int = 0
    ) -> ClientKind | None:
        """The kind of Customer.io client ``expr`` evaluates to, if it is shown to be one."""
        if depth > MAX_DEPTH:
            return None
        key = id(expr) if order is None else hash((id(expr), id(scope), order))
        if key in self._kind_memo:
            return self._kind_memo[key]
        self._kind_memo[key] = None  # breaks cycles
        kind = self._client_kind(expr, scope, order, depth + 1)
        self._kind_memo[key] = kind
        return kind

    def _client_kind(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        configured = self._configured_kind(expr)
        if isinstance(expr, cst.Name):
            return (
                self._name_kind(expr.value, scope, order, depth)
                or self._instance_kind(expr.value, scope)
                or configured
            )
        if isinstance(expr, cst.Attribute):
            return self._attribute_kind(expr, scope, order, depth) or configured
        if isinstance(expr, cst.Call):
            return self._call_kind(expr, scope, order, depth)
        if isinstance(expr, (cst.Await, cst.Expr)):
            return None
        return None

    def _instance_kind(self, name: str, scope: Scope) -> ClientKind | None:
        client = self.instance_client(name, scope)
        return client.kind if client is not None else None

    def _configured_kind(self, expr: cst.BaseExpression) -> ClientKind | None:
        if not self.client_names:
            return None
        if isinstance(expr, (cst.Name, cst.Attribute)):
            dotted = dotted_name(expr)
            if dotted in self.client_names:
                return self.client_names[dotted]
            last = expr.value if isinstance(expr, cst.Name) else expr.attr.value
            return self.client_names.get(last)
        return None

    def _name_kind(
        self, name: str, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        for index, binding in enumerate(self.lookup(name, scope, order)):
            kind = self._binding_kind(binding, scope, depth)
            if kind is not None:
                return kind
            if index == 0 and self._other_library_object(binding, scope):
                return None  # ``c = Mixpanel(...)`` after ``c = CustomerIO(...)``: not a client
        return None

    def _other_library_object(self, binding: Binding, scope: Scope) -> bool:
        """Was the name bound to what an imported callable outside the SDK built? Then
        that binding, the one that reaches the use, decides: older ones do not count."""
        value = binding.value
        if not isinstance(value, cst.Call):
            return False
        callee = self.qualname(value.func, scope, binding.order)
        return bool(callee) and callee.split(".")[0] not in sdk.SDK_PACKAGES

    def _binding_kind(self, binding: Binding, scope: Scope, depth: int) -> ClientKind | None:
        if binding.client is not None:
            return binding.client
        if binding.qualname is not None:
            qual = sdk.PUBLIC_NAMES.get(binding.qualname, binding.qualname)
            if qual == "customerio.analytics":
                return ClientKind.PIPELINES
            external = self.external.get(qual)
            if isinstance(external, ExternalClient) and not external.factory:
                return external.kind
            return None
        if binding.annotation is not None:
            kind = self.annotation_kind(binding.annotation, scope)
            if kind is not None:
                return kind
        if binding.value is not None:
            return self.client_kind(binding.value, scope, None, depth)
        return None

    def _attribute_kind(
        self, expr: cst.Attribute, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        qual = self.qualname(expr, scope, order)
        if qual == "customerio.analytics":
            return ClientKind.PIPELINES
        if qual:
            external = self.external.get(qual)
            if isinstance(external, ExternalClient) and not external.factory:
                return external.kind
            return None
        if isinstance(expr.value, cst.Name):
            owner = self._owner_class(expr.value.value, scope)
            if owner is not None:
                name = expr.attr.value
                for klass in self._class_chain(owner):
                    # ``self.x = ...`` in a method, then ``x = ...`` in the class body.
                    candidates = [*klass.attributes.get(name, []), *klass.bindings.get(name, [])]
                    for binding in reversed(candidates):
                        kind = self._binding_kind(binding, binding.scope or klass, depth)
                        if kind is not None:
                            return kind
        return None

    def _owner_class(self, name: str, scope: Scope) -> Scope | None:
        """The class scope ``self``/``cls``/``ClassName`` refers to, inside a method."""
        if name in self.classes:
            return self.classes[name]
        current: Scope | None = scope
        while current is not None:
            if current.owner_class is not None:
                params = current.node.params if isinstance(current.node, cst.FunctionDef) else None
                first = params.params[0].name.value if params and params.params else None
                return current.owner_class if name in (first, "self", "cls") else None
            current = current.parent
        return None

    def _class_chain(self, klass: Scope) -> Iterator[Scope]:
        """A class and its same-module base classes (a mixin holding the client)."""
        seen: set[int] = set()
        pending = [klass]
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            node = current.node
            if isinstance(node, cst.ClassDef):
                for base in node.bases:
                    if isinstance(base.value, cst.Name) and base.value.value in self.classes:
                        pending.append(self.classes[base.value.value])

    def _call_kind(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        qual = self.qualname(call.func, scope, order)
        constructor = sdk.CONSTRUCTORS.get(qual)
        if constructor is not None:
            return constructor[0]
        external = self.external.get(qual) if qual else None
        if isinstance(external, ExternalClient) and external.factory:
            return external.kind
        klass = self.class_named(call.func, scope, order)
        built = self.class_client(klass) if klass is not None else self.super_client(call, scope)
        if built is not None:
            return built.kind
        function = self.resolve_function(call.func, scope, order)
        if function is not None:
            return self.factory_kind(function, depth)
        return None

    def resolve_function(
        self, func: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> Function | None:
        """The same-module function (or ``self.method``) a call target names."""
        if type(func) is cst.Name:
            for binding in self.lookup(func.value, scope, order):
                if binding.function is not None:
                    return self._function_info(binding.function)
                return None
        if type(func) is cst.Attribute and type(func.value) is cst.Name:
            owner = self._owner_class(func.value.value, scope)
            if owner is not None:
                for klass in self._class_chain(owner):
                    for binding in klass.bindings.get(func.attr.value, []):
                        if binding.function is not None:
                            return self._function_info(binding.function)
        return None

    def _function_info(self, node: cst.FunctionDef) -> Function | None:
        for info in self.functions:
            if info.node is node:
                return info
        return None

    def factory_kind(self, function: Function, depth: int = 0) -> ClientKind | None:
        """The client kind a same-module factory function returns, if it is one."""
        key = id(function.node)
        if key in self._factory_memo:
            return self._factory_memo[key]
        self._factory_memo[key] = None
        kind: ClientKind | None = None
        node, scope = function_node(function), as_scope(function.place)
        if node.returns is not None:
            kind = self.annotation_kind(node.returns.annotation, scope)
        for value in scope.returns:
            if kind is not None:
                break
            kind = self.client_kind(value, scope, None, depth + 1)
        self._factory_memo[key] = kind
        return kind

    def annotation_kind(self, annotation: cst.BaseExpression, scope: Scope) -> ClientKind | None:
        """``CustomerIO``, ``Optional[CustomerIO]``, ``"CustomerIO"``, ``CustomerIO | None``,
        or a client class of the project."""
        if isinstance(annotation, cst.SimpleString):
            try:
                parsed = cst.parse_expression(annotation.evaluated_value)  # type: ignore[arg-type]
            except (cst.ParserSyntaxError, TypeError):
                return None
            return self.annotation_kind(parsed, scope)
        if isinstance(annotation, cst.BinaryOperation):
            return self.annotation_kind(annotation.left, scope) or self.annotation_kind(
                annotation.right, scope
            )
        if isinstance(annotation, cst.Subscript):
            for element in annotation.slice:
                if isinstance(element.slice, cst.Index):
                    kind = self.annotation_kind(element.slice.value, scope)
                    if kind is not None:
                        return kind
            return None
        qual = self.qualname(annotation, scope)
        constructor = sdk.CONSTRUCTORS.get(qual)
        if constructor is not None:
            return constructor[0]
        if qual == "customerio.analytics":
            return ClientKind.PIPELINES
        external = self.external.get(qual) if qual else None
        if isinstance(external, ExternalClient) and external.factory:
            return external.kind  # a client class of another module
        klass = self.class_named(annotation, scope)
        client = self.class_client(klass) if klass is not None else None
        return client.kind if client is not None else None

    # -- module exports (for the project phase) ---------------------------------------

    def exported_clients(self) -> dict[str, ExternalClient]:
        """Module-level names that are clients or client factories, for other modules."""
        exports: dict[str, ExternalClient] = {}
        for name, bindings in self.root.bindings.items():
            if any(b.qualname is not None for b in bindings):
                continue
            klass = next((b.klass for b in bindings if b.klass is not None), None)
            client = self.class_client(klass) if klass is not None else None
            if client is not None:
                exports[name] = ExternalClient(client.kind, True, client.constructor)
                continue
            function = next((b.function for b in bindings if b.function is not None), None)
            if function is not None:
                info = self._function_info(function)
                kind = self.factory_kind(info) if info is not None else None
                if kind is not None:
                    exports[name] = ExternalClient(kind, factory=True)
                continue
            kind = self._name_kind(name, self.root, None, 0)
            if kind is not None:
                exports[name] = ExternalClient(kind, instance_of=self._instance_of(bindings))
        return exports

    def _instance_of(self, bindings: list[Binding]) -> str | None:
        """The project client class a module-level client was made by (``tracker =
        TrackedClient(...)``), by qualified name: its methods are wrappers."""
        value = bindings[-1].value
        if not isinstance(value, cst.Call):
            return None
        klass = self.class_named(value.func, self.root)
        if klass is not None and klass.parent is self.root and klass.class_name:
            prefix = f"{self.module_name}." if self.module_name else ""
            return prefix + klass.class_name
        qual = self.qualname(value.func, self.root)
        external = self.external.get(qual) if qual else None
        return qual if isinstance(external, ExternalClient) and external.factory else None

    def reexports(self) -> dict[str, str]:
        """Module-level names bound by import: ``name -> qualified name`` (for chains)."""
        result: dict[str, str] = {}
        for name, bindings in self.root.bindings.items():
            for binding in bindings:
                if binding.qualname is not None and not binding.qualname.startswith("customerio"):
                    result[name] = binding.qualname
        return result


