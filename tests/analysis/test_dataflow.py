"""Local dataflow: the value a name was last given before a use, the attributes and
event data a call sends, whether that list is complete, and what may change a local."""

from __future__ import annotations

import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.records import Attribute, SdkCall
from tests.analysis.conftest import model_of, semantic_of

CIO = "from customerio import CustomerIO, analytics\ncio = CustomerIO('site', 'key')\n"


def last_call(src: str) -> tuple[PythonModel, SdkCall]:
    model = model_of(CIO + src)
    return model, model.sdk_calls()[-1]


def origin_of(src: str, parameter: str = "timestamp") -> str:
    """The source text of the origin of the last call's ``parameter`` argument."""
    model, call = last_call(src)
    value = call.value(parameter)
    assert value is not None
    return model.code(model.origin(value, call.place, call.order))


def pairs(model: PythonModel, attributes: list[Attribute]) -> list[tuple[str, str, str]]:
    return [(a.key, model.code(a.key_node), model.code(a.value)) for a in attributes]


# -- origin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "origin"),
    [
        ("ts = now()\ncio.track(1, 'e', timestamp=ts)\n", "now()"),
        # several hops, each taken at the point of the previous assignment
        ("a = 5\nb = a\nc = b\ncio.track(1, 'e', timestamp=c)\n", "5"),
        ("a = 1\nb = a\na = 2\ncio.track(1, 'e', timestamp=b)\n", "1"),
        # the last assignment before the use wins; later ones do not count
        ("ts = 1\nts = 2\ncio.track(1, 'e', timestamp=ts)\nts = 3\n", "2"),
        ("def f():\n    ts = 1\n    if x:\n        ts = 2\n"
         "    cio.track(1, 'e', timestamp=ts)\n", "2"),
        # a module value read in a function
        ("TS = 1700000000\ndef f():\n    cio.track(1, 'e', timestamp=TS)\n", "1700000000"),
        # nothing to follow: parameters, loop targets, augmented names, expressions
        ("def f(ts):\n    cio.track(1, 'e', timestamp=ts)\n", "ts"),
        ("for ts in stamps:\n    cio.track(1, 'e', timestamp=ts)\n", "ts"),
        ("ts = 1\nts += 2\ncio.track(1, 'e', timestamp=ts)\n", "ts"),
        ("ts = 1\ncio.track(1, 'e', timestamp=ts * 1000)\n", "ts * 1000"),
        # assigned only after the use
        ("def f():\n    cio.track(1, 'e', timestamp=ts)\n    ts = 2\n", "ts"),
        ("undefined = None\ncio.track(1, 'e', timestamp=other)\n", "other"),
    ],
)
def test_origin_follows_locals_in_order(body: str, origin: str) -> None:
    assert origin_of(body) == origin


def test_origin_gives_up_on_a_cycle() -> None:
    assert origin_of("a = b\nb = a\ncio.track(1, 'e', timestamp=a)\n") in {"a", "b"}


def test_origin_path_lists_the_names_followed() -> None:
    semantic = semantic_of(CIO + "raw = {}\ntraits = raw\ncio.identify(1, **traits)\n")
    (call,) = semantic.sdk_calls()
    spread = call.node.args[-1].value  # type: ignore[attr-defined]
    assert isinstance(call.place, Scope)
    path = semantic.origin_path(spread, call.place, call.order)
    assert [(name, semantic.code(b.value)) for name, b in path if b.value is not None] == [
        ("traits", "raw"),
        ("raw", "{}"),
    ]


# -- attributes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "attributes"),
    [
        ("cio.identify('5', email=e, plan='pro')",
         [("email", "email", "e"), ("plan", "plan", "'pro'")]),
        ("cio.track('5', 'e', {'price': 3, \"sku\": s})",
         [("price", "'price'", "3"), ("sku", '"sku"', "s")]),
        ("cio.track('5', 'e', data=dict(price=3))", [("price", "price", "3")]),
        ("cio.pageview('5', '/p', referrer=r)", [("referrer", "referrer", "r")]),
        ("analytics.identify('u', {'email': e})", [("email", "'email'", "e")]),
        ("analytics.track('u', 'e', properties={'plan': p})", [("plan", "'plan'", "p")]),
        # keys that are not plain strings are not attributes
        ("cio.track('5', 'e', {key: 1, f'x{y}': 2, 'ok': 3, **more})", [("ok", "'ok'", "3")]),
        ("cio.track('5', 'e', payload())", []),
        ("cio.delete('5')", []),
        ("cio.identify('5')", []),
    ],
)
def test_attributes_a_call_sends(call: str, attributes: list[tuple[str, str, str]]) -> None:
    model, found = last_call(call + "\n")
    assert pairs(model, model.attributes(found)) == attributes


def test_attributes_through_a_local_dict_taken_before_the_call() -> None:
    model, call = last_call(
        "data = {'old': 1}\ndata = {'price': 3}\ncio.track('5', 'e', data)\ndata = {'later': 2}\n"
    )
    assert pairs(model, model.attributes(call)) == [("price", "'price'", "3")]


def test_unpacked_attributes_of_a_known_mapping() -> None:
    model, call = last_call(
        "profile = {'id': 'x', 'email': e, 'plan': p}\ncio.identify('5', **profile)\n"
    )
    # ``id`` fills the parameter, the rest are attributes; none is in ``attributes``
    assert pairs(model, model.unpacked_attributes(call)) == [
        ("email", "'email'", "e"),
        ("plan", "'plan'", "p"),
    ]
    assert model.attributes(call) == []


@pytest.mark.parametrize(
    "body",
    [
        "kw = {'data': {'a': 1}}\ncio.track('5', 'e', **kw)\n",  # fills named parameters
        "analytics.identify('u', **{'traits': {}})\n",
        "cio.identify('5', **load())\n",  # unknown mapping
    ],
)
def test_unpacked_attributes_only_where_the_spread_is_the_attribute_bucket(body: str) -> None:
    model, call = last_call(body)
    assert model.unpacked_attributes(call) == []


@pytest.mark.parametrize(
    ("body", "complete"),
    [
        ("cio.identify('5', email=e)\n", True),
        ("cio.track('5', 'e', {'a': 1})\n", True),
        ("cio.track('5', 'e')\n", True),
        ("cio.delete('5')\n", True),
        ("data = {'a': 1}\ncio.track('5', 'e', data)\n", True),
        ("data = dict(a=1)\ncio.track('5', 'e', data)\n", True),
        ("cio.identify('5', **extra)\n", False),
        ("cio.track(*args)\n", False),
        ("cio.track('5', 'e', user.traits())\n", False),
        ("cio.track('5', 'e', {'a': 1, **more})\n", False),
        ("cio.track('5', 'e', {k: 1})\n", False),
        ("def f(data):\n    cio.track('5', 'e', data)\n", False),
        # a local dict filled in, updated or handed to a helper
        ("data = {}\ndata['a'] = 1\ncio.track('5', 'e', data)\n", False),
        ("data = {}\ncio.track('5', 'e', data)\ndata.update(a=1)\n", False),
        ("data = {}\nfill(data)\ncio.track('5', 'e', data)\n", False),
        ("data = {}\ndata |= extra\ncio.track('5', 'e', data)\n", False),
        ("data = {'a': 1}\ndel data['a']\ncio.track('5', 'e', data)\n", False),
    ],
)
def test_attributes_complete(body: str, complete: bool) -> None:
    model, call = last_call(body)
    assert model.attributes_complete(call) is complete


def test_dict_items_through_a_local_at_a_point() -> None:
    model, call = last_call(
        "def f():\n    d = {'a': 1, 'b': x}\n    analytics.identify('u', traits=d)\n"
        "    d = {'c': 2}\n"
    )
    value = call.value("traits")
    assert value is not None
    assert [(a.key, model.code(a.value)) for a in
            model.dict_items(value, call.place, call.order)] == [("a", "1"), ("b", "x")]
    # without a point, the last assignment of the scope is taken
    assert [a.key for a in model.dict_items(value, call.place)] == ["c"]


def test_dict_items_of_a_literal_ignore_spreads_and_computed_keys() -> None:
    model, call = last_call("analytics.identify('u', traits={'a': 1, **rest, k: 2, 'b' 'c': 3})\n")
    value = call.value("traits")
    assert value is not None
    assert [(a.key, model.code(a.key_node)) for a in model.dict_items(value, call.place)] == [
        ("a", "'a'"),
        ("bc", "'b' 'c'"),
    ]


# -- may_mutate (frontend internals) --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "mutates"),
    [
        ("d = {}\nuse = d['a']\nother = [d]\n", False),
        ("d = {}\nd['a'] = 1\n", True),
        ("d = {}\nd.x = 1\n", True),
        ("d = {}\nd.setdefault('a', 1)\n", True),
        ("d = {}\nhelper(d)\n", True),
        ("d = {}\nhelper(key=d)\n", True),
        ("d = {}\nd += other\n", True),
        ("d = {}\ndel d['a']\n", True),
        ("d = {}\n(d['a'], b) = 1, 2\n", True),
        ("d = {}\ne = {}\ne['a'] = d\n", False),
    ],
)
def test_may_mutate(body: str, mutates: bool) -> None:
    semantic = semantic_of(body)
    assert semantic.may_mutate("d", semantic.root) is mutates


def test_may_mutate_ignores_the_call_that_sends_the_object() -> None:
    semantic = semantic_of(CIO + "d = {}\ncio.track(1, 'e', d)\n")
    (call,) = semantic.sdk_calls()
    assert semantic.may_mutate("d", semantic.root, call.node) is False  # type: ignore[arg-type]
    assert semantic.may_mutate("d", semantic.root) is True
