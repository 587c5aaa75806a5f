"""Results held until the report keep one copy of each equal text and place, and are
otherwise exactly what they were."""

from __future__ import annotations

from cio_lint.core.facts import Fact
from cio_lint.core.findings import Finding, Position, Severity
from cio_lint.engine.compact_results import Interner
from cio_lint.engine.file_run import FileResult


def _copy(text: str) -> str:
    """An equal text that is another object (as each result from a worker carries)."""
    return "".join(list(text))


def _result(path: str, fact_value: object) -> FileResult:
    finding = Finding("CIO701", _copy("sensitive-attribute"), Severity.ERROR, _copy(path),
                      Position(3, 5), Position(3, 9), _copy("`password` is sent"),
                      _copy('"password": pw'), _copy("remove the secret"))
    fact = Fact(_copy("CIO105"), (_copy("client"), 1), fact_value,  # type: ignore[arg-type]
                _copy(path), Position(3, 5), Position(3, 9), _copy("cio"), _copy("/p"))
    return FileResult(_copy(path), findings=[finding], facts=[fact])


def test_equal_texts_and_places_of_different_results_are_kept_once() -> None:
    interner = Interner()
    first = interner.result(_result("app/a.py", ("track", True)))
    second = interner.result(_result("app/a.py", ("track", True)))
    one, other = first.findings[0], second.findings[0]
    assert one == other
    for name in ("name", "path", "start", "end", "message", "wrong", "correct"):
        assert getattr(one, name) is getattr(other, name), name
    assert first.facts[0].wrong is second.facts[0].wrong
    assert first.facts[0].value[0] is second.facts[0].value[0]  # type: ignore[index]


def test_values_that_are_equal_but_of_other_types_stay_what_they_were() -> None:
    interner = Interner()
    interner.result(_result("app/a.py", (1, 1.0)))
    kept = interner.result(_result("app/b.py", (True, 1)))
    assert [type(v) for v in kept.facts[0].value] == [bool, int]  # type: ignore[union-attr]
    assert kept.findings[0].path == "app/b.py" and kept.path == "app/b.py"
