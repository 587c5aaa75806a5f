"""What the SDK-surface questions answer for Python snippets: names the SDK does not
have and their fixes, the keywords a call passes, and the text of signature fixes."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.sdk_surface import MissingSdkName, Replacement, package_relative
from cio_lint.core.config import Config

TRACK = 'from customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "from customerio import analytics\n"


def model_of(src: str) -> PythonModel:
    return PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())


def only_call(model: PythonModel) -> SdkCall:
    (call,) = model.sdk_calls()
    return call


def only_missing(model: PythonModel) -> MissingSdkName:
    (missing,) = model.missing_sdk_names()
    return missing


def applied(model: PythonModel, src: str, replacements: list[Replacement]) -> str:
    """``src`` with the replacements made (they never overlap)."""
    lines = src.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return sum(len(text) for text in lines[: line - 1]) + column - 1

    edits = sorted(
        ((offset(*_pair(model, r)[0]), offset(*_pair(model, r)[1]), r.text) for r in replacements),
        reverse=True,
    )
    for start, end, text in edits:
        src = src[:start] + text + src[end:]
    return src


def _pair(model: PythonModel, r: Replacement) -> tuple[tuple[int, int], tuple[int, int]]:
    start, end = model.span(r.node)
    return (start.line, start.column), (end.line, end.column)


def test_package_relative() -> None:
    assert package_relative("customerio.Regions.EU") == "Regions.EU"
    assert package_relative("customerio") == "customerio"


# -- missing names ----------------------------------------------------------------------


def test_an_imported_node_sdk_name() -> None:
    model = model_of("from customerio import RegionEU as EU\n")
    missing = only_missing(model)
    assert (missing.missing, missing.instead, missing.written) == (
        "customerio.RegionEU", "customerio.Regions.EU", "RegionEU",
    )
    assert missing.imported is not None and missing.statement is not None
    assert missing.renamed_on_import and missing.from_import and missing.is_region_name
    assert missing.last == "RegionEU"
    assert not missing.assigned and missing.member is None


def test_existing_names_are_not_missing() -> None:
    model = model_of(
        "import customerio\nfrom customerio import CustomerIO, Regions, CustomerIOException\n"
        "x = customerio.Regions.EU\n"
    )
    assert model.missing_sdk_names() == []


def test_an_errors_module_import_is_reported_once_at_the_module() -> None:
    src = "from customerio.errors import CustomerIOError, CustomerIOException\n"
    model = model_of(src)
    missing = only_missing(model)
    assert missing.missing == "customerio.errors" and missing.written == "customerio.errors"
    assert missing.imported is None and missing.from_import
    fix = model.missing_module_import_fix(missing)
    assert fix is not None
    assert applied(model, src, fix) == (
        "from customerio import CustomerIOException, CustomerIOException\n"
    )


def test_no_errors_module_fix_for_a_name_without_counterpart() -> None:
    model = model_of("from customerio.errors import Nonsense\n")
    assert model.missing_module_import_fix(only_missing(model)) is None


def test_an_attribute_chain_and_its_rewrite() -> None:
    model = model_of("import customerio\ntry:\n    pass\nexcept customerio.CustomerIOError:\n"
                     "    pass\n")
    missing = only_missing(model)
    assert missing.written == "customerio.CustomerIOError" and missing.statement is None
    assert missing.place is not None and missing.member is not None
    assert model.code(missing.member) == "CustomerIOError"
    assert model.existing_name_rewrite(missing) == "customerio.CustomerIOException"


def test_an_attribute_through_an_alias_is_rewritten_from_that_alias() -> None:
    model = model_of("import customerio as cio\nx = cio.errors.CustomerIOError\n")
    assert model.existing_name_rewrite(only_missing(model)) == "cio.CustomerIOException"


def test_an_assigned_endpoint_carries_its_value() -> None:
    model = model_of(PIPELINES + 'analytics.endpoint = "https://cdp-eu.customer.io"\n')
    missing = only_missing(model)
    assert missing.instead == "customerio.analytics.host" and missing.assigned
    assert missing.assigned_value is not None
    assert model.code(missing.assigned_value) == '"https://cdp-eu.customer.io"'
    assert model.property_read(missing.node) is not None


def test_a_read_endpoint_is_not_assigned() -> None:
    missing = only_missing(model_of(PIPELINES + "print(analytics.endpoint)\n"))
    assert not missing.assigned and missing.assigned_value is None


def test_rename_import_rewrites_every_use() -> None:
    src = "from customerio import RegionEU\nregion = RegionEU\nother = RegionEU\n"
    model = model_of(src)
    missing = only_missing(model)
    assert missing.imported is not None
    renamed = model.rename_import(missing.imported, "Regions", "Regions.EU")
    assert renamed is not None
    assert applied(model, src, renamed) == (
        "from customerio import Regions\nregion = Regions.EU\nother = Regions.EU\n"
    )


def test_no_rename_when_the_name_is_rebound() -> None:
    model = model_of("from customerio import RegionEU\nRegionEU = 1\n")
    imported = model.missing_sdk_names()[0].imported
    assert imported is not None
    assert model.rename_import(imported, "Regions", "Regions.EU") is None


# -- keywords and signature fixes -------------------------------------------------------


def test_passed_keywords_written_and_spread() -> None:
    model = model_of(
        TRACK + 'def f(fields):\n    fields = {"b": 2}\n'
        '    cio.track("1", "ev", a=1, **{"c": 3}, **fields)\n'
    )
    call = only_call(model)
    keywords = model.passed_keywords(call)
    assert [(k.name, k.spread, k.inline) for k in keywords] == [
        ("a", False, True), ("c", True, True), ("b", True, False),
    ]
    assert [model.written_keyword(k) for k in keywords] == ["a=1", '"c": 3', '"b": 2']
    via = keywords[2].via
    assert via is not None and model.code(via) == "fields"
    assert model.code(keywords[2].node) == "**fields"
    assert model.renamed_key_text(keywords[0], "z") == "z"
    assert model.renamed_key_text(keywords[1], "z") == '"z"'


def test_single_quoted_keys_keep_their_quotes() -> None:
    model = model_of(TRACK + "cio.track('1', 'ev', **{'c': 3})\n")
    (keyword,) = model.passed_keywords(only_call(model))
    assert model.renamed_key_text(keyword, "d") == "'d'"


def test_keyword_and_mapping_text() -> None:
    model = model_of(TRACK + 'cio.track("1", "ev", price=23.45, qty=2)\n')
    call = only_call(model)
    keywords = model.passed_keywords(call)
    assert model.keyword_text("id", keywords[0].value) == "id=23.45"
    assert model.mapping_argument_text("data", keywords) == 'data={"price": 23.45, "qty": 2}'


def test_moved_into_a_new_container() -> None:
    model = model_of(TRACK + 'cio.track(customer_id="1", name="ev", price=23.45)\n')
    call = only_call(model)
    moved = [k for k in model.passed_keywords(call) if k.name == "price"]
    rewritten = model.moved_into_rewrite(call, moved, "data")
    assert rewritten is not None and rewritten.text == (
        'cio.track(customer_id="1", name="ev", data={"price": 23.45})'
    )


def test_moved_into_an_existing_dict_keeps_its_entries_and_indentation() -> None:
    src = TRACK + (
        "def f():\n"
        "    cio.track(\n"
        '        "1", "ev", {"a": 1},\n'
        "        price=2,\n"
        "    )\n"
    )
    model = model_of(src)
    call = only_call(model)
    moved = [k for k in model.passed_keywords(call) if k.name == "price"]
    rewritten = model.moved_into_rewrite(call, moved, "data")
    assert rewritten is not None and rewritten.text == (
        'cio.track(\n        "1", "ev", {"a": 1, "price": 2},\n    )'
    )


def test_not_moved_when_the_container_is_not_a_literal_or_has_the_key() -> None:
    model = model_of(
        TRACK + 'cio.track("1", "ev", data=payload, price=2)\n'
        'cio.track("1", "ev", data={"price": 1}, price=2)\n'
    )
    for call in model.sdk_calls():
        moved = [k for k in model.passed_keywords(call) if k.name == "price"]
        assert model.moved_into_rewrite(call, moved, "data") is None


def test_callee_and_qualified_names() -> None:
    model = model_of(
        TRACK + "from customerio.constants import EMAIL\n"
        'cio.merge_customers(EMAIL, "a", "id", "b")\n'
    )
    call = only_call(model)
    assert model.callee_text(call) == "cio.merge_customers"
    value = call.value("primary_id_type")
    assert value is not None
    assert model.qualified_name(value, call.place, call.order) == "customerio.constants.EMAIL"
    other = call.value("secondary_id_type")
    assert other is not None and model.qualified_name(other, call.place) == ""
