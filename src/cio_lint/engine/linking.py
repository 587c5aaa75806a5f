"""The stages of a run after its triage, in order: analyse the files the prefilter
admitted, link them as one project and judge it.

analyse each file (cached, in workers), and the modules they import from -> resolve
clients and constants exported across modules and analyse the importing files again ->
project rules -> suppressions (and CIO900 for the ones that silenced nothing) -> sorted
findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cio_lint.core.findings import Finding
from cio_lint.core.results import RunResult
from cio_lint.engine.cache import Cache
from cio_lint.engine.caching_analyzer import CachingAnalyzer
from cio_lint.engine.compact_results import Interner, compacting
from cio_lint.engine.constant_sources import WantedNames
from cio_lint.engine.contents import Contents
from cio_lint.engine.file_run import Analyzer, FileResult, analyze_batch
from cio_lint.engine.helper import meanwhile
from cio_lint.engine.prefilter import AwaitingExports, import_words
from cio_lint.engine.project_phase import (
    ExportTable,
    ProjectMemo,
    load_project_rules,
    project_rules,
)
from cio_lint.engine.project_secrets import ProjectSecrets
from cio_lint.engine.rule_docs import RuleDocs
from cio_lint.engine.script_folders import ScriptFolders
from cio_lint.engine.suppressions import is_suppressed
from cio_lint.engine.triage import Triage, forget_bytes, projects, triage
from cio_lint.engine.units import Unit
from cio_lint.engine.unused_suppressions import unused_suppressions

#: Rounds of analysing files again with new knowledge: a client passed into a wrapper in
#: another module takes about four (the caller sees the client, the wrapper its parameter,
#: the wrapper's summary, the caller the summary).
MAX_ROUNDS = 6


def lint_triaged(
    triaged: Triage,
    contents: Contents,
    *,
    analyze_many: Analyzer | None = None,
    ignore_noqa: bool = False,
    cache: Cache | None = None,
    respect_gitignore: bool = True,
    entries_used: list[str] | None = None,
) -> RunResult:
    """Analyse, link and judge the files ``triage`` sorted (``pipeline.lint_units``)."""
    secrets = ProjectSecrets()
    # Secrets see every result, cached ones too (a cached settings.py still masks its key in
    # app.py's report); the cache sees results before another file's secret masks them, and
    # ``store`` leaves out any entry that holds one.
    # Results are kept compactly from the moment they arrive, analysed or read from
    # the cache: a large project's results never all wait at once in full.
    interner = Interner()
    caching = CachingAnalyzer(compacting(analyze_many or analyze_batch, interner), cache,
                              contents, compact=interner.result)
    linked = link_triaged(triaged, secrets.analyzer(caching), secrets, contents)
    for file_result in linked.results:
        file_result.exports = {}  # only linking reads them, and it is done
    result = judge(linked, ignore_noqa=ignore_noqa, respect_gitignore=respect_gitignore)
    caching.store(result.secrets)
    contents.save()
    if entries_used is not None:
        entries_used.extend(caching.used)
    return result


@dataclass
class Linked:
    """A project's files analysed with what their modules tell each other: everything
    the project phase judges (``judge``), kept by an editor's warm project between edits."""

    #: The files read, with the errors and unparsed files found so far.
    base: RunResult
    #: The files analysed, and their results (in the same order).
    units: list[Unit]
    results: list[FileResult]
    secrets: ProjectSecrets
    #: The exported names that admit a skipped file naming them (as last linked).
    admitting: list[str] = field(default_factory=list)


def link_units(
    units: Sequence[Unit], run: Analyzer, secrets: ProjectSecrets, *, prefilter: bool = True,
    contents: Contents | None = None,
) -> Linked:
    """Read, prefilter and analyse ``units``, then link the modules of each project
    (``contents`` may know a file without reading it)."""
    contents = contents or Contents()
    return link_triaged(triage(units, prefilter, contents), run, secrets, contents)


def link_triaged(triaged: Triage, run: Analyzer, secrets: ProjectSecrets,
                 contents: Contents) -> Linked:
    """Analyse the files ``triage`` admitted, then link the modules of each project."""
    base, readable, first, skipped = (triaged.base, triaged.readable, triaged.first,
                                      triaged.skipped)
    # Where the skipped files can import is searched for as soon as a module exports a
    # client: found (and the rules loaded for the project phase) while a helper process
    # analyses the first files, if one does.
    prepared: dict[int, frozenset[bytes]] = {}

    def ahead() -> None:
        prepared.update(import_words(skipped))
        load_project_rules()

    with meanwhile(ahead):
        analysed = dict(zip(map(id, first), run([(unit, {}) for unit in first]), strict=False))
    candidates: list[Unit] = []
    results: list[FileResult] = []
    admitting: list[str] = []
    for members in projects(readable):
        # Module names mean something only within one project and language: each links
        # its own.
        mine = [unit for unit in first if id(unit) in members]
        linked, linked_results, remaining, admits = _link(
            [unit for unit in readable if id(unit) in members],
            mine, [analysed[id(unit)] for unit in mine],
            [unit for unit in skipped if id(unit) in members], run, contents, prepared,
        )
        candidates.extend(linked)
        results.extend(linked_results)
        admitting.extend(admits)
        for unit in remaining:
            base.not_parsed.append(unit.source.display)
            forget_bytes(unit)
    for unit in candidates:
        forget_bytes(unit, analysed=True)
    return Linked(base, candidates, results, secrets, admitting)


def judge(linked: Linked, *, ignore_noqa: bool = False, respect_gitignore: bool = True,
          project_memo: ProjectMemo | None = None) -> RunResult:
    """The run's result: every file's findings, the project rules', CIO900 for
    suppressions that silenced nothing, all masked and sorted. ``linked`` is left as it
    was, so it can be judged again after one of its results is replaced (``project_memo``
    then keeps each project rule's findings while the facts it judges are the same)."""
    base = linked.base
    result = RunResult(
        errors=list(base.errors), files_checked=base.files_checked,
        checked_paths=list(base.checked_paths), not_parsed=list(base.not_parsed),
        rules=RuleDocs(),
    )
    result.secrets = linked.secrets.mask_results(linked.results)
    for file_result in linked.results:
        result.reproducible = result.reproducible and not file_result.over_budget
        result.findings.extend(file_result.findings)
        result.suppressed.extend(file_result.suppressed)
        result.errors.extend(file_result.errors)
        if file_result.lines:
            result.lines[file_result.path] = file_result.lines
    project = _project_findings(result, linked.units, linked.results, respect_gitignore,
                                project_memo)
    if ignore_noqa:
        result.findings.extend(result.suppressed)
        result.suppressed = []
    else:
        project.extend(unused_suppressions(linked.units, linked.results, result.suppressed))
    result.findings.extend(linked.secrets.mask_findings(project, result.secrets, "project"))
    result.suppressed = linked.secrets.mask_findings(result.suppressed, result.secrets,
                                                     "suppressed")
    result.findings = sorted(result.findings, key=Finding.sort_key)
    return result


def _link(
    readable: list[Unit],
    candidates: list[Unit],
    results: list[FileResult],
    skipped: list[Unit],
    run: Analyzer,
    contents: Contents,
    import_words: dict[int, frozenset[bytes]] | None = None,
) -> tuple[list[Unit], list[FileResult], list[Unit], list[str]]:
    """One project's files with what its modules tell each other: the files analysed
    (those the prefilter skipped but another module's exports admit included), their
    results, the files still skipped and the exported names that would admit them."""
    scripts = ScriptFolders(readable)  # (every table of this project's, alike)
    table = ExportTable(scripts)
    awaiting = AwaitingExports(skipped, parsed=candidates, contents=contents,
                               import_words=import_words)
    new_exports = table.add(results)
    wanted = WantedNames(name for unit in readable
                         for name in (unit.module_name, *unit.module_aliases) if name)
    imported = wanted.arrived(results)
    while True:
        # A file that only imports a client from another module of the project never
        # mentions customerio: it is a candidate once it names an exported client. Its
        # own re-exports (a package __init__) may in turn admit more files. A module
        # these files import from is parsed too, for the constants it defines.
        admitted = awaiting.admit(new_exports)
        late = admitted + awaiting.providers(imported)
        if not late:
            break
        candidates.extend(late)
        arrived = run([(unit, {}) for unit in late])
        results.extend(arrived)
        new_exports = table.add(arrived)
        imported = wanted.arrived(arrived[:len(admitted)], arrived[len(admitted):])
    results, admitting = _settle(candidates, results, awaiting, run, scripts)
    return candidates, results, awaiting.remaining, admitting


def _settle(
    units: list[Unit],
    results: list[FileResult],
    awaiting: AwaitingExports,
    run: Analyzer,
    scripts: ScriptFolders,
) -> tuple[list[FileResult], list[str]]:
    """Analyse files again with what the rest of the program tells them (clients they
    import, summaries of the functions they call, parameters every caller fills with a
    client) until no file is told anything new, or ``MAX_ROUNDS`` have passed.

    Each round can change what a file exports (a wrapper whose client parameter became
    known now reaches the SDK), and so what its callers must know: a caller not yet
    read, because it never names Customer.io, is admitted then; so is a module whose
    function is passed a client.
    """
    for _ in range(MAX_ROUNDS):
        table = ExportTable(scripts)
        table.add(results)
        table.find_client_parameters()
        late = awaiting.admit(table.admitting())
        late += awaiting.admit_definers(table.client_callees())
        again = [
            (unit, needed)
            for unit, file_result in zip(units, results, strict=False)
            if (needed := table.needed_by(file_result, unit)) != unit.external
        ]
        if not again and not late:
            break
        for unit, needed in again:
            unit.external = needed
        redone = dict(zip((id(unit) for unit, _ in again), run(again), strict=False))
        results = [redone.get(id(unit), r) for unit, r in zip(units, results, strict=False)]
        if late:
            units.extend(late)
            results.extend(run([(unit, {}) for unit in late]))
    return results, table.admitting()


def _project_findings(
    result: RunResult,
    units: Sequence[Unit],
    results: Sequence[FileResult],
    respect_gitignore: bool,
    memo: ProjectMemo | None,
) -> list[Finding]:
    """The project rules' findings; those a comment suppresses go to ``result``."""
    by_path = {r.path: r for r in results}
    read_beyond: list[str] = []
    found = project_rules(units, results, result.errors, respect_gitignore=respect_gitignore,
                          memo=memo, read_beyond=read_beyond)
    result.reproducible = result.reproducible and not read_beyond
    shown: list[Finding] = []
    for finding in found:
        comments = by_path[finding.path].suppressions if finding.path in by_path else {}
        (result.suppressed if is_suppressed(finding, comments) else shown).append(finding)
    return shown
