"""CIO601 unhandled-api-error: a Customer.io failure that crashes a request or a task."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from cio_lint.analysis.python.execution import REQUEST_OR_TASK, EntryPoint, EntryPoints, Role
from cio_lint.analysis.python.scopes import Scope, as_scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import CallContext, SdkCall
from cio_lint.core.findings import Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import LintContext, Rule

_SDK_ERROR = "customerio.CustomerIOException"
_BUILTIN_CATCH_ALL = frozenset({"Exception", "BaseException"})
#: Methods that never reach the network.
_LOCAL_METHODS = frozenset({"close"})
_CONSEQUENCE = {
    Role.VIEW: "turns the user's request into a 500",
    Role.ROUTE: "turns the user's request into a 500",
    Role.TASK: "fails the task",
    Role.SERVERLESS: "fails the invocation",
}


class UnhandledApiError(Rule):
    code = "CIO601"
    name = "unhandled-api-error"
    severity = Severity.WARNING
    summary = (
        "A Track/App call in a view, route, task or cloud function that nothing catches "
        "CustomerIOException around."
    )
    why = (
        "Every Track and App API call raises `CustomerIOException` on a non-2xx answer, on a "
        "validation error and after its retries on a timeout or connection error. Unhandled "
        "in a request handler, a Customer.io outage or a 4xx for one bad attribute becomes a "
        "500 for your user, often after the request already did its real work (the sign-up "
        "succeeded, the page says it failed); in a task it fails the job. Catch it, log it "
        "without the message text (it contains the payload) and carry on or retry later."
    )
    wrong_example = (
        "def signup(request):\n"
        "    user = create_user(request.POST)\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        '    return redirect("welcome")\n'
    )
    correct_example = (
        "from customerio import CustomerIOException\n\n"
        "def signup(request):\n"
        "    user = create_user(request.POST)\n"
        "    try:\n"
        "        cio.identify(id=user.id, email=user.email)\n"
        "    except CustomerIOException:\n"
        '        logger.warning("Customer.io identify failed for user %s", user.id)\n'
        '    return redirect("welcome")\n'
    )
    correct_pattern = (
        "wrap the call in `try: ... except CustomerIOException: logger.warning(...)`"
    )

    def check(self, ctx: LintContext) -> None:
        model = ctx.semantic
        entries = EntryPoints(model)
        for call in model.sdk_calls():
            if call.kind is ClientKind.PIPELINES or call.method in _LOCAL_METHODS:
                continue  # Pipelines reports errors to on_error and never raises
            entry = entries.enclosing(call.context.function)
            if entry is None or entry.role not in REQUEST_OR_TASK:
                continue
            if _retried_by_task_queue(model, entry):
                continue
            if is_handled(model, call.context, call.place):
                continue
            self._report(ctx, call, entry)

    def _report(self, ctx: LintContext, call: SdkCall, entry: EntryPoint) -> None:
        source = ctx.semantic.code(call.node)
        func = ctx.semantic.code(call.node.func)
        body = "\n    ".join(source.splitlines())
        ctx.report(
            self,
            call.node,
            f"`{func}` in {entry.description} is not inside a `try` that catches "
            "`CustomerIOException`: a Customer.io outage, timeout or 4xx raises out of it and "
            f"{_CONSEQUENCE[entry.role]}",
            correct=(
                f"try:\n    {body}\nexcept CustomerIOException:\n"
                f'    logger.warning("Customer.io {call.method} failed")'
            ),
            anchor=call.node,
            wrong=source.splitlines()[0],
        )


def is_handled(
    model: SemanticModel, context: CallContext, scope: Scope, path: tuple[int, ...] = ()
) -> bool:
    """Is a ``CustomerIOException`` raised here caught, here or by every same-module caller?"""
    if any(_try_catches(model, block, scope) for block in context.try_blocks):
        return True
    if any(_with_suppresses(model, block, scope) for block in context.withs):
        return True
    function = context.function
    if function is None or id(function.node) in path or len(path) > 6:
        return False
    callers = model.callers(function)
    inner = (*path, id(function.node))
    return bool(callers) and all(
        is_handled(model, site.context, site.scope, inner) for site in callers
    )


def _try_catches(model: SemanticModel, block: cst.Try | cst.TryStar, scope: Scope) -> bool:
    handlers: Sequence[cst.ExceptHandler | cst.ExceptStarHandler] = block.handlers
    return any(catches(model, handler.type, scope) for handler in handlers)


def _with_suppresses(model: SemanticModel, block: cst.With, scope: Scope) -> bool:
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


def _retried_by_task_queue(model: SemanticModel, entry: EntryPoint) -> bool:
    """``@shared_task(autoretry_for=(CustomerIOException,))``: the queue handles it."""
    if entry.role is not Role.TASK or entry.decorator is None:
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


RULE = UnhandledApiError()
