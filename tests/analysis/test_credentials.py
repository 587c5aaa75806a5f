"""What the credential questions answer for Python snippets: the slots filled, the names a
value is read through, literal secrets, and the neutral judgements of names."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.credentials import (
    CredentialRole,
    is_generic_key_name,
    role_of_name,
    role_of_names,
)
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.config import Config

TRACK = "import os\nfrom customerio import CustomerIO, APIClient, analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(TRACK + src), source=TRACK + src), Config())


def test_slots_of_every_client_and_the_pipelines_write_key() -> None:
    model = model_of(
        "cio = CustomerIO(SITE, key)\n"
        "api = APIClient(app_key)\n"
        "client = analytics.Client(write_key=wk)\n"
        "analytics.write_key = other\n"
    )
    uses = model.credential_uses()
    assert [(u.slot, model.code(u.value), u.keyword) for u in uses] == [
        (CredentialRole.SITE_ID, "SITE", None),
        (CredentialRole.TRACK_KEY, "key", None),
        (CredentialRole.APP_KEY, "app_key", None),
        (CredentialRole.WRITE_KEY, "wk", "write_key"),
        (CredentialRole.WRITE_KEY, "other", None),
    ]
    assert uses[0].call is not None and uses[0].call.method == "CustomerIO"
    assert uses[-1].call is None
    assert model.code(uses[-1].anchor) == "analytics.write_key"


def test_an_unrelated_write_key_attribute_is_no_slot() -> None:
    model = model_of("class Settings: pass\nsettings = Settings()\nsettings.write_key = x\n")
    assert model.credential_uses() == []


@pytest.mark.parametrize(
    ("prelude", "value", "names"),
    [
        ("", 'os.environ["CIO_TRACK_KEY"]', ["CIO_TRACK_KEY"]),
        ("", 'os.getenv("CIO_APP_KEY")', ["CIO_APP_KEY"]),
        ("", "settings.CIO_SITE_ID", ["CIO_SITE_ID"]),
        ('key = os.getenv("X_TRACK")\n', "key", ["key", "X_TRACK"]),
        ("", "make_key()", []),
    ],
)
def test_names_a_value_is_read_through(prelude: str, value: str, names: list[str]) -> None:
    model = model_of(f"{prelude}api = APIClient({value})\n")
    (use,) = model.credential_uses()
    assert model.credential_names(use) == names


def test_a_literal_secret_directly_or_through_a_name() -> None:
    model = model_of('SITE = "abc123"\ncio = CustomerIO(SITE, "k" "ey")\napi = APIClient(x)\n')
    site, key, app = model.credential_uses()
    assert model.credential_literal(site) == "abc123"
    assert model.credential_literal(key) == "key"
    assert model.credential_literal(app) is None
    assert model.credential_literals() == ["abc123", "key"]


def test_an_empty_literal_is_no_secret() -> None:
    model = model_of('cio = CustomerIO("", os.environ["K"])\n')
    assert [model.credential_literal(u) for u in model.credential_uses()] == [None, None]


def test_texts_a_fix_writes() -> None:
    model = model_of("")
    assert model.environment_lookup_text("CUSTOMERIO_SITE_ID") == (
        'os.environ["CUSTOMERIO_SITE_ID"]'
    )
    assert model.track_client_text("A", "B", keywords=False) == "CustomerIO(A, B)"
    assert model.track_client_text("A", "B", keywords=True) == (
        "CustomerIO(site_id=A, api_key=B)"
    )


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("CUSTOMERIO_TRACK_API_KEY", CredentialRole.TRACK_KEY),
        ("cio_app_key", CredentialRole.APP_KEY),
        ("SEGMENT_WRITE_KEY", CredentialRole.WRITE_KEY),
        ("cdp_api_key", CredentialRole.WRITE_KEY),
        ("site-id", CredentialRole.SITE_ID),
        ("api_key", None),
        ("website", None),
    ],
)
def test_role_of_a_name(name: str, role: CredentialRole | None) -> None:
    assert role_of_name(name, Config()) is role


def test_the_innermost_name_with_a_role_wins() -> None:
    names = ["CIO_APP_KEY", "key", "CIO_TRACK_KEY"]
    assert role_of_names(names, Config()) == (CredentialRole.TRACK_KEY, "CIO_TRACK_KEY")
    assert role_of_names(["key", "token"], Config()) is None


def test_configured_key_patterns_decide() -> None:
    config = Config(track_key_patterns=("^MY_T$",), app_key_patterns=())
    assert role_of_name("MY_T", config) is CredentialRole.TRACK_KEY
    assert role_of_name("CIO_APP_KEY", config) is None


@pytest.mark.parametrize(
    ("name", "generic"),
    [("api_key", True), ("TOKEN", True), ("client_secret", True), ("site_id", False),
     ("keyring", False)],
)
def test_generic_key_names(name: str, generic: bool) -> None:
    assert is_generic_key_name(name) is generic
