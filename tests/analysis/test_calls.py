"""SDK call resolution: method calls, client constructions and transactional requests,
their arguments bound to the SDK's parameter names, and the same-module call graph."""

from __future__ import annotations

import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.records import Argument, BoundArguments, SdkCall
from cio_lint.core.client_kinds import ClientKind
from tests.analysis.conftest import model_of, semantic_of

CIO = (
    "from customerio import CustomerIO, APIClient, SendEmailRequest, analytics\n"
    "cio = CustomerIO('site', 'key')\napi = APIClient('app-key')\n"
)


def only_call(src: str) -> tuple[PythonModel, SdkCall]:
    model = model_of(CIO + src)
    (call,) = model.sdk_calls()
    return model, call


def texts(model: PythonModel, args: dict[str, Argument]) -> dict[str, str]:
    return {name: model.code(arg.value) for name, arg in args.items()}


def shape(model: PythonModel, bound: BoundArguments) -> dict[str, object]:
    return {
        "args": texts(model, bound.args),
        "extra": texts(model, bound.extra),
        "unexpected": texts(model, bound.unexpected),
        "excess": [model.code(a.value) for a in bound.excess_positional],
        "star": (bound.star_args, bound.star_kwargs),
    }


def expected(
    args: dict[str, str],
    extra: dict[str, str] | None = None,
    unexpected: dict[str, str] | None = None,
    excess: list[str] | None = None,
    star: tuple[bool, bool] = (False, False),
) -> dict[str, object]:
    return {"args": args, "extra": extra or {}, "unexpected": unexpected or {},
            "excess": excess or [], "star": star}


@pytest.mark.parametrize(
    ("call", "bound"),
    [
        ("cio.track('5', 'bought', {'a': 1}, 'ev-1', 1700000000)",
         expected({"customer_id": "'5'", "name": "'bought'", "data": "{'a': 1}",
                   "id": "'ev-1'", "timestamp": "1700000000"})),
        ("cio.track(name='bought', customer_id='5')",
         expected({"name": "'bought'", "customer_id": "'5'"})),
        ("cio.track('5', 'bought', price=3)",
         expected({"customer_id": "'5'", "name": "'bought'"}, unexpected={"price": "3"})),
        # identify collects unknown keywords as attributes
        ("cio.identify('5', email='a@b.c', plan=p)",
         expected({"id": "'5'"}, extra={"email": "'a@b.c'", "plan": "p"})),
        ("cio.identify(id='5')", expected({"id": "'5'"})),
        ("cio.pageview('5', '/home', referrer=r)",
         expected({"customer_id": "'5'", "page": "'/home'"}, extra={"referrer": "r"})),
        ("cio.delete('5', '6')", expected({"customer_id": "'5'"}, excess=["'6'"])),
        ("cio.close(1)", expected({}, excess=["1"])),
        ("cio.track(*args, **kwargs)", expected({}, star=(True, True))),
        ("cio.identify('5', **profile)", expected({"id": "'5'"}, star=(False, True))),
        ("api.send_email(req)", expected({"request": "req"})),
        ("api.send_email(request=req, retry=True)",
         expected({"request": "req"}, unexpected={"retry": "True"})),
        ("analytics.track('u', 'Signed Up', {'plan': 'pro'}, timestamp=ts)",
         expected({"user_id": "'u'", "event": "'Signed Up'", "properties": "{'plan': 'pro'}",
                   "timestamp": "ts"})),
        ("analytics.identify(user_id='u', traits=t, integrations=i)",
         expected({"user_id": "'u'", "traits": "t", "integrations": "i"})),
        ("analytics.page('u', 'Docs', 'Home', {'path': '/'})",
         expected({"user_id": "'u'", "category": "'Docs'", "name": "'Home'",
                   "properties": "{'path': '/'}"})),
    ],
)
def test_arguments_bind_to_sdk_parameter_names(call: str, bound: dict[str, object]) -> None:
    model, found = only_call(call + "\n")
    assert model.code(found.node) == call
    assert shape(model, found.bound) == bound


@pytest.mark.parametrize(
    ("call", "customer_id", "event_name"),
    [
        ("cio.track('5', 'bought')", "'5'", "'bought'"),
        ("cio.identify(id=uid)", "uid", None),
        ("cio.track_anonymous('anon', 'e')", None, "'e'"),
        ("analytics.track(user_id=u, event=name)", "u", "name"),
        ("analytics.identify(anonymous_id=a)", None, None),
        ("api.send_email(r)", None, None),
    ],
)
def test_customer_id_and_event_name_by_signature(
    call: str, customer_id: str | None, event_name: str | None
) -> None:
    model, found = only_call(call + "\n")
    assert (model.code(found.customer_id) if found.customer_id is not None else None) == (
        customer_id
    )
    assert (model.code(found.event_name) if found.event_name is not None else None) == (
        event_name
    )


def test_sdk_calls_come_in_source_order_with_kind_method_and_receiver() -> None:
    model = model_of(
        CIO
        + "def f():\n    analytics.identify('u')\n"
        "api.send_email(r)\n"
        "cio.identify(1); cio.track(1, 'e')\n"
        "CustomerIO(1, 2).delete(1)\n"
    )
    calls = model.sdk_calls()
    assert [(c.kind, c.method, model.code(c.receiver) if c.receiver else None)
            for c in calls] == [
        (ClientKind.PIPELINES, "identify", "analytics"),
        (ClientKind.APP, "send_email", "api"),
        (ClientKind.TRACK, "identify", "cio"),
        (ClientKind.TRACK, "track", "cio"),
        (ClientKind.TRACK, "delete", "CustomerIO(1, 2)"),
    ]
    orders = [c.order for c in calls]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    # the construction in the receiver is not a method call
    assert [c.method for c in model.constructions()][-1] == "CustomerIO"


def test_constructions_bind_the_constructor_parameters() -> None:
    model = model_of(
        "import customerio\nfrom customerio import CustomerIO, APIClient, analytics, Regions\n"
        "from customerio.analytics import Client\n"
        "t = CustomerIO('site', 'key', region=Regions.EU)\n"
        "a = customerio.APIClient('app', timeout=5)\n"
        "p = analytics.Client('write', sync_mode=True)\n"
        "q = Client(write_key='w2')\n"
        "t.identify(1)\n"
    )
    built = model.constructions()
    assert [(c.kind, c.method) for c in built] == [
        (ClientKind.TRACK, "CustomerIO"),
        (ClientKind.APP, "APIClient"),
        (ClientKind.PIPELINES, "Client"),
        (ClientKind.PIPELINES, "Client"),
    ]
    assert [texts(model, c.bound.args) for c in built] == [
        {"site_id": "'site'", "api_key": "'key'", "region": "Regions.EU"},
        {"key": "'app'", "timeout": "5"},
        {"write_key": "'write'", "sync_mode": "True"},
        {"write_key": "'w2'"},
    ]
    assert all(c.receiver is None for c in built)
    assert [c.method for c in model.sdk_calls()] == ["identify"]


def test_requests_are_named_by_their_class_and_take_keywords_only() -> None:
    model = model_of(
        "import customerio\nfrom customerio import SendEmailRequest\n"
        "from customerio.api import SendPushRequest as Push\n"
        "a = SendEmailRequest(transactional_message_id=3, to='a@b.c', identifiers={'id': 1})\n"
        "b = Push('9', title='hi')\n"
        "c = customerio.SendSMSRequest(to='+1', colour='red')\n"
    )
    requests = model.requests()
    assert [(r.kind, r.method) for r in requests] == [
        (ClientKind.APP, "SendEmailRequest"),
        (ClientKind.APP, "SendPushRequest"),
        (ClientKind.APP, "SendSMSRequest"),
    ]
    assert [shape(model, r.bound) for r in requests] == [
        expected({"transactional_message_id": "3", "to": "'a@b.c'",
                  "identifiers": "{'id': 1}"}),
        expected({"title": "'hi'"}, excess=["'9'"]),
        expected({"to": "'+1'"}, unexpected={"colour": "'red'"}),
    ]
    assert model.sdk_calls() == [] and model.constructions() == []


def test_look_alike_constructors_and_requests_are_not_recorded() -> None:
    model = model_of(
        "from mailer import SendEmailRequest\nfrom fakes import CustomerIO\n"
        "class APIClient:\n    pass\n"
        "SendEmailRequest(to='x')\nCustomerIO(1, 2)\nAPIClient('k')\n"
        "from customerio import Regions\nRegions('eu')\n"
    )
    assert model.constructions() == [] and model.requests() == []


# -- the same-module call graph ---------------------------------------------------------------


GRAPH = (
    CIO
    + "def send(uid):\n    cio.identify(uid)\n"
    "def notify(uid):\n    send(uid)\n    api.send_email(r)\n"
    "class Jobs:\n"
    "    def run(self):\n        self.step()\n        send(1)\n"
    "    def step(self):\n        notify(2)\n"
    "notify(3)\nprint('x')\n"
)


def test_callers_and_callees() -> None:
    model = semantic_of(GRAPH)
    by_name = {f.name: f for f in model.functions}
    assert [model.code(s.node) for s in model.callers(by_name["send"])] == [
        "send(uid)", "send(1)",
    ]
    assert [model.code(s.node) for s in model.callers(by_name["notify"])] == [
        "notify(2)", "notify(3)",
    ]
    assert [model.code(s.node) for s in model.callers(by_name["step"])] == ["self.step()"]
    assert model.callers(by_name["run"]) == []
    assert [f.name for f in model.callees(by_name["run"])] == ["step", "send"]
    assert [f.name for f in model.callees(by_name["notify"])] == ["send"]
    assert model.callees(by_name["send"]) == []
    assert [f.name for f in model.callees(None)] == ["notify"]


def test_calls_in_a_function_are_its_direct_calls_only() -> None:
    model = model_of(GRAPH + "cio.track(1, 'e')\n")
    by_name = {f.name: f for f in model.functions()}
    assert [c.method for c in model.calls_in(by_name["send"])] == ["identify"]
    assert [c.method for c in model.calls_in(by_name["notify"])] == ["send_email"]
    assert model.calls_in(by_name["run"]) == []
    assert [c.method for c in model.calls_in(None)] == ["track"]
