"""What the time-value questions answer for Python snippets: units, timestamp types and
the text a fix sends instead, all as neutral values (strings, enums, positions)."""

from __future__ import annotations

import libcst as cst
import pytest

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.analysis.time_values import (
    TimestampType,
    TimeUnit,
    is_date_key,
    is_date_text,
    is_int_text,
    iso_text_seconds,
)
from cio_lint.core.config import Config
from cio_lint.core.findings import Edit, Position

TRACK = 'import time\nfrom customerio import CustomerIO\ncio = CustomerIO("site", "key")\n'
PIPELINES = "import time\nfrom customerio import analytics\n"


def last_call(src: str) -> tuple[PythonModel, SdkCall]:
    model = PythonModel(SemanticModel(cst.parse_module(src), source=src), Config())
    return model, model.sdk_calls()[-1]


def timestamp_of(src: str) -> tuple[PythonModel, SdkCall, Node]:
    """The ``timestamp`` argument of the module's last SDK call."""
    model, call = last_call(src)
    value = call.value("timestamp")
    assert value is not None
    return model, call, value


def track(value: str, prelude: str = "") -> str:
    return f'{TRACK}{prelude}cio.track(customer_id=1, name="x", timestamp={value})\n'


def pipelines(value: str, prelude: str = "") -> str:
    return f'{PIPELINES}{prelude}analytics.track(user_id=1, event="x", timestamp={value})\n'


# -- units ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "seconds", "plain"),
    [
        ("int(time.time() * 1000)", TimeUnit.MILLISECONDS, "int(time.time())", True),
        ("time.time() * 1e3", TimeUnit.MILLISECONDS, "int(time.time())", True),
        ("round(time.time() * 1000)", TimeUnit.MILLISECONDS, "int(time.time())", True),
        ("1704067200000", TimeUnit.MILLISECONDS, "1704067200", True),
        ("1704067200000000000", TimeUnit.NANOSECONDS, "1704067200", True),
        ("time.time_ns()", TimeUnit.NANOSECONDS, "time.time_ns() // 1_000_000_000", True),
        ("time.time_ns() // 1_000_000", TimeUnit.MILLISECONDS,
         "time.time_ns() // 1_000_000_000", True),
        ("time.monotonic()", TimeUnit.MONOTONIC, None, False),
        ("time.time() * 1000 + 5", TimeUnit.MILLISECONDS, None, False),
    ],
)
def test_time_value_names_the_unit_and_the_seconds_rewrite(
    value: str, unit: TimeUnit, seconds: str | None, plain: bool
) -> None:
    model, call, node = timestamp_of(track(value))
    found = model.time_value(node, call.place, call.order)
    assert found is not None
    assert (found.unit, found.seconds, found.plain, found.via) == (unit, seconds, plain, None)
    assert model.code(found.node) == value


@pytest.mark.parametrize(
    "value", ["int(time.time())", "1704067200", "order.total * 1000", '"2024-01-01"']
)
def test_seconds_and_non_times_have_no_time_value(value: str) -> None:
    model, call, node = timestamp_of(track(value))
    assert model.time_value(node, call.place, call.order) is None


def test_time_value_follows_a_local_and_names_it() -> None:
    model, call, node = timestamp_of(track("ts", "ts = int(time.time() * 1000)\n"))
    found = model.time_value(node, call.place, call.order)
    assert found is not None
    assert (found.unit, found.via, found.seconds) == (
        TimeUnit.MILLISECONDS, "ts", "int(time.time())"
    )
    assert model.code(found.node) == "int(time.time() * 1000)"


def test_time_value_follows_a_helper_without_a_rewrite() -> None:
    helper = "def now_ms():\n    return time.time() * 1000\n"
    model, call, node = timestamp_of(track("now_ms()", helper))
    found = model.time_value(node, call.place, call.order)
    assert found is not None
    assert (found.unit, found.via, found.seconds, found.plain) == (
        TimeUnit.MILLISECONDS, "now_ms()", None, False
    )


def test_a_local_reassigned_to_seconds_is_seconds() -> None:
    prelude = "ts = int(time.time() * 1000)\nts = int(time.time())\n"
    model, call, node = timestamp_of(track("ts", prelude))
    assert model.time_value(node, call.place, call.order) is None


# -- timestamp types --------------------------------------------------------------------------

DATETIME = "from datetime import datetime, timedelta, timezone\n"


@pytest.mark.parametrize(
    ("value", "type_", "how"),
    [
        ("order.created.isoformat()", TimestampType.DATE_TEXT, "an `.isoformat()` string"),
        ('order.created.strftime("%Y-%m-%d")', TimestampType.DATE_TEXT, "a `strftime()` string"),
        ('order.created.strftime("%s")', TimestampType.NUMERIC_TEXT,
         'a `strftime("%s")` string'),
        ('time.strftime("%Y")', TimestampType.DATE_TEXT, "a `time.strftime()` string"),
        ('"2024-01-01T00:00:00Z"', TimestampType.DATE_TEXT, "a date string literal"),
        ('"1704067200"', TimestampType.NUMERIC_TEXT, "a numeric string"),
        ('"yesterday"', TimestampType.TEXT, "a string literal"),
        ('f"{order.created:%Y-%m-%d}"', TimestampType.DATE_TEXT, "an f-string date"),
        ('f"at {order.created}"', TimestampType.TEXT, "an f-string"),
        ("int(time.time())", TimestampType.NUMBER, "a number"),
        ("1704067200", TimestampType.NUMBER, "a number literal"),
        ("-5", TimestampType.NUMBER, "a number literal"),
        ("datetime.now()", TimestampType.NAIVE_DATETIME, "`datetime.now()`"),
        ("datetime.utcnow()", TimestampType.NAIVE_DATETIME, "`datetime.utcnow()`"),
        ("datetime.now(None)", TimestampType.NAIVE_DATETIME, "`datetime.now(None)`"),
        ("datetime.now() + timedelta(days=1)", TimestampType.NAIVE_DATETIME,
         "`datetime.now()`"),
        ("str(datetime.now())", TimestampType.DATE_TEXT, "a `str()` of a datetime"),
    ],
)
def test_timestamp_type(value: str, type_: TimestampType, how: str) -> None:
    model, call, node = timestamp_of(track(value, DATETIME))
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None
    assert (found.type, found.how, found.via) == (type_, how, None)
    assert model.code(found.node) == value


@pytest.mark.parametrize(
    "value",
    [
        "datetime.now(timezone.utc)",
        "datetime.now().replace(tzinfo=timezone.utc)",
        "order.created",
        'f"{order.id}"',
    ],
)
def test_aware_and_unknown_values_have_no_timestamp_type(value: str) -> None:
    model, call, node = timestamp_of(track(value, DATETIME))
    assert model.timestamp_type(node, call.place, call.order) is None


def test_timestamp_type_points_at_the_datetime_behind_a_string() -> None:
    model, call, node = timestamp_of(track("when", "when = order.created.isoformat()\n"))
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.source is not None
    assert found.via == "when"
    assert model.code(found.source) == "order.created"


def test_naive_call_is_the_clock_call_inside_an_expression() -> None:
    model, call, node = timestamp_of(track("datetime.now().replace(microsecond=0)", DATETIME))
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.naive_call is not None
    assert model.code(found.naive_call) == "datetime.now()"


# -- naive clocks and their aware rewrite -----------------------------------------------------


def naive_clock_of(src: str) -> tuple[PythonModel, SdkCall, Node]:
    model, call, node = timestamp_of(src)
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None and found.naive_call is not None
    return model, call, found.naive_call


def test_aware_rewrite_reuses_an_imported_timezone() -> None:
    src = track("datetime.now()", "from datetime import datetime, timezone\n")
    model, call, naive = naive_clock_of(src)
    clock = model.naive_clock(naive, call.place, call.order)
    assert clock.method == "now"
    assert clock.aware is not None
    assert clock.aware.text == "datetime.now(timezone.utc)"
    start, end = model.span(naive)
    assert clock.aware.edits == (Edit(start, end, "datetime.now(timezone.utc)"),)


def test_aware_rewrite_adds_the_timezone_import() -> None:
    src = track("datetime.today()", "from datetime import datetime\n")
    model, call, naive = naive_clock_of(src)
    clock = model.naive_clock(naive, call.place, call.order)
    assert clock.method == "today"
    assert clock.aware is not None
    insertion, replacement = clock.aware.edits
    assert insertion == Edit(Position(4, 30), Position(4, 30), ", timezone")
    assert replacement.replacement == "datetime.now(timezone.utc)"


def test_aware_rewrite_spells_utc_through_the_module_import() -> None:
    src = track("datetime.datetime.utcnow()", "import datetime\n")
    model, call, naive = naive_clock_of(src)
    clock = model.naive_clock(naive, call.place, call.order)
    assert clock.method == "utcnow"
    assert clock.aware is not None
    assert clock.aware.text == "datetime.datetime.now(datetime.timezone.utc)"
    assert len(clock.aware.edits) == 1


def test_no_aware_rewrite_when_timezone_names_something_else() -> None:
    prelude = "from datetime import datetime\nfrom django.utils import timezone\n"
    model, call, naive = naive_clock_of(track("datetime.now()", prelude))
    clock = model.naive_clock(naive, call.place, call.order)
    assert clock.aware is None
    assert clock.hint == (
        "datetime.now(dt_timezone.utc)  # from datetime import timezone as dt_timezone"
    )


def test_a_bare_clock_name_has_no_rewrite_or_hint() -> None:
    # Not importable at run time, but the import names the naive clock all the same.
    model, call, naive = naive_clock_of(track("now()", "from datetime.datetime import now\n"))
    clock = model.naive_clock(naive, call.place, call.order)
    assert (clock.method, clock.aware, clock.hint) == ("now", None, None)


# -- replacement text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "replacement"),
    [
        ("order.created.isoformat()", "order.created"),
        ("datetime.now().isoformat()", "int(datetime.now().timestamp())"),
        ('time.strftime("%Y")', "int(time.time())"),
        ('"2024-01-01T00:00:00Z"', "1704067200"),
        ('"2024-01-01T01:00:00+01:00"', "1704067200"),
        ('"Mon, 01 Jan 2024"', "int(dt.timestamp())"),
    ],
)
def test_track_replacement(value: str, replacement: str) -> None:
    model, call, node = timestamp_of(track(value, DATETIME))
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None
    assert model.track_replacement(found, call.place, call.order) == replacement


@pytest.mark.parametrize(
    ("value", "replacement"),
    [
        ("int(time.time())", "datetime.now(timezone.utc)"),
        ("int(order.created.timestamp())", "order.created"),
        ("int(time.time() * 1000)", "datetime.fromtimestamp(int(time.time()), tz=timezone.utc)"),
        ("order.total + 1", "datetime.fromtimestamp(order.total + 1, tz=timezone.utc)"),
        ('"1704067200"', 'datetime.fromtimestamp(int("1704067200"), tz=timezone.utc)'),
        ('"2024-01-01"', 'datetime.fromisoformat("2024-01-01")'),
        ('"yesterday"', "datetime.now(timezone.utc)"),
        ("order.created.isoformat()", "order.created"),
    ],
)
def test_pipelines_replacement(value: str, replacement: str) -> None:
    model, call, node = timestamp_of(pipelines(value))
    found = model.timestamp_type(node, call.place, call.order)
    assert found is not None
    assert model.pipelines_replacement(found, call.place) == replacement


# -- judgements on plain strings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("created_at", True), ("last_login_time", True), ("birth_date", True),
        ("timestamp", True), ("date_of_birth", True), ("ts", True), ("Updated_AT", True),
        ("name", False), ("attempts", False), ("timezone", False), ("format", False),
    ],
)
def test_is_date_key(key: str, expected: bool) -> None:
    assert is_date_key(key) is expected


def test_is_int_text() -> None:
    assert is_int_text("1704067200") and is_int_text(" -5 ")
    assert not is_int_text("1.5") and not is_int_text("2024-01-01")


def test_is_date_text() -> None:
    for text in ("2024-01-01", " 1/2/2024", "2024/01/02", "Mon, 01 Jan 2024 00:00:00"):
        assert is_date_text(text), text
    for text in ("1704067200", "yesterday", "24-1-1"):
        assert not is_date_text(text), text


def test_iso_text_seconds() -> None:
    assert iso_text_seconds("2024-01-01T00:00:00Z") == 1704067200
    assert iso_text_seconds("2024-01-01") == 1704067200
    assert iso_text_seconds("2024-01-01T01:00:00+01:00") == 1704067200
    assert iso_text_seconds("yesterday") is None

