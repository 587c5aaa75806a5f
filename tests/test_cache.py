"""The result cache gives back exactly what it was given, and never fails a run."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any, cast

import pytest

from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.findings import Position
from cio_lint.engine.cache import Cache
from cio_lint.engine.file_run import FileResult

#: Every shape a fact's key or value may take (see ``core.facts.FactValue``).
SHAPES: list[FactValue] = [
    "text",
    "",
    "ünïcode ✓",
    0,
    -7,
    2**70,
    1.5,
    -0.0,
    True,
    False,
    None,
    (),
    ("a", 1, 2.5, True, None),
    (("nested", ("deeper", (1, False))), ()),
]
KEY = "ab" + "0" * 62


def fact(key: FactValue, value: FactValue) -> Fact:
    return Fact("CIO404", key, value, "app.py", Position(1, 1), Position(1, 9), "track(x)", "/p")


def round_trip(directory: Path, result: FileResult) -> FileResult | None:
    cache = Cache(directory)
    cache.put(KEY, result)
    return cache.get(KEY)


@pytest.mark.parametrize("shape", SHAPES, ids=repr)
def test_every_fact_shape_survives_the_cache(tmp_path: Path, shape: FactValue) -> None:
    result = FileResult("app.py", facts=[fact(shape, shape), fact((shape, shape), "v")])
    back = round_trip(tmp_path, result)
    assert back is not None
    assert back.facts == result.facts
    for original, restored in zip(result.facts, back.facts):
        # Equal is not enough: True == 1 and 1 == 1.0, but a rule may tell them apart.
        assert repr(restored.key) == repr(original.key)
        assert repr(restored.value) == repr(original.value)


class Colour(enum.Enum):
    RED = "red"


@pytest.mark.parametrize("bad", [Colour.RED, frozenset({"a"}), ["list"], {"t": ["dict"]}],
                         ids=repr)
def test_an_unserialisable_fact_is_not_cached_and_does_not_raise(
    tmp_path: Path, bad: object
) -> None:
    result = FileResult("app.py", facts=[fact("key", cast(FactValue, bad))])
    assert round_trip(tmp_path, result) is None


def entry(directory: Path) -> Path:
    return Cache(directory).directory / KEY[:2] / f"{KEY}.json"


def good_document(directory: Path) -> dict[str, Any]:
    assert round_trip(directory, FileResult("app.py", facts=[fact(("k", 1), None)])) is not None
    document: dict[str, Any] = json.loads(entry(directory).read_text(encoding="utf-8"))
    return document


def damaged(document: dict[str, Any]) -> list[Any]:
    """Variants of a valid entry, each damaged in one place."""
    variants: list[Any] = [[], "text", None, 3, {}]
    result = document["result"]
    for name in list(result):
        for replacement in (None, "x", 7, [], {}, [[1]], {"t": 5}):
            variants.append({**document, "result": {**result, name: replacement}})
        variants.append({**document, "result": {k: v for k, v in result.items() if k != name}})
    fact_document = result["facts"][0]
    for name in list(fact_document):
        for wrong in (None, [], {}, {"t": "abc"}, {"t": [[]]}, [1, 2, 3], "x"):
            broken = {**fact_document, name: wrong}
            variants.append({**document, "result": {**result, "facts": [broken]}})
    return variants


def test_a_damaged_entry_is_a_miss_never_an_error(tmp_path: Path) -> None:
    document = good_document(tmp_path)
    path = entry(tmp_path)
    for variant in damaged(document):
        path.write_text(json.dumps(variant), encoding="utf-8")
        back = Cache(tmp_path).get(KEY)
        if back is not None:  # a harmless change (an unused field) may still read
            assert isinstance(back, FileResult)
    for raw in (b"", b"{", b"\xff\xfe", b"[" * 100_000, b"null"):
        path.write_bytes(raw)
        assert Cache(tmp_path).get(KEY) is None
