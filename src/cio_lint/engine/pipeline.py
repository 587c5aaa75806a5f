"""Lint a set of files as one project.

Phase one lints each file on its own and collects small facts. Then clients
exported by one module and imported by another are resolved, and only the
files that import them are linted again with that knowledge. Last, the
project-wide rules combine every file's facts.
"""

from __future__ import annotations

import hashlib
import re
import stat
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cio_lint.analysis.records import ExternalClient
from cio_lint.core.config import Config
from cio_lint.core.findings import FileError, Finding, Position
from cio_lint.core.results import RunResult
from cio_lint.engine import prefilter as byte_filter
from cio_lint.engine.cache import Cache
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.file_run import FileResult, analyze, module_name_for, sorted_findings
from cio_lint.engine.selection import selected_codes
from cio_lint.engine.suppressions import is_suppressed, unused_codes
from cio_lint.rules import REGISTRY, default_states, rule_docs
from cio_lint.rules.base import Fact, Project, ProjectRule

UNUSED_CODE = "CIO900"

#: Files larger than this are reported, not parsed (generated blobs, vendored bundles).
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class Unit:
    """One file of the run with its configuration and module identity."""

    source: SourceFile
    config: Config
    codes: frozenset[str]
    data: bytes | None = None
    module_name: str = ""
    is_package: bool = False
    from_stdin: bool = False
    #: Named on the command line (or stdin) rather than found by walking a directory:
    #: the run may then see only part of its project.
    named: bool = False
    #: Clients this file imports from other project modules (known after phase one).
    external: dict[str, ExternalClient] = field(default_factory=dict)
    #: SHA-256 of the bytes that were linted: a fixer must not write over newer content.
    digest: str = ""


def make_unit(source: SourceFile, config: Config, data: bytes | None = None) -> Unit:
    codes = _codes_for(config, source.path)
    name, is_package = module_name_for(source.path)
    from_stdin = data is not None
    return Unit(source, config, codes, data, name, is_package, from_stdin=from_stdin,
                named=source.explicit or from_stdin)


_CODES_BY_CONFIG: dict[int, tuple[Config, frozenset[str]]] = {}


def _codes_for(config: Config, path: Path) -> frozenset[str]:
    """The rules enabled for ``path``: per configuration, unless per-file-ignores apply."""
    if config.per_file_ignores:
        return selected_codes(config, default_states(), path.as_posix())
    cached = _CODES_BY_CONFIG.get(id(config))
    if cached is None or cached[0] is not config:
        cached = (config, selected_codes(config, default_states()))
        _CODES_BY_CONFIG[id(config)] = cached
    return cached[1]


def read_unit(unit: Unit) -> FileError | None:
    """Read a unit's bytes; an I/O problem becomes a one-line error for that file."""
    if unit.data is not None:
        if not unit.digest:
            unit.digest = hashlib.sha256(unit.data).hexdigest()
        return None
    path = unit.source.path
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or device named on the command line would block or never end.
            return FileError(unit.source.display, "skipped: not a regular file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return FileError(
                unit.source.display,
                f"skipped: file is {size / 1_048_576:.1f} MB, over the "
                f"{MAX_FILE_BYTES // 1_048_576} MB limit",
            )
        unit.data = path.read_bytes()
        unit.digest = hashlib.sha256(unit.data).hexdigest()
    except IsADirectoryError:
        return FileError(unit.source.display, "is a directory")
    except FileNotFoundError:
        return FileError(unit.source.display, "no such file (was it deleted?)")
    except PermissionError:
        return FileError(unit.source.display, "permission denied")
    except OSError as error:
        return FileError(unit.source.display, f"cannot read: {error.strerror or error}")
    return None


Analyzer = Callable[[list[tuple["Unit", dict[str, ExternalClient]]]], list[FileResult]]


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
    run = _cached(analyze_many or _analyze_serially, cache)
    result = RunResult(rules=rule_docs())
    readable: list[Unit] = []
    for unit in units:
        error = read_unit(unit)
        if error is not None:
            result.errors.append(error)
        else:
            readable.append(unit)
    candidates, skipped = _prefilter(readable, prefilter)
    results = run([(unit, {}) for unit in candidates])
    exports = _project_exports(results)
    while exports and skipped:
        # A file that only imports a client from another module of the project never
        # mentions customerio: it is a candidate once it names an exported client. Its
        # own re-exports (a package __init__) may in turn admit more files.
        exported = byte_filter.for_exports(exports)
        late = [unit for unit in skipped if exported.admits(unit.data or b"")]
        if not late:
            break
        candidates.extend(late)
        results.extend(run([(unit, {}) for unit in late]))
        skipped = [unit for unit in skipped if unit not in late]
        exports = _project_exports(results)
    for unit in skipped:
        if not unit.from_stdin:
            unit.data = None
    readable_count = len(readable)
    readable = candidates
    again = [
        (unit, needed)
        for unit, file_result in zip(readable, results)
        if (needed := _needed_exports(file_result, exports))
    ]
    for unit, needed in again:
        unit.external = needed
    if again:
        redone = dict(zip((id(u) for u, _ in again), run(again)))
        results = [redone.get(id(unit), r) for unit, r in zip(readable, results)]
    for unit, file_result in zip(readable, results):
        if not unit.from_stdin:
            unit.data = None  # free memory: the bytes are no longer needed
        result.findings.extend(file_result.findings)
        result.suppressed.extend(file_result.suppressed)
        result.errors.extend(file_result.errors)
        if file_result.lines:
            result.lines[file_result.path] = file_result.lines
    result.files_checked = readable_count
    project_findings = _project_rules(readable, results, result.errors)
    by_path = {r.path: r for r in results}
    for finding in project_findings:
        comments = by_path[finding.path].suppressions if finding.path in by_path else {}
        (result.suppressed if is_suppressed(finding, comments) else result.findings).append(
            finding
        )
    if ignore_noqa:
        result.findings.extend(result.suppressed)
        result.suppressed = []
    else:
        result.findings.extend(_unused_suppressions(readable, results, result.suppressed))
    result.findings = sorted_findings(result.findings)
    return result


def _unused_suppressions(
    units: Sequence[Unit], results: Sequence[FileResult], suppressed: Sequence[Finding]
) -> list[Finding]:
    """CIO900 for each file whose suppression comments silenced nothing."""
    rule = REGISTRY[UNUSED_CODE]
    known = frozenset(REGISTRY)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in suppressed:
        by_path[finding.path].append(finding)
    findings = []
    for unit, file_result in zip(units, results):
        if UNUSED_CODE not in unit.codes or not file_result.suppressions:
            continue
        for unused in unused_codes(file_result.suppressions, by_path[file_result.path],
                                   unit.codes, known):
            comment = unused.suppression
            what = (
                f"`{unused.code}` is not a cio-lint rule code" if unused.unknown
                else f"nothing on this line is reported as {unused.code}"
            )
            findings.append(Finding(
                code=rule.code, name=rule.name, severity=rule.severity, path=file_result.path,
                start=Position(comment.line, comment.column),
                end=Position(comment.line, comment.column + len(comment.text)),
                message=f"unused suppression: {what}; remove it so the next real "
                        "finding on this line is not hidden",
                wrong=comment.text,
                correct=_without(comment.text, unused.code),
                suppression_lines=(comment.line,),
            ))
    return findings


def _without(comment: str, code: str) -> str:
    """The comment with ``code`` removed (or nothing, when no other code remains)."""
    rest = [c for c in re.findall(r"[A-Z]+[0-9]+", comment) if c != code]
    if not rest:
        return "(remove the comment)"
    if comment.lstrip("# ").startswith("cio-lint"):
        return f"# cio-lint: ignore[{', '.join(rest)}]"
    return f"# noqa: {', '.join(rest)}"


def _prefilter(units: Sequence[Unit], enabled: bool) -> tuple[list[Unit], list[Unit]]:
    """Split units into those worth parsing and those that cannot produce a finding."""
    if not enabled:
        return list(units), []
    candidates: list[Unit] = []
    skipped: list[Unit] = []
    filters: dict[tuple[int, frozenset[str]], byte_filter.Prefilter] = {}
    for unit in units:
        key = (id(unit.config), unit.codes)
        if key not in filters:
            filters[key] = byte_filter.for_config(unit.config, unit.codes)
        if unit.named or filters[key].admits(unit.data or b""):
            candidates.append(unit)
        else:
            skipped.append(unit)
    return candidates, skipped


def _cached(run: Analyzer, cache: Cache | None) -> Analyzer:
    """``run``, answering from ``cache`` where it can and filling it with the rest."""
    if cache is None:
        return run

    def cached(batch: list[tuple[Unit, dict[str, ExternalClient]]]) -> list[FileResult]:
        keys = [
            None if unit.from_stdin else Cache.key(
                unit.data or b"", unit.source.display, unit.module_name, unit.is_package,
                external, unit.config.fingerprint(), unit.codes)
            for unit, external in batch
        ]
        found: list[FileResult | None] = [cache.get(key) if key else None for key in keys]
        missing = [i for i, hit in enumerate(found) if hit is None]
        for index, fresh in zip(missing, run([batch[i] for i in missing])):
            key = keys[index]
            if key is not None:
                cache.put(key, fresh)
            found[index] = fresh
        return [hit for hit in found if hit is not None]

    return cached


def _analyze_serially(
    batch: list[tuple[Unit, dict[str, ExternalClient]]],
) -> list[FileResult]:
    return [analyze_unit(unit, external) for unit, external in batch]


def analyze_unit(
    unit: Unit, external: dict[str, ExternalClient], data: bytes | None = None
) -> FileResult:
    """Lint a unit's bytes (or ``data``, a new version of them) with its configuration."""
    data = data if data is not None else unit.data
    assert data is not None
    return analyze(
        unit.source.display,
        data,
        unit.config,
        unit.codes,
        module_name=unit.module_name,
        is_package=unit.is_package,
        external=external,
    )


def _project_exports(results: Sequence[FileResult]) -> dict[str, ExternalClient]:
    """Every ``module.name`` that is a client or factory, following re-exports."""
    exports: dict[str, ExternalClient] = {}
    for result in results:
        if result.module_name:
            for name, client in result.exports.items():
                exports[f"{result.module_name}.{name}"] = client
    changed = True
    rounds = 0
    while changed and rounds < 10:
        changed = False
        rounds += 1
        for result in results:
            if not result.module_name:
                continue
            for name, target in result.reexports.items():
                key = f"{result.module_name}.{name}"
                if key not in exports and target in exports:
                    exports[key] = exports[target]
                    changed = True
    return exports


def _needed_exports(
    result: FileResult, exports: dict[str, ExternalClient]
) -> dict[str, ExternalClient]:
    if not result.parsed or not result.project_imports or not exports:
        return {}
    return {
        qual: client
        for qual, client in exports.items()
        for imported in result.project_imports
        if qual == imported or qual.startswith(imported + ".")
    }


def _project_rules(
    units: Sequence[Unit], results: Sequence[FileResult], errors: list[FileError]
) -> list[Finding]:
    """Run each project rule once per project, on the facts of that project."""
    projects: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        projects[str(unit.config.root)].append(unit)
    facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for file_result in results:
        for fact in file_result.facts:
            facts[(fact.rule, fact.project)].append(fact)
    findings: list[Finding] = []
    for root, members in sorted(projects.items()):
        project = Project(root, members[0].config, complete=not any(u.named for u in members))
        enabled = sorted(set().union(*(unit.codes for unit in members)))
        for code in enabled:
            rule = REGISTRY.get(code)
            if not isinstance(rule, ProjectRule):
                continue
            try:
                findings.extend(rule.check_project(facts.get((code, root), []), project))
            except Exception as error:
                errors.append(
                    FileError("<project>", f"internal error in {code}: {error!r}", internal=True)
                )
    return findings
