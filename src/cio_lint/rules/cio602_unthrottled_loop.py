"""CIO602 unthrottled-loop: one API request per loop iteration with nothing pacing it."""

from __future__ import annotations

from typing import Union, cast

import libcst as cst

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.python.time_values import number_value
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.rules.base import LintContext, Rule

#: Calls that send many operations at once, or none at all.
_NOT_PER_ITEM = frozenset({"batch", "close"})
#: Names of calls that pace a loop: ``time.sleep``, ``limiter.acquire()``, ``cio.batch``.
_PACING_WORDS = ("limiter", "throttle", "ratelimit", "rate_limit")
_Comprehension = Union[cst.ListComp, cst.GeneratorExp]
#: A loop over a literal of at most this many items is not a bulk job.
_SMALL_LOOP = 10


class UnthrottledLoop(Rule):
    code = "CIO602"
    name = "unthrottled-loop"
    severity = Severity.WARNING
    summary = "identify/track/send_* called once per loop iteration with no throttle or batch()."
    why = (
        "Each call is one HTTP request. A loop over all users (a backfill, a nightly sync, a "
        "bulk send) runs as fast as the network allows and passes Customer.io's fair-use "
        "limit of about 100 requests per second (transactional sends: 100/s, most App API "
        "endpoints 10/s). Customer.io answers 429, which the SDK does not retry without a "
        "Retry-After header and raises as `CustomerIOException`, so the job dies half done; "
        "sustained overload can get the integration blocked. Send Track operations in chunks "
        "through `batch()` (one request per up to 500 KB), or pace the loop with a rate "
        "limiter."
    )
    wrong_example = (
        "for user in User.objects.all():\n"
        "    cio.identify(id=user.id, email=user.email, plan=user.plan)\n"
    )
    correct_example = (
        "for chunk in chunked(User.objects.all(), 500):\n"
        "    cio.batch([\n"
        '        {"type": "person", "identifiers": {"id": user.id}, "action": "identify",\n'
        '         "attributes": {"email": user.email, "plan": user.plan}}\n'
        "        for user in chunk\n"
        "    ])\n"
    )
    correct_pattern = (
        "send the operations in chunks through `cio.batch([...])`, or pace the loop with a "
        "rate limiter (e.g. `time.sleep(0.01)` per iteration)"
    )

    def check(self, ctx: LintContext) -> None:
        paced: dict[int, bool] = {}
        for call in ctx.semantic.sdk_calls():
            if call.kind is ClientKind.PIPELINES or call.method in _NOT_PER_ITEM:
                continue  # Pipelines queues and batches by itself
            loops = call.context.loops
            bulk = [loop for loop in loops if not _is_small(ctx.semantic, loop)]
            if not bulk or any(_is_paced(ctx.semantic, loop, call, paced) for loop in loops):
                continue
            self._report(ctx, call, bulk[-1])

    def _report(self, ctx: LintContext, call: SdkCall, loop: cst.CSTNode) -> None:
        func = ctx.semantic.code(call.node.func)
        line = ctx.span(loop)[0].line
        if call.kind is ClientKind.TRACK:
            advice = "send the operations in chunks through `batch()` or add a rate limiter"
        else:
            advice = "pace the loop with a rate limiter"
        ctx.report(
            self,
            call.node,
            f"`{func}` sends one request per iteration of the {_describe(ctx, loop)} "
            f"(line {line}) with nothing pacing it: over many items this passes Customer.io's "
            f"limit of about 100 requests/s and the 429s abort the run; {advice}",
            correct=_batch_rewrite(ctx, call, loop) or _pattern(ctx, call),
            anchor=call.node,
            wrong=ctx.semantic.code(call.node).splitlines()[0],
        )


def _pattern(ctx: LintContext, call: SdkCall) -> str:
    """The advice for this client: Track calls can batch, App sends can only be paced."""
    if call.kind is ClientKind.TRACK and call.receiver is not None:
        receiver = ctx.semantic.code(call.receiver).strip()
        return (
            f"send the operations in chunks through `{receiver}.batch([...])`, or pace the "
            "loop with a rate limiter (e.g. `time.sleep(0.01)` per iteration)"
        )
    return (
        "pace the loop with a rate limiter under 100 sends/s (a token bucket, or "
        "`time.sleep(0.01)` per iteration)"
    )


def _loop_source(loop: cst.CSTNode) -> cst.BaseExpression | None:
    """What a ``for`` loop or comprehension iterates over."""
    if isinstance(loop, cst.For):
        return loop.iter
    if isinstance(loop, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
        return loop.for_in.iter
    return None


def _is_small(model: SemanticModel, loop: cst.CSTNode) -> bool:
    """``for event in ("a", "b")`` or ``range(3)``: a handful of calls, not a bulk job."""
    source = _loop_source(loop)
    if isinstance(source, (cst.List, cst.Tuple, cst.Set)):
        return not any(isinstance(e, cst.StarredElement) for e in source.elements) and len(
            source.elements
        ) <= _SMALL_LOOP
    if isinstance(source, cst.Call) and dotted_name(source.func) == "range" and source.args:
        bounds = [number_value(arg.value) for arg in source.args[:2]]
        low, high = (0.0, bounds[0]) if len(bounds) == 1 else (bounds[0], bounds[1])
        return low is not None and high is not None and high - low <= _SMALL_LOOP
    return False


def _is_paced(
    model: SemanticModel, loop: cst.CSTNode, call: SdkCall, memo: dict[int, bool]
) -> bool:
    """Is there a sleep, a rate limiter or a ``client.batch()`` call in the loop's body?"""
    key = id(loop)
    if key not in memo:
        body = loop.body if isinstance(loop, (cst.For, cst.While)) else loop
        finder = _PacingFinder()
        body.visit(finder)
        memo[key] = any(_paces(model, inner, call) for inner in finder.calls) or any(
            _is_limiter(dotted_name(item.item)) for item in finder.with_items
        )
    return memo[key]


def _paces(model: SemanticModel, inner: cst.Call, call: SdkCall) -> bool:
    name = model.qualname(inner.func, call.place) or dotted_name(inner.func)
    last = name.rsplit(".", 1)[-1]
    if last == "sleep" or (last == "batch" and isinstance(inner.func, cst.Attribute)):
        return True
    return _is_limiter(name)


def _is_limiter(name: str) -> bool:
    """``limiter``, ``self.rate_limiter``, ``throttle``: a name that holds a rate limiter."""
    lowered = name.lower()
    return any(word in lowered for word in _PACING_WORDS)


class _PacingFinder(cst.CSTVisitor):
    """The calls and ``with`` items of a loop body: where a sleep or a limiter would be."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[cst.Call] = []
        self.with_items: list[cst.WithItem] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        self.with_items.append(node)


def _describe(ctx: LintContext, loop: cst.CSTNode) -> str:
    if isinstance(loop, cst.For):
        target = ctx.semantic.code(loop.target).strip()
        source = ctx.semantic.code(loop.iter).strip()
        if len(source) > 40:
            source = source[:37] + "..."
        return f"`for {target} in {source}` loop"
    if isinstance(loop, cst.While):
        return "`while` loop"
    return "comprehension"


def _batch_rewrite(ctx: LintContext, call: SdkCall, loop: cst.CSTNode) -> str | None:
    """``cio.batch([{...} for user in users])`` for an identify/track loop, when derivable."""
    if call.kind is not ClientKind.TRACK or not _is_whole_body(loop, call.node):
        return None
    if call.receiver is None or call.bound.star_args or call.bound.star_kwargs:
        return None
    operation = _batch_operation(ctx, call)
    if operation is None:
        return None
    receiver = ctx.semantic.code(call.receiver).strip()
    header = loop if isinstance(loop, cst.For) else cast(_Comprehension, loop).for_in
    target = ctx.semantic.code(header.target).strip()
    source = ctx.semantic.code(header.iter).strip()
    return (
        f"{receiver}.batch([{operation} for {target} in {source}])"
        "  # in chunks of under 500 KB"
    )


def _is_whole_body(loop: cst.CSTNode, node: cst.Call) -> bool:
    """``for x in xs: cio.identify(...)``: the call is all the loop does."""
    if isinstance(loop, (cst.ListComp, cst.GeneratorExp)):
        header = loop.for_in
        return loop.elt is node and not header.ifs and header.inner_for_in is None
    if not isinstance(loop, cst.For) or loop.orelse is not None:
        return False
    body = loop.body
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return False
    line = statements[0].body
    return len(line) == 1 and isinstance(line[0], cst.Expr) and line[0].value is node


def _batch_operation(ctx: LintContext, call: SdkCall) -> str | None:
    """The Track v2 batch operation that does what ``call`` does."""
    code = ctx.semantic.code
    customer = call.customer_id
    if customer is None:
        return None
    identifiers = f'"identifiers": {{"id": {code(customer).strip()}}}'
    if call.method == "identify":
        attributes = ", ".join(
            f'"{key}": {code(arg.value).strip()}' for key, arg in call.bound.extra.items()
        )
        return (
            f'{{"type": "person", {identifiers}, "action": "identify", '
            f'"attributes": {{{attributes}}}}}'
        )
    if call.method == "track" and call.event_name is not None:
        parts = [
            '"type": "person"', identifiers, '"action": "event"',
            f'"name": {code(call.event_name).strip()}',
        ]
        data = call.value("data")
        if data is not None:
            parts.append(f'"attributes": {code(data).strip()}')
        timestamp = call.value("timestamp")
        if timestamp is not None:
            parts.append(f'"timestamp": {code(timestamp).strip()}')
        return "{" + ", ".join(parts) + "}"
    return None


RULE = UnthrottledLoop()
