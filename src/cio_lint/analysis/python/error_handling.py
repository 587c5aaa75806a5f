"""Is an SDK error caught? ``try``/``except``, ``contextlib.suppress`` and task retries.

Every Track and App call raises ``customerio.CustomerIOException``; these readings
decide whether something around the call (or around each same-module caller) takes it.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from cio_lint.analysis.execution import EntryPoint, EntryRole
from cio_lint.analysis.python.scopes import Scope, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import CallContext
from cio_lint.core.lines import lines_without_ends

_SDK_ERROR = "customerio.CustomerIOException"
_BUILTIN_CATCH_ALL = frozenset({"Exception", "BaseException"})
#: How far up the same-module call chain a handler is looked for.
_MAX_CALLER_DEPTH = 6


def is_handled(
    model: SemanticModel, context: CallContext, scope: Scope, path: tuple[int, ...] = ()
) -> bool:
    """Is a ``CustomerIOException`` raised here caught, here or by every same-module caller?"""
    if handled_here(model, context, scope):
        return True
    function = context.function
    if function is None or id(function.node) in path or len(path) > _MAX_CALLER_DEPTH:
        return False
    callers = model.callers(function)
    inner = (*path, id(function.node))
    return bool(callers) and all(
        is_handled(model, site.context, site.scope, inner) for site in callers
    )


def handled_here(model: SemanticModel, context: CallContext, scope: Scope) -> bool:
    """Does a ``try``/``suppress`` inside the function itself take the SDK's errors?"""
    return any(_try_catches(model, block, scope) for block in context.try_blocks) or any(
        _with_suppresses(model, block, scope) for block in context.withs
    )


def _try_catches(model: SemanticModel, block: object, scope: Scope) -> bool:
    if not isinstance(block, (cst.Try, cst.TryStar)):
        return False
    handlers: Sequence[cst.ExceptHandler | cst.ExceptStarHandler] = block.handlers
    return any(catches(model, handler.type, scope) for handler in handlers)


def _with_suppresses(model: SemanticModel, block: object, scope: Scope) -> bool:
    if not isinstance(block, cst.With):
        return False
    for item in block.items:
        value = item.item
        if (
            isinstance(value, cst.Call)
            and model.qualname(value.func, scope) == "contextlib.suppress"
            and any(catches(model, arg.value, scope) for arg in value.args)
        ):
            return True
    return False


def catches(model: SemanticModel, kind: cst.BaseExpression | None, scope: Scope) -> bool:
    """Does an ``except`` clause for ``kind`` (None: bare) catch ``CustomerIOException``?"""
    if kind is None:
        return True
    kind = model.origin(kind, scope)
    if isinstance(kind, (cst.Tuple, cst.List)):
        return any(catches(model, element.value, scope) for element in kind.elements)
    if isinstance(kind, cst.Name) and kind.value in _BUILTIN_CATCH_ALL:
        return not model.lookup(kind.value, scope)
    return model.qualname(kind, scope) == _SDK_ERROR


def retried_by_task_queue(model: SemanticModel, entry: EntryPoint) -> bool:
    """``@shared_task(autoretry_for=(CustomerIOException,))``: the queue handles it."""
    if entry.role is not EntryRole.TASK or not isinstance(entry.decorator, cst.Decorator):
        return False
    decorator = entry.decorator.decorator
    if not isinstance(decorator, cst.Call):
        return False
    scope = as_scope(entry.function.place).parent or model.root
    return any(
        arg.keyword is not None
        and arg.keyword.value == "autoretry_for"
        and catches(model, arg.value, scope)
        for arg in decorator.args
    )


def handled_rewrite(source: str, method: str) -> str:
    """``source`` (a call's text) inside ``try`` with a logging ``except CustomerIOException``."""
    body = "\n    ".join(lines_without_ends(source))
    return (
        f"try:\n    {body}\nexcept CustomerIOException:\n"
        f'    logger.warning("Customer.io {method} failed")'
    )
