"""Function summaries of one JavaScript/TypeScript module, for the whole-program analysis.

Summarised are the functions other modules can call by name: function declarations and
arrow functions held by a module-level ``const``, methods of module-level classes and of
module-level object literals (``export const cioService = { async track(...) {} }``),
and what ``export default`` or ``module.exports`` holds. Each summary says which SDK
calls the function makes and which of its parameters reach which SDK parameter (the
neutral ``FunctionSummary`` the Python frontend fills too), so the project phase closes
them over the call graph exactly as it does for Python.

JavaScript has no keywords: a parameter destructured in place (``({ id, email })``) is
named ``#0`` (its position), and a key read from it ``#0.email``; an object parameter
spread into the SDK call's options (``{ ...attrs }``) reaches the SDK as ``**``.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.execution import names_rate_limiter
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.call_targets import CallTargets
from cio_lint.analysis.javascript.calls import SdkCalls
from cio_lint.analysis.javascript.collection import CallSite
from cio_lint.analysis.javascript.scopes import BindingKind, Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import CallContext, ExternalClient, Function, Link, SdkCall
from cio_lint.analysis.summaries import (
    MODULE_CODE,
    Argument,
    ClientParameter,
    FunctionSummary,
    Operation,
    ProjectCall,
)
from cio_lint.core.sdk_node import NODE_METHODS

#: What an SDK parameter is called when a parameter's entries are spread into the options.
SPREAD = "**"
#: Callees that wait: a loop calling a function that calls one is paced.
_WAITING = frozenset({"sleep", "setTimeout", "delay", "wait", "setTimeoutPromise"})
_PROMISE_HANDLERS = frozenset({"then", "catch", "finally"})


#: Node SDK method names no other library's object is likely to have: a function calling
#: one on a parameter may be handed a client (``notify(client, id)``).
_DISTINCTIVE_METHODS = frozenset(
    name for calls in NODE_METHODS.values() for name in calls
) - frozenset({"alias", "batch", "destroy", "group", "page", "screen", "closeAndFlush"})


def worth_summarising(semantic: JsSemantic, found: SdkCalls) -> bool:
    """Can a function of this module reach Customer.io? Only if it calls the SDK, builds
    a client, was told of clients or wrappers other modules export, or calls an SDK
    method name on a parameter."""
    if found.methods or found.constructions or found.requests:
        return True
    if any(isinstance(k, (FunctionSummary, ExternalClient, ClientParameter))
           for k in semantic.external.values()):
        return True
    return any(_receiver(site) is not None for site in semantic.collected.calls)


def _receiver(site: CallSite) -> str | None:
    """``client.track(...)`` on a parameter of the function the call is in: its name."""
    callee = syntax.unwrap(site.node.child_by_field_name("function"))
    parts = syntax.member_parts(callee) if callee is not None and (
        callee.type == "member_expression") else None
    if parts is None or parts[1] not in _DISTINCTIVE_METHODS:
        return None
    holder = syntax.unwrap(parts[0])
    if holder is None or holder.type != "identifier":
        return None
    name = syntax.text(holder)
    bindings = site.scope.bindings.get(name, ())
    return name if bindings and bindings[0].kind is BindingKind.PARAMETER else None


def parameters(node: TsNode) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """The parameters in order (``#N`` for one destructured), those with a default, and
    each name destructured from a parameter with the key it reads (``email``: ``#0.email``).
    A rest parameter ends the list: where later arguments go is unknown."""
    names: list[str] = []
    defaults: list[str] = []
    keys: dict[str, str] = {}
    listed = node.child_by_field_name("parameters")
    single = node.child_by_field_name("parameter")
    items = [single] if single is not None else (listed.named_children if listed else [])
    for item in items:
        if item.type == "comment":
            continue
        pattern, default = item, None
        if item.type in ("required_parameter", "optional_parameter"):
            pattern = item.child_by_field_name("pattern") or item
            default = item.child_by_field_name("value")
        if pattern.type == "assignment_pattern":
            default = pattern.child_by_field_name("right")
            pattern = pattern.child_by_field_name("left") or pattern
        if pattern.type == "rest_pattern" or syntax.text(pattern) == "this":
            break
        name = syntax.identifier_name(pattern) or f"#{len(names)}"
        if pattern.type == "object_pattern":
            keys.update((local, f"{name}.{key}") for local, key in _destructured(pattern))
        names.append(name)
        if default is not None and syntax.text(default) not in ("undefined", "null"):
            defaults.append(name)
    return tuple(names), tuple(defaults), keys


def _destructured(pattern: TsNode) -> list[tuple[str, str]]:
    """``{ id, email: address }``: ``[("id", "id"), ("address", "email")]`` (one level)."""
    found = []
    for entry in pattern.named_children:
        if entry.type == "shorthand_property_identifier_pattern":
            found.append((syntax.text(entry), syntax.text(entry)))
        elif entry.type == "object_assignment_pattern":
            left = entry.child_by_field_name("left")
            if left is not None:
                found.append((syntax.text(left), syntax.text(left)))
        elif entry.type == "pair_pattern":
            key = syntax.property_key(entry)
            local = syntax.identifier_name(entry.child_by_field_name("value"))
            if key is not None and local is not None:
                found.append((local, key))
    return found


def handled(node: TsNode, context: CallContext) -> bool:
    """Are the errors of the call ``node`` handled where it is made: in a ``try`` with a
    ``catch``, or by ``.catch(...)`` (or ``.then(ok, failed)``) on its promise?"""
    if context.try_blocks:
        return True
    current = node
    parent = current.parent
    while parent is not None:
        if parent.type in ("await_expression", "parenthesized_expression"):
            current, parent = parent, parent.parent
            continue
        parts = syntax.member_parts(parent) if parent.type == "member_expression" else None
        call = parent.parent
        if parts is None or parts[1] not in _PROMISE_HANDLERS or call is None or (
            call.type != "call_expression"
        ):
            return False
        if parts[1] == "catch" or (parts[1] == "then" and len(syntax.arguments(call)) > 1):
            return True
        current, parent = call, call.parent
    return False


class JsSummariser:
    """Builds the raw summaries of one module's functions."""

    def __init__(self, semantic: JsSemantic, found: SdkCalls) -> None:
        self.semantic = semantic
        self.found = found
        self._sdk_nodes = {call.node.id for call in  # type: ignore[attr-defined]
                           (*found.methods, *found.constructions, *found.requests)}
        self.targets = CallTargets(semantic)

    def is_sdk_call(self, site: CallSite) -> bool:
        return site.node.id in self._sdk_nodes

    def summaries(self) -> dict[str, FunctionSummary]:
        """Every named function that does something for Customer.io or calls another
        function of the project, by ``function_key``."""
        by_function: dict[int, list[CallSite]] = {}
        for site in self.semantic.collected.calls:
            owner = site.context.function
            by_function.setdefault(id(owner.node) if owner else 0, []).append(site)
        calls_of: dict[int, list[SdkCall]] = {}
        for call in self.found.methods:
            owner = call.context.function
            calls_of.setdefault(id(owner.node) if owner else 0, []).append(call)
        builds = {id(c.context.function.node) for c in self.found.constructions
                  if c.context.function is not None}
        result: dict[str, FunctionSummary] = {}
        for function in self.semantic.collected.functions:
            key = self.targets.key_of(function.node)  # type: ignore[arg-type]
            if key is None:
                continue
            summary = self._summary(function, calls_of.get(id(function.node), []),
                                    by_function.get(id(function.node), []),
                                    id(function.node) in builds)
            if summary.relevant or summary.calls or summary.receivers:
                result.setdefault(key, summary)
        module_calls = self._project_calls(by_function.get(0, []), (), {}, None)
        if module_calls:
            result[MODULE_CODE] = FunctionSummary(calls=module_calls)
        return result

    def _summary(self, function: Function, sdk_calls: list[SdkCall], sites: list[CallSite],
                 builds: bool) -> FunctionSummary:
        node: TsNode = function.node  # type: ignore[assignment]
        params, defaults, keys = parameters(node)
        scope: Scope = function.place  # type: ignore[assignment]
        given = tuple(p for p in params if p.startswith("#") or _unchanged(scope, p))
        keys = {local: key for local, key in keys.items() if _unchanged(scope, local)}
        return FunctionSummary(
            params=params,
            defaults=defaults,
            is_async=True,  # every call of the Node SDK returns a promise its caller awaits
            paces=any(self._waits(site) for site in sites),
            builds_client=builds,
            operations=tuple(self._operation(call, given, keys) for call in sdk_calls),
            calls=self._project_calls(sites, given, keys, function),
            receivers=tuple(dict.fromkeys(
                name for site in sites if (name := _receiver(site)) in given
            )),
        )

    def _operation(self, call: SdkCall, params: tuple[str, ...],
                   keys: dict[str, str]) -> Operation:
        mapped = [
            (name, parameter)
            for name, argument in (*call.bound.args.items(), *call.bound.extra.items())
            if (parameter := _parameter_of(argument.value, params, keys)) is not None  # type: ignore[arg-type]
        ]
        literal = self.found.objects.get(call.node.id)  # type: ignore[attr-defined]
        for entry in literal.named_children if literal is not None else ():
            if entry.type == "spread_element" and entry.named_children:
                spread = _parameter_of(entry.named_children[0], params, keys)
                if spread is not None:
                    mapped.append((SPREAD, spread))
        node: TsNode = call.node  # type: ignore[assignment]
        function = node.child_by_field_name("function") or node
        start, end = self.semantic.parsed.span(node)
        return Operation(
            call.kind, call.method, tuple(mapped), False,
            escapes=not handled(node, call.context),
            chain=(Link(self.semantic.parsed.text(function), "", start, end),),
        )

    def _project_calls(
        self, sites: list[CallSite], params: tuple[str, ...], keys: dict[str, str],
        function: Function | None,
    ) -> tuple[ProjectCall, ...]:
        calls: list[ProjectCall] = []
        for site in sites:
            if site.node.type != "call_expression" or self.is_sdk_call(site):
                continue
            target = self.targets.target(site)
            if not target:
                continue
            positional: list[Argument] = []
            entries: list[tuple[str, Argument]] = []
            star = False
            for index, value in enumerate(syntax.arguments(site.node)):
                if value.type == "spread_element":
                    star = True
                    break
                positional.append(Argument(
                    _parameter_of(value, params, keys),
                    self.semantic.client_kind(value, site.scope, site.node.start_byte),
                ))
                entries.extend(_entries(index, value, params, keys))
            start, end = self.semantic.parsed.span(site.node)
            callee = site.node.child_by_field_name("function") or site.node
            link = Link(f"{self.semantic.parsed.text(callee)}()", "", start, end)
            calls.append(ProjectCall(target, link, tuple(positional), tuple(entries),
                                     star=star, caught=handled(site.node, site.context)))
        return tuple(calls)

    def _waits(self, site: CallSite) -> bool:
        callee = site.node.child_by_field_name("function") or site.node
        name = syntax.dotted(callee) or ""
        return name.rsplit(".", 1)[-1] in _WAITING or names_rate_limiter(name)

def _entries(index: int, value: TsNode, params: tuple[str, ...],
             keys: dict[str, str]) -> list[tuple[str, Argument]]:
    """An object literal passed to a function that destructures it (``identifyUser({ id,
    plan })``): each key the caller fills with a parameter of its own, as the keyword
    ``#N.key`` (what the callee names the key it reads)."""
    literal = syntax.unwrap(value)
    if literal is None or literal.type != "object":
        return []
    found = []
    for entry in literal.named_children:
        key = syntax.property_key(entry) if entry.type != "spread_element" else None
        given = _parameter_of(entry.child_by_field_name("value") or entry, params, keys)
        if key is not None and given is not None:
            found.append((f"#{index}.{key}", Argument(given)))
    return found


def _unchanged(scope: Scope, name: str) -> bool:
    """A parameter never bound again in its function: its value is the caller's."""
    found = scope.bindings.get(name, ())
    return len(found) == 1 and (found[0].kind is BindingKind.PARAMETER or (
        found[0].kind is BindingKind.DESTRUCTURED and found[0].source is None
    ))


def _parameter_of(value: TsNode, params: tuple[str, ...], keys: dict[str, str]) -> str | None:
    value = syntax.unwrap(value) or value
    if value.type not in ("identifier", "shorthand_property_identifier"):
        return None
    name = syntax.text(value)
    if name in params:
        return name
    return keys.get(name)
