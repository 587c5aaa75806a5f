"""Where code runs: request handlers, background tasks, CLIs, scripts, serverless handlers.

What a failing or slow Customer.io call costs depends on the code around it: a
request handler turns an exception into a 500, a script that exits drops queued
events. These judgements rest on clear signals only (decorators, base classes,
parameter names, the ``__main__`` guard), so plain library helpers are never
mistaken for handlers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import libcst as cst

from cio_lint.analysis.execution import REQUEST_OR_TASK as REQUEST_OR_TASK
from cio_lint.analysis.execution import SHORT_LIVED as SHORT_LIVED
from cio_lint.analysis.execution import EntryPoint, EntryRole
from cio_lint.analysis.python.scopes import Scope, as_scope, function_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import all_params, dotted_name, literal_text
from cio_lint.analysis.python.walk import find
from cio_lint.analysis.records import Function
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind

_ROUTE_METHODS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "head", "options", "api_route",
     "websocket"}
)
_VIEW_DECORATORS = frozenset(
    {"api_view", "action", "require_http_methods", "require_POST", "require_GET",
     "require_safe", "login_required", "permission_required", "csrf_exempt",
     "staff_member_required"}
)
_TASK_QUALNAMES = frozenset(
    {"celery.shared_task", "celery.task", "celery.decorators.task",
     "celery.decorators.periodic_task", "dramatiq.actor", "rq.decorators.job",
     "django_rq.job", "huey.contrib.djhuey.task", "huey.contrib.djhuey.db_task"}
)
_OTHER_QUEUES = ("dramatiq.", "rq.", "django_rq.", "huey.")
_TASK_ATTRIBUTES = frozenset({"task", "periodic_task", "db_task"})
_VIEW_BASE_SUFFIXES = ("View", "ViewSet", "ViewSetMixin")
_VIEW_BASES = frozenset({"RequestHandler", "HTTPEndpoint", "WebSocketEndpoint"})
_REST_RESOURCE_MODULES = ("flask_restful", "flask_restx")
_CLI_ATTRIBUTES = frozenset({"command", "group"})
_CLI_MODULES = ("click", "typer")
_SERVERLESS_MODULES = ("functions_framework",)


def _decorator_target(decorator: cst.Decorator) -> tuple[cst.BaseExpression, bool]:
    """The decorating expression without its call, and whether it was called."""
    expr = decorator.decorator
    if isinstance(expr, cst.Call):
        return expr.func, True
    return expr, False


def _name_of(model: SemanticModel, expr: cst.BaseExpression, scope: Scope) -> str:
    """Qualified name through imports, else the dotted source name."""
    return model.qualname(expr, scope) or dotted_name(expr)


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _imports_module(model: SemanticModel, prefixes: tuple[str, ...]) -> bool:
    return any(
        qual == prefix or qual.startswith(prefix + ".")
        for _, qual, _ in model.imports
        for prefix in prefixes
    )


def _positional_names(function: Function) -> list[str]:
    params = function_node(function).params
    names = [p.name.value for p in (*params.posonly_params, *params.params)]
    if function.class_name is not None and names and names[0] in ("self", "cls"):
        names = names[1:]
    return names


def _class_node(function: Function) -> cst.ClassDef | None:
    parent = as_scope(function.place).parent
    if function.class_name is None or parent is None or not isinstance(parent.node, cst.ClassDef):
        return None
    return parent.node


def _class_is(
    model: SemanticModel, klass: cst.ClassDef, scope: Scope, test: _BaseTest, depth: int = 0
) -> bool:
    """Does ``klass`` or a same-module base of it have a base class that passes ``test``?"""
    if depth > 5:
        return False
    for base in klass.bases:
        name = _name_of(model, base.value, scope)
        if test(name):
            return True
        local = model.classes.get(name)
        if (
            local is not None
            and isinstance(local.node, cst.ClassDef)
            and local.parent is not None
            and _class_is(model, local.node, local.parent, test, depth + 1)
        ):
            return True
    return False


class _BaseTest:
    """A predicate over a base class's qualified or dotted name."""

    def __init__(self, suffixes: tuple[str, ...] = (), names: frozenset[str] = frozenset(),
                 modules: tuple[str, ...] = (), module_names: frozenset[str] = frozenset()
                 ) -> None:
        self.suffixes = suffixes
        self.names = names
        self.modules = modules
        self.module_names = module_names

    def __call__(self, name: str) -> bool:
        last = _last(name)
        if last.endswith(self.suffixes) or last in self.names:
            return True
        return last in self.module_names and name.startswith(self.modules)


_IS_VIEW_CLASS = _BaseTest(
    suffixes=_VIEW_BASE_SUFFIXES, names=_VIEW_BASES, modules=_REST_RESOURCE_MODULES,
    module_names=frozenset({"Resource"}),
)
_IS_MANAGEMENT_COMMAND = _BaseTest(names=frozenset({"BaseCommand", "LabelCommand",
                                                    "AppCommand"}))


class EntryPoints:
    """The entry-point judgements of one module, each made once."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self._memo: dict[int, EntryPoint | None] = {}
        self._argparse: set[int] | None = None
        self._sends_request: set[int] | None = None

    def of(self, function: Function) -> EntryPoint | None:
        """What framework entry point ``function`` is, judged from clear signals only."""
        key = id(function.node)
        if key not in self._memo:
            model = self.model
            self._memo[key] = (
                _decorated_entry(model, function)
                or _serverless_entry(function)
                or _class_entry(model, function)
                or self._request_parameter_entry(function)
                or self._argparse_entry(function)
            )
        return self._memo[key]

    def enclosing(self, function: Function | None) -> EntryPoint | None:
        """The entry point ``function`` is, or is nested in (a closure inside a view)."""
        current = function
        while current is not None:
            found = self.of(current)
            if found is not None:
                return found
            current = current.parent
        return None

    def _request_parameter_entry(self, function: Function) -> EntryPoint | None:
        """``def signup(request)``: a Django-style view (not ``def send(request)`` that
        hands a Customer.io request object to ``send_email``)."""
        names = _positional_names(function)
        if not names or names[0] != "request" or _is_test_code(function):
            return None
        if self._is_transactional_request(function):
            return None
        qualified = function.name
        where = "view"
        if function.class_name:
            qualified = f"{function.class_name}.{function.name}"
            where = "view method"
        return EntryPoint(EntryRole.VIEW, function, f"{where} `{qualified}`")

    def _is_transactional_request(self, function: Function) -> bool:
        param = next(
            p for p in all_params(function_node(function).params)
            if p.name.value == "request"
        )
        if param.annotation is not None and self.model.qualname(
            param.annotation.annotation, as_scope(function.place)
        ) in sdk.REQUESTS:
            return True
        if self._sends_request is None:
            self._sends_request = {
                id(call.context.function.node)
                for call in self.model.sdk_calls()
                if call.kind is ClientKind.APP
                and call.context.function is not None
                and isinstance(call.value("request"), cst.Name)
                and cast(cst.Name, call.value("request")).value == "request"
            }
        return id(function.node) in self._sends_request

    def _argparse_entry(self, function: Function) -> EntryPoint | None:
        """A function that builds an ``argparse.ArgumentParser``: a console script's main."""
        if self._argparse is None:
            model = self.model
            self._argparse = {
                id(site.context.function.node)
                for site in model.call_sites
                if site.context.function is not None
                and model.qualname(site.node.func, site.scope, site.order)
                == "argparse.ArgumentParser"
            }
        if id(function.node) in self._argparse:
            description = f"command-line entry point `{function.name}`"
            return EntryPoint(EntryRole.CLI, function, description)
        return None


def _decorated_entry(model: SemanticModel, function: Function) -> EntryPoint | None:
    scope = as_scope(function.place).parent or model.root
    name = function.name
    for decorator in function_node(function).decorators:
        target, called = _decorator_target(decorator)
        full = _name_of(model, target, scope)
        last = _last(full)
        if full in _TASK_QUALNAMES or last == "shared_task" or (
            isinstance(target, cst.Attribute) and last in _TASK_ATTRIBUTES
        ):
            kind = "task" if full.startswith(_OTHER_QUEUES) else "Celery task"
            return EntryPoint(EntryRole.TASK, function, f"{kind} `{name}`", decorator)
        if full.startswith(_SERVERLESS_MODULES):
            return EntryPoint(EntryRole.SERVERLESS, function, f"cloud function `{name}`", decorator)
        if isinstance(target, cst.Attribute) and last in _CLI_ATTRIBUTES and (
            full.startswith(_CLI_MODULES) or ".cli." in full
            or _imports_module(model, _CLI_MODULES)
        ):
            return EntryPoint(EntryRole.CLI, function, f"command `{name}`", decorator)
        if isinstance(target, cst.Attribute) and last in _ROUTE_METHODS and called:
            return EntryPoint(EntryRole.ROUTE, function, f"route `{name}`", decorator)
        if last in _VIEW_DECORATORS:
            return EntryPoint(EntryRole.VIEW, function, f"view `{name}`", decorator)
    return None


def _serverless_entry(function: Function) -> EntryPoint | None:
    if function.parent is not None or function.class_name is not None:
        return None
    names = _positional_names(function)
    if names[:2] == ["event", "context"] and len(names) == 2:
        return EntryPoint(EntryRole.SERVERLESS, function, f"serverless handler `{function.name}`")
    if function.name == "main" and len(names) == 1 and names[0] in ("req", "request"):
        return EntryPoint(EntryRole.SERVERLESS, function, f"cloud function `{function.name}`")
    return None


def _class_entry(model: SemanticModel, function: Function) -> EntryPoint | None:
    klass = _class_node(function)
    if klass is None or function.parent is not None or function.name.startswith("__"):
        return None
    class_scope = as_scope(function.place).parent
    scope = (class_scope.parent if class_scope is not None else None) or model.root
    label = f"`{klass.name.value}.{function.name}`"
    if _class_is(model, klass, scope, _IS_VIEW_CLASS):
        return EntryPoint(EntryRole.VIEW, function, f"view method {label}")
    if function.name == "handle" and _class_is(model, klass, scope, _IS_MANAGEMENT_COMMAND):
        return EntryPoint(EntryRole.CLI, function, f"management command {label}")
    return None


def _is_test_code(function: Function) -> bool:
    """pytest's ``request`` fixture: ``def test_signup(request)``, ``@pytest.fixture``."""
    if function.name.startswith("test"):
        return True
    return any(
        dotted_name(_decorator_target(d)[0]).endswith("fixture")
        for d in function_node(function).decorators
    )


def reachable(model: SemanticModel, start: Function | None, limit: int = 50
              ) -> list[Function]:
    """Same-module functions ``start`` (None: module-level code) calls, transitively."""
    seen: dict[int, Function] = {}
    pending = model.callees(start)
    while pending and len(seen) < limit:
        function = pending.pop()
        if id(function.node) in seen:
            continue
        seen[id(function.node)] = function
        pending.extend(model.callees(function))
    return list(seen.values())


def main_guard(model: SemanticModel) -> cst.If | None:
    """The module's ``if __name__ == "__main__":`` block, if it has one."""
    for statement in model.module.body:
        if isinstance(statement, cst.If) and _is_main_test(statement.test):
            return statement
    return None


def _is_main_test(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if not isinstance(target.operator, cst.Equal):
        return False
    sides = {_text(test.left), _text(target.comparator)}
    return sides == {"__name__", "__main__"}


def _text(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.SimpleString):
        return literal_text(expr.value) or ""
    return ""


def calls_within(node: cst.CSTNode) -> Iterator[cst.Call]:
    """Every call expression inside ``node`` (itself included)."""
    collector = _CallCollector()
    find(node, collector)
    yield from collector.calls


class _CallCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)
