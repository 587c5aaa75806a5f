"""Whether a Node client construction runs once or on every call (CIO106).

Only the CDP ``Analytics`` client costs something per instance (its own queue and flush
timer): ``TrackClient``/``APIClient``/``PipelinesClient`` hold no connection pool, so
building them per call is harmless and never reported. An ``Analytics`` built in a
function body is per call unless the function runs once or keeps the client: a class
constructor, an entry point (``main``), an immediately invoked function, a lazy
singleton (``client ??= new Analytics()``, ``if (!client) client = ...``), a memoised
factory, a factory only the module level calls, a function that also awaits the
client's ``closeAndFlush()`` (the serverless pattern: built, used and flushed per
invocation), callbacks given to set-up calls (``fp(plugin)``, ``memoize(...)``), and test code.
"""

from __future__ import annotations

import re

from tree_sitter import Node as TsNode

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import Function, SdkCall
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import CDP_PACKAGE

#: Functions that run once per process or per object.
_ONCE = re.compile(r"^(main|constructor|bootstrap|start|init\w*|setup\w*|configure\w*|"
                   r"register\w*|boot\w*|before(All|Each)?|after(All|Each)?|plugin|"
                   r"useFactory|factory)$", re.I)
#: Calls whose callback runs per request, message or item (``app.post(path, handler)``);
#: a callback given to any other call (``fp(plugin)``, ``container.register(...)``) is
#: taken to run once, as set-up code.
_PER_CALL_CALLBACKS = frozenset(
    {"get", "post", "put", "patch", "delete", "del", "all", "use", "route", "handle",
     "on", "once", "addListener", "subscribe", "process", "consume", "handler", "map",
     "forEach", "then", "schedule", "createHandler", "middleware", "withAuth", "task"}
)
_TEST_FILE = re.compile(r"(\.|_)(test|spec)$|(^|\.)(tests?|__tests__)(\.|$)")
_LAZY_OPERATORS = frozenset({"??=", "||="})


class ConstructionAnalysis:
    """Judges the ``Analytics`` constructions of one module."""

    def __init__(self, semantic: JsSemantic) -> None:
        self.semantic = semantic
        self._functions = {id(f.node): f for f in semantic.collected.functions}
        self._test = bool(_TEST_FILE.search(semantic.module_name))

    def per_call(self, call: SdkCall) -> PerCallConstruction | None:
        function = call.context.function
        node = call.node
        if (function is None or self._test or call.kind is not ClientKind.PIPELINES
                or not isinstance(node, TsNode) or not self._is_cdp(node, call)):
            return None
        if self._runs_once(function) or self._kept(node) or self._flushed(function):
            return None
        fn_node = function.node
        assert isinstance(fn_node, TsNode)
        if self._returned(node, fn_node):
            return self._factory_callers(function)
        return PerCallConstruction(function)

    def _is_cdp(self, node: TsNode, call: SdkCall) -> bool:
        constructor = node.child_by_field_name("constructor")
        assert isinstance(call.place, Scope)
        qualified = self.semantic.qualified(constructor, call.place, call.order) or ""
        return qualified.startswith(CDP_PACKAGE)

    def _runs_once(self, function: Function) -> bool:
        """The function itself runs once; a callback inside it (a route it registers)
        is judged on its own."""
        node = function.node
        assert isinstance(node, TsNode)
        return bool(_ONCE.match(function.name or "")) or _invoked_at_once(node) or (
            _set_up_callback(node)
        )

    def _kept(self, node: TsNode) -> bool:
        """The construction is stored where it outlives the call, behind a guard: a lazy
        singleton (``x ??= new Analytics()``, ``if (!x) x = new Analytics()``)."""
        parent = node.parent
        while parent is not None and parent.type in ("parenthesized_expression",
                                                     "as_expression", "non_null_expression"):
            parent = parent.parent
        if parent is None:
            return False
        if parent.type == "augmented_assignment_expression":
            return syntax.operator(parent) in _LAZY_OPERATORS
        if parent.type != "assignment_expression":
            return False
        target = parent.child_by_field_name("left")
        if target is None:
            return False
        written = syntax.text(target)
        ancestor = parent.parent
        while ancestor is not None and ancestor.type not in syntax.FUNCTION_TYPES:
            if ancestor.type in ("if_statement", "binary_expression", "ternary_expression"):
                condition = (ancestor.child_by_field_name("condition")
                             or ancestor.child_by_field_name("left"))
                if condition is not None and written in syntax.text(condition):
                    return True
            ancestor = ancestor.parent
        return False

    def _flushed(self, function: Function) -> bool:
        """The function flushes a client itself: built, used and closed per invocation."""
        node = function.node
        assert isinstance(node, TsNode)
        return any(
            child.type == "member_expression" and syntax.text(child).endswith(".closeAndFlush")
            for child in syntax.walk(node)
        )

    def _returned(self, node: TsNode, function: TsNode) -> bool:
        """The function hands the new client to its caller: a factory."""
        body = function.child_by_field_name("body")
        if body is not None and body.type != "statement_block":
            return syntax.unwrap(body) == node
        parent = node.parent
        while parent is not None and parent != function:
            if parent.type == "return_statement":
                return True
            if parent.type == "variable_declarator":
                name = syntax.identifier_name(parent.child_by_field_name("name"))
                return name is not None and any(
                    ret.type == "return_statement" and ret.named_children
                    and syntax.text(ret.named_children[0]) == name
                    for ret in syntax.walk(function)
                )
            parent = parent.parent
        return False

    def _factory_callers(self, factory: Function) -> PerCallConstruction | None:
        """A factory is per call when a function of this module calls it."""
        for site in self.semantic.collected.calls:
            callee = syntax.unwrap(site.node.child_by_field_name("function"))
            if callee is None or syntax.text(callee) != factory.name:
                continue
            caller = site.context.function
            if caller is not None and caller is not factory and not self._runs_once(caller) and (
                not self._flushed(caller)
            ):
                return PerCallConstruction(factory, factory=factory, caller=caller,
                                           caller_node=site.node)
        return None


def _invoked_at_once(function: TsNode) -> bool:
    """``(async () => { ... })()``: an immediately invoked function runs once."""
    parent = function.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "call_expression":
        return False
    callee = parent.child_by_field_name("function")
    return callee is not None and (
        callee.start_byte <= function.start_byte and function.end_byte <= callee.end_byte
    )


def _set_up_callback(function: TsNode) -> bool:
    """A callback given to a call that is not a route, listener or loop: ``memoize(...)``,
    ``cache(...)``, ``fp(plugin)``, ``container.register(...)`` run it once."""
    parent = function.parent
    if parent is None or parent.type != "arguments" or parent.parent is None:
        return False
    callee = parent.parent.child_by_field_name("function")
    name = syntax.text(callee).rsplit(".", 1)[-1] if callee is not None else ""
    return name not in _PER_CALL_CALLBACKS


def build_once_text(call: SdkCall) -> str:
    return (
        "create the Analytics client once at module level and reuse it (call "
        "`closeAndFlush()` on shutdown), or await `analytics.closeAndFlush()` before "
        "this function returns"
    )
