"""Function summaries of one Python module, for the project's whole-program analysis.

Each module-level function and method of a module-level class is summarised: the SDK
calls it makes and which of its parameters reach which SDK parameter, the project
functions it calls and with what, whether it catches the SDK's errors, paces itself or
builds a client. Only what the module itself shows is recorded; the project phase
follows calls into other modules (``analysis.summaries.close``).
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.execution import names_rate_limiter
from cio_lint.analysis.python.class_calls import is_instance_method, unbound_arguments
from cio_lint.analysis.python.error_handling import catches
from cio_lint.analysis.python.forwarding import (
    KEYWORDS,
    changed_in_place,
    kwargs_container,
    only_spread,
)
from cio_lint.analysis.python.scopes import (
    CallSite,
    Scope,
    as_scope,
    expression,
    function_node,
    syntax,
)
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import all_params, dotted_name
from cio_lint.analysis.records import CallContext, Function, Link, SdkCall
from cio_lint.analysis.summaries import (
    MODULE_CODE,
    Argument,
    FunctionSummary,
    Operation,
    ProjectCall,
)
from cio_lint.core import sdk
from cio_lint.core.findings import Position

#: Decorators that make a method take no ``self``.
_NO_SELF = frozenset({"staticmethod"})


def function_key(model: SemanticModel, function: Function) -> str | None:
    """``func`` or ``Class.method``: the name other modules call it by (None: nested)."""
    scope = as_scope(function.place)
    parent = scope.parent
    if parent is model.root:
        return function.name
    if parent is not None and parent.kind == "class" and parent.parent is model.root:
        return f"{parent.class_name}.{function.name}"
    return None


def parameters(function: Function) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """The parameters callers fill (``self`` left out), those with a default other than
    ``None``, and the ``**kwargs`` parameter (``keyword_only`` names the rest)."""
    node = function_node(function)
    star = node.params.star_arg
    kwargs = node.params.star_kwarg
    names: list[str] = []
    defaults: list[str] = []
    for param in all_params(node.params):
        if param is star or param is kwargs:
            continue
        names.append(param.name.value)
        default = param.default
        if default is not None and not (isinstance(default, cst.Name) and default.value == "None"):
            defaults.append(param.name.value)
    decorators = {dotted_name(d.decorator).rsplit(".", 1)[-1] for d in node.decorators}
    if function.class_name is not None and names and not decorators & _NO_SELF:
        names = names[1:]
    return tuple(names), tuple(defaults), kwargs.name.value if kwargs is not None else None


def keyword_only(function: Function) -> tuple[str, ...]:
    """The parameters only a keyword fills: a positional argument never reaches them."""
    return tuple(param.name.value for param in function_node(function).params.kwonly_params)


class Summariser:
    """Builds the raw summaries of one module's functions."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self._sites: dict[int, list[CallSite]] = {}
        for site in model.call_sites:
            function = site.context.function
            self._sites.setdefault(id(function.node) if function else 0, []).append(site)
        self._sdk_nodes = {id(call.node) for call in model.sdk_calls()}
        self._sdk_nodes.update(id(call.node) for call in model.constructions())

    def summaries(self) -> dict[str, FunctionSummary]:
        """Every summarisable function that does something for Customer.io or calls
        another function (it may reach the SDK through it), by ``function_key``."""
        result: dict[str, FunctionSummary] = {}
        for function in self.model.functions:
            key = function_key(self.model, function)
            if key is None:
                continue
            summary = self.summary(function)
            if summary.relevant or summary.calls or summary.receivers:
                result[key] = summary
        module_calls = self._project_calls(None, (), None)
        if module_calls:
            result[MODULE_CODE] = FunctionSummary(calls=module_calls)
        return result

    def summary(self, function: Function) -> FunctionSummary:
        params, defaults, kwargs = parameters(function)
        sdk_calls = self.model.calls_in(function)
        if kwargs is not None and not only_spread(function_node(function), kwargs, sdk_calls):
            kwargs = None  # read or changed first: not passed on as the caller gave it
        scope = as_scope(function.place)
        own = [p for p in params if _is_parameter(scope, p)]
        # What reaches the SDK is the caller's value only if the function leaves it as is.
        changed = changed_in_place(function_node(function))
        given = [p for p in own if p not in changed]
        operations = tuple(self._operation(call, given, kwargs, scope) for call in sdk_calls)
        sites = self._sites.get(id(function.node), [])
        return FunctionSummary(
            params=params,
            keyword_only=keyword_only(function),
            instance_method=is_instance_method(function),
            defaults=defaults,
            is_async=function.is_async,
            paces=any(_paces(self.model, site) for site in sites),
            builds_client=any(c.context.function is function for c in self.model.constructions()),
            operations=operations,
            calls=self._project_calls(function, own, kwargs),
            receivers=self._receivers(sites, own),
        )

    def _operation(
        self, call: SdkCall, params: list[str], kwargs: str | None, scope: Scope
    ) -> Operation:
        # SDK parameters, and attributes the SDK takes as keywords (``created_at=when``).
        mapped = tuple(
            (name, parameter)
            for name, argument in (*call.bound.args.items(), *call.bound.extra.items())
            if (parameter := _parameter_of(expression(argument.value), params)) is not None
        )
        held = kwargs_container(call, kwargs) if kwargs is not None else None
        if held is not None:  # ``data=properties``: the caller's keywords are the data
            mapped += ((held[0], KEYWORDS),)
        node = syntax(call.node)
        start, end = self._span(node)
        text = self.model.code(node.func) if isinstance(node, cst.Call) else call.method
        return Operation(
            call.kind,
            call.method,
            mapped,
            kwargs is not None and _passes_kwargs(node, kwargs),
            escapes=not handled_here(self.model, call.context, scope),
            chain=(Link(text, "", start, end),),
        )

    def _project_calls(
        self, function: Function | None, params: list[str] | tuple[str, ...], kwargs: str | None
    ) -> tuple[ProjectCall, ...]:
        calls: list[ProjectCall] = []
        for site in self._sites.get(id(function.node) if function else 0, []):
            if id(site.node) in self._sdk_nodes:
                continue
            target = self.target(site)
            if not target:
                continue
            calls.append(self._project_call(site, target, list(params), kwargs))
        return tuple(calls)

    def _project_call(
        self, site: CallSite, target: str, params: list[str], kwargs: str | None
    ) -> ProjectCall:
        positional: list[Argument] = []
        keywords: list[tuple[str, Argument]] = []
        star = forwards = False
        args = unbound_arguments(self.model, site, target)
        for arg in args:
            if arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == kwargs:
                forwards = True
            elif arg.star:
                star = True
            elif arg.keyword is None and star:
                continue  # after ``*args``, which parameter a positional fills is unknown
            else:
                argument = Argument(
                    _parameter_of(arg.value, params),
                    self.model.client_kind(arg.value, site.scope, site.order),
                )
                if arg.keyword is None:
                    positional.append(argument)
                else:
                    keywords.append((arg.keyword.value, argument))
        start, end = self._span(site.node)
        link = Link(f"{self.model.code(site.node.func)}()", "", start, end)
        return ProjectCall(
            target, link, tuple(positional), tuple(keywords), star, forwards,
            caught=handled_here(self.model, site.context, site.scope),
        )

    def target(self, site: CallSite) -> str:
        """The qualified name of the project function (or class) a call calls, or ""."""
        model = self.model
        func = site.node.func
        if isinstance(func, cst.Name):
            bindings = model.lookup(func.value, site.scope, site.order)
            if not bindings:
                return ""
            binding = bindings[0]
            if binding.qualname is not None:
                qual = binding.qualname
                return "" if qual.split(".", 1)[0] in sdk.SDK_PACKAGES else qual
            defined_here = any(b is binding for b in model.root.bindings.get(func.value, ()))
            if defined_here and (binding.function is not None or func.value in model.classes):
                return _qualify(model, func.value)
            return ""
        if isinstance(func, cst.Attribute):
            function = model.resolve_function(func, site.scope, site.order)
            if function is not None:
                key = function_key(model, function)
                return _qualify(model, key) if key else ""
            qual = model.qualname(func, site.scope, site.order)
            if qual and qual.split(".", 1)[0] not in sdk.SDK_PACKAGES:
                return qual
            return self._method_of_instance(func, site)
        return ""

    def _method_of_instance(self, func: cst.Attribute, site: CallSite) -> str:
        """``tracker.send()`` where ``tracker = Tracker(...)`` (a project class) earlier."""
        value = self.model.origin(func.value, site.scope, site.order)
        if isinstance(value, cst.Call) and value is not func.value:
            inner = CallSite(value, site.scope, site.order, site.context)
            owner = self.target(inner)
            if owner:
                return f"{owner}.{func.attr.value}"
        return ""

    def _receivers(self, sites: list[CallSite], params: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for site in sites:
            func = site.node.func
            if (
                id(site.node) not in self._sdk_nodes
                and isinstance(func, cst.Attribute)
                and func.attr.value in sdk.ALL_METHOD_NAMES
                and (param := _parameter_of(func.value, params)) is not None
                and param not in found
            ):
                found.append(param)
        return tuple(found)

    def _span(self, node: cst.CSTNode) -> tuple[Position, Position]:
        code_range = self.model.range(node)
        return (
            Position(code_range.start.line, code_range.start.column + 1),
            Position(code_range.end.line, code_range.end.column + 1),
        )


def handled_here(model: SemanticModel, context: CallContext, scope: Scope) -> bool:
    """Does a ``try``/``suppress`` inside the function itself take the SDK's errors?"""
    for block in context.try_blocks:
        if isinstance(block, (cst.Try, cst.TryStar)) and any(
            catches(model, handler.type, scope) for handler in block.handlers
        ):
            return True
    for block in context.withs:
        if isinstance(block, cst.With) and any(
            isinstance(item.item, cst.Call)
            and model.qualname(item.item.func, scope) == "contextlib.suppress"
            and any(catches(model, arg.value, scope) for arg in item.item.args)
            for item in block.items
        ):
            return True
    return False


def _qualify(model: SemanticModel, name: str) -> str:
    return f"{model.module_name}.{name}" if model.module_name else name


def _is_parameter(scope: Scope, name: str) -> bool:
    """A parameter never bound again in its function: its value is the caller's."""
    return len(scope.bindings.get(name, ())) == 1


def _parameter_of(value: cst.BaseExpression, params: list[str] | tuple[str, ...]) -> str | None:
    if isinstance(value, cst.Name) and value.value in params:
        return value.value
    return None


def _passes_kwargs(node: object, kwargs: str) -> bool:
    return isinstance(node, cst.Call) and any(
        arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == kwargs
        for arg in node.args
    )


def _paces(model: SemanticModel, site: CallSite) -> bool:
    name = model.qualname(site.node.func, site.scope, site.order) or dotted_name(site.node.func)
    return name.rsplit(".", 1)[-1] == "sleep" or names_rate_limiter(name)
