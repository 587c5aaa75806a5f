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
from cio_lint.analysis.python.call_targets import CallTargets, function_key
from cio_lint.analysis.python.class_calls import is_instance_method, unbound_arguments
from cio_lint.analysis.python.construction import BUILT_WITH_THE_OBJECT, ConstructionAnalysis
from cio_lint.analysis.python.error_handling import handled_here
from cio_lint.analysis.python.forwarding import (
    KEYWORDS,
    changed_in_place,
    kwargs_container,
    only_spread,
)
from cio_lint.analysis.python.offloading import OFFLOADING_DECORATORS
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
from cio_lint.analysis.records import ExternalClient, Function, Link, SdkCall
from cio_lint.analysis.summaries import (
    MODULE_CODE,
    Argument,
    ClientParameter,
    FunctionSummary,
    Operation,
    ProjectCall,
)
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position

#: Decorators that make a method take no ``self``.
_NO_SELF = frozenset({"staticmethod"})


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


#: SDK method names no other library's object is likely to have: a module calling one on
#: something (a parameter, say) may be handed a client.
_DISTINCTIVE_METHODS = sdk.ALL_METHOD_NAMES - frozenset(
    {"close", "flush", "shutdown", "join", "delete", "batch", "group", "page", "alias"}
)


def worth_summarising(model: SemanticModel) -> bool:
    """Can a function of this module reach Customer.io? Only if the module uses the SDK,
    was told of clients or wrappers of other modules, or calls an SDK method name on
    something. Most modules of a project do none of these, and are not summarised."""
    if model.sdk_calls() or model.constructions() or model.requests():
        return True
    if any(qual.split(".", 1)[0] in sdk.SDK_PACKAGES for _, qual, _ in model.imports):
        return True
    if any(
        isinstance(knowledge, (FunctionSummary, ExternalClient, ClientParameter))
        for knowledge in model.external.values()
    ):
        return True
    return any(_may_be_handed_a_client(model, site) for site in model.call_sites)


def _may_be_handed_a_client(model: SemanticModel, site: CallSite) -> bool:
    """``cio.track(...)`` or ``self.client.track(...)`` on something no import names
    (``contextlib.suppress`` is not a client's ``suppress``)."""
    func = site.node.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in _DISTINCTIVE_METHODS:
        return False
    receiver = func.value
    if isinstance(receiver, cst.Attribute):
        receiver = receiver.value
    return isinstance(receiver, cst.Name) and not model.qualname(receiver, site.scope, site.order)


class Summariser:
    """Builds the raw summaries of one module's functions."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self._targets = CallTargets(model)
        #: Each call's target, resolved once for summaries, wrapper calls and
        #: constructions alike (the node is kept so its id cannot be reused).
        self._target_of: dict[int, tuple[cst.Call, str]] = {}
        self._sites: dict[int, list[CallSite]] = {}
        for site in model.call_sites:
            self._sites.setdefault(_key(site.context.function), []).append(site)
        self._sdk_nodes = {id(call.node) for call in model.sdk_calls()}
        self._sdk_nodes.update(id(call.node) for call in model.constructions())
        #: Each function's own SDK calls and constructions, found in one pass.
        self._calls: dict[int, list[SdkCall]] = {}
        for call in model.sdk_calls():
            self._calls.setdefault(_key(call.context.function), []).append(call)
        self._builds = {_key(call.context.function) for call in model.constructions()}
        self._construction: ConstructionAnalysis | None = None
        self._receiving: dict[int, set[str]] | None = None

    def is_sdk_call(self, site: CallSite) -> bool:
        """Is the call an SDK call or construction itself (then it calls no wrapper)?"""
        return id(site.node) in self._sdk_nodes

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
        sdk_calls = self._calls.get(_key(function), [])
        if kwargs is not None and not only_spread(function_node(function), kwargs, sdk_calls):
            kwargs = None  # read or changed first: not passed on as the caller gave it
        scope = as_scope(function.place)
        own = [p for p in params if _is_parameter(scope, p)]
        # What reaches the SDK is the caller's value only if the function leaves it as is
        # (one walk of the body, only for a function that passes a parameter on).
        given = own
        if any(
            _parameter_of(expression(argument.value), own) is not None
            for call in sdk_calls
            for argument in (*call.bound.args.values(), *call.bound.extra.values())
        ):
            changed = changed_in_place(function_node(function))
            given = [p for p in own if p not in changed]
        operations = tuple(self._operation(call, given, kwargs, scope) for call in sdk_calls)
        sites = self._sites.get(_key(function), [])
        return FunctionSummary(
            params=params,
            keyword_only=keyword_only(function),
            instance_method=is_instance_method(function),
            defaults=defaults,
            is_async=function.is_async or _offloaded(function),
            paces=any(_paces(self.model, site) for site in sites),
            builds_client=_key(function) in self._builds,
            operations=operations,
            calls=self._project_calls(function, own, kwargs),
            receivers=self._receivers(function, sites, own),
            client_defaults=self._client_defaults(function, defaults),
            constructions=self._constructions(function),
        )

    def _constructions(self, function: Function) -> tuple[Operation, ...]:
        """The clients an ``__init__`` builds on each run (nothing for other functions:
        CIO106 judges those where they are built)."""
        if function.class_name is None or function.name not in BUILT_WITH_THE_OBJECT:
            return ()
        if self._construction is None:
            self._construction = ConstructionAnalysis(self.model)
        found: list[Operation] = []
        for call in self.model.constructions():
            node = syntax(call.node)
            if call.context.function is function and self._construction.builds_each_run(
                node, function
            ):
                start, end = self._span(node)
                text = self.model.code(node.func) if isinstance(node, cst.Call) else call.method
                found.append(Operation(call.kind, call.method, (), False, False,
                                       (Link(text, "", start, end),)))
        return tuple(found)

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
        for site in self._sites.get(_key(function), []):
            if self.is_sdk_call(site):
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
        known = self._target_of.get(id(site.node))
        if known is not None and known[0] is site.node:
            return known[1]
        target = self._targets.of(site)
        self._target_of[id(site.node)] = (site.node, target)
        return target

    def _receivers(
        self, function: Function, sites: list[CallSite], params: list[str]
    ) -> tuple[str, ...]:
        """Parameters SDK methods are called on: directly (``cio.track``), or kept on
        ``self`` and called on in a method of the class (``self.client.track``). Known
        clients count too, so a parameter stays listed once it is known to be one."""
        found: list[str] = []
        for site in sites:
            func = site.node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in sdk.ALL_METHOD_NAMES
                and (param := _parameter_of(func.value, params)) is not None
                and param not in found
            ):
                found.append(param)
        klass = as_scope(function.place).owner_class
        if klass is None:
            return tuple(found)
        receiving = self._receiving_attributes().get(id(klass), set())
        for target, value, scope, _, context in self.model.attribute_assignments:
            if (
                context.function is function
                and target.attr.value in receiving
                and (param := _parameter_of(value, params)) is not None
                and param not in found
                and isinstance(target.value, cst.Name)
                and self.model._owner_class(target.value.value, scope) is klass
            ):
                found.append(param)
        return tuple(found)

    def _receiving_attributes(self) -> dict[int, set[str]]:
        """``{id(class scope): {"client"}}`` for every ``self.client.track(...)`` in a
        method of a class: the attributes SDK methods are called on."""
        if self._receiving is None:
            self._receiving = {}
            for site in self.model.call_sites:
                func = site.node.func
                if not (
                    isinstance(func, cst.Attribute)
                    and func.attr.value in sdk.ALL_METHOD_NAMES
                    and isinstance(func.value, cst.Attribute)
                    and isinstance(func.value.value, cst.Name)
                ):
                    continue
                klass = self.model._owner_class(func.value.value.value, site.scope)
                if klass is not None:
                    self._receiving.setdefault(id(klass), set()).add(func.value.attr.value)
        return self._receiving

    def _client_defaults(
        self, function: Function, defaults: tuple[str, ...]
    ) -> tuple[tuple[str, ClientKind], ...]:
        """Parameters whose default is a client (``cio=CustomerIO(...)``), with its kind."""
        if not defaults:
            return ()
        scope = as_scope(function.place).parent or self.model.root
        found: list[tuple[str, ClientKind]] = []
        for param in all_params(function_node(function).params):
            if param.name.value in defaults and param.default is not None:
                kind = self.model.client_kind(param.default, scope)
                if kind is not None:
                    found.append((param.name.value, kind))
        return tuple(found)

    def _span(self, node: cst.CSTNode) -> tuple[Position, Position]:
        start_line, start_column, end_line, end_column = self.model.span_of(node)
        return Position(start_line, start_column + 1), Position(end_line, end_column + 1)


def _key(function: Function | None) -> int:
    return id(function.node) if function is not None else 0


def _is_parameter(scope: Scope, name: str) -> bool:
    """A parameter never bound again in its function: its value is the caller's."""
    return len(scope.bindings.get(name, ())) == 1


def _parameter_of(value: cst.BaseExpression, params: list[str] | tuple[str, ...]) -> str | None:
    if type(value) is cst.Name and value.value in params:
        return value.value
    return None


def _passes_kwargs(node: object, kwargs: str) -> bool:
    return isinstance(node, cst.Call) and any(
        arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == kwargs
        for arg in node.args
    )


def _offloaded(function: Function) -> bool:
    """``@sync_to_async``: calling it gives a coroutine that runs the body in a thread."""
    return any(
        dotted_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
        .rsplit(".", 1)[-1] in OFFLOADING_DECORATORS
        for d in function_node(function).decorators
    )


def _paces(model: SemanticModel, site: CallSite) -> bool:
    name = model.qualname(site.node.func, site.scope, site.order) or dotted_name(site.node.func)
    return name.rsplit(".", 1)[-1] == "sleep" or names_rate_limiter(name)
