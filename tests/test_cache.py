"""The result cache gives back exactly what it was given, and never fails a run."""

from __future__ import annotations

import enum
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.findings import Edit, Finding, Fix, Position, Related, Severity
from cio_lint.engine.cache import Cache
from cio_lint.engine.cache_files import signature
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
SECRET = b"k" * 32
SOURCE = b"import customerio\n" * 20


def fact(key: FactValue, value: FactValue) -> Fact:
    return Fact("CIO404", key, value, "app.py", Position(1, 1), Position(1, 9), "track(x)", "/p")


def round_trip(directory: Path, result: FileResult) -> FileResult | None:
    cache = Cache(directory, SECRET)
    cache.put(KEY, result, SOURCE)
    return cache.get(KEY, SOURCE)


@pytest.mark.parametrize("shape", SHAPES, ids=repr)
def test_every_fact_shape_survives_the_cache(tmp_path: Path, shape: FactValue) -> None:
    result = FileResult("app.py", facts=[fact(shape, shape), fact((shape, shape), "v")])
    back = round_trip(tmp_path, result)
    assert back is not None
    assert back.facts == result.facts
    for original, restored in zip(result.facts, back.facts, strict=False):
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
    return Cache(directory, SECRET).directory / KEY[:2] / f"{KEY}.json"


def good_document(directory: Path) -> dict[str, Any]:
    assert round_trip(directory, FileResult("app.py", facts=[fact(("k", 1), None)])) is not None
    document: dict[str, Any] = json.loads(body(entry(directory).read_bytes()))
    return document


def body(signed: bytes) -> bytes:
    """An entry's JSON, after the signature line."""
    return signed.partition(b"\n")[2]


def signed(key: str, text: bytes) -> bytes:
    """``text`` signed as the cache signs it, so only the JSON is on trial."""
    return signature(SECRET, key, text) + b"\n" + text


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
        wrongs: list[Any] = [None, [], {}, {"t": "abc"}, {"t": [[]]}, [1, 2, 3], "x"]
        for wrong in wrongs:
            broken = {**fact_document, name: wrong}
            variants.append({**document, "result": {**result, "facts": [broken]}})
    return variants


def test_a_damaged_entry_is_a_miss_never_an_error(tmp_path: Path) -> None:
    document = good_document(tmp_path)
    path = entry(tmp_path)
    for variant in damaged(document):
        path.write_bytes(signed(KEY, json.dumps(variant).encode("utf-8")))
        back = Cache(tmp_path, SECRET).get(KEY, SOURCE)
        if back is not None:  # a harmless change (an unused field) may still read
            assert isinstance(back, FileResult)
    for raw in (b"", b"{", b"\xff\xfe", b"[" * 100_000, b"null"):
        path.write_bytes(signed(KEY, raw))
        assert Cache(tmp_path, SECRET).get(KEY, SOURCE) is None


def finding_at(line: int, code: str = "CIO201") -> Finding:
    return Finding(code=code, name="name", severity=Severity.ERROR, path="app.py",
                   start=Position(line, 1), end=Position(line, 5), message="m", wrong="w",
                   correct="c")


@pytest.mark.parametrize("result", [
    FileResult("app.py", findings=[finding_at(22)]),  # SOURCE has 21 lines, the last empty
    FileResult("app.py", findings=[finding_at(0)]),
    FileResult("app.py", suppressed=[finding_at(99)]),
    FileResult("app.py", findings=[finding_at(3, code="CIO999")]),
    FileResult("app.py", lines={40: "quoted"}),
    FileResult("app.py", facts=[Fact("CIO404", "k", "v", "app.py", Position(30, 1),
                                     Position(30, 2), "w", "/p")]),
], ids=["after-the-end", "line-0", "suppressed", "unknown-code", "quoted-line", "fact"])
def test_an_entry_that_does_not_fit_the_file_is_a_miss(
    tmp_path: Path, result: FileResult
) -> None:
    assert round_trip(tmp_path, result) is None


#: A finding made through project functions: one link of its chain in its own file, one
#: in another file (far past this file's last line, which is no reason to doubt it).
CHAINED = Finding(
    code="CIO601", name="unhandled-api-error", severity=Severity.WARNING, path="app.py",
    start=Position(3, 1), end=Position(3, 20), message="m; via `f()` -> `cio.track` at b.py:400",
    wrong="f(user)", correct="try: ...", suppression_lines=(3, 4),
    fix=Fix((Edit(Position(3, 1), Position(3, 2), "g"),), safe=False, description="d"),
    related=(
        Related("app.py", Position(10, 5), Position(10, 9), "`g()` called here"),
        Related("lib/b.py", Position(400, 5), Position(400, 14), "`cio.track` called here"),
    ),
)


def test_related_locations_survive_the_cache(tmp_path: Path) -> None:
    result = FileResult("app.py", findings=[CHAINED], suppressed=[replace(CHAINED, related=())])
    back = round_trip(tmp_path, result)
    assert back is not None
    assert back.findings == [CHAINED]
    assert back.findings[0].related == CHAINED.related
    assert back.suppressed == result.suppressed


def test_a_damaged_related_location_is_a_miss_never_an_error(tmp_path: Path) -> None:
    assert round_trip(tmp_path, FileResult("app.py", findings=[CHAINED])) is not None
    path = entry(tmp_path)
    document = json.loads(body(path.read_bytes()))
    finding = document["result"]["findings"][0]
    good = finding["related"][0]
    for wrong in (None, "x", 7, [[1]], {"t": 5}, [good[:3]], [[*good, "extra"]],
                  [[good[0], [1], good[2], good[3]]], [[good[0], None, good[2], good[3]]]):
        broken = {**finding, "related": wrong}
        variant = {**document, "result": {**document["result"], "findings": [broken]}}
        path.write_bytes(signed(KEY, json.dumps(variant).encode("utf-8")))
        assert Cache(tmp_path, SECRET).get(KEY, SOURCE) is None, wrong


def chained_with(related: Related) -> FileResult:
    return FileResult("app.py", findings=[replace(CHAINED, related=(related,))])


@pytest.mark.parametrize("related", [
    Related("app.py", Position(22, 1), Position(22, 2), "m"),  # past this file's end
    Related("app.py", Position(3, -1), Position(3, 2), "m"),
    Related("lib/b.py", Position(0, 1), Position(1, 2), "m"),
    Related("lib/b.py", Position(5, 1), Position(5, -2), "m"),
], ids=["same-file-after-the-end", "same-file-negative-column", "other-file-line-0",
        "other-file-negative-column"])
def test_an_entry_with_an_impossible_related_location_is_a_miss(
    tmp_path: Path, related: Related
) -> None:
    assert round_trip(tmp_path, chained_with(related)) is None


def test_a_related_location_in_another_file_may_lie_past_this_files_end(
    tmp_path: Path,
) -> None:
    related = Related("lib/b.py", Position(9000, 1), Position(9000, 9), "m")
    assert round_trip(tmp_path, chained_with(related)) is not None


def test_an_entry_fits_only_the_bytes_it_was_made_from(tmp_path: Path) -> None:
    cache = Cache(tmp_path, SECRET)
    cache.put(KEY, FileResult("app.py", findings=[finding_at(21)]), SOURCE)
    assert cache.get(KEY, SOURCE) is not None
    assert cache.get(KEY, SOURCE + b"x = 1\n") is None


def test_an_entry_verifies_only_with_its_key_and_under_its_name(tmp_path: Path) -> None:
    Cache(tmp_path, SECRET).put(KEY, FileResult("app.py", findings=[finding_at(2)]), SOURCE)
    assert Cache(tmp_path, b"another user's key..............").get(KEY, SOURCE) is None
    other = "ab" + "1" * 62
    moved = entry(tmp_path).with_name(f"{other}.json")
    moved.write_bytes(entry(tmp_path).read_bytes())
    assert Cache(tmp_path, SECRET).get(other, SOURCE) is None


TYPESCRIPT = b"""\
import { TrackClient } from "customerio-node";
const cio = new TrackClient(siteId, apiKey);
cio.identify("5", { created_at: 1 });
"""


def test_a_typescript_result_is_cached_and_its_grammar_is_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cio_lint.analysis.javascript import frontend
    from cio_lint.engine.caching_analyzer import CachingAnalyzer
    from cio_lint.engine.config_resolver import ConfigResolver
    from cio_lint.engine.discovery import SourceFile
    from cio_lint.engine.file_run import Batch, analyze_batch
    from cio_lint.engine.units import make_unit

    monkeypatch.chdir(tmp_path)
    resolver = ConfigResolver(None, {"select": ("CIO303",)})
    for name in ("app.ts", "app.tsx"):
        (tmp_path / name).write_bytes(TYPESCRIPT)
    analysed: list[str] = []

    def counting(batch: Batch) -> list[FileResult]:
        analysed.extend(unit.source.display for unit, _ in batch)
        return analyze_batch(batch)

    def run(name: str) -> list[str]:
        path = tmp_path / name
        unit = make_unit(SourceFile(path, name), resolver(path))
        unit.data = TYPESCRIPT
        caching = CachingAnalyzer(counting, Cache(tmp_path / "cache", SECRET))
        (result,) = caching([(unit, {})])
        caching.store([])
        return [f"{f.path}:{f.start.line}:{f.start.column}: {f.code}" for f in result.findings]

    cold = run("app.ts")
    assert cold == ["app.ts:3:1: CIO303"] and analysed == ["app.ts"]
    assert run("app.ts") == cold and analysed == ["app.ts"]  # warm: answered from the cache
    # The same bytes under another ending are read by another grammar: a new key.
    assert run("app.tsx") == ["app.tsx:3:1: CIO303"] and analysed == ["app.ts", "app.tsx"]
    # So are they by another version of the grammars.
    monkeypatch.setattr(frontend, "_parser_version", lambda: "tree-sitter 99")
    assert run("app.ts") == cold and analysed == ["app.ts", "app.tsx", "app.ts"]


def test_credentials_come_back_from_the_cache_but_are_never_stored_readable(
    tmp_path: Path,
) -> None:
    from cio_lint.core.secrets import SecretLiteral

    key_value = "sk_live_9f8e7d6c5b4a32107e6f"
    literals = [SecretLiteral(key_value, f'"{key_value[:10]}" "{key_value[10:]}"',
                              Position(3, 12), Position(3, 44)),
                SecretLiteral("site\udcff-7a6b5c3d", '"site\\xff-7a6b5c3d"', Position(4, 1),
                              Position(4, 20))]
    result = FileResult("settings.py", findings=[finding_at(2)], secrets=literals)
    back = round_trip(tmp_path, result)
    assert back is not None and back.secrets == literals
    stored = entry(tmp_path).read_bytes()
    for piece in (key_value[i:i + 6] for i in range(len(key_value) - 5)):
        assert piece.encode() not in stored
    assert b"7a6b5c3d" not in stored
    assert Cache(tmp_path, b"another user's key..............").get(KEY, SOURCE) is None
