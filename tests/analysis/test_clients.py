"""What the client-construction questions answer for Python snippets: whether a client is
built once or per call, why, and the text that builds it once."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.clients import PerCallConstruction
from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.core.config import Config

IMPORTS = "import functools\nfrom flask import g\nfrom customerio import CustomerIO, analytics\n"


def verdict_of(body: str) -> tuple[PythonModel, SdkCall, PerCallConstruction | None]:
    """The verdict on the first client construction of the snippet."""
    src = IMPORTS + body
    model = PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())
    call = model.constructions()[0]
    return model, call, model.per_call_construction(call)


def test_a_view_builds_a_client_per_call() -> None:
    model, call, verdict = verdict_of(
        "def view(request):\n    cio = CustomerIO(S, K)\n    cio.identify(id=1)\n"
    )
    assert verdict is not None and verdict.function.name == "view"
    assert verdict.factory is None and not verdict.per_request and not verdict.accessor
    assert model.constructor_text(call) == "CustomerIO"
    assert model.build_once_text(call, verdict) == (
        "cio = CustomerIO(S, K)  # once, at module level; reuse it in view()"
    )


@pytest.mark.parametrize(
    "body",
    [
        "cio = CustomerIO(S, K)\n",
        "class A:\n    def __init__(self):\n        self.cio = CustomerIO(S, K)\n",
        "def main():\n    cio = CustomerIO(S, K)\n",
        "@functools.cache\ndef client():\n    return CustomerIO(S, K)\n",
        "_c = None\ndef client():\n    global _c\n    if _c is None:\n"
        "        _c = CustomerIO(S, K)\n    return _c\n",
        "def send():\n    with CustomerIO(S, K) as cio:\n        cio.track(1, 'e')\n",
        "def client():\n    return CustomerIO(S, K)\ncio = client()\n",
    ],
)
def test_built_once(body: str) -> None:
    assert verdict_of(body)[2] is None


def test_a_factory_called_per_call_names_its_caller() -> None:
    model, call, verdict = verdict_of(
        "def client():\n    return CustomerIO(S, K)\n\n"
        "def view():\n    client().identify(id=1)\n"
    )
    assert verdict is not None and verdict.factory is not None
    assert verdict.factory.name == "client"
    assert verdict.caller is not None and verdict.caller.name == "view"
    assert verdict.caller_node is not None
    assert model.span(verdict.caller_node)[0].line == 8
    assert model.build_once_text(call, verdict).startswith(
        "@functools.cache above `def client(...)`"
    )


def test_per_request_storage() -> None:
    model, call, verdict = verdict_of("def before():\n    g.cio = CustomerIO(S, K)\n")
    assert verdict is not None and verdict.per_request
    assert "create_app()" in model.build_once_text(call, verdict)


@pytest.mark.parametrize(
    "body", ["return CustomerIO(S, K)", "c = CustomerIO(S, K)\n        c.identify(id=1)"]
)
def test_a_property_runs_on_every_access(body: str) -> None:
    _, _, verdict = verdict_of(f"class A:\n    @property\n    def cio(self):\n        {body}\n")
    assert verdict is not None and verdict.accessor


def test_a_plain_method_is_no_accessor() -> None:
    _, _, verdict = verdict_of("class A:\n    def cio(self):\n        return CustomerIO(S, K)\n")
    assert verdict is not None and not verdict.accessor


def test_per_tenant_credentials_suggest_a_cached_factory() -> None:
    model, call, verdict = verdict_of(
        "def view(tenant):\n    key = tenant.key\n    analytics.Client(write_key=key)\n"
    )
    assert verdict is not None
    assert model.constructor_text(call) == "analytics.Client"
    assert model.build_once_text(call, verdict) == (
        "one client per credentials, built once: a @functools.lru_cache(maxsize=None) "
        "factory called as client_for(key)"
    )
