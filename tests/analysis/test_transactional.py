"""What the transactional questions answer for Python snippets: the requests and their
fields, whether a field set is closed, what a field's value is, and the fix text."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.transactional import (
    Channel,
    FieldValueKind,
    TransactionalRequest,
    e164_rewrite,
    is_e164,
    is_email_recipient,
    is_liquid,
    recipients,
)
from cio_lint.core.config import Config

APP = (
    "from customerio import APIClient, SendEmailRequest, SendSMSRequest, SendPushRequest\n"
    'api = APIClient("key")\n'
)


def model_of(body: str) -> PythonModel:
    src = APP + body
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def only_request(body: str) -> tuple[PythonModel, TransactionalRequest]:
    model = model_of(body)
    (request,) = model.transactional_requests()
    return model, request


# -- finding requests --------------------------------------------------------------------


def test_request_object_fields_by_sdk_name() -> None:
    model, request = only_request(
        'SendEmailRequest(to="a@example.com", _from="b@example.com", subject="Hi")\n'
    )
    assert request.channel is Channel.EMAIL
    assert set(request.fields) == {"to", "from", "subject"}
    assert request.spelling("from") == "_from"
    assert request.label == "`SendEmailRequest(...)`"
    assert request.closed and not request.misspelled
    assert model.source_text(request.node).startswith("SendEmailRequest(")


def test_request_dict_sent_with_a_method() -> None:
    _, request = only_request(
        'api.send_sms({"to": "+15551234567", "from": "x", "custom_device": {}})\n'
    )
    assert request.channel is Channel.SMS
    assert set(request.fields) == {"to", "from", "device"}
    assert request.spelling("from") == "from"
    assert request.spelling("device") == "custom_device"
    assert request.label == "the request dict sent with `send_sms`"


def test_dict_sent_to_a_look_alike_is_no_request() -> None:
    model = model_of(
        'class Mailer:\n    def send_email(self, r): ...\nMailer().send_email({"to": "x"})\n'
    )
    assert model.transactional_requests() == []


def test_a_request_built_then_sent_is_one_request() -> None:
    model = model_of('req = SendPushRequest(transactional_message_id="1")\napi.send_push(req)\n')
    assert [r.channel for r in model.transactional_requests()] == [Channel.PUSH]


def test_explicit_none_is_not_sent() -> None:
    _, request = only_request('SendEmailRequest(to=None, subject="Hi")\n')
    assert "to" in request.fields
    assert not request.has("to")
    assert request.has("subject")
    assert not request.has("body")


def test_fields_set_afterwards_are_sent_but_not_closed() -> None:
    _, request = only_request(
        "def send(user):\n"
        '    req = SendEmailRequest(to="a@example.com")\n'
        "    req._from = user.email\n"
        "    api.send_email(req)\n"
    )
    assert request.added_later == frozenset({"from"})
    assert request.has("from")
    assert request.value("from") is None
    assert not request.closed


@pytest.mark.parametrize(
    "body",
    [
        "SendEmailRequest(**options)\n",
        "def make():\n    return SendEmailRequest(to='a@example.com')\n",
        "def send(req_data):\n    req = SendEmailRequest(to='a@example.com')\n"
        "    fill(req)\n    api.send_email(req)\n",
    ],
    ids=["spread", "returned", "passed-to-unknown-call"],
)
def test_open_requests(body: str) -> None:
    _, request = only_request(body)
    assert not request.closed


def test_unknown_keyword_is_misspelled() -> None:
    _, request = only_request('SendEmailRequest(to="a@example.com", customer_id="5")\n')
    assert request.misspelled


# -- mapping literals ----------------------------------------------------------------------


def test_literal_dict_through_a_local() -> None:
    model, request = only_request(
        "def send():\n"
        '    ids = {"id": "5"}\n'
        '    ids["email"] = "a@example.com"\n'
        '    SendEmailRequest(identifiers=ids)\n'
    )
    value = request.value("identifiers")
    assert value is not None
    found = model.literal_dict(value, request.place, request.order)
    assert found is not None
    assert found.via == "ids"
    assert set(found.entries) == {"id"}
    assert found.added_later == frozenset({"email"})
    assert found.keys == {"id", "email"}
    assert not found.closed


def test_literal_dict_with_a_spread_is_open() -> None:
    model, request = only_request('SendEmailRequest(identifiers={"id": "5", **more})\n')
    value = request.value("identifiers")
    assert value is not None
    found = model.literal_dict(value, request.place, request.order)
    assert found is not None and not found.closed and found.via is None


def test_no_literal_dict_for_a_call() -> None:
    model, request = only_request("SendEmailRequest(identifiers=build())\n")
    value = request.value("identifiers")
    assert value is not None
    assert model.literal_dict(value, request.place, request.order) is None


# -- field values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "text", "integer"),
    [
        ('"555-123-4567"', FieldValueKind.STRING, "555-123-4567", None),
        ("0x1F", FieldValueKind.INTEGER, "0x1F", 31),
        ("1_000", FieldValueKind.INTEGER, "1_000", 1000),
        ("1.5", FieldValueKind.FLOAT, "1.5", None),
        ('f"{user.phone}"', FieldValueKind.FORMATTED_STRING, None, None),
        ('["a@example.com"]', FieldValueKind.SEQUENCE, None, None),
        ("str(user.id)", FieldValueKind.CONVERSION, None, None),
        ("user.phone", FieldValueKind.OTHER, None, None),
    ],
)
def test_field_value_kinds(
    written: str, kind: FieldValueKind, text: str | None, integer: int | None
) -> None:
    model, request = only_request(f"SendSMSRequest(to={written})\n")
    value = model.field_value(request, "to")
    assert value is not None
    assert (value.kind, value.text, value.integer, value.name) == (kind, text, integer, None)
    assert model.source_text(value.node) == written


def test_shadowed_conversion_is_not_a_conversion() -> None:
    model, request = only_request("def str(x): return x\nSendSMSRequest(to=str(user.id))\n")
    value = model.field_value(request, "to")
    assert value is not None and value.kind is FieldValueKind.OTHER


def test_field_value_through_a_constant() -> None:
    model, request = only_request('PHONE = "+15551234567"\nSendSMSRequest(to=PHONE)\n')
    value = model.field_value(request, "to")
    assert value is not None
    assert value.name == "PHONE"
    assert value.string == "+15551234567"
    assert model.code(value.origin) == '"+15551234567"'


def test_missing_field_has_no_value() -> None:
    model, request = only_request('SendSMSRequest(transactional_message_id="otp")\n')
    assert model.field_value(request, "to") is None


# -- fix text ------------------------------------------------------------------------------


def test_request_with_fields_spells_keywords() -> None:
    model, request = only_request('SendEmailRequest(to="a@example.com")\n')
    text = model.request_with_fields(request, {"from": '"b@example.com"', "to": "user.email"})
    assert text == 'SendEmailRequest(to=user.email, _from="b@example.com")'


def test_request_dict_with_fields_follows_a_multiline_layout() -> None:
    model, request = only_request(
        'api.send_email({\n    "to": "a@example.com",\n    "subject": "Hi",\n})\n'
    )
    text = model.request_with_fields(request, {"from": "..."})
    assert text == '{\n    "to": "a@example.com",\n    "subject": "Hi",\n    "from": ...,\n}'


def test_mapping_with_entries_and_literal() -> None:
    model, request = only_request('SendEmailRequest(message_data=dict(url=u))\n')
    value = request.value("message_data")
    assert value is not None
    assert model.mapping_with_entries(value, {"name": "..."}) == "dict(url=u, name=...)"
    assert model.mapping_literal({"id": "...", "email": "e"}) == '{"id": ..., "email": e}'


# -- judgements on strings -------------------------------------------------------------------


def test_recipient_judgements() -> None:
    assert is_liquid("{{ customer.phone }}") and not is_liquid("+1555")
    assert is_e164("+15551234567") and not is_e164("5551234567")
    assert e164_rewrite("0044 20 7946 0958") == "+442079460958"
    assert e164_rewrite("+15551234567") is None
    assert e164_rewrite("555-1234") is None
    assert recipients('"Doe, Jane" <jane@example.com>, bob@example.com') == [
        '"Doe, Jane" <jane@example.com>',
        "bob@example.com",
    ]
    assert is_email_recipient("Jane Doe <jane@example.com>")
    assert not is_email_recipient("jane@localhost")
    assert not is_email_recipient("mailto:jane@example.com")
