"""The core questions of ``ModuleModel`` as the Python frontend answers them: spans,
source text, string values, functions, credential literals and what a module exports."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import ExternalClient, SdkCall
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import Config
from cio_lint.core.findings import Position
from tests.analysis.conftest import model_of

CIO = "from customerio import CustomerIO, APIClient, analytics\n"


def calls(src: str) -> tuple[PythonModel, list[SdkCall]]:
    model = model_of(src)
    return model, model.sdk_calls()


# -- spans ----------------------------------------------------------------------------------


def test_spans_are_one_based_lines_and_columns() -> None:
    model, (call,) = calls(CIO + "cio = CustomerIO(1, 2)\ncio.identify('5')\n")
    assert model.span(call.node) == (Position(3, 1), Position(3, 18))
    customer = call.customer_id
    assert customer is not None
    assert model.span(customer) == (Position(3, 14), Position(3, 17))


def test_span_of_an_indented_call_over_several_lines() -> None:
    model, (call,) = calls(
        CIO + "def f():\n    cio = CustomerIO(1, 2)\n    cio.track(\n        '5',\n"
        "        name='e',\n    )\n"
    )
    assert model.span(call.node) == (Position(4, 5), Position(7, 6))
    name = call.arg("name")
    assert name is not None and name.keyword_node is not None
    assert model.span(name.keyword_node) == (Position(6, 9), Position(6, 13))
    assert model.span(name.value) == (Position(6, 14), Position(6, 17))


def test_columns_count_characters_not_bytes() -> None:
    model, (call,) = calls(CIO + 'cio = CustomerIO(1, 2)\nx = "é€😀"; cio.identify(x)\n')
    # ``x = "é€😀"; `` is 11 characters (and 18 bytes in UTF-8)
    assert model.span(call.node) == (Position(3, 12), Position(3, 27))


# -- source text ----------------------------------------------------------------------------


def test_source_text_is_the_text_as_written() -> None:
    src = CIO + "cio = CustomerIO(1, 2)\ncio.identify(  'ñandú'  ,  plan = \"🦜\" )  # c\n"
    model, (call,) = calls(src)
    assert model.source_text(call.node) == "cio.identify(  'ñandú'  ,  plan = \"🦜\" )"
    assert model.code(call.node) == model.source_text(call.node)
    plan = call.bound.extra["plan"]
    assert model.source_text(plan.node) == 'plan = "🦜"'
    assert model.source_text(plan.value) == '"🦜"'


def test_source_text_keeps_crlf_line_endings() -> None:
    src = (
        "from customerio import CustomerIO\r\ncio = CustomerIO(1, 2)\r\n"
        "cio.track(\r\n    'é',\r\n    'ü',\r\n)\r\ncio.identify(1)\r\n"
    )
    model, (track, identify) = calls(src)
    assert model.source_text(track.node) == "cio.track(\r\n    'é',\r\n    'ü',\r\n)"
    assert model.code(track.node) == model.source_text(track.node)
    assert model.span(track.node) == (Position(3, 1), Position(6, 2))
    assert model.span(identify.node) == (Position(7, 1), Position(7, 16))
    assert model.source_text(identify.node) == "cio.identify(1)"


def test_source_text_without_the_source_falls_back_to_printed_code() -> None:
    src = CIO + "cio = CustomerIO(1, 2)\ncio.identify( 'x' )\n"
    model = PythonModel(SemanticModel(cst.parse_module(src)), Config())
    (call,) = model.sdk_calls()
    assert model.source_text(call.node) == "cio.identify( 'x' )"


# -- string values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("'plain'", "plain"),
        ('"double"', "double"),
        ("'''triple'''", "triple"),
        ("'a' 'b'", "ab"),
        ("('a'\n    \"b\" 'c')", "abc"),
        ("'tab\\there'", "tab\there"),
        ("r'raw\\n'", "raw\\n"),
        ("'é€😀'", "é€😀"),
        ("''", ""),
        ("f'x'", None),
        ("f'{name}'", None),
        ("'a' f'{b}'", None),
        ("'a' + 'b'", None),
        ("b'bytes'", None),
        ("name", None),
        ("42", None),
        ("str(1)", None),
    ],
)
def test_string_value(expr: str, value: str | None) -> None:
    model, (call,) = calls(CIO + f"analytics.track('u', {expr})\n")
    assert model.string_value(call.event_name) == value


def test_string_value_of_no_node() -> None:
    model, (call,) = calls(CIO + "analytics.track('u')\n")
    assert call.event_name is None
    assert model.string_value(call.event_name) is None


# -- module facts ---------------------------------------------------------------------------


def test_module_name_and_functions_in_source_order() -> None:
    model = model_of(
        "def a():\n    def b():\n        pass\nclass K:\n    async def c(self):\n        pass\n"
        "lambda: 0\ndef d():\n    pass\n",
        module_name="app.jobs",
    )
    assert model.module_name == "app.jobs"
    assert [(f.name, f.class_name, f.is_async) for f in model.functions()] == [
        ("a", None, False),
        ("b", None, False),
        ("c", "K", True),
        ("d", None, False),
    ]


def test_credential_literals_are_the_secrets_given_to_constructors_longest_first() -> None:
    model = model_of(
        CIO + "import os\n"
        "KEY = 'app-secret-0123456789'\n"
        "cio = CustomerIO('site-1', 'track-key-abc')\n"
        "api = APIClient(KEY)\n"
        "empty = CustomerIO('', os.environ['CIO_KEY'])\n"
        "analytics.write_key = 'wk-42'\n"
        "label = 'not-a-secret'\n"
    )
    assert model.credential_literals() == [
        "app-secret-0123456789", "track-key-abc", "site-1", "wk-42",
    ]


def test_exported_clients_are_module_level_clients_and_factories() -> None:
    model = model_of(
        CIO + "from app.other import helper\n"
        "cio = CustomerIO(1, 2)\n"
        "pipeline = analytics.Client('w')\n"
        "def get_api():\n    return APIClient('k')\n"
        "def get_cio() -> CustomerIO:\n    ...\n"
        "def helper2():\n    return 1\n"
        "count = 3\n"
        "class Service:\n    cio = CustomerIO(1, 2)\n"
        "def f():\n    local = CustomerIO(1, 2)\n"
    )
    assert model.exported_clients() == {
        "cio": ExternalClient(ClientKind.TRACK),
        "pipeline": ExternalClient(ClientKind.PIPELINES),
        "get_api": ExternalClient(ClientKind.APP, factory=True),
        "get_cio": ExternalClient(ClientKind.TRACK, factory=True),
    }


def test_exported_clients_pass_imported_clients_on() -> None:
    external = {"app.clients.cio": ExternalClient(ClientKind.TRACK)}
    model = model_of("from app.clients import cio\nmine = cio\n", external=external)
    # a name bound by import is a re-export, not an export of this module
    assert model.exported_clients() == {"mine": ExternalClient(ClientKind.TRACK)}
    assert model.reexports() == {"cio": "app.clients.cio"}


def test_reexports_and_project_imports() -> None:
    model = model_of(
        CIO + "import customerio\nfrom customerio.api import SendEmailRequest\n"
        "from app.clients import cio as client\nfrom .settings import KEY\nimport app.jobs\n",
        module_name="app.views",
    )
    assert model.reexports() == {
        "client": "app.clients.cio",
        "KEY": "app.settings.KEY",
        "app": "app",
    }
    assert model.project_imports() == frozenset(
        {"app.clients.cio", "app.settings.KEY", "app.jobs"}
    )
