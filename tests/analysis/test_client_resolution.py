"""Which expressions the Python frontend shows to be Customer.io clients, and of which
kind: constructors, aliases, annotations, ``self`` and class attributes, base classes,
factories, configured client names and clients imported from other project modules.

(``test_clients.py`` holds the client-construction questions of the clients family.)
"""

from __future__ import annotations

import pytest

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.records import ExternalClient
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import ClientName
from tests.analysis.conftest import model_of, semantic_of

CIO = "from customerio import CustomerIO, APIClient, analytics\n"


def resolved(src: str, **options: object) -> list[tuple[str, str, str]]:
    """``(kind, method, receiver)`` of every SDK call of ``src``."""
    model = model_of(src, **options)  # type: ignore[arg-type]
    return [
        (c.kind.value, c.method, model.code(c.receiver) if c.receiver is not None else "")
        for c in model.sdk_calls()
    ]


@pytest.mark.parametrize(
    ("source", "kind", "receiver"),
    [
        # constructors through every spelling of the import
        ("cio = CustomerIO(1, 2)\ncio.identify(1)\n", "track", "cio"),
        ("import customerio\ncustomerio.CustomerIO(1, 2).identify(1)\n", "track",
         "customerio.CustomerIO(1, 2)"),
        ("from customerio.api import APIClient as App\nApp('k').send_email(r)\n", "app",
         "App('k')"),
        ("api = APIClient('k')\nalias = api\nagain = alias\nagain.send_push(r)\n", "app",
         "again"),
        # Pipelines: the module, its attribute path, and a Client instance
        ("analytics.identify(user_id=1)\n", "pipelines", "analytics"),
        ("import customerio\ncustomerio.analytics.track(1, 'e')\n", "pipelines",
         "customerio.analytics"),
        ("import customerio.analytics as an\nan.flush()\n", "pipelines", "an"),
        ("from customerio.analytics import Client\nc = Client('w')\nc.page(1)\n", "pipelines",
         "c"),
        # annotations: parameters, locals, bare attribute declarations, unions
        ("def f(api: APIClient):\n    api.send_sms(r)\n", "app", "api"),
        ("def f(cio: CustomerIO | None):\n    cio.identify(1)\n", "track", "cio"),
        ("def f(cio: 'None | CustomerIO'):\n    cio.identify(1)\n", "track", "cio"),
        ("import typing\ndef f(c: typing.Optional['analytics.Client']):\n    c.track(1, 'e')\n",
         "pipelines", "c"),
        ("def f():\n    cio: CustomerIO = make()\n    cio.identify(1)\n", "track", "cio"),
        ("class S:\n    def __init__(self):\n        self.api: APIClient\n"
         "    def go(self):\n        self.api.send_email(r)\n", "app", "self.api"),
        # tuple unpacking and the walrus operator
        ("cio, api = CustomerIO(1, 2), APIClient('k')\napi.send_email(r)\n", "app", "api"),
        ("if (cio := CustomerIO(1, 2)):\n    cio.identify(1)\n", "track", "cio"),
        # class attributes through ``cls`` and the class name
        ("class S:\n    cio = CustomerIO(1, 2)\n    @classmethod\n    def go(cls):\n"
         "        cls.cio.identify(1)\n", "track", "cls.cio"),
        ("class S:\n    cio = CustomerIO(1, 2)\ndef go():\n    S.cio.identify(1)\n", "track",
         "S.cio"),
        # a self attribute set in a base class's method
        ("class Base:\n    def setup(self):\n        self.api = APIClient('k')\n"
         "class View(Base):\n    def go(self):\n        self.api.send_email(r)\n", "app",
         "self.api"),
        # factories: returned value, return annotation, a method returning an attribute
        ("def get() -> 'CustomerIO':\n    return build()\nget().identify(1)\n", "track",
         "get()"),
        ("def make():\n    api = APIClient('k')\n    return api\nmake().send_email(r)\n", "app",
         "make()"),
        ("class S:\n    def __init__(self):\n        self._c = CustomerIO(1, 2)\n"
         "    def client(self):\n        return self._c\n    def go(self):\n"
         "        self.client().identify(1)\n", "track", "self.client()"),
    ],
)
def test_a_client_is_recognised(source: str, kind: str, receiver: str) -> None:
    ((found_kind, _, found_receiver),) = resolved(CIO + source)
    assert (found_kind, found_receiver) == (kind, receiver)


@pytest.mark.parametrize(
    "source",
    [
        # other vendors' SDKs with the same method names
        "import analytics\nanalytics.track('u', 'e')\nanalytics.identify('u')\n",  # Segment
        "from mixpanel import Mixpanel\nmp = Mixpanel('t')\nmp.track('u', 'e')\n",
        "import posthog\nposthog.identify('u')\nposthog.capture('u', 'e')\n",
        "from posthog import Posthog\nph = Posthog('k')\nph.identify('u')\n",
        # a local class called CustomerIO, and one imported from elsewhere
        "class CustomerIO:\n    pass\nCustomerIO(1, 2).track(1, 'e')\n",
        "from myapp.fakes import CustomerIO\nCustomerIO(1, 2).identify(1)\n",
        # the class itself is no client
        "from customerio import CustomerIO\nCustomerIO.identify(1)\n",
        # the imported name shadowed by a parameter or a local
        "from customerio import CustomerIO\ndef f(CustomerIO):\n    CustomerIO(1, 2).identify(1)\n",
        "from customerio import CustomerIO\ncio = CustomerIO(1, 2)\n"
        "def f():\n    cio.identify(1)\n    cio = make()\n",
        # an unrelated ``identify``/``track`` method
        "class User:\n    def identify(self):\n        pass\nUser().identify()\n",
        "def f(user):\n    user.identify()\n    user.profile.track(1, 'e')\n",
        # a client made in another function is local to it
        "from customerio import CustomerIO\ndef make():\n    cio = CustomerIO(1, 2)\n"
        "def use():\n    cio.identify(1)\n",
        # another class's self attribute, and a class-body name read without self
        "from customerio import CustomerIO\nclass A:\n    def __init__(self):\n"
        "        self.cio = CustomerIO(1, 2)\nclass B:\n    def go(self):\n"
        "        self.cio.identify(1)\n",
        "from customerio import CustomerIO\nclass S:\n    cio = CustomerIO(1, 2)\n"
        "    def go(self):\n        cio.identify(1)\n",
        # an annotation naming something else, a factory returning something else
        "from mixpanel import Mixpanel\ndef f(c: Mixpanel):\n    c.track(1, 'e')\n",
        "def get() -> dict:\n    return {}\nget().identify(1)\n",
        # methods the client's kind does not have
        "from customerio import APIClient, CustomerIO\nAPIClient('k').identify(1)\n"
        "CustomerIO(1, 2).send_email(r)\n",
    ],
)
def test_look_alikes_are_not_clients(source: str) -> None:
    assert resolved(source) == []


def test_client_kind_of_a_receiver_at_its_call() -> None:
    model = model_of(CIO + "cio = CustomerIO(1, 2)\napi = APIClient('k')\n"
                     "cio.identify(1)\napi.send_email(r)\nanalytics.flush()\n")
    kinds = []
    for call in model.sdk_calls():
        assert call.receiver is not None
        kinds.append(model.client_kind(call.receiver, call.place, call.order))
    assert kinds == [ClientKind.TRACK, ClientKind.APP, ClientKind.PIPELINES]
    # the constructor call is itself a client expression; its argument is not
    construction = model.constructions()[0]
    assert model.client_kind(construction.node, construction.place) is ClientKind.TRACK
    site_id = construction.value("site_id")
    assert site_id is not None and model.client_kind(site_id, construction.place) is None


def test_configured_client_names_match_a_last_part_or_an_exact_dotted_name() -> None:
    names = (ClientName("cio", ClientKind.TRACK), ClientName("deps.mailer", ClientKind.APP))
    source = (
        "def f(cio, deps, other, cio2):\n"
        "    cio.identify(1)\n"
        "    other.cio.track(1, 'e')\n"
        "    deps.mailer.send_email(r)\n"
        "    other.mailer.send_email(r)\n"
        "    cio2.identify(1)\n"
    )
    assert resolved(source, client_names=names) == [
        ("track", "identify", "cio"),
        ("track", "track", "other.cio"),
        ("app", "send_email", "deps.mailer"),
    ]
    assert resolved(source) == []


def test_clients_imported_from_other_project_modules() -> None:
    external = {
        "app.clients.cio": ExternalClient(ClientKind.TRACK),
        "app.clients.get_api": ExternalClient(ClientKind.APP, factory=True),
    }
    source = (
        "from app.clients import cio, get_api\nfrom app import clients\n"
        "cio.identify(1)\nget_api().send_email(r)\nclients.cio.track(1, 'e')\n"
        "cio().identify(2)\nget_api.send_email(r)\n"
    )
    assert resolved(source, external=external) == [
        ("track", "identify", "cio"),
        ("app", "send_email", "get_api()"),
        ("track", "track", "clients.cio"),
    ]
    relative = "from .clients import cio\ncio.identify(1)\n"
    assert resolved(relative, external=external, module_name="app.views") == [
        ("track", "identify", "cio")
    ]
    assert resolved(relative, external=external, module_name="other.views") == []
    assert resolved(source) == []


# -- frontend internals: factories and the class chain -------------------------------------


def test_factory_kind_of_same_module_functions() -> None:
    model = semantic_of(
        CIO
        + "_c = None\n"
        "def get():\n    global _c\n    if _c is None:\n        _c = CustomerIO(1, 2)\n"
        "    return _c\n"
        "def pipeline() -> analytics.Client:\n    return None\n"
        "def helper():\n    return 42\n"
        "def loop():\n    return loop()\n"
    )
    kinds = {f.name: model.factory_kind(f) for f in model.functions}
    assert kinds == {
        "get": ClientKind.TRACK,
        "pipeline": ClientKind.PIPELINES,
        "helper": None,
        "loop": None,
    }


def test_resolve_function_finds_names_and_self_methods_only() -> None:
    model = semantic_of(
        "def top():\n    pass\n"
        "class Base:\n    def inherited(self):\n        pass\n"
        "class S(Base):\n    def own(self):\n        pass\n"
        "    def go(self):\n        top()\n        self.own()\n        self.inherited()\n"
        "        other.own()\n        missing()\n"
    )
    resolved_names = []
    for site in model.call_sites:
        function = model.resolve_function(site.node.func, site.scope, site.order)
        resolved_names.append((model.code(site.node), function.name if function else None))
    assert resolved_names == [
        ("top()", "top"),
        ("self.own()", "own"),
        ("self.inherited()", "inherited"),
        ("other.own()", None),
        ("missing()", None),
    ]


def test_self_attributes_are_recorded_on_the_owning_class() -> None:
    model = semantic_of(
        CIO + "class S:\n    def __init__(me):\n        me.cio = CustomerIO(1, 2)\n"
        "        other.api = APIClient('k')\n"
    )
    klass = model.classes["S"]
    assert isinstance(klass, Scope)
    assert set(klass.attributes) == {"cio"}
    (binding,) = klass.attributes["cio"]
    assert binding.value is not None and model.code(binding.value) == "CustomerIO(1, 2)"
