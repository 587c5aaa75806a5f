"""The semantic model: which receivers are Customer.io clients, and how calls are bound."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import ClientName, Config
from cio_lint.core.findings import Position
from cio_lint.engine.file_run import analyze
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import LintContext, Rule


def calls(source: str, **kwargs: object) -> list[tuple[str, str, str]]:
    model = SemanticModel(cst.parse_module(textwrap.dedent(source)), **kwargs)  # type: ignore[arg-type]
    return [(c.kind.value, c.method, model.code(c.node.func)) for c in model.sdk_calls()]


@pytest.mark.parametrize(
    ("source", "receiver"),
    [
        ("from customerio import CustomerIO\ncio = CustomerIO(1, 2)\ncio.track(1, 'a')",
         "cio.track"),
        ("import customerio\ncio = customerio.CustomerIO(1, 2)\ncio.track(1, 'a')", "cio.track"),
        ("import customerio as c\ncio = c.CustomerIO(1, 2)\ncio.track(1, 'a')", "cio.track"),
        ("from customerio import CustomerIO as CIO\nCIO(1, 2).track(1, 'a')", "CIO(1, 2).track"),
        ("from customerio.track import CustomerIO\nx = CustomerIO()\nx.track(1, 'a')", "x.track"),
        ("from customerio import *\nx = CustomerIO()\nx.track(1, 'a')", "x.track"),
        # annotations, including string and Optional forms
        ("from customerio import CustomerIO\ndef f(cio: CustomerIO):\n    cio.track(1, 'a')",
         "cio.track"),
        ("from customerio import CustomerIO\n"
         "def f(cio: 'CustomerIO | None'):\n    cio.track(1, 'a')", "cio.track"),
        ("from typing import Optional\nfrom customerio import CustomerIO\n"
         "def f(cio: Optional[CustomerIO]):\n    cio.track(1, 'a')", "cio.track"),
        # self attribute assigned in __init__, used in another method defined earlier
        ("from customerio import CustomerIO\nclass S:\n    def go(self):\n"
         "        self.cio.track(1, 'a')\n    def __init__(self):\n"
         "        self.cio = CustomerIO(1, 2)", "self.cio.track"),
        # class attribute, and a mixin base class holding it
        ("from customerio import CustomerIO\nclass Base:\n    cio = CustomerIO(1, 2)\n"
         "class S(Base):\n    def go(self):\n        self.cio.track(1, 'a')", "self.cio.track"),
        # same-module factory, module-level None-check singleton, with block
        ("from customerio import CustomerIO\ndef get():\n    return CustomerIO(1, 2)\n"
         "get().track(1, 'a')", "get().track"),
        ("from customerio import CustomerIO\n_c = None\ndef get():\n    global _c\n"
         "    if _c is None:\n        _c = CustomerIO(1, 2)\n    return _c\n"
         "def f():\n    get().track(1, 'a')", "get().track"),
        ("from customerio import CustomerIO\nwith CustomerIO(1, 2) as c:\n    c.track(1, 'a')",
         "c.track"),
        # use before the module-level assignment (functions run later)
        ("from customerio import CustomerIO\ndef f():\n    cio.track(1, 'a')\n"
         "cio = CustomerIO(1, 2)", "cio.track"),
    ],
)
def test_track_client_is_recognised(source: str, receiver: str) -> None:
    assert calls(source) == [("track", "track", receiver)]


def test_app_and_pipelines_clients() -> None:
    source = """
    from customerio import APIClient, analytics
    from customerio.analytics import Client
    api = APIClient("k")
    api.send_email({})
    analytics.track(user_id=1, event="e")
    Client("w").identify(user_id=1)
    """
    assert calls(source) == [
        ("app", "send_email", "api.send_email"),
        ("pipelines", "track", "analytics.track"),
        ("pipelines", "identify", 'Client("w").identify'),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "import analytics\nanalytics.track(1, 'a')\nanalytics.identify(1)",  # Segment
        "from mixpanel import Mixpanel\nmp = Mixpanel('t')\nmp.track(1, 'a')",
        "import posthog\nposthog.identify('a')",
        "from other import CustomerIO\nCustomerIO(1, 2).track(1, 'a')",
        "def f(cio):\n    cio.track(1, 'a')",  # unresolved receiver
        "from customerio import CustomerIO\ncio = CustomerIO(1, 2)\ncio = Other()\n"
        "def f():\n    x = 1\n    x.track(1, 'a')",
    ],
)
def test_look_alikes_are_not_clients(source: str) -> None:
    assert calls(source) == []


def test_configured_client_names() -> None:
    source = "def f(cio, mailer, deps):\n    cio.track(1, 'a')\n    mailer.send_email({})\n" \
             "    deps.cio.identify(1)\n"
    names = (ClientName("cio", ClientKind.TRACK), ClientName("mailer", ClientKind.APP))
    assert calls(source, client_names=names) == [
        ("track", "track", "cio.track"),
        ("app", "send_email", "mailer.send_email"),
        ("track", "identify", "deps.cio.identify"),
    ]


def test_arguments_are_bound_to_sdk_parameter_names() -> None:
    module = cst.parse_module(
        "from customerio import CustomerIO\ncio = CustomerIO(1, 2)\n"
        "cio.track('5', 'bought', {'x': 1}, timestamp=3, price=4)\n"
        "cio.identify('5', email='a@b.c')\n"
    )
    model = SemanticModel(module)
    track, identify = model.sdk_calls()
    assert model.code(track.customer_id) == "'5'"  # type: ignore[arg-type]
    assert model.code(track.event_name) == "'bought'"  # type: ignore[arg-type]
    assert set(track.bound.args) == {"customer_id", "name", "data", "timestamp"}
    assert set(track.bound.unexpected) == {"price"}
    assert [a.key for a in model.attributes(track)] == ["x"]
    assert [a.key for a in model.attributes(identify)] == ["email"]


def test_value_origin_follows_locals_in_order() -> None:
    module = cst.parse_module(
        "from customerio import CustomerIO\ncio = CustomerIO(1, 2)\n"
        "def f():\n    ts = 1\n    cio.track(1, 'a', timestamp=ts)\n    ts = 2\n"
    )
    model = SemanticModel(module)
    (call,) = model.sdk_calls()
    value = call.value("timestamp")
    assert value is not None
    assert model.code(model.origin(value, call.place, call.order)) == "1"


class _Exploding(Rule):
    code = "CIO201"
    name = "millisecond-timestamp"

    def check(self, ctx: LintContext) -> None:
        raise ValueError("boom")


def test_internal_rule_error_is_reported_for_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "CIO201", _Exploding())
    source = b"from customerio import CustomerIO\nCustomerIO(1, 2).identify(user.email)\n"
    result = analyze("x.py", source, Config(), frozenset({"CIO201", "CIO302"}))
    assert [e.message.split(" (")[0] for e in result.errors] == [
        "internal error in CIO201: ValueError: boom"
    ]
    assert result.errors[0].internal
    # The other rules still ran on the file.
    assert [(f.code, f.start) for f in result.findings] == [("CIO302", Position(2, 27))]
