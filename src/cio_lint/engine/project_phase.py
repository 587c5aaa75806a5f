"""What files tell each other: clients exported across modules, and project rules.

After each file is analysed on its own, clients exported by one module and
imported by another are resolved (``project_exports``, ``needed_exports``) so the
importing files can be analysed again with that knowledge. Last, each project
rule judges the facts every file of one project recorded (``project_rules``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cio_lint.analysis.records import ExternalClient
from cio_lint.core.facts import Fact
from cio_lint.core.findings import FileError, Finding
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.units import Unit
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import Project, ProjectRule

#: Re-exports are followed this many hops at most (a package re-exporting a package...).
MAX_REEXPORT_ROUNDS = 10


def project_exports(results: Sequence[FileResult]) -> dict[str, ExternalClient]:
    """Every ``module.name`` that is a client or factory, following re-exports."""
    exports: dict[str, ExternalClient] = {}
    for result in results:
        if result.module_name:
            for name, client in result.exports.items():
                exports[f"{result.module_name}.{name}"] = client
    changed = True
    rounds = 0
    while changed and rounds < MAX_REEXPORT_ROUNDS:
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


def needed_exports(
    result: FileResult, exports: dict[str, ExternalClient]
) -> dict[str, ExternalClient]:
    """The exported clients a file imports: what it must be analysed again with."""
    if not result.parsed or not result.project_imports or not exports:
        return {}
    return {
        qual: client
        for qual, client in exports.items()
        for imported in result.project_imports
        if qual == imported or qual.startswith(imported + ".")
    }


def project_rules(
    units: Sequence[Unit], results: Sequence[FileResult], errors: list[FileError]
) -> list[Finding]:
    """Run each project rule once per project, on the facts of that project.

    A rule that fails adds an internal error to ``errors`` and costs only its findings.
    """
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
