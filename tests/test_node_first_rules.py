"""Rules whose questions the JavaScript frontend answers first, judged through the neutral
interface alone: a stand-in model answers ``floating_calls()`` and
``concurrent_bursts()`` the way a frontend would, and the findings are what a user sees."""

from __future__ import annotations

from dataclasses import dataclass, field

from cio_lint.analysis.execution import BurstKind, ConcurrentBurst
from cio_lint.analysis.records import BoundArguments, CallContext, Link, SdkCall, Via
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import Config
from cio_lint.core.findings import Position
from cio_lint.core.sdk import METHODS
from cio_lint.rules.base import LintContext
from cio_lint.rules.cio606_floating_promise import RULE as FLOATING
from cio_lint.rules.cio607_unbounded_concurrency import RULE as UNBOUNDED


@dataclass(frozen=True)
class _Node:
    """A piece of source on one line: its text and where it starts."""

    text: str
    line: int
    column: int


@dataclass
class _Model:
    """Just what the two rules and ``LintContext.report`` ask of a module's model."""

    floating: list[SdkCall] = field(default_factory=list)
    bursts: list[ConcurrentBurst] = field(default_factory=list)

    def floating_calls(self) -> list[SdkCall]:
        return self.floating

    def concurrent_bursts(self) -> list[ConcurrentBurst]:
        return self.bursts

    def span(self, node: _Node) -> tuple[Position, Position]:
        start = Position(node.line, node.column)
        return start, Position(node.line, node.column + len(node.text))

    def code(self, node: _Node) -> str:
        return node.text

    source_text = code

    def callee_text(self, call: SdkCall) -> str:
        assert isinstance(call.node, _Node)
        return call.node.text.split("(", 1)[0]

    def secret_literals(self) -> list[object]:
        return []


def _call(text: str, line: int, kind: ClientKind = ClientKind.TRACK, method: str = "identify",
          via: Via | None = None) -> SdkCall:
    return SdkCall(_Node(text, line, 3), None, 0, CallContext(), kind, method,
                   METHODS[kind][method], BoundArguments(), None, via)


def _findings(model: _Model, rule: object) -> list[tuple[int, int, str, str]]:
    context = LintContext("app.js", model, Config())  # type: ignore[arg-type]
    rule.check(context)  # type: ignore[attr-defined]
    return [(f.line, f.column, f.message, f.wrong) for f in context.findings]


def test_a_floating_sdk_promise_is_reported_at_the_call() -> None:
    model = _Model(floating=[_call("cio.identify(user.id, { email })", 6)])
    assert _findings(model, FLOATING) == [(
        6, 3, "`cio.identify` returns a promise nothing awaits or catches: a rejection ends "
        "the process (Node 15+)", "cio.identify(user.id, { email })",
    )]


def test_a_floating_call_of_a_function_that_catches_is_not_reported() -> None:
    catches = Via((Link("recordSignup()"),), escapes=False)
    escapes = Via((Link("recordSignup()"),), escapes=True)
    model = _Model(floating=[_call("recordSignup(user)", 4, via=catches),
                             _call("recordSignup(user)", 9, via=escapes)])
    assert [line for line, *_ in _findings(model, FLOATING)] == [9]


def _burst(call: SdkCall, kind: BurstKind, **changes: object) -> ConcurrentBurst:
    starter = _Node("Promise.all(rows.map((row) => cio.identify(row.id)))", call.node.line, 1)  # type: ignore[attr-defined]
    values: dict[str, object] = {
        "node": call.node, "starter": starter, "collection": None,
        "description": "`rows.map` in `Promise.all`", "small": False, "paced": False,
        "workers": None,
    }
    values.update(changes)
    return ConcurrentBurst(call, kind, **values)  # type: ignore[arg-type]


def test_a_burst_is_reported_unless_small_paced_sequential_or_queued() -> None:
    bursts = [
        _burst(_call("cio.identify(row.id)", 3), BurstKind.PROMISE_ALL_MAP),
        _burst(_call("cio.identify(row.id)", 5), BurstKind.PROMISE_ALL_MAP, small=True),
        _burst(_call("cio.identify(row.id)", 7), BurstKind.PROMISE_ALL_MAP, paced=True),
        _burst(_call("cio.identify(row.id)", 9), BurstKind.PROMISE_ALL_MAP, workers=1),
        _burst(_call("analytics.identify(row)", 11, ClientKind.PIPELINES),
               BurstKind.FOR_EACH_ASYNC),
        _burst(_call("cio.identify(row.id)", 13), BurstKind.PROMISE_ALL_MAP, workers=5),
    ]
    found = _findings(_Model(bursts=bursts), UNBOUNDED)
    assert [(line, message) for line, _, message, _ in found] == [
        (3, "`cio.identify` starts at once per item of the `rows.map` in `Promise.all` "
            "(line 3): 429s past 100/s"),
        (13, "`cio.identify` starts at once per item of the `rows.map` in `Promise.all` "
             "(line 13), 5 at once: 429s past 100/s"),
    ]
    assert found[0][3] == "Promise.all(rows.map((row) => cio.identify(row.id)))"
