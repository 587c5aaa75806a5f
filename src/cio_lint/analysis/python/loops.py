"""Loops around SDK calls: how big they are, what paces them, and their ``batch()`` form.

One request per iteration is fine for three items and a rate-limit failure for a
table of users; a ``time.sleep``, a rate limiter or ``client.batch()`` in the
body makes the difference.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.execution import SMALL_LOOP, Loop, LoopKind, names_rate_limiter
from cio_lint.analysis.python.scopes import scope_of, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.python.time_values import number_value
from cio_lint.analysis.python.walk import find
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.core.client_kinds import ClientKind

#: Longest iterable text quoted in a loop's description.
_SOURCE_WIDTH = 40


def describe_loop(model: SemanticModel, loop: cst.CSTNode) -> Loop:
    """The neutral description of a ``for``/``while`` loop or a comprehension."""
    if isinstance(loop, cst.For):
        target = model.code(loop.target).strip()
        source = _clip(model.code(loop.iter).strip())
        return Loop(loop, LoopKind.FOR, f"`for {target} in {source}` loop", is_small(loop))
    if isinstance(loop, cst.While):
        return Loop(loop, LoopKind.WHILE, "`while` loop", is_small(loop))
    if isinstance(loop, cst.Call):
        items = _loop_source(loop)
        over = f" over `{_clip(model.code(items).strip())}`" if items is not None else ""
        return Loop(loop, LoopKind.MAP, f"`{model.code(loop.func)}`{over}", is_small(loop))
    return Loop(loop, LoopKind.COMPREHENSION, "comprehension", is_small(loop))


def _clip(source: str) -> str:
    return source if len(source) <= _SOURCE_WIDTH else source[: _SOURCE_WIDTH - 3] + "..."


def _loop_source(loop: cst.CSTNode) -> cst.BaseExpression | None:
    """What a ``for`` loop, comprehension or ``pool.map(function, items)`` iterates over."""
    if isinstance(loop, cst.For):
        return loop.iter
    if isinstance(loop, cst.Call):
        return loop.args[1].value if len(loop.args) > 1 else None
    if isinstance(loop, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
        return loop.for_in.iter
    return None


def is_small(loop: cst.CSTNode) -> bool:
    """``for event in ("a", "b")`` or ``range(3)``: a handful of calls, not a bulk job."""
    source = _loop_source(loop)
    if isinstance(source, (cst.List, cst.Tuple, cst.Set)):
        return not any(isinstance(e, cst.StarredElement) for e in source.elements) and len(
            source.elements
        ) <= SMALL_LOOP
    if isinstance(source, cst.Call) and dotted_name(source.func) == "range" and source.args:
        bounds = [number_value(arg.value) for arg in source.args[:2]]
        low, high = (0.0, bounds[0]) if len(bounds) == 1 else (bounds[0], bounds[1])
        return low is not None and high is not None and high - low <= SMALL_LOOP
    return False


def is_paced(model: SemanticModel, loop: cst.CSTNode, call: SdkCall) -> bool:
    """Is there a sleep, a rate limiter or a ``client.batch()`` call in the loop's body?"""
    body = loop.body if isinstance(loop, (cst.For, cst.While)) else loop
    finder = _PacingFinder()
    find(body, finder)
    return any(_paces(model, inner, call) for inner in finder.calls) or any(
        names_rate_limiter(dotted_name(item.item)) for item in finder.with_items
    )


def _paces(model: SemanticModel, inner: cst.Call, call: SdkCall) -> bool:
    name = model.qualname(inner.func, scope_of(call)) or dotted_name(inner.func)
    last = name.rsplit(".", 1)[-1]
    if last == "sleep" or (last == "batch" and isinstance(inner.func, cst.Attribute)):
        return True
    return names_rate_limiter(name)


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


def batch_rewrite(model: SemanticModel, call: SdkCall, loop: cst.CSTNode) -> str | None:
    """``cio.batch([{...} for user in users])`` for an identify/track loop, when derivable."""
    if call.kind is not ClientKind.TRACK:
        return None  # only the Track API has a batch endpoint
    if call.receiver is None or not _is_whole_body(loop, call.node):
        return None
    if call.bound.star_args or call.bound.star_kwargs:
        return None
    operation = _batch_operation(model, call)
    if operation is None:
        return None
    if isinstance(loop, cst.For):
        header: cst.For | cst.CompFor = loop
    elif isinstance(loop, (cst.ListComp, cst.GeneratorExp)):
        header = loop.for_in
    else:
        return None
    receiver = model.code(syntax(call.receiver)).strip()
    target = model.code(header.target).strip()
    source = model.code(header.iter).strip()
    return (
        f"{receiver}.batch([{operation} for {target} in {source}])"
        "  # in chunks of under 500 KB"
    )


def _is_whole_body(loop: cst.CSTNode, node: object) -> bool:
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


def _batch_operation(model: SemanticModel, call: SdkCall) -> str | None:
    """The Track v2 batch operation that does what ``call`` does."""

    def code(node: Node) -> str:
        return model.code(syntax(node)).strip()

    customer = call.customer_id
    if customer is None:
        return None
    identifiers = f'"identifiers": {{"id": {code(customer)}}}'
    if call.method == "identify":
        attributes = ", ".join(
            f'"{key}": {code(arg.value)}' for key, arg in call.bound.extra.items()
        )
        return (
            f'{{"type": "person", {identifiers}, "action": "identify", '
            f'"attributes": {{{attributes}}}}}'
        )
    if call.method == "track" and call.event_name is not None:
        parts = [
            '"type": "person"', identifiers, '"action": "event"',
            f'"name": {code(call.event_name)}',
        ]
        data = call.value("data")
        if data is not None:
            parts.append(f'"attributes": {code(data)}')
        timestamp = call.value("timestamp")
        if timestamp is not None:
            parts.append(f'"timestamp": {code(timestamp)}')
        return "{" + ", ".join(parts) + "}"
    return None
