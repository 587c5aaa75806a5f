"""Analysing files pauses the cyclic garbage collector per file and leaves it as found."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cio_lint.core.config import Config
from cio_lint.engine import file_run
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import FileResult, analyze_batch
from cio_lint.engine.units import Unit

from .test_cli import BAD


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _unit(tmp_path: Path, name: str) -> Unit:
    path = tmp_path / name
    path.write_text(BAD)
    return Unit(SourceFile(path, name), Config(), frozenset({"CIO201"}), BAD.encode())


def test_collector_is_paused_during_each_file_and_back_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector_enabled: None
) -> None:
    seen: list[bool] = []
    analyze = file_run.analyze

    def spy(*args: object, **kwargs: object) -> FileResult:
        seen.append(gc.isenabled())
        return analyze(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(file_run, "analyze", spy)
    results = analyze_batch([(_unit(tmp_path, "a.py"), {}), (_unit(tmp_path, "b.py"), {})])
    assert [f.code for r in results for f in r.findings] == ["CIO201", "CIO201"]
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_failing_file_still_turns_the_collector_back_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector_enabled: None
) -> None:
    def broken(*args: object, **kwargs: object) -> FileResult:
        raise ValueError("boom")

    monkeypatch.setattr(file_run, "analyze", broken)
    with pytest.raises(ValueError):
        analyze_batch([(_unit(tmp_path, "a.py"), {})])
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(tmp_path: Path) -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        analyze_batch([(_unit(tmp_path, "a.py"), {})])
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


CLASSES = '''\
from customerio import CustomerIO


class Tracker:
    def __init__(self):
        self.cio = CustomerIO("site", "key")

    def signup(self, user):
        self.cio.track(customer_id=user.id, name="signed_up")

    class Inner:
        def nested(self):
            return Tracker()


def helper():
    class Local:
        pass
    return Local
'''


def test_a_file_analysed_leaves_no_syntax_tree_to_the_cyclic_collector(
    collector_enabled: None,
) -> None:
    """Scopes point at their parents and classes are bound in them: the model breaks those
    cycles when the file is done, so the tree is freed at once, not traversed by the
    collector first."""
    import libcst as cst

    codes = frozenset({"CIO101", "CIO106", "CIO301"})
    file_run.analyze("warm.py", CLASSES.encode(), Config(), codes)  # imports, caches
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = file_run.analyze("tracker.py", CLASSES.encode(), Config(), codes)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, cst.CSTNode)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.parsed
    assert left == []
