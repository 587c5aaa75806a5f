"""The Pipelines queue: where it is made synchronous, flushed at exit, and who may flush it.

``customerio.analytics`` queues each call for a background thread; a process that
ends first loses the queue unless something flushes it or ``sync_mode`` is on.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.execution import SyncModeSetting
from cio_lint.analysis.python.execution import reachable
from cio_lint.analysis.python.scopes import Scope, as_scope, function_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.core.client_kinds import ClientKind

#: Pipelines calls that send what is queued before returning.
FLUSH_METHODS = frozenset({"flush", "shutdown"})
_MODULE_API = "customerio.analytics"
_FALSY = frozenset({"False", "None", "0"})


def sync_mode_settings(model: SemanticModel) -> list[SyncModeSetting]:
    """``analytics.sync_mode = True`` and ``Client(..., sync_mode=True)``: each call sends."""
    found: list[SyncModeSetting] = []
    for target, value, scope, order, _ in model.attribute_assignments:
        if target.attr.value != "sync_mode" or _is_falsy(value):
            continue
        if model.client_kind(target.value, scope, order) is ClientKind.PIPELINES:
            found.append(SyncModeSetting(target, is_module_api(model, target.value, scope)))
    for construction in model.constructions():
        setting = construction.value("sync_mode")
        if (
            construction.kind is ClientKind.PIPELINES
            and isinstance(setting, cst.BaseExpression)
            and not _is_falsy(setting)
        ):
            found.append(SyncModeSetting(construction.node, default_client=False))
    return found


def _is_falsy(value: cst.BaseExpression) -> bool:
    return (isinstance(value, cst.Name) and value.value in _FALSY) or (
        isinstance(value, cst.Integer) and value.value == "0"
    )


def is_module_api(model: SemanticModel, receiver: object, scope: Scope) -> bool:
    """Is the receiver the ``customerio.analytics`` module (its default client)?"""
    return isinstance(receiver, cst.BaseExpression) and (
        model.qualname(receiver, scope) == _MODULE_API
    )


def flushes_at_exit(model: SemanticModel) -> bool:
    """``atexit.register(analytics.flush)``, or an ``@atexit.register`` function that flushes."""
    for site in model.call_sites:
        if model.qualname(site.node.func, site.scope, site.order) != "atexit.register":
            continue
        if not site.node.args:
            continue
        target = site.node.args[0].value
        if (
            isinstance(target, cst.Attribute)
            and target.attr.value in FLUSH_METHODS
            and model.client_kind(target.value, site.scope, site.order) is ClientKind.PIPELINES
        ):
            return True
    flushing = {
        id(c.context.function.node) for c in model.sdk_calls()
        if c.kind is ClientKind.PIPELINES and c.method in FLUSH_METHODS and c.context.function
    }
    for function in model.functions:
        registered = any(
            model.qualname(d.decorator, as_scope(function.place).parent or model.root)
            == "atexit.register"
            for d in function_node(function).decorators
        )
        if registered and (
            id(function.node) in flushing
            or any(id(f.node) in flushing for f in reachable(model, function))
        ):
            return True
    return False


def called_names(model: SemanticModel) -> dict[int, frozenset[str]]:
    """Qualified names of the non-SDK functions each function calls directly, keyed by
    the id of the function's node (0: module-level code)."""
    names: dict[int, set[str]] = {}
    for site in model.call_sites:
        qual = model.qualname(site.node.func, site.scope, site.order)
        if qual and not qual.startswith("customerio") and dotted_name(site.node.func):
            caller = site.context.function
            names.setdefault(id(caller.node) if caller is not None else 0, set()).add(qual)
    return {key: frozenset(found) for key, found in names.items()}
