"""Which project function (or class) a call calls, by the name other modules know it by.

Summaries record calls of project functions by qualified name (``app.events.record``,
``app.tracking.Tracker.send``); the project phase matches those names to the summaries
other modules export. Calls into the SDK or the standard library are never project calls.
"""

from __future__ import annotations

import sys

import libcst as cst

from cio_lint.analysis.python.scopes import CallSite, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import ExternalClient, Function
from cio_lint.core import sdk

#: Top-level modules of the standard library (never a project's wrappers).
_STANDARD_LIBRARY: frozenset[str] = frozenset(
    getattr(sys, "stdlib_module_names", ())
) | frozenset({"builtins", "__future__"})


def function_key(model: SemanticModel, function: Function) -> str | None:
    """``func`` or ``Class.method``: the name other modules call it by (None: nested)."""
    scope = as_scope(function.place)
    parent = scope.parent
    if parent is model.root:
        return function.name
    if parent is not None and parent.kind == "class" and parent.parent is model.root:
        return f"{parent.class_name}.{function.name}"
    return None


def qualify(model: SemanticModel, name: str) -> str:
    """``name`` of this module as other modules import it."""
    return f"{model.module_name}.{name}" if model.module_name else name


def _project_name(qualname: str) -> str:
    """``qualname`` when it may name a project function: not the SDK's, not the
    standard library's (``json.dumps`` is never a wrapper)."""
    top = qualname.split(".", 1)[0]
    if top in sdk.SDK_PACKAGES or top in _STANDARD_LIBRARY:
        return ""
    return qualname


class CallTargets:
    """Resolves call sites of one module to qualified project names."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model

    def of(self, site: CallSite, through_instances: bool = True) -> str:
        """The qualified name of the project function (or class) a call calls, or "".

        ``through_instances``: follow ``tracker.send()`` to the call that made
        ``tracker`` (one step, never again from there: ``node = node.parent()`` in a
        loop would otherwise follow itself)."""
        model = self.model
        func = site.node.func
        if type(func) is cst.Name:
            bindings = model.lookup(func.value, site.scope, site.order)
            if not bindings:
                return ""
            binding = bindings[0]
            if binding.qualname is not None:
                return _project_name(binding.qualname)
            defined_here = any(b is binding for b in model.root.bindings.get(func.value, ()))
            if defined_here and (binding.function is not None or func.value in model.classes):
                return qualify(model, func.value)
            return ""
        if isinstance(func, cst.Attribute):
            function = model.resolve_function(func, site.scope, site.order)
            if function is not None:
                key = function_key(model, function)
                return qualify(model, key) if key else ""
            qual = model.qualname(func, site.scope, site.order)
            instance = model.qualname(func.value, site.scope, site.order) if qual else ""
            external = model.external.get(instance) if instance else None
            if isinstance(external, ExternalClient) and external.instance_of:
                # ``tracker.send_signup()`` on a client another module made of its class
                return f"{external.instance_of}.{func.attr.value}"
            if qual:
                return _project_name(qual)
            return self._method_of_instance(func, site) if through_instances else ""
        return ""

    def _method_of_instance(self, func: cst.Attribute, site: CallSite) -> str:
        """``tracker.send()`` where ``tracker = Tracker(...)`` (a project class) earlier,
        or ``Tracker(...).send()`` itself."""
        value = self.model.origin(func.value, site.scope, site.order)
        if isinstance(value, cst.Call) and (
            value is not func.value or self._makes_instance(value, site)
        ):
            inner = CallSite(value, site.scope, site.order, site.context)
            owner = self.of(inner, through_instances=False)
            if owner:
                return f"{owner}.{func.attr.value}"
        return ""

    def _makes_instance(self, call: cst.Call, site: CallSite) -> bool:
        """Does ``call`` call a class of this module, or a client class of another?"""
        model = self.model
        if model.class_named(call.func, site.scope, site.order) is not None:
            return True
        qual = model.qualname(call.func, site.scope, site.order)
        return isinstance(model.external.get(qual) if qual else None, ExternalClient)
