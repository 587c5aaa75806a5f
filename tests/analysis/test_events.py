"""What the event-name questions answer for Python snippets: the name's text and origin,
how a built name splits into fixed text and values, personal data in it, and fix text."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.events import (
    BuiltName,
    EventName,
    byte_length,
    clip_for_message,
    closest_known,
    is_known,
    matches_pattern,
    normalized,
    quoted,
    snake_case,
)
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.config import DEFAULT_EVENT_NAME_PATTERN, Config

TRACK = 'from customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "from customerio import analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def only_event(src: str) -> tuple[PythonModel, EventName]:
    model = model_of(src)
    events = model.event_names()
    assert len(events) == 1
    return model, events[0]


def built(src: str) -> tuple[PythonModel, BuiltName]:
    model, event = only_event(src)
    name = model.built_name(event)
    assert name is not None
    return model, name


def pieces(model: PythonModel, name: BuiltName) -> list[str]:
    """Fixed text as is, values as ``<code>``."""
    return [p if isinstance(p, str) else f"<{model.code(p)}>" for p in name.pieces]


# -- which calls carry an event name, and its text --------------------------------------------


def test_a_literal_name_written_at_the_call() -> None:
    model, event = only_event(TRACK + 'cio.track(1, "signed_up")\n')
    assert event.text == "signed_up"
    assert event.via is None and event.origin_note() == ""
    assert event.at_call
    assert event.literal is not None and model.code(event.literal) == '"signed_up"'
    assert event.parameter == "name"


def test_pipelines_names_its_parameter_event() -> None:
    _, event = only_event(PIPELINES + 'analytics.track(user_id="1", event="Signed Up")\n')
    assert event.text == "Signed Up"
    assert event.parameter == "event"


def test_pageview_and_other_clients_carry_no_event_name() -> None:
    src = TRACK + 'cio.pageview(1, "/home")\nother.track(1, "x")\ncio.identify(1, name="x")\n'
    assert model_of(src).event_names() == []


def test_a_name_through_a_constant_notes_where_it_was_set() -> None:
    src = TRACK + 'SIGNED_UP = "signed" + "_up"\n\ndef f():\n    cio.track(1, SIGNED_UP)\n'
    _, event = only_event(src)
    assert event.text == "signed_up"
    assert event.via == "SIGNED_UP"
    assert event.origin_note() == " (through `SIGNED_UP`, line 3)"
    assert not event.at_call
    assert event.literal is None  # a concatenation is not one literal


def test_a_name_through_a_class_constant_and_an_enum_value() -> None:
    src = TRACK + (
        "from enum import Enum\n"
        "class Events:\n    SIGNED_UP = 'signed_up'\n"
        "class Event(Enum):\n    SIGNED_UP = 'signed_up'\n"
        "cio.track(1, Events.SIGNED_UP)\ncio.track(1, Event.SIGNED_UP.value)\n"
        # a str has no ``.value``; an Enum member is not a str
        "cio.track(1, Events.SIGNED_UP.value)\ncio.track(1, Event.SIGNED_UP)\n"
    )
    events = model_of(src).event_names()
    assert [(e.text, e.via, e.via_line) for e in events] == [
        ("signed_up", "Events.SIGNED_UP", 5),
        ("signed_up", "Event.SIGNED_UP.value", 7),
        (None, None, None),
        (None, None, None),
    ]


def test_a_name_fixed_by_an_fstring_of_constants_and_a_join_of_literals() -> None:
    src = TRACK + 'A = "a"\ncio.track(1, f"{A}_b")\ncio.track(1, "_".join(["x", A]))\n'
    assert [e.text for e in model_of(src).event_names()] == ["a_b", "x_a"]


def test_a_name_from_a_parameter_has_no_text() -> None:
    _, event = only_event(TRACK + "def f(name):\n    cio.track(1, name)\n")
    assert event.text is None and event.literal is None


# -- names built at run time --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "how", "expected"),
    [
        ('f"viewed_{product.slug}"', "an f-string", ["viewed_", "<product.slug>"]),
        ('"viewed_%s" % product.slug', "`%` formatting", ["viewed_", "<product.slug>"]),
        ('"viewed_{}".format(product.slug)', "`.format()`", ["viewed_", "<product.slug>"]),
        ('"a_" + kind + "_b"', "`+` concatenation", ["a_", "<kind>", "_b"]),
        ('"_".join(["viewed", kind])', "`str.join`", ["viewed_", "<kind>"]),
    ],
)
def test_how_a_name_is_built_and_its_pieces(call: str, how: str, expected: list[str]) -> None:
    model, name = built(TRACK + f"def f(product, kind):\n    cio.track(1, {call})\n")
    assert name.how == how
    assert pieces(model, name) == expected


def test_a_fixed_name_is_not_built() -> None:
    model, event = only_event(TRACK + 'X = "a"\ncio.track(1, X + "_b")\n')
    assert model.built_name(event) is None


def test_the_fixed_part_of_a_built_name_as_one_snake_case_name() -> None:
    _, name = built(TRACK + 'def f(p):\n    cio.track(1, f"Viewed {p.slug} Page")\n')
    assert name.fixed_text == ("Viewed ", " Page")
    assert name.fixed_name() == "viewed_page"


# -- personal data ------------------------------------------------------------------------------


def test_an_email_written_in_the_name() -> None:
    model, event = only_event(TRACK + 'cio.track(1, "invited_jane@example.com")\n')
    [found] = model.personal_data_in_name(event)
    assert found.email == "invited_jane@example.com"  # the local part may hold "_"
    assert found.reason == "an email address"
    assert found.shown == '"invited_jane@example.com"' and found.value is None


def test_personal_values_interpolated_in_the_name() -> None:
    src = TRACK + (
        'def f(user, product):\n    cio.track(1, f"{user.email}_{product.slug}_{user.phone}")\n'
    )
    model, event = only_event(src)
    found = model.personal_data_in_name(event)
    assert [(d.shown, d.reason) for d in found] == [
        ("`user.email`", "an email address"),
        ("`user.phone`", "a phone number"),
    ]
    assert all(d.value is not None and d.email is None for d in found)


def test_personal_data_through_a_local() -> None:
    src = TRACK + 'def f(user):\n    who = user.first_name\n    cio.track(1, f"hi_{who}")\n'
    model, event = only_event(src)
    [found] = model.personal_data_in_name(event)
    assert found.reason == "a person's name, from `user.first_name`"


@pytest.mark.parametrize(
    "value",
    ["product.name", "server.server_address", "order.token_count", "request.host"],
)
def test_look_alikes_are_not_personal_data(value: str) -> None:
    src = TRACK + f'def f(product, server, order, request):\n    cio.track(1, f"x_{{{value}}}")\n'
    model, event = only_event(src)
    assert model.personal_data_in_name(event) == []


def test_a_fixed_name_without_an_email_carries_no_personal_data() -> None:
    model, event = only_event(TRACK + 'cio.track(1, "invited_at_example")\n')
    assert model.personal_data_in_name(event) == []


# -- fix text -----------------------------------------------------------------------------------


def test_the_rewrite_moves_the_variable_part_into_the_data() -> None:
    src = TRACK + 'def f(uid, product):\n    cio.track(uid, f"viewed_{product.slug}")\n'
    model, event = only_event(src)
    name = model.built_name(event)
    assert name is not None
    assert model.fixed_name_rewrite(event, name) == (
        'cio.track(uid, "viewed", data={"product": product.slug})'
    )


def test_the_rewrite_keeps_the_calls_own_data_and_drops_personal_values() -> None:
    src = TRACK + (
        "def f(uid, user, product):\n"
        '    cio.track(uid, name=f"viewed_{product.kind}_{user.email}", data={"a": 1})\n'
    )
    model, event = only_event(src)
    name = model.built_name(event)
    assert name is not None
    drop = [d.value for d in model.personal_data_in_name(event) if d.value is not None]
    assert len(drop) == 1
    assert model.fixed_name_rewrite(event, name, drop) == (
        'cio.track(uid, name="viewed", data={"kind": product.kind, "a": 1})'
    )
    assert model.fixed_name_rewrite(event, name) == (
        'cio.track(uid, name="viewed", data={"kind": product.kind, "email": user.email, "a": 1})'
    )


def test_no_rewrite_without_a_fixed_part() -> None:
    model, event = only_event(TRACK + 'def f(uid, p):\n    cio.track(uid, f"{p.kind}")\n')
    name = model.built_name(event)
    assert name is None or model.fixed_name_rewrite(event, name) is None


def test_quoted_like_keeps_the_literals_quote_style() -> None:
    model, event = only_event(TRACK + "cio.track(1, 'Signed Up')\n")
    assert model.quoted_like(event.literal, "signed_up") == "'signed_up'"
    assert model.quoted_like(None, "signed_up") == '"signed_up"'
    assert model.quoted_like(event.literal, 'say "hi"') == '"say \\"hi\\""'


# -- judgements on the text, shared by every frontend -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SignedUp", "signed_up"), ("signed-up", "signed_up"), ("Signed Up", "signed_up"),
     ("HTTPRequestSent", "http_request_sent"), ("café_ouvert", "cafe_ouvert"), ("!!", "")],
)
def test_snake_case(text: str, expected: str) -> None:
    assert snake_case(text) == expected


def test_spellings_of_one_event_share_a_normalised_form() -> None:
    assert normalized("Signed Up") == normalized("signed_up") == normalized("signed-up")
    assert normalized("signed_up") != normalized("sign_up")


def test_the_pattern_must_match_the_whole_name_and_long_names_never_match() -> None:
    assert matches_pattern("signed_up", DEFAULT_EVENT_NAME_PATTERN)
    assert not matches_pattern("Signed_up", DEFAULT_EVENT_NAME_PATTERN)
    assert not matches_pattern("a" * 101, ".*")
    assert byte_length("é") == 2


def test_known_names_and_the_closest_one() -> None:
    events = ("signed_up", "order_completed")
    assert is_known("signed_up", events) and not is_known("SignedUp", events)
    assert closest_known("SignedUp", events) == "signed_up"
    assert closest_known("signed_uo", events) == "signed_up"
    assert closest_known("refund_issued", events) is None


def test_names_in_messages_are_clipped_and_escaped() -> None:
    assert clip_for_message("a\nb") == "a\\nb"
    assert clip_for_message("x" * 50) == "x" * 39 + "…"


def test_quoted_writes_plain_names_as_is_and_escapes_the_rest() -> None:
    assert quoted("signed_up") == '"signed_up"'
    assert quoted("signed_up", "'") == "'signed_up'"
    assert quoted("a/b", "'") == '"a/b"'
