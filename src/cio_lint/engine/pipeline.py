"""Lint a set of files as one project: the stages of a run, in order.

read -> prefilter -> analyse each file (cached, in workers), and the modules they
import from -> resolve clients and constants exported across modules and analyse the
importing files again -> project rules
-> suppressions (and CIO900 for the ones that silenced nothing) -> sorted findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from cio_lint.core.findings import Finding
from cio_lint.core.results import RunResult
from cio_lint.engine.cache import Cache, CachingAnalyzer
from cio_lint.engine.file_run import Analyzer, FileResult, analyze_batch
from cio_lint.engine.prefilter import AwaitingExports, partition
from cio_lint.engine.project_phase import ExportTable, project_rules
from cio_lint.engine.project_secrets import ProjectSecrets
from cio_lint.engine.reading import read_unit
from cio_lint.engine.suppressions import is_suppressed
from cio_lint.engine.units import Unit
from cio_lint.engine.unused_suppressions import unused_suppressions
from cio_lint.rules import rule_docs


def lint_units(
    units: Sequence[Unit],
    *,
    analyze_many: Analyzer | None = None,
    ignore_noqa: bool = False,
    cache: Cache | None = None,
    prefilter: bool = True,
) -> RunResult:
    """Lint every unit as one project phase.

    ``analyze_many`` runs analysis (in worker processes, say); ``cache`` answers for
    files whose bytes, configuration and context are unchanged; ``prefilter`` skips
    files that cannot produce a finding (files named explicitly are always parsed).
    """
    secrets = ProjectSecrets()
    run = CachingAnalyzer(secrets.analyzer(analyze_many or analyze_batch), cache)
    result = RunResult(rules=rule_docs())
    readable: list[Unit] = []
    for unit in units:
        error = read_unit(unit)
        if error is not None:
            result.errors.append(error)
        else:
            readable.append(unit)
    result.files_checked = len(readable)
    result.checked_paths = [unit.source.display for unit in readable]
    candidates, skipped = partition(readable, prefilter)
    results = run([(unit, {}) for unit in candidates])
    table = ExportTable()
    awaiting = AwaitingExports(skipped, parsed=candidates)
    new_exports = table.add(results)
    arrived = results
    while True:
        # A file that only imports a client from another module of the project never
        # mentions customerio: it is a candidate once it names an exported client. Its
        # own re-exports (a package __init__) may in turn admit more files. A module the
        # parsed files import from is parsed too, for the constants it defines.
        late = awaiting.admit(new_exports)
        imported = (name for r in arrived for name in r.project_imports)
        late += awaiting.providers(imported)
        if not late:
            break
        candidates.extend(late)
        arrived = run([(unit, {}) for unit in late])
        results.extend(arrived)
        new_exports = table.add(arrived)
    for unit in awaiting.remaining:
        result.not_parsed.append(unit.source.display)
        _forget_bytes(unit)
    results = _with_imported_clients(candidates, results, table, run)
    for unit, file_result in zip(candidates, results):
        _forget_bytes(unit)
        result.findings.extend(file_result.findings)
        result.suppressed.extend(file_result.suppressed)
        result.errors.extend(file_result.errors)
        if file_result.lines:
            result.lines[file_result.path] = file_result.lines
    _add_project_findings(result, candidates, results)
    if ignore_noqa:
        result.findings.extend(result.suppressed)
        result.suppressed = []
    else:
        result.findings.extend(unused_suppressions(candidates, results, result.suppressed))
    secrets.mask_run(result)
    run.store(result.secrets)
    result.findings = sorted(result.findings, key=Finding.sort_key)
    return result


def _with_imported_clients(
    units: list[Unit],
    results: list[FileResult],
    exports: ExportTable,
    run: Analyzer,
) -> list[FileResult]:
    """``results``, with every file that imports a client of another module analysed
    again knowing that client."""
    again = [
        (unit, needed)
        for unit, file_result in zip(units, results)
        if (needed := exports.needed_by(file_result))
    ]
    if not again:
        return results
    for unit, needed in again:
        unit.external = needed
    redone = dict(zip((id(unit) for unit, _ in again), run(again)))
    return [redone.get(id(unit), r) for unit, r in zip(units, results)]


def _add_project_findings(
    result: RunResult, units: Sequence[Unit], results: Sequence[FileResult]
) -> None:
    """Add the project rules' findings to ``result``, suppressed where a comment says so."""
    by_path = {r.path: r for r in results}
    for finding in project_rules(units, results, result.errors):
        comments = by_path[finding.path].suppressions if finding.path in by_path else {}
        (result.suppressed if is_suppressed(finding, comments) else result.findings).append(
            finding
        )


def _forget_bytes(unit: Unit) -> None:
    """Free a file's bytes once no stage needs them (stdin cannot be read again)."""
    if not unit.from_stdin:
        unit.data = None
