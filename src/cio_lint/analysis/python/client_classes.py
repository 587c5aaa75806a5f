"""Project classes that are Customer.io clients: subclasses of the SDK's clients.

``class TrackedClient(CustomerIO)`` (or of ``APIClient``, ``analytics.Client``, of
another such class of this module, or of one another module exports) builds a client
when called, and inside its methods ``self`` and ``super()`` are that client. When no
class on the way defines ``__init__``, calling the class runs the SDK's constructor
with the caller's arguments; in its own ``__init__``, ``super().__init__(...)`` does.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.names import NameResolution
from cio_lint.analysis.python.scopes import ClientClass, Scope
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.records import ExternalClient
from cio_lint.core import sdk
from cio_lint.core.sdk import Signature

#: Decorators after which a method's first parameter is not the instance.
_NOT_INSTANCE = frozenset({"staticmethod", "classmethod"})


class ClientClasses(NameResolution):
    """Which classes of the module are clients, and what ``self``/``super()`` are in them."""

    def class_named(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> Scope | None:
        """The class of this module a name refers to at this point, if it does."""
        if isinstance(expr, cst.Name):
            for binding in self.lookup(expr.value, scope, order):
                return binding.klass
        return None

    def class_client(self, klass: Scope) -> ClientClass | None:
        """What the class is as a client (None: it subclasses no SDK client)."""
        key = id(klass.node)
        if key in self._class_memo:
            return self._class_memo[key]
        self._class_memo[key] = None  # breaks cycles
        base = self.base_client(klass)
        if base is not None and _defines_init(klass):
            base = ClientClass(base.kind, None)
        self._class_memo[key] = base
        return base

    def base_client(self, klass: Scope) -> ClientClass | None:
        """The client the class's bases make: what ``super()`` is inside it. Its
        constructor counts only through the first base: one before it may define
        ``__init__``."""
        node = klass.node
        if not isinstance(node, cst.ClassDef):
            return None
        scope = klass.parent or self.root
        for index, base in enumerate(b for b in node.bases if b.keyword is None):
            found = self._base(base.value, scope)
            if found is not None:
                return found if index == 0 else ClientClass(found.kind, None)
        return None

    def _base(self, expr: cst.BaseExpression, scope: Scope) -> ClientClass | None:
        qual = self.qualname(expr, scope)
        if qual:
            constructor = sdk.CONSTRUCTORS.get(qual)
            if constructor is not None:
                return ClientClass(constructor[0], qual)
            external = self.external.get(qual)
            if isinstance(external, ExternalClient) and external.factory:
                return ClientClass(external.kind, external.constructor)
            return None
        klass = self.class_named(expr, scope)
        return self.class_client(klass) if klass is not None else None

    def instance_client(self, name: str, scope: Scope) -> ClientClass | None:
        """``self`` in a method (or a function nested in one) of a client class."""
        method = _method_of(scope, name)
        if method is None or method.owner_class is None:
            return None
        node = method.node
        if not isinstance(node, cst.FunctionDef) or not node.params.params:
            return None
        if node.params.params[0].name.value != name or len(method.bindings.get(name, ())) != 1:
            return None  # not the instance, or bound again
        decorators = {dotted_name(d.decorator).rsplit(".", 1)[-1] for d in node.decorators}
        if decorators & _NOT_INSTANCE:
            return None
        return self.class_client(method.owner_class)

    def super_client(self, call: cst.Call, scope: Scope) -> ClientClass | None:
        """``super()`` (or ``super(Class, self)``) in a method of a client class: the
        client of its bases."""
        func = call.func
        if not (isinstance(func, cst.Name) and func.value == "super") or self.lookup(
            "super", scope
        ):
            return None
        klass = scope.owner_class
        if klass is None:
            return None
        if call.args and not (
            len(call.args) == 2
            and isinstance(call.args[0].value, cst.Name)
            and call.args[0].value.value == klass.class_name
        ):
            return None
        return self.base_client(klass)

    def overrides_differently(
        self, func: cst.Attribute, scope: Scope, order: int, signature: Signature
    ) -> bool:
        """Does a client class of this module define the method ``func`` calls with
        parameters the SDK's do not bind alike (``def track(self, user, event)``)? Then
        the call is a call of that method (a wrapper), not the SDK's."""
        klass = self._receiver_class(func.value, scope, order)
        seen: set[int] = set()
        while klass is not None and id(klass) not in seen and self.class_client(klass):
            seen.add(id(klass))
            for binding in klass.bindings.get(func.attr.value, ()):
                if binding.function is not None:
                    return not _binds_alike(binding.function, signature)
            node = klass.node
            bases = node.bases if isinstance(node, cst.ClassDef) else ()
            klass = self.class_named(bases[0].value, klass.parent or self.root) if bases else None
        return False

    def _receiver_class(
        self, receiver: cst.BaseExpression, scope: Scope, order: int
    ) -> Scope | None:
        """The client class of this module ``self``, ``Class(...)``, or a name bound to
        ``Class(...)`` or annotated ``Class`` is an instance of."""
        if isinstance(receiver, cst.Name):
            method = _method_of(scope, receiver.value)
            if method is not None and self.instance_client(receiver.value, scope) is not None:
                return method.owner_class
            bindings = self.lookup(receiver.value, scope, order)
            if bindings and bindings[0].annotation is not None:
                return self.class_named(bindings[0].annotation, scope)
            receiver = bindings[0].value if bindings and bindings[0].value else receiver
        if isinstance(receiver, cst.Call):
            return self.class_named(receiver.func, scope, order)
        return None

    def construction_of(self, call: cst.Call, scope: Scope, order: int, qual: str) -> str | None:
        """The SDK constructor a call of a project client class runs with the call's
        arguments: ``TrackedClient(...)`` when no class on the way defines
        ``__init__`` (here or in the module that defines it); ``super().__init__(...)`` in
        the ``__init__`` of a client class."""
        if qual:  # what ``call.func`` names through the imports
            external = self.external.get(qual)
            return external.constructor if isinstance(external, ExternalClient) else None
        klass = self.class_named(call.func, scope, order)
        if klass is not None:
            client = self.class_client(klass)
            return client.constructor if client is not None else None
        func = call.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "__init__"
            and isinstance(func.value, cst.Call)
            and isinstance(scope.node, cst.FunctionDef)
            and scope.node.name.value == "__init__"
        ):
            base = self.super_client(func.value, scope)
            return base.constructor if base is not None else None
        return None


def _method_of(scope: Scope, name: str) -> Scope | None:
    """The method whose body (or a nested function's) ``scope`` is, unless a function
    on the way binds ``name`` itself."""
    current: Scope | None = scope
    while current is not None and current.kind == "function":
        if current.owner_class is not None:
            return current
        if name in current.bindings:
            return None
        current = current.parent
    return None


def _binds_alike(method: cst.FunctionDef, signature: Signature) -> bool:
    """Do the method's parameters (after ``self``) name the SDK's, in the SDK's order?"""
    params = method.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)][1:]
    return positional == list(signature.params[: len(positional)]) and all(
        p.name.value in signature.params for p in params.kwonly_params
    )


def _defines_init(klass: Scope) -> bool:
    return any(klass.bindings.get(name) for name in ("__init__", "__new__"))
