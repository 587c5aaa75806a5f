"""Results held until the report keep one copy of each equal text and place, and are
otherwise exactly what they were."""

from __future__ import annotations

from cio_lint.analysis.records import Link
from cio_lint.analysis.summaries import FunctionSummary, Operation, located
from cio_lint.core.client_kinds import ClientKind
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


def _summary() -> FunctionSummary:
    """A wrapper whose chain the module left without its path (as a frontend does)."""
    link = Link(_copy("cio.track"), "", Position(4, 5), Position(4, 25))
    operation = Operation(ClientKind.TRACK, _copy("track"), ((_copy("customer_id"), "uid"),),
                          False, True, (link,))
    return FunctionSummary(params=(_copy("uid"),), operations=(operation,))


def test_exports_are_located_and_kept_once_per_equal_record() -> None:
    interner = Interner()
    first = FileResult(_copy("app/a.py"), exports={_copy("record"): _summary()},
                       lines={4: _copy("    cio.track(uid, 'x')")})
    second = FileResult(_copy("app/a.py"), exports={_copy("record"): _summary()},
                        lines={4: _copy("    cio.track(uid, 'x')")})
    one, other = interner.result(first), interner.result(second)
    summary = one.exports["record"]
    assert summary is other.exports["record"]
    assert one.lines[4] is other.lines[4]
    assert isinstance(summary, FunctionSummary)
    assert summary == located(_summary(), "app/a.py")
    (link,) = summary.operations[0].chain
    assert link.path == "app/a.py" and link.start == Position(4, 5)
    assert located(summary, "elsewhere.py") is summary  # every link has its place


def test_an_interner_that_leaves_exports_keeps_them_as_they_came() -> None:
    result = FileResult(_copy("app/a.py"), exports={"record": _summary()})
    kept = Interner(exports=False).result(result)
    assert kept.exports["record"] == _summary()


def test_exports_of_a_file_analysed_here_are_located_but_not_copied() -> None:
    """A result built in this process holds this process's texts already: its exports
    are placed in its file, never rebuilt to share what other files hold."""
    interner = Interner()
    travelled = interner.result(FileResult(_copy("app/a.py"), exports={"record": _summary()}))
    here = FileResult(_copy("app/b.py"), exports={"record": _summary()}, built_here=True)
    summary = here.exports["record"]
    kept = interner.result(here).exports["record"]
    assert kept == located(summary, "app/b.py")
    assert kept.operations[0].method is summary.operations[0].method  # type: ignore[union-attr]
    assert kept.operations[0].method is not (  # type: ignore[union-attr]
        travelled.exports["record"].operations[0].method  # type: ignore[union-attr]
    )


def test_findings_of_a_file_analysed_here_are_kept_as_its_batch_shared_them() -> None:
    here = _result("app/a.py", 1)
    here.built_here = True
    finding = here.findings[0]
    assert Interner().result(here).findings[0] is finding
    travelled = _result("app/b.py", 1)
    finding = travelled.findings[0]
    assert Interner().result(travelled).findings[0] is not finding
