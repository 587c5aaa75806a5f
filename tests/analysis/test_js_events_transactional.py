"""The JavaScript model's answers about event names and transactional requests: what
rules build their messages and corrections from, written as valid JavaScript."""

from __future__ import annotations

import pytest

from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.javascript.grammars import grammar_for
from cio_lint.analysis.javascript.parsing import parse
from cio_lint.analysis.model import ModuleModel
from cio_lint.core.config import Config

TRACK = (
    'import { TrackClient } from "customerio-node";\n'
    "const cio = new TrackClient(siteId, apiKey);\n"
)
APP = (
    'import { APIClient, SendEmailRequest, SendSMSRequest } from "customerio-node";\n'
    "const api = new APIClient(appKey);\n"
)


def model_of(source: str) -> ModuleModel:
    return JAVASCRIPT.analyse(source, Config(), path="example.ts")


def is_valid_js(code: str) -> bool:
    """Does ``code`` parse as a TypeScript expression statement without damage?"""
    return not parse(f"({code});\n", grammar_for("x.ts")).damage()


def test_event_names_are_the_same_records_every_time() -> None:
    model = model_of(TRACK + 'cio.track("u", { name: "SignedUp" });\n')
    first = model.event_names()
    assert first and first[0] is model.event_names()[0]
    assert first[0].at_call and first[0].text == "SignedUp"


@pytest.mark.parametrize(
    ("literal", "expected"),
    [('"SignedUp"', '"signed_up"'), ("'SignedUp'", "'signed_up'"), ("`SignedUp`", "`signed_up`")],
)
def test_quoted_like_keeps_the_quote_style(literal: str, expected: str) -> None:
    model = model_of(TRACK + f'cio.track("u", {{ name: {literal} }});\n')
    event = model.event_names()[0]
    assert model.quoted_like(event.literal, "signed_up") == expected


def test_a_name_through_a_constant_object_is_followed() -> None:
    model = model_of(
        TRACK + 'const EVENTS = { UP: "SignedUp" } as const;\n'
        'cio.track("u", { name: EVENTS.UP });\n'
    )
    event = model.event_names()[0]
    assert (event.text, event.via, event.via_line, event.at_call) == (
        "SignedUp", "EVENTS.UP", 3, False
    )


def test_a_name_through_an_enum_member_is_followed() -> None:
    model = model_of(
        TRACK + 'enum Events {\n  SignedUp = "SignedUp",\n}\n'
        'cio.track("u", { name: Events.SignedUp });\n'
    )
    event = model.event_names()[0]
    assert (event.text, event.via, event.via_line) == ("SignedUp", "Events.SignedUp", 4)


def test_a_template_literal_is_split_into_fixed_text_and_values() -> None:
    model = model_of(TRACK + 'cio.track("u", { name: `viewed_${product.slug}_page` });\n')
    event = model.event_names()[0]
    built = model.built_name(event)
    assert built is not None
    assert built.how == "a template literal"
    assert built.fixed_text == ("viewed_", "_page")
    assert [model.code(value) for value in built.values] == ["product.slug"]
    assert built.fixed_name() == "viewed_page"


@pytest.mark.parametrize(
    "name",
    ['"a" + b', '"a".concat(b)', '["a", b].join("_")', "`a_${b}`"],
)
def test_every_way_of_building_a_name_is_seen(name: str) -> None:
    model = model_of(TRACK + f'cio.track("u", {{ name: {name} }});\n')
    assert model.built_name(model.event_names()[0]) is not None


@pytest.mark.parametrize(
    "name", ['"a" + "b"', "`a_${PREFIX}`", '["a", PREFIX].join("_")', "eventName"]
)
def test_fixed_or_unknown_names_are_not_built(name: str) -> None:
    model = model_of(TRACK + f'const PREFIX = "x";\ncio.track("u", {{ name: {name} }});\n')
    assert model.built_name(model.event_names()[0]) is None


def test_the_fixed_name_rewrite_is_javascript_and_keeps_the_data() -> None:
    model = model_of(
        TRACK + "cio.track(user.id, { name: `viewed_${product.slug}`, data: { plan: 'pro' } });\n"
    )
    event = model.event_names()[0]
    built = model.built_name(event)
    assert built is not None
    rewrite = model.fixed_name_rewrite(event, built)
    assert rewrite == (
        "cio.track(user.id, { name: 'viewed', data: { product: product.slug, plan: 'pro' } })"
    )
    assert is_valid_js(rewrite)


def test_options_given_through_a_const_are_rewritten_where_written() -> None:
    model = model_of(
        TRACK + "const event = { name: `viewed_${slug}` };\ncio.track(user.id, event);\n"
    )
    event = model.event_names()[0]
    built = model.built_name(event)
    assert built is not None
    assert model.fixed_name_rewrite(event, built) == '{ name: "viewed", data: { slug } }'


def test_personal_values_are_left_out_of_the_rewrite() -> None:
    model = model_of(TRACK + 'cio.track(user.id, { name: "invited_" + invitee.email });\n')
    event = model.event_names()[0]
    found = model.personal_data_in_name(event)
    assert [data.reason for data in found] == ["an email address"]
    built = model.built_name(event)
    assert built is not None
    drop = [data.value for data in found if data.value is not None]
    assert model.fixed_name_rewrite(event, built, drop) == 'cio.track(user.id, { name: "invited" })'


def test_seed_error_4_request_is_complete() -> None:
    model = model_of(
        APP + "const request = new SendEmailRequest({\n"
        '  to: "user@example.com",\n'
        '  transactional_message_id: "999",\n'
        '  message_data: { name: "Jane" },\n'
        '  identifiers: { id: "user-123" },\n'
        "});\n"
    )
    (request,) = model.transactional_requests()
    assert request.closed and not request.misspelled
    assert request.has("to") and request.has("identifiers")
    assert request.spelling("from") == "from"
    value = model.field_value(request, "transactional_message_id")
    assert value is not None and value.string == "999"


def test_keys_the_sdk_drops_are_unexpected() -> None:
    model = model_of(
        APP + 'new SendEmailRequest({ to: "a@b.co", customer_id: "1", cc: "c@d.co" });\n'
    )
    (call,) = model.requests()
    assert set(call.bound.unexpected) == {"customer_id", "cc"}
    assert model.transactional_requests()[0].misspelled


def test_a_field_set_after_construction_opens_the_request() -> None:
    model = model_of(
        APP + 'const req = new SendEmailRequest({ transactional_message_id: "3" });\n'
        "req.to = user.email;\napi.sendEmail(req);\n"
    )
    (request,) = model.transactional_requests()
    assert not request.closed and request.added_later == frozenset({"to"})


@pytest.mark.parametrize(
    "source",
    [
        'new SendEmailRequest({ to: "a@b.co" })',
        'new SendEmailRequest({\n  to: "a@b.co",\n  identifiers: {},\n})',
        'new SendEmailRequest({\n  to: "a@b.co"\n})',
        "new SendEmailRequest({})",
    ],
)
def test_request_with_fields_writes_an_object_literal(source: str) -> None:
    model = model_of(APP + f"api.sendEmail({source});\n")
    (request,) = model.transactional_requests()
    code = model.request_with_fields(
        request, {"identifiers": model.mapping_literal({"id": "..."}), "from": "..."}
    )
    assert is_valid_js(code), code
    assert 'identifiers: { id: "..." }' in code and 'from: "..."' in code


def test_mapping_literal_quotes_keys_that_are_not_identifiers() -> None:
    model = model_of(APP)
    assert model.mapping_literal({"id": "user.id", "first-name": '"J"'}) == (
        '{ id: user.id, "first-name": "J" }'
    )


def test_an_empty_identifiers_is_corrected_in_javascript() -> None:
    model = model_of(APP)
    assert model.mapping_literal({"id": model.string_conversion("user.id")}) == (
        "{ id: String(user.id) }"
    )
