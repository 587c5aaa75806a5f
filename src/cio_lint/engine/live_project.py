"""A project kept analysed in memory between edits, for an editor.

The CLI reads, analyses and forgets; an editor asks again after every keystroke. A
``LiveProject`` holds each file's bytes (the editor's unsaved text where a file is
open) and the last results of analysing it, keyed by everything a result depends on
(bytes, rules, and what other modules tell the file). Linting again runs the CLI's
stages (``linking.link_units`` and ``judge``), so results are the CLI's, but a file
is analysed again only when its key changed: the edited file, then the files whose
imported knowledge the edit changed (a wrapper's callers), and so on; an edit that
changes nothing another file learns is not even linked again (``relinting``). Project
rules judge the facts of every file again, so project-wide findings stay current.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from cio_lint.analysis.summary_json import fingerprint
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding
from cio_lint.core.results import RunResult
from cio_lint.engine.budget import Budget
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.gitignore import GitIgnore
from cio_lint.engine.reading import decode_source, read_unit
from cio_lint.engine.relinting import Relinter
from cio_lint.engine.targets import collect_units, exclusion
from cio_lint.engine.units import Unit, make_unit
from cio_lint.engine.workers import ParallelAnalyzer

#: Results kept per file: its first analysis (knowing nothing of other modules), the one
#: with what they tell it, and one more for an edit undone.
RESULTS_PER_FILE = 3


class ResultMemo:
    """An ``Analyzer`` that answers from the last results of each file when nothing a
    result depends on changed, and asks ``analyze`` for the rest (in one batch)."""

    def __init__(self, analyze: Analyzer) -> None:
        self._analyze = analyze
        self._results: dict[str, OrderedDict[tuple[str, ...], FileResult]] = {}

    def __call__(self, batch: Batch) -> list[FileResult]:
        keys = [_key(unit, external) for unit, external in batch]
        nothing: OrderedDict[tuple[str, ...], FileResult] = OrderedDict()
        answers: list[FileResult | None] = [
            self._results.get(unit.source.display, nothing).get(key)
            for (unit, _), key in zip(batch, keys, strict=True)
        ]
        missing = [index for index, answer in enumerate(answers) if answer is None]
        if missing:
            fresh = self._analyze([batch[index] for index in missing])
            for index, result in zip(missing, fresh, strict=True):
                answers[index] = result
                self._remember(batch[index][0].source.display, keys[index], result)
        return [answer for answer in answers if answer is not None]

    def _remember(self, display: str, key: tuple[str, ...], result: FileResult) -> None:
        if result.errors or result.over_budget:
            return  # an internal error or a budget run out is worth another try
        kept = self._results.setdefault(display, OrderedDict())
        kept[key] = result
        kept.move_to_end(key)
        while len(kept) > RESULTS_PER_FILE:
            kept.popitem(last=False)

    def forget(self, display: str) -> None:
        self._results.pop(display, None)


def _key(unit: Unit, external: object) -> tuple[str, ...]:
    assert isinstance(external, dict)
    return (unit.content_digest(), ",".join(sorted(unit.codes)), unit.module_name,
            ",".join(unit.module_aliases), str(unit.is_package), fingerprint(external))


@dataclass
class _File:
    """One file of the project: its unit (without bytes) and the bytes on disk."""

    template: Unit
    #: (size, mtime_ns, inode) when ``data`` was read; None: not read yet.
    stamp: tuple[int, int, int] | None = None
    data: bytes | None = None
    error: FileError | None = None


class LiveProject:
    """Every lintable file under ``root``, kept analysed; open files are linted from the
    editor's text instead of the disk's."""

    def __init__(self, root: Path, resolver: ConfigResolver, budget: Budget,
                 jobs: int = 1, *, walk: bool = True) -> None:
        self.root = root.absolute()
        #: Walk ``root`` for its files (a workspace folder), or lint only the open files
        #: (a file opened outside every workspace folder).
        self.walk = walk
        self.resolver = resolver
        self._analyzer = ParallelAnalyzer(jobs, budget)
        self.memo = ResultMemo(self._analyzer)
        self._files: dict[Path, _File] = {}
        #: The editor's text of each open file (bytes as they would be saved).
        self._open: dict[Path, bytes] = {}
        self.result = RunResult()
        self._by_display: dict[str, list[Finding]] = {}
        self.relinter = Relinter(self.memo)
        self.load()

    def close(self) -> None:
        self._analyzer.close()

    def load(self) -> None:
        """Walk the project again (files created, deleted, excluded since)."""
        units = collect_units([self.root], self.resolver, None) if self.walk else []
        walked = {unit.source.path.absolute(): unit for unit in units}
        for path in list(self._files):
            if path not in walked:
                self._drop(path)
        for path, unit in walked.items():
            if path not in self._files:
                self._files[path] = _File(self._template(unit))
        for path in self._open:
            self._add_if_lintable(path)

    def contains(self, path: Path) -> bool:
        """Is ``path`` below this project's root?"""
        path = path.absolute()
        return path == self.root or self.root in path.parents

    def set_text(self, path: Path, data: bytes | None) -> None:
        """The editor's text of ``path`` (None: the file was closed; the disk's again)."""
        path = path.absolute()
        if data is None:
            self._open.pop(path, None)
            if path in self._files and not path.exists():
                self._drop(path)  # an unsaved new file, closed
            return
        self._open[path] = data
        self._add_if_lintable(path)

    def forget(self, path: Path) -> None:
        """``path`` changed or went away on disk: read it again when next linted."""
        file = self._files.get(path.absolute())
        if file is not None:
            file.stamp = None

    def lint(self) -> RunResult:
        """Lint every file as one project, analysing only what changed."""
        units: list[Unit] = []
        errors: list[FileError] = []
        for path, file in self._files.items():
            data = self._open.get(path)
            if data is None:
                self._refresh(path, file)
                if file.error is not None:
                    errors.append(file.error)
                    continue
                data = file.data
            units.append(replace(file.template, data=data, digest="", external={}))
        result = self.relinter.lint(units, errors)
        self._analyzer.close()  # worker processes are for big analyses: never kept idle
        self.result = result
        self._by_display = {}
        for finding in result.findings:
            self._by_display.setdefault(finding.path, []).append(finding)
        return result

    def findings_for(self, path: Path) -> list[Finding]:
        return self._by_display.get(self.display(path), [])

    def unit_for(self, path: Path) -> Unit | None:
        """The unit of ``path`` with the text last linted (for fixes and noqa comments)."""
        path = path.absolute()
        file = self._files.get(path)
        if file is None:
            return None
        data = self._open.get(path, file.data)
        # What other modules told the file, so fixes are re-linted as the file was.
        linted = self.relinter.unit(path) or file.template
        unit = replace(linted, data=data, digest="", external=dict(linted.external))
        read_unit(unit)
        return unit

    def text_of(self, path: Path) -> str | None:
        """The text ``path`` was last linted from (the editor's, or the disk's)."""
        path = path.absolute()
        file = self._files.get(path)
        data = self._open.get(path, file.data if file is not None else None)
        if data is None:
            return None
        try:
            return decode_source(data)
        except (UnicodeDecodeError, SyntaxError, LookupError):
            return data.decode("utf-8", "replace")

    def config_roots(self) -> set[Path]:
        """The roots of the configurations the project's files are linted with."""
        return {file.template.config.root for file in self._files.values()}

    def display(self, path: Path) -> str:
        """How findings name ``path``: relative to the project root, POSIX-style."""
        return Path(os.path.relpath(path.absolute(), self.root)).as_posix()

    def path_of(self, display: str) -> Path:
        return self.root / display

    def _template(self, unit: Unit) -> Unit:
        path = unit.source.path.absolute()
        return replace(unit, source=SourceFile(path, self.display(path)), data=None, digest="",
                       named=False, external={})

    def _add_if_lintable(self, path: Path) -> None:
        """An open file the walk has not seen (new, unsaved) joins if it would have."""
        if path in self._files or not self.contains(path) or not _lintable_name(path):
            return
        is_excluded = exclusion(self.resolver, GitIgnore())
        for folder in [*reversed(path.parents), path]:
            if folder in (self.root, *self.root.parents):
                continue
            if is_excluded(folder, folder != path, False) is not None:
                return
        unit = make_unit(SourceFile(path, self.display(path)), self.resolver(path))
        self._files[path] = _File(self._template(unit))

    def _refresh(self, path: Path, file: _File) -> None:
        """Read ``path`` again if it changed on disk since it was last read."""
        try:
            status = path.stat()
            stamp = (status.st_size, status.st_mtime_ns, status.st_ino)
        except OSError:
            stamp = None
        if stamp is not None and stamp == file.stamp:
            return
        unit = replace(file.template, data=None, digest="")
        file.error = read_unit(unit)
        file.data, file.stamp = unit.data, stamp

    def _drop(self, path: Path) -> None:
        file = self._files.pop(path)
        self.memo.forget(file.template.source.display)


def _lintable_name(path: Path) -> bool:
    from cio_lint.analysis.frontends import SUFFIXES

    return path.name.endswith(SUFFIXES)
