"""The JavaScript/TypeScript model's answers about identity and attributes: id keys, email
evidence, forwarded identify calls, the entries a call sends and the JS text of rewrites."""

from __future__ import annotations

import pytest

from cio_lint.analysis.attributes import LiteralType, SentEntry
from cio_lint.analysis.identity import EmailEvidence
from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.model import ModuleModel
from cio_lint.analysis.records import SdkCall
from cio_lint.core.config import Config

HEADER = (
    'import { TrackClient } from "customerio-node";\n'
    'import { Analytics } from "@customerio/cdp-analytics-node";\n'
    'const cio = new TrackClient("site", "key");\n'
    'const cdp = new Analytics({ writeKey: "w" });\n'
)


def _model(body: str) -> ModuleModel:
    return JAVASCRIPT.analyse(HEADER + body, Config(), path="app.ts")


def _calls(body: str) -> tuple[ModuleModel, list[SdkCall]]:
    model = _model(body)
    return model, model.sdk_calls()


def _id_key(body: str) -> str:
    model, calls = _calls(body)
    assert calls[0].customer_id is not None
    return model.expression_key(calls[0].customer_id)


@pytest.mark.parametrize("written", ["user.id", "user?.id", 'user["id"]', "(user).id",
                                     "user!.id", "user . id", "user['id']"])
def test_equal_id_expressions_get_equal_keys(written: str) -> None:
    assert _id_key(f"cio.track({written}, {{ name: 'x' }});") == "user.id"


@pytest.mark.parametrize("written", ["user.uid", "account.id", "user", '"user.id"', "ids[0]"])
def test_different_id_expressions_get_different_keys(written: str) -> None:
    assert _id_key(f"cio.track({written}, {{ name: 'x' }});") != "user.id"


@pytest.mark.parametrize(("written", "evidence"), [
    ('"jane@example.com"', EmailEvidence.LITERAL),
    ("`${name}@example.com`", EmailEvidence.TEMPLATE),
    ("email", EmailEvidence.VARIABLE),
    ("userEmail", EmailEvidence.VARIABLE),
    ("user.email", EmailEvidence.ATTRIBUTE),
    ("req.body.email", EmailEvidence.ATTRIBUTE),
    ('data["email"]', EmailEvidence.FIELD),
    ('form.get("email")', EmailEvidence.FIELD),
    ("user.email.toLowerCase().trim()", EmailEvidence.ATTRIBUTE),
])
def test_email_evidence(written: str, evidence: EmailEvidence) -> None:
    model, calls = _calls(f"cio.identify({written}, {{}});")
    assert calls[0].customer_id is not None
    found = model.email_source(calls[0].customer_id, calls[0].place, calls[0].order)
    assert found is not None and found.evidence is evidence


@pytest.mark.parametrize("written", ["user.id", '"usr_abc123"', "`user-${id}`", "mailbox",
                                     "user.name", 'data["id"]'])
def test_no_email_evidence(written: str) -> None:
    model, calls = _calls(f"cio.identify({written}, {{}});")
    assert calls[0].customer_id is not None
    assert model.email_source(calls[0].customer_id, calls[0].place, calls[0].order) is None


def test_an_email_given_to_a_const_is_followed() -> None:
    model, calls = _calls("const who = user.email;\ncio.identify(who, {});")
    assert calls[0].customer_id is not None
    found = model.email_source(calls[0].customer_id, calls[0].place, calls[0].order)
    assert found is not None and found.describe() == "the `email` attribute"


def test_forwarded_identify_calls_are_segment_and_rudderstack_clients_only() -> None:
    model = _model(
        'import { Analytics as Segment } from "@segment/analytics-node";\n'
        'import Rudder from "@rudderstack/rudder-sdk-node";\n'
        'const Legacy = require("analytics-node");\n'
        'const segment = new Segment({ writeKey: "w" });\n'
        'const rudder = new Rudder("k", { dataPlaneUrl: "u" });\n'
        'const legacy = new Legacy("w");\n'
        "segment.identify({ userId: 'a' });\n"
        "rudder.identify({ userId: 'b' });\n"
        "legacy.identify({ userId: 'c' });\n"
        "auth.identify('d');\n"
        "posthog.identify({ distinctId: 'e' });\n"
        "cdp.identify({ userId: 'f' });\n"
    )
    assert [model.code(node).split("(")[0] for node in model.forwarded_identify_calls()] == [
        "segment.identify", "rudder.identify", "legacy.identify"
    ]


def _entries(body: str) -> tuple[ModuleModel, list[SentEntry]]:
    model, calls = _calls(body)
    return model, model.all_entries(calls[0])


def test_entries_of_an_identify_object() -> None:
    _, entries = _entries(
        "const extra = { plan: 'pro' };\n"
        "cio.identify(user.id, { email, 'first-name': n, ...extra, [key]: 1, "
        "address: { city: c } });"
    )
    assert [entry.path for entry in entries] == [
        "email", "first-name", "plan", "address", "address.city"
    ]


def test_entries_of_track_data_cdp_traits_and_properties() -> None:
    _, track = _entries("cio.track(user.id, { name: 'x', data: { total: 3 } });")
    assert [(e.key, e.namespace.value) for e in track] == [("total", "event data")]
    _, traits = _entries("cdp.identify({ userId: 'u', traits: { plan: 'pro' } });")
    assert [(e.key, e.namespace.value) for e in traits] == [("plan", "profile attribute")]
    _, props = _entries("cdp.track({ userId: 'u', event: 'e', properties: { n: 1 } });")
    assert [(e.key, e.namespace.value) for e in props] == [("n", "event data")]


@pytest.mark.parametrize(("value", "kind", "as_other"), [
    ('"3"', LiteralType.STRING, {LiteralType.NUMBER: "3", LiteralType.BOOLEAN: None}),
    ('"true"', LiteralType.STRING, {LiteralType.BOOLEAN: "true"}),
    ("`x`", LiteralType.STRING, {LiteralType.NUMBER: None}),
    ("3", LiteralType.NUMBER, {LiteralType.STRING: '"3"'}),
    ("-1.5", LiteralType.NUMBER, {LiteralType.STRING: '"-1.5"', LiteralType.BOOLEAN: None}),
    ("1", LiteralType.NUMBER, {LiteralType.BOOLEAN: "true"}),
    ("true", LiteralType.BOOLEAN, {LiteralType.STRING: '"true"', LiteralType.NUMBER: "1"}),
])
def test_literal_types(value: str, kind: LiteralType, as_other: dict[LiteralType, str]) -> None:
    model, entries = _entries(f"cio.identify(user.id, {{ plan: {value} }});")
    typed = model.literal_type(entries[0])
    assert typed is not None and typed.type is kind
    for other, text in as_other.items():
        assert typed.as_type(other) == text


def test_a_key_whose_value_is_undefined_is_not_sent() -> None:
    _, entries = _entries("cio.identify(user.id, { Phone: undefined, plan: (undefined) });")
    assert entries == []


@pytest.mark.parametrize("value", ["user.plan", "null", "[1]", "{}"])
def test_non_literals_have_no_type(value: str) -> None:
    model, entries = _entries(f"cio.identify(user.id, {{ plan: {value} }});")
    assert model.literal_type(entries[0]) is None


@pytest.mark.parametrize(("value", "clears"), [
    ("null", True), ('""', True), ("true", True), ("form.password", False),
    ('"hunter2"', False),
])
def test_clearing_values(value: str, clears: bool) -> None:
    model, entries = _entries(f"cio.identify(user.id, {{ password: {value} }});")
    assert model.clears_attribute(entries[0]) is clears


def _parses(text: str) -> bool:
    return JAVASCRIPT.syntax_error(text + ";\n", path="x.ts") is None


def test_rewrites_are_valid_javascript() -> None:
    model, entries = _entries(
        "cio.identify(user.id, { email: user.email, password: pw, Timezone });"
    )
    password, timezone = entries[1], entries[2]
    removed = model.without_entry_rewrite(password)
    assert removed == "cio.identify(user.id, { email: user.email, Timezone })"
    assert model.renamed_key_rewrite(timezone, "timezone") == "timezone: Timezone"
    assert model.renamed_key_rewrite(password, "first-name") == '"first-name"'
    assert model.entry_source(password) == "password: pw"
    assert model.written_inside(password.key_node, password.call.node)
    assert removed is not None and _parses(removed)


def test_removing_the_only_entry_of_nested_data() -> None:
    model, entries = _entries("cio.track(user.id, { name: 'x', data: { token: t } });")
    assert model.without_entry_rewrite(entries[0]) == "cio.track(user.id, { name: 'x', data: {} })"


@pytest.mark.parametrize(("call", "expected"), [
    ("cio.identify(user.id, { created_at: 1 })",
     "cio.identify(user.id, { email: user.email, created_at: 1 })"),
    ("cio.identify(user.id, {})", "cio.identify(user.id, { email: user.email })"),
    ("cio.identify(user.id)", "cio.identify(user.id, { email: user.email })"),
    ("cio.identify(user.id, attrs)", "cio.identify(user.id, { ...attrs, email: user.email })"),
    ("cdp.identify({ userId: user.id })",
     "cdp.identify({ ..., traits: { email: user.email, ... } })"),
])
def test_with_added_email(call: str, expected: str) -> None:
    model, calls = _calls(call + ";")
    text = model.with_added_attribute(calls[0], "email", "user.email")
    assert text == expected
    if "..., " not in expected:
        assert _parses(text)
