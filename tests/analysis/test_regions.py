"""What the region questions answer for Python snippets: the region of a value, a client
or a Pipelines setting, and the text a region fix writes, as neutral values."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import (
    PIPELINES_HOST,
    Region,
    RegionValue,
    region_of_host,
    region_of_text,
    region_of_write_key,
)
from cio_lint.core.config import Config

IMPORTS = "import os\nfrom customerio import CustomerIO, APIClient, Regions, analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def construction(src: str) -> tuple[PythonModel, SdkCall]:
    model = model_of(src)
    return model, model.constructions()[-1]


def judged(value: str, prelude: str = "") -> tuple[PythonModel, RegionValue]:
    model, call = construction(f"{IMPORTS}{prelude}cio = CustomerIO(s, k, region={value})\n")
    node = call.value("region")
    assert node is not None
    return model, model.judge_region(node, call.place, call.order)


def test_a_real_region() -> None:
    _, value = judged("Regions.EU")
    assert (value.region, value.problem, value.via) == (Region.EU, None, None)


def test_a_string_literal_says_its_region() -> None:
    model, value = judged('"eu"')
    assert value.region is None and value.literal and not value.nonexistent
    assert value.problem == 'the string "eu"'
    assert value.intended is Region.EU
    assert model.code(value.node) == '"eu"'


def test_a_value_through_a_local_names_the_local() -> None:
    model, value = judged("where", prelude='where = "us"\n')
    assert value.via == "where" and value.intended is Region.US and value.literal
    assert model.code(value.node) == '"us"'


def test_an_environment_variable_is_a_string_of_unknown_region() -> None:
    _, value = judged('os.environ["REGION"]')
    assert value.problem is not None and "environment variable" in value.problem
    assert value.intended is None and not value.literal


def test_a_misspelt_member_does_not_exist() -> None:
    _, value = judged("Regions.eu")
    assert value.nonexistent and value.intended is Region.EU and not value.literal


def test_a_node_sdk_name_imported_from_the_sdk() -> None:
    _, value = judged("RegionEU", prelude="from customerio import RegionEU\n")
    assert value.node_name and value.nonexistent and value.intended is Region.EU


def test_a_node_sdk_name_read_from_the_sdk_module() -> None:
    _, value = judged("customerio.RegionUS", prelude="import customerio\n")
    assert value.node_name and value.nonexistent and value.intended is Region.US


def test_an_unknown_value_has_no_problem() -> None:
    _, value = judged("settings.REGION")
    assert value == RegionValue(value.node)


@pytest.mark.parametrize(
    ("src", "region", "source"),
    [
        ("CustomerIO(s, k)", Region.US, "default"),
        ("CustomerIO(s, k, region=Regions.EU)", Region.EU, "region"),
        ('CustomerIO(s, k, host="track-eu.customer.io")', Region.EU, "host"),
        ('APIClient(k, url="https://api-eu.customer.io")', Region.EU, "url"),
        ('analytics.Client(write_key="sk_eu_123")', Region.EU, "write_key"),
        ("analytics.Client(write_key=key)", Region.US, "default"),
    ],
)
def test_construction_region(src: str, region: Region, source: str) -> None:
    model, call = construction(f"{IMPORTS}c = {src}\n")
    found = model.construction_region(call)
    assert found is not None and (found.region, found.source) == (region, source)


@pytest.mark.parametrize(
    "src", ["CustomerIO(s, k, host=HOST)", "CustomerIO(s, k, region=r)", "CustomerIO(**kw)"]
)
def test_construction_region_unknown(src: str) -> None:
    model, call = construction(f"{IMPORTS}c = {src}\n")
    assert model.construction_region(call) is None


def test_pipelines_settings_and_their_regions() -> None:
    model = model_of(
        f"{IMPORTS}analytics.host = f\"https://cdp-eu.customer.io\"\n"
        'analytics.write_key = "pk_us_1"\n'
        "analytics.endpoint = URL\n"
        "class Other: pass\nother = Other()\nother.host = 'x'\n"
    )
    settings = model.pipelines_settings()
    assert [(s.setting, s.module, model.code(s.name)) for s in settings] == [
        ("host", "analytics", "host"),
        ("write_key", "analytics", "write_key"),
        ("endpoint", "analytics", "endpoint"),
    ]
    host, key, endpoint = settings
    assert model.host_region(host.value, host.place, host.order) is Region.EU
    assert model.write_key_region(key.value, key.place, key.order) is Region.US
    assert model.host_region(endpoint.value, endpoint.place, endpoint.order) is None


def test_regions_reference_already_imported() -> None:
    model, call = construction(f"{IMPORTS}c = CustomerIO(s, k)\n")
    reference = model.regions_reference(call.place, call.order)
    assert reference is not None and reference.text == "Regions" and reference.statement is None


def test_regions_reference_through_the_module() -> None:
    model, call = construction("import customerio\nc = customerio.CustomerIO(s, k)\n")
    reference = model.regions_reference(call.place, call.order)
    assert reference is not None and reference.text == "customerio.Regions"


def test_regions_reference_extends_an_import() -> None:
    model, call = construction("from customerio import CustomerIO\nc = CustomerIO(s, k)\n")
    reference = model.regions_reference(call.place, call.order)
    assert reference is not None and reference.statement is not None
    assert reference.statement_text == "from customerio import CustomerIO, Regions"


def test_regions_reference_none_when_shadowed() -> None:
    src = "from customerio import CustomerIO\nRegions = 1\nc = CustomerIO(s, k)\n"
    model, call = construction(src)
    assert model.regions_reference(call.place, call.order) is None


def test_last_positional_argument() -> None:
    model, call = construction(f"{IMPORTS}c = CustomerIO(s, k, Regions.EU)\n")
    host, key = call.arg("host"), call.arg("api_key")
    assert host is not None and key is not None
    assert model.is_last_positional(call, host)
    assert not model.is_last_positional(call, key)


def test_fix_texts() -> None:
    model, call = construction(f"{IMPORTS}c = CustomerIO(s, k, region=os.getenv('R'))\n")
    value = call.value("region")
    assert value is not None
    assert model.region_from_environment_text(value, "Regions") == (
        "region=Regions.EU if os.getenv('R').lower() == \"eu\" else Regions.US"
    )
    model, call = construction(f"{IMPORTS}c = CustomerIO(s, k,)\n")
    assert model.with_region_text(call, Region.EU) == "CustomerIO(s, k, region=Regions.EU)"


@pytest.mark.parametrize(
    ("text", "region"),
    [("eu", Region.EU), (" Europe ", Region.EU), ("USA", Region.US),
     ("https://track-eu.customer.io/api", Region.EU), ("api.customer.io", Region.US),
     ("eu-west-1", None), (None, None)],
)
def test_region_of_text(text: str | None, region: Region | None) -> None:
    assert region_of_text(text) is region


def test_region_of_host_and_write_key() -> None:
    assert region_of_host(PIPELINES_HOST[Region.EU]) is Region.EU
    assert region_of_host("https://example.com") is None
    assert region_of_write_key("sk_eu_abc") is Region.EU
    assert region_of_write_key("pk_us_abc") is Region.US
    assert region_of_write_key("abc") is None
    assert Region.EU.other is Region.US and Region.US.label == "US"
