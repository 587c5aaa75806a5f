"""What the identity questions answer for Python snippets: which values are email
addresses and why, which expressions name the same customer, and the fix text."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.identity import (
    CioIdSource,
    EmailEvidence,
    EmailSource,
    NamedBy,
    PropertyRead,
    creates_people,
    embedded_email,
    is_cio_id_name,
    is_email_literal,
    is_email_name,
    snake_cased,
)
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.core.config import Config

TRACK = 'from customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "from customerio import analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def only_call(model: PythonModel) -> SdkCall:
    (call,) = model.sdk_calls()
    return call


def id_source(body: str) -> EmailSource | None:
    model = model_of(TRACK + body)
    call = only_call(model)
    assert call.customer_id is not None
    return model.email_source(call.customer_id, call.place, call.order)


# -- pure judgements on strings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("jane@example.com", True), (" jane@example.com ", True), ("jane@example", False),
     ("jane example.com", False), ("a@b@c.com", False)],
)
def test_is_email_literal(text: str, expected: bool) -> None:
    assert is_email_literal(text) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("email", True), ("user_email", True), ("emailAddress", True), ("userEmail", True),
     ("e_mail", True), ("mail_count", False), ("female", False),
     ("user_id", False)],
)
def test_is_email_name(name: str, expected: bool) -> None:
    assert is_email_name(name) is expected


def test_embedded_email_finds_the_address_inside_text() -> None:
    assert embedded_email("invited_jane@example.com_today") == "invited_jane@example.com"
    assert embedded_email("no address @ here") is None
    assert embedded_email("x" * 10_000 + "@") is None


def test_email_source_describes_itself() -> None:
    assert EmailSource(EmailEvidence.LITERAL).describe() == "an email address literal"
    assert EmailSource(EmailEvidence.TEMPLATE).describe() == (
        "an email address built by an f-string"
    )
    assert EmailSource(EmailEvidence.VARIABLE, "mail").describe() == "the variable `mail`"
    assert EmailSource(EmailEvidence.ATTRIBUTE, "email").describe() == "the `email` attribute"
    assert EmailSource(EmailEvidence.FIELD, "email").describe() == 'the "email" field'


# -- email_source -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ('"jane@example.com"', EmailSource(EmailEvidence.LITERAL)),
        ('f"{name}@example.com"', EmailSource(EmailEvidence.TEMPLATE)),
        ("user_email", EmailSource(EmailEvidence.VARIABLE, "user_email")),
        ("user.email", EmailSource(EmailEvidence.ATTRIBUTE, "email")),
        ('data["email"]', EmailSource(EmailEvidence.FIELD, "email")),
        ('request.POST.get("email")', EmailSource(EmailEvidence.FIELD, "email")),
        ("user.email.lower()", EmailSource(EmailEvidence.ATTRIBUTE, "email")),
    ],
)
def test_email_source_of_an_id(argument: str, expected: EmailSource) -> None:
    assert id_source(f"cio.identify(id={argument})\n") == expected


@pytest.mark.parametrize(
    "argument",
    ["user.id", '"user-42"', 'f"user-{n}"', 'data["id"]', "user.email_count + 1", "female"],
)
def test_look_alikes_are_not_emails(argument: str) -> None:
    assert id_source(f"cio.identify(id={argument})\n") is None


def test_email_source_follows_a_local_name() -> None:
    found = id_source('def f():\n    who = "jane@example.com"\n    cio.identify(id=who)\n')
    assert found == EmailSource(EmailEvidence.LITERAL)


def test_email_source_looks_at_the_positional_id_too() -> None:
    assert id_source("cio.identify(user.email)\n") == EmailSource(EmailEvidence.ATTRIBUTE, "email")


# -- expression_key and property_read ---------------------------------------------------


def test_expression_key_ignores_whitespace_only() -> None:
    model = model_of(TRACK + "cio.track(customer_id=user .id, name='a')\n"
                     "cio.identify(id=user.id)\ncio.identify(id=user.pk)\n")
    keys = [model.expression_key(call.customer_id) for call in model.sdk_calls()
            if call.customer_id is not None]
    assert keys == ["user.id", "user.id", "user.pk"]


def test_property_read() -> None:
    model = model_of(TRACK + "cio.identify(id=request.user.id)\ncio.identify(id=uid)\n")
    first, second = model.sdk_calls()
    assert first.customer_id is not None and second.customer_id is not None
    assert model.property_read(first.customer_id) == PropertyRead("request.user", "id")
    assert model.property_read(second.customer_id) is None


# -- with_added_attribute ---------------------------------------------------------------


def test_added_attribute_goes_after_the_id() -> None:
    model = model_of(TRACK + "cio.identify(id=user.id, created_at=1)\n")
    text = model.with_added_attribute(only_call(model), "email", "user.email")
    assert text == "cio.identify(id=user.id, email=user.email, created_at=1)"


def test_added_attribute_after_a_positional_id_at_the_end() -> None:
    model = model_of(TRACK + "cio.identify(user.id)\n")
    assert model.with_added_attribute(only_call(model), "email", "u.email") == (
        "cio.identify(user.id, email=u.email)"
    )


def test_added_attribute_of_a_pipelines_call_goes_in_traits() -> None:
    model = model_of(PIPELINES + 'analytics.identify("42", {"plan": "pro"})\n')
    assert model.with_added_attribute(only_call(model), "email", "user.email") == (
        'analytics.identify(..., traits={"email": user.email, ...})'
    )


# -- functions that create people -------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "class_name", "expected"),
    [
        ("sign_up", None, True),
        ("createUserAccount", None, True),
        ("handle_registration", None, True),
        ("onboard", "Flow", True),
        ("post", "SignupView", True),
        ("perform_create", "UserViewSet", True),
        ("post", "InvoiceView", False),
        ("post", None, False),
        ("update_user", None, False),
        ("registered_users_report", None, False),
        ("create_invoice", None, False),
    ],
)
def test_creates_people(function: str, class_name: str | None, expected: bool) -> None:
    assert creates_people(function, class_name) is expected


def test_snake_cased() -> None:
    assert snake_cased("createUserAccount") == "create_user_account"
    assert snake_cased("sign_up") == "sign_up"


# -- identify calls forwarded to Customer.io through Segment or RudderStack ------------


def forwarded(src: str) -> list[str]:
    model = model_of(src)
    return [model.code(node) for node in model.forwarded_identify_calls()]


@pytest.mark.parametrize(
    "imports",
    [
        "import analytics\n",  # Segment analytics-python 1.x
        "from segment import analytics\n",  # 2.x
        "import segment.analytics as analytics\n",
        "import rudderstack.analytics as analytics\n",  # RudderStack
        "import rudder_analytics as analytics\n",
    ],
)
def test_forwarded_identify_is_known_by_its_import(imports: str) -> None:
    src = imports + "def sign_up(user):\n    analytics.identify(user.id, {'email': user.email})\n"
    assert forwarded(src) == ["analytics.identify(user.id, {'email': user.email})"]


def test_forwarded_identify_imported_by_name_and_through_a_client() -> None:
    src = (
        "from analytics import identify\n"
        "from segment.analytics import Client\n"
        "segment = Client('write-key')\n"
        "def sign_up(user):\n"
        "    identify(user.id)\n"
        "    segment.identify(user.id, {'plan': 'pro'})\n"
    )
    assert forwarded(src) == ["identify(user.id)", "segment.identify(user.id, {'plan': 'pro'})"]


@pytest.mark.parametrize(
    "src",
    [
        # Customer.io's own Pipelines SDK: an SDK call, not a forwarded one.
        "from customerio import analytics\nanalytics.identify(user_id='1')\n",
        # The project's own module and an unrelated method: never by name alone.
        "from shop import analytics\nanalytics.identify('1')\n",
        "class Orm:\n    def identify(self, x):\n        return x\nOrm().identify(1)\n",
        "analytics = make_tracker()\nanalytics.identify('1')\n",
        "import analytics\nanalytics.track('1', 'signed_up')\n",
        "import mixpanel\nmixpanel.identify('1')\n",
    ],
)
def test_other_identify_calls_are_not_forwarded(src: str) -> None:
    assert forwarded(src) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cio_id", True), ("cioId", True), ("cioID", True), ("CIO_ID", True),
        ("cio_identifier", True), ("user_cio_id", True), ("customerCioId", True),
        ("cio_id_prefixed", False), ("prefixed_cio_id", False), ("cio", False),
        ("id", False), ("radio_id", False), ("cio_ids", False),
    ],
)
def test_is_cio_id_name(name: str, expected: bool) -> None:
    assert is_cio_id_name(name) is expected


def cio_id_of(body: str) -> tuple[PythonModel, SdkCall, CioIdSource | None]:
    model = model_of(TRACK + body)
    call = model.sdk_calls()[-1]
    assert call.customer_id is not None
    return model, call, model.cio_id_source(call.customer_id, call.place, call.order)


@pytest.mark.parametrize(
    ("body", "expected", "rewrite"),
    [
        ("cio.identify(id=cio_id)", CioIdSource(NamedBy.VARIABLE, "cio_id"), 'f"cio_{cio_id}"'),
        ("cio.track(user.cio_id, 'x')", CioIdSource(NamedBy.ATTRIBUTE, "cio_id"),
         'f"cio_{user.cio_id}"'),
        ("cio.delete(row['cio_id'])", CioIdSource(NamedBy.FIELD, "cio_id"), None),
        ("cio.suppress(data.get('cioId'))", CioIdSource(NamedBy.FIELD, "cioId"), None),
        ("who = p.cio_id\ncio.identify(id=who)", CioIdSource(NamedBy.ATTRIBUTE, "cio_id"),
         'f"cio_{who}"'),
    ],
)
def test_cio_id_source_and_its_prefixed_form(
    body: str, expected: CioIdSource, rewrite: str | None
) -> None:
    model, call, found = cio_id_of(body)
    assert found == expected
    assert call.customer_id is not None
    assert model.prefixed_cio_id(call.customer_id) == rewrite


@pytest.mark.parametrize(
    "body",
    [
        "cio.identify(id=f'cio_{cio_id}')",
        "cio.identify(id='cio_' + cio_id)",
        "cio.identify(id='cio_%s' % cio_id)",
        "cio.identify(id='cio_{}'.format(cio_id))",
        "cio.identify(id='cio_0300')",
        "cio_id = f'cio_{raw}'\ncio.identify(id=cio_id)",
        "cio.identify(id=user.id, cio_id=user.cio_id)",
    ],
)
def test_prefixed_or_other_ids_are_no_bare_cio_id(body: str) -> None:
    assert cio_id_of(body)[2] is None


def test_cio_id_source_describes_itself() -> None:
    assert CioIdSource(NamedBy.VARIABLE, "cioId").describe() == "the variable `cioId`"
    assert CioIdSource(NamedBy.ATTRIBUTE, "cio_id").describe() == "the `cio_id` attribute"
    assert CioIdSource(NamedBy.FIELD, "cio_id").describe() == 'the "cio_id" field'
