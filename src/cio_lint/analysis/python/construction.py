"""Whether a Python function builds its Customer.io client once or on every call.

A client built per call pays a new TLS handshake each time (a Pipelines client a new
thread). Python decides "once" by its own means: module level, ``__init__`` and other
once-per-object methods, ``main``/``create_app``, caching decorators, lazy singletons
guarded by ``if _client is None``, ``with`` blocks, and factories whose callers all run
once. CIO106 asks ``per_call_construction``; this module answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.python.scopes import as_scope, call_node, function_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.python.walk import find
from cio_lint.analysis.records import Function, SdkCall
from cio_lint.core.client_kinds import ClientKind

#: Decorators whose function body runs once per distinct arguments (or once per object).
_CACHING_DECORATORS = frozenset({
    "functools.cache",
    "functools.lru_cache",
    "functools.cached_property",
    "cachetools.cached",
    "cachetools.func.lru_cache",
    "cachetools.func.ttl_cache",
    "cachetools.func.lfu_cache",
    "django.utils.functional.cached_property",
    "werkzeug.utils.cached_property",
    "async_lru.alru_cache",
    "pytest.fixture",  # a test fixture: once per test (or per its scope)
    "click.command",  # a command-line entry point: once per invocation
    "click.group",
})
#: Methods that run once per object (the client lives as long as the object).
_ONCE_PER_OBJECT = frozenset({
    "__init__", "__post_init__", "__new__", "__enter__", "__aenter__", "__set_name__",
    "init_app", "ready", "setUp", "setUpClass", "asyncSetUp", "setup_method", "setup_class",
})
#: Methods that run each time their class is instantiated: a client they build is one
#: per object, so per call wherever the object is created per call.
BUILT_WITH_THE_OBJECT = frozenset({"__init__", "__post_init__", "__new__"})
#: Functions that run once per process: entry points and application factories.
_ONCE_PER_PROCESS = frozenset({"main", "create_app", "make_app", "init_app"})
#: Per-request storage: a client kept there is still built once per request.
_PER_REQUEST = frozenset({"flask.g", "flask.request", "flask.session"})
_MAX_FACTORY_DEPTH = 3


@dataclass
class _Shape:
    """What a function body does with the values it computes (nested functions excluded)."""

    with_items: set[int] = field(default_factory=set)
    with_names: set[str] = field(default_factory=set)
    #: id(value) -> the targets it is assigned to.
    stored: dict[int, list[cst.BaseExpression]] = field(default_factory=dict)
    #: ``x = x or CustomerIO()``: id(value) of calls evaluated only when ``x`` is empty.
    lazy_or: set[int] = field(default_factory=set)
    guards: set[str] = field(default_factory=set)  # names/attributes tested by an ``if``
    returned: set[int] = field(default_factory=set)
    returned_names: set[str] = field(default_factory=set)
    nonlocals: set[str] = field(default_factory=set)


class ConstructionAnalysis:
    """Decides, per construction, whether its function runs it once or on every call."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self._shapes: dict[int, _Shape] = {}

    def per_call(
        self, node: cst.CSTNode, function: Function | None, depth: int = 0
    ) -> PerCallConstruction | None:
        """None when ``node`` (in ``function``) runs once; else why it runs per call."""
        if function is None or self._runs_once(function):
            return None
        if not self.builds_each_run(node, function):
            return None
        shape = self.shape(function)
        targets = shape.stored.get(id(node), [])
        local_names = {t.value for t in targets if isinstance(t, cst.Name)}
        if id(node) in shape.returned or local_names & shape.returned_names:
            return self._factory(function, depth)
        return PerCallConstruction(
            function,
            per_request=any(self.per_request(t, function) for t in targets),
            accessor=_is_property(function),
        )

    def builds_each_run(self, node: cst.CSTNode, function: Function) -> bool:
        """Does every run of ``function`` build a new client at ``node``? Caches, lazy
        singletons, ``with`` blocks and guarded storage say no; how often the function
        itself runs (``__init__``: once per object) is its callers' business."""
        if self._cached(function):
            return False
        shape = self.shape(function)
        if id(node) in shape.with_items or id(node) in shape.lazy_or:
            return False
        targets = shape.stored.get(id(node), [])
        if any(self._kept(target, function, shape) for target in targets):
            return False
        local_names = {t.value for t in targets if isinstance(t, cst.Name)}
        return not local_names & shape.with_names

    def _factory(self, function: Function, depth: int) -> PerCallConstruction | None:
        """A factory runs once when every same-module caller runs once."""
        callers = self.model.callers(function)
        if not callers or depth >= _MAX_FACTORY_DEPTH:
            return PerCallConstruction(function, accessor=_is_property(function))
        for site in callers:
            if self.per_call(site.node, site.context.function, depth + 1) is not None:
                return PerCallConstruction(
                    function, function, site.context.function, site.node,
                    accessor=_is_property(function),
                )
        return None

    def _runs_once(self, function: Function) -> bool:
        if function.class_name is not None and function.name in _ONCE_PER_OBJECT:
            return True
        if function.name in _ONCE_PER_PROCESS or self._management_command(function):
            return True
        return self._cached(function)

    def _cached(self, function: Function) -> bool:
        """Decorated to run once per distinct arguments (or once per invocation)."""
        scope = as_scope(function.place).parent or self.model.root
        for decorator in function_node(function).decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call):
                target = target.func
            if self.model.qualname(target, scope) in _CACHING_DECORATORS:
                return True
        return False

    def _management_command(self, function: Function) -> bool:
        """``handle()`` of a Django management command: once per invocation."""
        if function.name != "handle" or function.class_name is None:
            return False
        klass = self.model.classes.get(function.class_name)
        node = klass.node if klass is not None else None
        return isinstance(node, cst.ClassDef) and any(
            self.model.code(base.value).endswith("BaseCommand") for base in node.bases
        )

    def _kept(self, target: cst.BaseExpression, function: Function, shape: _Shape) -> bool:
        """Is ``target`` storage that outlives the call, checked before it is filled?"""
        storage = target.value if isinstance(target, cst.Subscript) else target
        root: cst.BaseExpression = storage
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            root = root.value
        if not isinstance(root, cst.Name):
            return False
        if isinstance(target, cst.Name):
            names = as_scope(function.place).globals | shape.nonlocals
            persists = target.value in names
        else:
            persists = not _assigned_locally(root.value, function) and not self.per_request(
                target, function
            )
        return persists and self.model.code(storage) in shape.guards

    def per_request(self, target: cst.BaseExpression, function: Function) -> bool:
        """Is ``target`` per-request storage (``flask.g.cio``)?"""
        root = target
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            root = root.value
        return self.model.qualname(root, as_scope(function.place)) in _PER_REQUEST

    def shape(self, function: Function) -> _Shape:
        key = id(function.node)
        if key not in self._shapes:
            collector = _ShapeCollector(self.model)
            find(function_node(function).body, collector)
            self._shapes[key] = collector.shape
        return self._shapes[key]


def _assigned_locally(name: str, function: Function) -> bool:
    """A plain local of ``function`` (not a parameter, global or nonlocal name)."""
    scope = as_scope(function.place)
    bindings = scope.bindings.get(name, [])
    return any(b.value is not None for b in bindings) and name not in scope.globals


class _ShapeCollector(cst.CSTVisitor):
    """One pass over a function body (not nested functions) to fill a ``_Shape``."""

    def __init__(self, model: SemanticModel) -> None:
        super().__init__()
        self.model = model
        self.shape = _Shape()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.shape.nonlocals.update(item.name.value for item in node.names)

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            value = item.item
            self.shape.with_items.add(id(value))
            if isinstance(value, cst.Call) and value.args:
                # ``with contextlib.closing(CustomerIO(...))``
                self.shape.with_items.add(id(value.args[0].value))
            if isinstance(value, cst.Name):
                self.shape.with_names.add(value.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._store(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._store(node.target, node.value)

    def _store(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        self.shape.stored.setdefault(id(value), []).append(target)
        if (
            isinstance(value, cst.BooleanOperation)
            and isinstance(value.operator, cst.Or)
            and self.model.code(value.left) == self.model.code(target)
        ):
            self.shape.lazy_or.add(id(value.right))

    def visit_If(self, node: cst.If) -> None:
        self._guard(node.test)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._guard(node.test)

    def _guard(self, test: cst.BaseExpression) -> None:
        """Record every name and attribute a condition looks at (``hasattr(o, "x")``: ``o.x``)."""
        finder = _Referenced(self.model)
        find(test, finder)
        self.shape.guards.update(finder.names)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.shape.returned.add(id(node.value))
            if isinstance(node.value, cst.Name):
                self.shape.returned_names.add(node.value.value)


class _Referenced(cst.CSTVisitor):
    def __init__(self, model: SemanticModel) -> None:
        super().__init__()
        self.model = model
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.names.add(self.model.code(node))

    def visit_Call(self, node: cst.Call) -> None:
        if (
            isinstance(node.func, cst.Name)
            and node.func.value in ("hasattr", "getattr")
            and len(node.args) >= 2
        ):
            attribute = string_value(node.args[1].value)
            if attribute is not None:
                self.names.add(f"{self.model.code(node.args[0].value)}.{attribute}")


def _is_property(function: Function) -> bool:
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "property"
        for d in function_node(function).decorators
    )


def build_once_text(model: SemanticModel, call: SdkCall, verdict: PerCallConstruction) -> str:
    """The concrete way to build this client once."""
    if verdict.factory is not None:
        return (
            f"@functools.cache above `def {verdict.factory.name}(...)`, so it builds the "
            "client once and returns the same one"
        )
    if verdict.per_request:
        return (
            "build it once when the app starts (create_app()/init_app(): "
            'app.extensions["customerio"] = ...) and read it from there'
        )
    code = " ".join(model.code(call_node(call)).split())
    per_tenant = _arguments_reading_locals(model, call, verdict.function)
    if per_tenant:
        return (
            "one client per credentials, built once: a @functools.lru_cache(maxsize=None) "
            f"factory called as client_for({', '.join(per_tenant)})"
        )
    name = "analytics_client" if call.kind is ClientKind.PIPELINES else (
        "api" if call.kind is ClientKind.APP else "cio"
    )
    if call.via is not None:  # an object of a project class holding the client
        name = _snake(model.code(call_node(call).func).rsplit(".", 1)[-1])
    return f"{name} = {code}  # once, at module level; reuse it in {verdict.function.name}()"


def _arguments_reading_locals(
    model: SemanticModel, call: SdkCall, function: Function
) -> list[str]:
    """Constructor arguments computed from the function's own values (per-tenant keys)."""
    local = set(as_scope(function.place).bindings)
    found = []
    for arg in call_node(call).args:
        finder = _Referenced(model)
        find(arg.value, finder)
        if finder.names & local:
            found.append(model.code(arg.value))
    return found


def _snake(name: str) -> str:
    """``SignupTracker`` -> ``signup_tracker``."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
