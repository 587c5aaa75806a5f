"""What the attribute questions answer for Python snippets: the entries a call sends and
where they are stored, literal types, and the fix text for an entry removed or renamed."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.attributes import (
    LiteralType,
    Namespace,
    SentEntry,
    key_words,
    namespace_of,
    sensitive_content,
)
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.config import Config

TRACK = 'from customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "from customerio import analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def entries_of(src: str, nested: bool = False) -> tuple[PythonModel, list[SentEntry]]:
    """The entries the module's last SDK call sends."""
    model = model_of(src)
    call = model.sdk_calls()[-1]
    return model, model.all_entries(call) if nested else model.sent_entries(call)


def entry(src: str, key: str) -> tuple[PythonModel, SentEntry]:
    model, entries = entries_of(src, nested=True)
    [found] = [e for e in entries if e.path == key]
    return model, found


# -- which entries a call sends, and where they are stored --------------------------------------


def test_identify_keywords_are_profile_attributes() -> None:
    model, entries = entries_of(TRACK + 'cio.identify(id=1, email="a@b.co", plan="pro")\n')
    assert [(e.key, e.namespace) for e in entries] == [
        ("email", Namespace.PROFILE),
        ("plan", Namespace.PROFILE),
    ]
    assert model.entry_source(entries[1]) == 'plan="pro"'


def test_track_data_through_a_local_dict_is_event_data() -> None:
    src = TRACK + (
        'def f():\n    data = {"total": 3, "coupon": "X"}\n    cio.track(1, "paid", data)\n'
    )
    model, entries = entries_of(src)
    assert [(e.key, e.namespace) for e in entries] == [
        ("total", Namespace.EVENT),
        ("coupon", Namespace.EVENT),
    ]
    assert model.entry_source(entries[0]) == '"total": 3'


def test_a_spread_of_a_known_dict_is_sent() -> None:
    src = TRACK + 'extra = {"plan": "pro"}\ncio.identify(id=1, **extra)\n'
    _, entries = entries_of(src)
    assert [e.key for e in entries] == ["plan"]


def test_nested_entries_carry_their_path() -> None:
    src = TRACK + 'cio.identify(id=1, billing={"card": {"number": "4111"}})\n'
    _, entries = entries_of(src, nested=True)
    assert [e.path for e in entries] == ["billing", "billing.card", "billing.card.number"]


def test_calls_that_store_nothing_send_no_entries() -> None:
    _, entries = entries_of(TRACK + 'cio.delete(customer_id=1)\n')
    assert entries == []


def test_where_each_method_stores_its_attributes() -> None:
    model = model_of(
        TRACK + PIPELINES
        + 'cio.add_device(1, "tok", "ios")\nanalytics.group("1", "acme", {"plan": "x"})\n'
    )
    calls = model.sdk_calls()
    assert [namespace_of(call) for call in calls] == [Namespace.DEVICE, Namespace.OBJECT]
    assert Namespace.PROFILE.phrase == "a profile attribute"
    assert Namespace.EVENT.phrase == "event data"


# -- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cleared"),
    [("None", True), ('""', True), ("False", True), ('"x"', False), ("form.pw", False)],
)
def test_values_that_clear_an_attribute(value: str, cleared: bool) -> None:
    model, found = entry(TRACK + f"def f(form):\n    cio.identify(id=1, password={value})\n",
                         "password")
    assert model.clears_attribute(found) is cleared


def test_a_cleared_value_through_a_local() -> None:
    model, found = entry(TRACK + 'def f():\n    pw = None\n    cio.identify(id=1, pw=pw)\n', "pw")
    assert model.clears_attribute(found)


@pytest.mark.parametrize(
    ("value", "kind", "as_string", "as_number", "as_boolean"),
    [
        ('"3"', LiteralType.STRING, None, "3", None),
        ('"2.5"', LiteralType.STRING, None, "2.5", None),
        ('"true"', LiteralType.STRING, None, None, "True"),
        ("3", LiteralType.NUMBER, '"3"', None, None),
        ("1", LiteralType.NUMBER, '"1"', None, "True"),
        ("-2", LiteralType.NUMBER, '"-2"', None, None),
        ("True", LiteralType.BOOLEAN, '"true"', "1", None),
        ("False", LiteralType.BOOLEAN, '"false"', "0", None),
    ],
)
def test_literal_types_and_their_conversions(
    value: str, kind: LiteralType, as_string: str | None, as_number: str | None,
    as_boolean: str | None,
) -> None:
    model, found = entry(TRACK + f"cio.identify(id=1, plan={value})\n", "plan")
    typed = model.literal_type(found)
    assert typed is not None
    assert typed.type is kind and typed.text == value
    expected = {LiteralType.STRING: as_string, LiteralType.NUMBER: as_number,
                LiteralType.BOOLEAN: as_boolean}
    for other in LiteralType:
        if other is not kind:
            assert typed.as_type(other) == expected[other]


@pytest.mark.parametrize("value", ["user.plan", 'b"3"', "None", "[1]"])
def test_non_literals_have_no_type(value: str) -> None:
    model, found = entry(TRACK + f"def f(user):\n    cio.identify(id=1, plan={value})\n", "plan")
    assert model.literal_type(found) is None


# -- fix text ------------------------------------------------------------------------------------


def test_removing_a_keyword_rewrites_the_call() -> None:
    model, found = entry(TRACK + "def f(form):\n    cio.identify(id=1, password=form.pw)\n",
                         "password")
    assert model.without_entry_rewrite(found) == "cio.identify(id=1)"


def test_removing_from_a_dict_written_at_the_call_rewrites_the_call() -> None:
    src = TRACK + 'def f(k):\n    cio.track(1, "made", {"api_key": k.secret, "id": k.id})\n'
    model, found = entry(src, "api_key")
    assert model.without_entry_rewrite(found) == 'cio.track(1, "made", {"id": k.id})'


def test_removing_from_a_dict_built_elsewhere_rewrites_that_dict() -> None:
    src = TRACK + 'def f(k):\n    d = {"token": k.t, "id": k.id,}\n    cio.track(1, "made", d)\n'
    model, found = entry(src, "token")
    assert model.without_entry_rewrite(found) == '{"id": k.id}'
    assert not model.written_inside(found.key_node, found.call.node)


def test_renaming_a_keyword_and_a_string_key() -> None:
    model, found = entry(TRACK + 'cio.identify(id=1, Timezone="UTC")\n', "Timezone")
    assert model.renamed_key_rewrite(found, "timezone") == "timezone"
    assert model.entry_source(found, key_text="timezone") == 'timezone="UTC"'
    assert model.written_inside(found.key_node, found.call.node)
    model, found = entry(TRACK + "cio.identify(id=1, **{'_plan': 'pro'})\n", "_plan")
    assert model.renamed_key_rewrite(found, "plan") == "'plan'"
    assert model.entry_source(found, key_text="'plan'") == "'plan': 'pro'"


def test_keys_that_cannot_be_renamed_plainly() -> None:
    model, found = entry(TRACK + 'cio.identify(id=1, _plan="pro")\n', "_plan")
    assert model.renamed_key_rewrite(found, "") is None
    assert model.renamed_key_rewrite(found, "1plan") is None  # not an identifier
    model, found = entry(TRACK + 'cio.identify(id=1, **{"_pl\\u0061n": "pro"})\n', "_plan")
    assert model.renamed_key_rewrite(found, "plan") is None  # escapes: left to a person


# -- what a key's name says ----------------------------------------------------------------------


def test_key_words() -> None:
    assert key_words("creditCardNumber") == ("credit", "card", "number")
    assert key_words("APIKey") == ("api", "key")
    assert key_words("cvv2") == ("cvv2",)


@pytest.mark.parametrize(
    ("key", "namespace", "content"),
    [
        ("password", Namespace.PROFILE, "a password"),
        ("password_hash", Namespace.PROFILE, "a password"),
        ("creditCardNumber", Namespace.EVENT, "payment card data"),
        ("api_key", Namespace.EVENT, "an API key"),
        ("has_password", Namespace.PROFILE, None),
        ("password_changed_at", Namespace.PROFILE, None),
        ("token_count", Namespace.PROFILE, None),
        ("push_token", Namespace.PROFILE, None),
        ("token", Namespace.DEVICE, None),
        ("token", Namespace.PROFILE, "a token"),
    ],
)
def test_sensitive_content(key: str, namespace: Namespace, content: str | None) -> None:
    assert sensitive_content(key, namespace) == content
