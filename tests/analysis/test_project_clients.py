"""Clients the project makes for itself: subclasses of the SDK's clients, parameters every
caller fills with a client (kept on ``self`` or defaulting to one), and factories in
other modules. Each question is asked of the model one module sees, with what the other
modules told it."""

from __future__ import annotations

import json

import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.scopes import call_node
from cio_lint.analysis.records import ExternalClient, SdkCall
from cio_lint.analysis.summaries import (
    ClientParameter,
    FunctionSummary,
    Knowledge,
)
from cio_lint.analysis.summary_json import decode, encode
from cio_lint.core.client_kinds import ClientKind
from cio_lint.engine.client_parameters import client_parameters
from tests.analysis.conftest import model_of

TRACKED = """\
import time
from customerio import CustomerIO, Regions

class TrackedClient(CustomerIO):
    def __init__(self, site_id, api_key):
        super().__init__(site_id, api_key, region=Regions.EU)

    def send_signup(self, user_id):
        self.track(customer_id=user_id, name="signed_up")

    def track(self, customer_id, name, **data):
        super().track(customer_id=customer_id, name=name, **data)

class Bare(CustomerIO):
    def hello(self, user):
        self.identify(id=user.id)
"""


def calls(model: PythonModel) -> list[tuple[str, str, str]]:
    """``(kind, method, callee text)`` of every SDK call of the module."""
    return [(c.kind.value, c.method, callee(model, c)) for c in model.sdk_calls()]


def callee(model: PythonModel, call: SdkCall) -> str:
    return model.semantic.code(call_node(call).func)


def constructions(model: PythonModel) -> list[tuple[str, str, dict[str, str]]]:
    """``(SDK class, callee text, bound arguments)`` of every construction."""
    return [
        (c.method, callee(model, c),
         {name: model.code(arg.value) for name, arg in c.bound.args.items()})
        for c in model.constructions()
    ]


def told(module: str, model: PythonModel) -> dict[str, Knowledge]:
    """What ``model`` tells the modules importing it, by qualified name."""
    return {f"{module}.{name}": knowledge for name, knowledge in model.exports().items()}


# -- subclasses of the SDK's clients ------------------------------------------------


def test_self_and_super_in_a_subclass_are_the_client_it_subclasses() -> None:
    model = model_of(TRACKED, module_name="app.clients")
    assert calls(model) == [
        ("track", "track", "self.track"),
        ("track", "track", "super().track"),
        ("track", "identify", "self.identify"),
    ]
    # ``self.track`` calls the override, but it is the SDK's call: never a wrapper call too
    assert model.wrapper_calls() == []


def test_super_init_in_init_is_the_sdk_constructor_built_once() -> None:
    model = model_of(TRACKED, module_name="app.clients")
    assert constructions(model) == [
        ("CustomerIO", "super().__init__",
         {"site_id": "site_id", "api_key": "api_key", "region": "Regions.EU"}),
    ]
    (built,) = model.constructions()
    assert model.per_call_construction(built) is None


def test_each_client_class_is_exported_as_a_factory_with_its_constructor() -> None:
    model = model_of(TRACKED, module_name="app.clients")
    exports = {k: v for k, v in model.exports().items() if isinstance(v, ExternalClient)}
    assert exports == {
        "TrackedClient": ExternalClient(ClientKind.TRACK, True, None),
        "Bare": ExternalClient(ClientKind.TRACK, True, "customerio.CustomerIO"),
    }


def test_an_override_the_sdk_binds_differently_is_a_wrapper_not_the_sdk_call() -> None:
    model = model_of(
        "from customerio import CustomerIO\n"
        "class T(CustomerIO):\n"
        "    def track(self, user, event):\n"
        "        super().track(customer_id=user.email, name=event)\n"
        "    def identify(self, id, **kwargs):\n        super().identify(id=id, **kwargs)\n"
        "class U(T):\n    def go(self, user):\n        self.track(user, 'went')\n"
        "t = T(1, 2)\nt.track(user=u, event='x')\nt.identify(u.id, plan='pro')\n"
    )
    assert calls(model) == [
        ("track", "track", "super().track"),
        ("track", "identify", "super().identify"),
        ("track", "identify", "t.identify"),
    ]
    assert [(callee(model, c), {k: model.code(a.value) for k, a in c.bound.args.items()})
            for c in model.wrapper_calls()] == [
        ("self.track", {"name": "'went'"}), ("t.track", {"name": "'x'"}),
    ]


def test_an_annotation_naming_a_client_class_makes_a_client() -> None:
    external = told("app.clients", model_of(TRACKED, module_name="app.clients"))
    model = model_of(
        TRACKED.replace("class ", "class Local", 1)
        + "def f(a: LocalTrackedClient, b: 'Bare', c: Optional[Other]):\n"
        "    a.identify(id=1)\n    b.identify(id=2)\n    c.identify(id=3)\n",
        external=external,
    )
    assert [callee(model, c) for c in model.sdk_calls()][-2:] == ["a.identify", "b.identify"]
    imported = model_of(
        "from app.clients import TrackedClient\n"
        "def f(t: TrackedClient):\n    t.identify(id=1)\n",
        module_name="app.views",
        external=external,
    )
    assert calls(imported) == [("track", "identify", "t.identify")]


def test_every_sdk_client_class_and_a_subclass_of_a_subclass() -> None:
    model = model_of(
        "from customerio import APIClient, analytics\n"
        "class App(APIClient):\n    pass\n"
        "class Pipe(analytics.Client):\n    pass\n"
        "class Deeper(App):\n"
        "    def go(self, r):\n        self.send_email(r)\n"
        "App('key').send_push(r)\n"
        "Pipe('write-key').page(1)\n",
    )
    assert calls(model) == [
        ("app", "send_email", "self.send_email"),
        ("app", "send_push", "App('key').send_push"),
        ("pipelines", "page", "Pipe('write-key').page"),
    ]
    assert [(sdk, callee) for sdk, callee, _ in constructions(model)] == [
        ("APIClient", "App"), ("Client", "Pipe"),
    ]


def test_a_class_without_init_binds_its_call_to_the_sdk_constructor() -> None:
    model = model_of(TRACKED + "b = Bare(1, 'key', region=Regions.US)\nt = TrackedClient(1, 2)\n")
    assert constructions(model)[-1] == (
        "CustomerIO", "Bare", {"site_id": "1", "api_key": "'key'", "region": "Regions.US"},
    )
    assert len(model.constructions()) == 2  # ``TrackedClient(1, 2)`` runs its own __init__
    semantic = model.semantic
    (built,) = semantic.root.bindings["t"]
    assert built.value is not None
    assert semantic.client_kind(built.value, semantic.root) is ClientKind.TRACK


def test_a_client_class_imported_from_another_module() -> None:
    external = told("app.clients", model_of(TRACKED, module_name="app.clients"))
    model = model_of(
        "from app.clients import Bare, TrackedClient\n"
        "bare = Bare(1, 'key')\n"
        "tracker = TrackedClient(1, 2)\n"
        "tracker.identify(id=1)\n"
        "class Shop(TrackedClient):\n"
        "    def placed(self, user):\n        self.track(customer_id=user.id, name='p')\n",
        module_name="app.shop",
        external=external,
    )
    assert calls(model) == [
        ("track", "identify", "tracker.identify"), ("track", "track", "self.track"),
    ]
    assert constructions(model) == [
        ("CustomerIO", "Bare", {"site_id": "1", "api_key": "'key'"}),
    ]


def test_a_wrapper_method_of_a_subclass_is_a_wrapper_call_in_another_module() -> None:
    external = told("app.clients", model_of(TRACKED, module_name="app.clients"))
    model = model_of(
        "from app.clients import TrackedClient\n"
        "def signup(user):\n"
        "    tracker = TrackedClient(1, 2)\n"
        "    tracker.send_signup(user.email)\n",
        module_name="app.views",
        external=external,
    )
    (call,) = model.wrapper_calls()
    assert (call.kind, call.method) == (ClientKind.TRACK, "track")
    assert {name: model.code(arg.value) for name, arg in call.bound.args.items()} == {
        "customer_id": "user.email",
    }
    assert call.via is not None and call.via.chain[0].text == "tracker.send_signup()"


def test_a_method_called_on_the_class_call_itself_is_a_wrapper_call() -> None:
    model = model_of(
        TRACKED + "def signup(user):\n    TrackedClient(1, 2).send_signup(user.email)\n"
    )
    (call,) = model.wrapper_calls()
    assert call.arg("customer_id") is not None
    assert model.code(call.arg("customer_id").value) == "user.email"  # type: ignore[union-attr]


def test_super_init_of_a_subclass_of_another_modules_class_without_init() -> None:
    external = told("app.clients", model_of(TRACKED, module_name="app.clients"))
    model = model_of(
        "from app.clients import Bare, TrackedClient\n"
        "class Mine(Bare):\n    def __init__(self):\n        super().__init__(1, 'key')\n"
        "class Yours(TrackedClient):\n    def __init__(self):\n        super().__init__(1, 2)\n",
        module_name="app.mine",
        external=external,
    )
    assert constructions(model) == [
        ("CustomerIO", "super().__init__", {"site_id": "1", "api_key": "'key'"}),
    ]


def test_a_client_made_of_a_project_class_in_another_module_has_its_wrappers() -> None:
    clients = model_of(TRACKED + "tracker = TrackedClient(1, 2)\n", module_name="app.clients")
    external = told("app.clients", clients)
    assert external["app.clients.tracker"] == ExternalClient(
        ClientKind.TRACK, instance_of="app.clients.TrackedClient"
    )
    model = model_of(
        "from app.clients import tracker\n"
        "def signup(user):\n    tracker.send_signup(user.email)\n",
        module_name="app.views",
        external=external,
    )
    (call,) = model.wrapper_calls()
    assert call.arg("customer_id") is not None
    assert model.code(call.arg("customer_id").value) == "user.email"  # type: ignore[union-attr]


def test_other_libraries_clients_and_models_with_track_are_not_clients() -> None:
    model = model_of(
        "import analytics\n"
        "from mixpanel import Mixpanel\n"
        "from django.db import models\n"
        "class Segment(analytics.Client):\n"
        "    def go(self, u):\n        self.track(u.email, 'e')\n        super().track(1, 'e')\n"
        "class Mix(Mixpanel):\n    def go(self, u):\n        self.track(u.email, 'e')\n"
        "class Order(models.Model):\n"
        "    def track(self, customer_id, name):\n        return customer_id\n"
        "    def ship(self):\n        self.track(1, 'shipped')\n"
        "Order().track(1, 'x')\n"
        "Segment('key')\n",
    )
    assert calls(model) == []
    assert constructions(model) == []
    assert model.exports().keys().isdisjoint({"Segment", "Mix", "Order"})


def test_static_and_class_methods_have_no_client_instance() -> None:
    model = model_of(
        "from customerio import CustomerIO\n"
        "class T(CustomerIO):\n"
        "    @staticmethod\n    def s(self):\n        self.identify(id=1)\n"
        "    @classmethod\n    def c(cls):\n        cls.identify(id=1)\n"
        "    def rebound(self, other):\n        self = other\n        self.identify(id=1)\n",
    )
    assert calls(model) == []


# -- parameters every caller fills with a client ------------------------------------

SERVICES = """\
class Service:
    def __init__(self, client):
        self.client = client

    def signup(self, user):
        self.client.track(customer_id=user.email, name="signed_up")


def notify(user, cio=None):
    cio.identify(id=user.id)
"""


def summaries(module: str, model: PythonModel) -> dict[str, FunctionSummary]:
    return {k: v for k, v in told(module, model).items() if isinstance(v, FunctionSummary)}


def parameters_found(services: str, *callers: str) -> dict[str, ClientParameter]:
    """What the project phase learns from ``app.services`` and its callers."""
    raw = summaries("app.services", model_of(services, module_name="app.services"))
    for index, caller in enumerate(callers):
        module = f"app.caller{index}"
        raw.update(summaries(module, model_of(
            "from customerio import CustomerIO\nfrom mixpanel import Mixpanel\n"
            "from app.services import Service, notify\n" + caller,
            module_name=module,
        )))
    return client_parameters(raw)


def test_a_parameter_kept_on_self_and_called_on_elsewhere_is_a_receiver() -> None:
    raw = summaries("app.services", model_of(SERVICES, module_name="app.services"))
    assert raw["app.services.Service.__init__"].receivers == ("client",)
    assert raw["app.services.notify"].receivers == ("cio",)


def test_every_caller_passing_a_client_makes_the_parameter_one() -> None:
    found = parameters_found(
        SERVICES,
        "cio = CustomerIO(1, 2)\nService(cio)\nnotify(u, cio=cio)\n",
        "def f(u):\n    Service(client=CustomerIO(1, 2)).signup(u)\n"
        "    notify(u, CustomerIO(1, 2))\n",
    )
    assert found == {
        "app.services.Service.__init__(client)": ClientParameter(ClientKind.TRACK),
        "app.services.notify(cio)": ClientParameter(ClientKind.TRACK),
    }
    model = model_of(SERVICES, module_name="app.services", external=found)
    assert calls(model) == [
        ("track", "track", "self.client.track"), ("track", "identify", "cio.identify"),
    ]


def test_a_receiver_stays_listed_once_known_so_the_answer_is_stable() -> None:
    known = {"app.services.Service.__init__(client)": ClientParameter(ClientKind.TRACK)}
    model = model_of(SERVICES, module_name="app.services", external=known)
    assert summaries("app.services", model)["app.services.Service.__init__"].receivers == (
        "client",
    )


def test_one_caller_passing_something_else_keeps_the_parameter_unknown() -> None:
    for other in ("Service(None)\n", "Service(Mixpanel('t'))\n", "Service(*[cio])\n",
                  "Service()\n"):
        found = parameters_found(SERVICES, "cio = CustomerIO(1, 2)\nService(cio)\n", other)
        assert "app.services.Service.__init__(client)" not in found, other


def test_a_parameter_left_to_its_none_default_is_unknown() -> None:
    found = parameters_found(SERVICES, "cio = CustomerIO(1, 2)\nnotify(u, cio)\nnotify(u)\n")
    assert "app.services.notify(cio)" not in found


def test_a_client_default_counts_as_one_more_client_passed() -> None:
    services = (
        "from customerio import CustomerIO\n"
        "def greet(user, cio=CustomerIO(1, 2)):\n    cio.identify(id=user.id)\n"
        "def other(user, cio=object()):\n    cio.identify(id=user.id)\n"
    )
    model = model_of(services, module_name="app.services")
    raw = summaries("app.services", model)
    assert raw["app.services.greet"].client_defaults == (("cio", ClientKind.TRACK),)
    assert raw["app.services.other"].client_defaults == ()
    # built where the ``def`` is, once: not a client per call
    (built,) = model.constructions()
    assert built.context.function is None
    found = parameters_found(
        services,
        "from app.services import greet, other\n"
        "cio = CustomerIO(1, 2)\ngreet(u)\ngreet(u, cio)\nother(u, cio)\n",
    )
    assert found == {"app.services.greet(cio)": ClientParameter(ClientKind.TRACK)}
    mixed = parameters_found(
        services, "from app.services import greet\ngreet(u)\ngreet(u, Mixpanel('t'))\n"
    )
    assert mixed == {}


# -- factories of other modules -----------------------------------------------------

FACTORIES = """\
from customerio import CustomerIO
cio = CustomerIO(1, 2)
def get_cio():
    return cio
"""


def test_factories_and_factories_of_factories_across_modules() -> None:
    external: dict[str, Knowledge] = dict(
        told("app.clients", model_of(FACTORIES, module_name="app.clients"))
    )
    assert external["app.clients.get_cio"] == ExternalClient(ClientKind.TRACK, factory=True)
    jobs = model_of(
        "from app.clients import get_cio\ndef jobs_client():\n    return get_cio()\n",
        module_name="app.factories",
        external=external,
    )
    external.update(told("app.factories", jobs))
    assert external["app.factories.jobs_client"] == ExternalClient(ClientKind.TRACK, True)
    model = model_of(
        "from app.clients import get_cio\nfrom app.factories import jobs_client\n"
        "get_cio().track(customer_id=1, name='a')\n"
        "cio = jobs_client()\ncio.identify(id=1)\n",
        module_name="app.views",
        external=external,
    )
    assert calls(model) == [
        ("track", "track", "get_cio().track"), ("track", "identify", "cio.identify"),
    ]



def test_what_modules_tell_each_other_survives_the_cache_encoding() -> None:
    for knowledge in (
        ExternalClient(ClientKind.TRACK),
        ExternalClient(ClientKind.APP, True, "customerio.APIClient"),
        ExternalClient(ClientKind.TRACK, instance_of="app.clients.TrackedClient"),
        FunctionSummary(params=("user", "cio"), receivers=("cio",),
                        client_defaults=(("cio", ClientKind.TRACK),)),
    ):
        assert decode(json.loads(json.dumps(encode(knowledge)))) == knowledge
    assert encode(ExternalClient(ClientKind.TRACK)) == ["client", "track", False]
    with pytest.raises(ValueError):
        decode(["client", "track", True, "os.system"])
