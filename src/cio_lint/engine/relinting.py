"""Judge a project again after an edit, linking its modules again only when the edit
can change what another file is told.

Linking (``linking.link_units``) builds the table of what every module exports and
analyses files again with it: its cost grows with the project, however small the edit.
Most edits change nothing another file learns: a route's body, a message, a line moved
in a module nobody imports. Then the edited file is analysed again, with what it was
told before, and the project is judged again (``linking.judge``: each project rule
only if the facts it judges changed). Anything else (a file another module imports
changed what it exports, a skipped file now names Customer.io, a new secret, a file
added or removed) links the whole project again, which costs only the bookkeeping for
files whose results are remembered (``live_project.ResultMemo``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cio_lint.analysis.records import NOWHERE, Link
from cio_lint.analysis.summaries import FunctionSummary, Knowledge, ProjectCall, with_links
from cio_lint.core.file_errors import FileError
from cio_lint.core.results import RunResult
from cio_lint.core.secrets import secret_values
from cio_lint.engine.file_run import Analyzer, FileResult
from cio_lint.engine.linking import Linked, judge, link_units
from cio_lint.engine.prefilter import AwaitingExports, contains_word, export_words, partition
from cio_lint.engine.project_phase import ProjectMemo
from cio_lint.engine.project_secrets import ProjectSecrets
from cio_lint.engine.reading import read_unit
from cio_lint.engine.units import Unit, script_name


class Relinter:
    """The last linking of one project, and the run judged from it."""

    def __init__(self, analyze: Analyzer) -> None:
        self._analyze = analyze
        self._linked: Linked | None = None
        #: The bytes each file was linted from (compared by identity: unchanged files
        #: keep the very same bytes object).
        self._data: dict[Path, bytes | None] = {}
        self._position: dict[Path, int] = {}
        self._skipped: set[str] = set()
        self._errors: tuple[FileError, ...] = ()
        self._judged = RunResult()
        self._project_memo: ProjectMemo = {}
        #: The bytes of the files the prefilter skipped, whether a skipped file names the
        #: module at an index, and every function that may be passed a client.
        self._skipped_data: list[bytes] = []
        self._named: dict[int, bool] = {}
        self._receiving: set[str] = set()
        #: How the last lint was made: "linked" (whole project) or "judged" (one file).
        self.last = ""

    def lint(self, units: Sequence[Unit], errors: Sequence[FileError]) -> RunResult:
        """The run for ``units`` (with their bytes) and the files that could not be read."""
        changed = [unit for unit in units if self._data.get(unit.source.path) is not unit.data]
        same_files = len(units) == len(self._data) and tuple(errors) == self._errors
        judged: RunResult | None = None
        if self._linked is not None and same_files and len(changed) <= 1:
            judged = self._again(changed[0]) if changed else self._judged
            self.last = "judged"
        if judged is None:
            judged = self._link(units)
            self.last = "linked"
        self._judged, self._errors = judged, tuple(errors)
        return replace(judged, errors=[*judged.errors, *errors],
                       files_checked=judged.files_checked + len(errors))

    def unit(self, path: Path) -> Unit | None:
        """The unit of ``path`` as last analysed (with what other modules told it)."""
        index = self._position.get(path)
        return self._linked.units[index] if self._linked is not None and index is not None \
            else None

    def _link(self, units: Sequence[Unit]) -> RunResult:
        self._data = {unit.source.path: unit.data for unit in units}
        secrets = ProjectSecrets()
        linked = self._linked = link_units(units, secrets.analyzer(self._analyze), secrets)
        self._position = {unit.source.path: index for index, unit in enumerate(linked.units)}
        self._skipped = set(linked.base.not_parsed)
        self._skipped_data = [data for unit in units if unit.source.display in self._skipped
                              and (data := self._data[unit.source.path]) is not None]
        self._named = {}
        self._receiving = {f"{module}.{name}" for result in linked.results
                           for module in (result.module_name, *result.module_aliases)
                           for name, knowledge in result.exports.items()
                           if isinstance(knowledge, FunctionSummary) and knowledge.receivers}
        return judge(linked, project_memo=self._project_memo)

    def _again(self, unit: Unit) -> RunResult | None:
        """The run after ``unit`` alone changed, or None when the project must be linked."""
        assert self._linked is not None
        linked, path = self._linked, unit.source.path
        index = self._position.get(path)
        if index is None:
            return self._still_skipped(unit, linked)
        told = linked.units[index]
        fresh = replace(told, data=unit.data, digest="", external=told.external)
        read_unit(fresh)
        (result,) = self._analyze([(fresh, fresh.external)])
        known = set(linked.secrets.values())
        if not set(secret_values(result.secrets)) <= known:
            return None  # every file must now be masked with this secret too
        if not self._changes_nothing_for_others(index, linked.results[index], result):
            return None
        fresh.content_digest()  # (kept with the result, as linking keeps it)
        fresh.data = None
        linked.units[index], linked.results[index] = fresh, result
        self._data[path] = unit.data
        return judge(linked, project_memo=self._project_memo)

    def _still_skipped(self, unit: Unit, linked: Linked) -> RunResult | None:
        """A file the prefilter skipped that still cannot produce a finding changes
        nothing (None: it can now, or it is new)."""
        if unit.source.display not in self._skipped:
            return None
        read_unit(unit)
        if partition([unit])[0] or AwaitingExports([unit]).admit(linked.admitting):
            return None
        self._data[unit.source.path] = unit.data
        unit.data = None
        return self._judged

    def _changes_nothing_for_others(self, index: int, old: FileResult, new: FileResult
                                    ) -> bool:
        """Does every other file learn the same from ``new`` as from ``old``?"""
        same = (old.parsed, old.reexports, old.project_imports, old.uses_sdk) == (
            new.parsed, new.reexports, new.project_imports, new.uses_sdk)
        if not same:
            return False
        if old.exports == new.exports:
            return True
        # Importers are told all of it, down to where each call is (a finding's chain
        # through a wrapper names the line).
        if self._imported(index):
            return False
        # A skipped file that names the module may be read for a function of it that
        # reaches Customer.io; otherwise the others learn only which clients it passes.
        if self._named_by_skipped(index):
            return _outside(old.exports) == _outside(new.exports)
        return self._passed(old) == self._passed(new)

    def _named_by_skipped(self, index: int) -> bool:
        """Does a skipped file hold the words that name the module at ``index``, as a
        file importing one of its functions would?"""
        assert self._linked is not None
        if index not in self._named:
            unit = self._linked.units[index]
            words = [word.encode("utf-8")
                     for name in (unit.module_name, *unit.module_aliases) if name
                     for word in export_words(f"{name}.x")[:-1]]
            self._named[index] = bool(words) and any(
                all(contains_word(data, word) for word in words)
                for data in self._skipped_data)
        return self._named[index]

    def _passed(self, result: FileResult) -> list[tuple[str, ProjectCall]]:
        """The calls of ``result``'s functions that can make a parameter of another
        module's function a client (``client_parameters``) or a module be read because
        it is passed one (``ExportTable.client_callees``)."""
        return sorted(
            ((name, replace(call, link=Link(""))) for name, knowledge in result.exports.items()
             if isinstance(knowledge, FunctionSummary) for call in knowledge.calls
             if call.target in self._receiving or f"{call.target}.__init__" in self._receiving
             or any(a.client is not None
                    for a in (*call.positional, *(a for _, a in call.keywords)))),
            key=repr)

    def _imported(self, index: int) -> bool:
        """Does another analysed file import the module at ``index`` (or a name in it, or
        the package it is in)?"""
        assert self._linked is not None
        unit = self._linked.units[index]
        names = (unit.module_name, *unit.module_aliases,
                 *script_name(unit.source.path, unit.module_name))
        for other, result in enumerate(self._linked.results):
            if other == index:
                continue
            for imported in result.project_imports:
                for name in names:
                    if name and (imported == name or imported.startswith(f"{name}.")
                                 or name.startswith(f"{imported}.")):
                        return True
        return False


def _outside(exports: dict[str, Knowledge]) -> dict[str, Knowledge]:
    """What a module nobody imports tells the rest of the project: whether each function
    reaches Customer.io (a skipped file naming it must then be read) and the calls it
    makes of other modules' functions (which of their parameters are clients)."""
    return {name: _seen_from_outside(knowledge) for name, knowledge in exports.items()}


def _seen_from_outside(knowledge: Knowledge) -> Knowledge:
    if not isinstance(knowledge, FunctionSummary):
        return knowledge
    return replace(_without_positions(knowledge), operations=(), constructions=(),
                   builds_client=knowledge.relevant)


def _without_positions(knowledge: FunctionSummary) -> FunctionSummary:
    """``knowledge`` with the places of its links left out."""
    return with_links(knowledge, lambda link: replace(link, start=NOWHERE, end=NOWHERE))
