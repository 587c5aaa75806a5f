"""What files tell each other: clients and constants exported across modules, and
project rules.

After each file is analysed on its own, clients and constants exported by one module
and imported by another are resolved (``ExportTable``) so the importing files can be
analysed again with that knowledge. Last, each project
rule judges the facts every file of one project recorded (``project_rules``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import FunctionSummary, Knowledge
from cio_lint.core.facts import Fact
from cio_lint.core.findings import FileError, Finding
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.units import Unit
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import Project, ProjectRule


class ExportTable:
    """Every ``module.name`` that is a client or factory, as analysed files arrive.

    A re-export (``from app.clients import cio`` in a package ``__init__``) makes a client
    of the name it binds once its target is one. Each re-export waits on its target and is
    resolved when that target becomes known, never rescanned: the cost is linear in files
    and imports, however long a chain of re-exports is.
    """

    def __init__(self) -> None:
        self.exports: dict[str, Knowledge] = {}
        #: Re-exports whose target is not (yet) known to be a client: target -> keys.
        self._waiting: dict[str, list[str]] = defaultdict(list)
        #: Keys by each of their dotted prefixes, for ``needed_by`` (rebuilt as keys arrive).
        self._prefixes: dict[str, list[str]] = defaultdict(list)
        self._prefixed = 0

    def add(self, results: Iterable[FileResult]) -> list[str]:
        """Learn the exports and re-exports of ``results``; the keys that became known
        and admit files (``admits``: a constant alone makes no file worth parsing).

        A module's own client wins over a re-export of the same name.
        """
        results = [r for r in results if r.module_name]
        known: list[str] = []
        for result in results:
            for name, client in result.exports.items():
                key = f"{result.module_name}.{name}"
                if key not in self.exports:
                    known.append(key)
                self.exports[key] = client
        for key in known:
            self._resolve_waiting_on(key, known)
        for result in results:
            for name, target in result.reexports.items():
                key = f"{result.module_name}.{name}"
                if key in self.exports:
                    continue
                if target in self.exports:
                    self.exports[key] = self.exports[target]
                    known.append(key)
                    self._resolve_waiting_on(key, known)
                else:
                    self._waiting[target].append(key)
        return [key for key in known if admits(self.exports[key])]

    def _resolve_waiting_on(self, target: str, known: list[str]) -> None:
        """Every re-export that waited, directly or through others, on ``target``."""
        pending = [target]
        while pending:
            current = pending.pop()
            for key in self._waiting.pop(current, ()):
                if key not in self.exports:
                    self.exports[key] = self.exports[current]
                    known.append(key)
                    pending.append(key)

    def needed_by(self, result: FileResult) -> dict[str, Knowledge]:
        """The exported clients a file imports: what it must be analysed again with.

        ``import app.clients`` imports every client of ``app.clients`` (and of modules
        below it), so each client is indexed under every dotted prefix of its key.
        """
        if not result.parsed or not result.project_imports or not self.exports:
            return {}
        by_prefix = self._by_prefix()
        needed: set[str] = set()
        for imported in result.project_imports:
            needed.update(by_prefix.get(imported, ()))
        return {key: self.exports[key] for key in sorted(needed)}

    def _by_prefix(self) -> dict[str, list[str]]:
        if self._prefixed != len(self.exports):
            self._prefixes.clear()
            for key in self.exports:
                parts = key.split(".")
                for size in range(1, len(parts) + 1):
                    self._prefixes[".".join(parts[:size])].append(key)
            self._prefixed = len(self.exports)
        return self._prefixes


def admits(knowledge: Knowledge) -> bool:
    """Can a file that uses this name produce a finding for it? A client or a function
    that reaches the SDK, yes; a constant, no (it only tells what a value is)."""
    if isinstance(knowledge, ExternalClient):
        return True
    return isinstance(knowledge, FunctionSummary) and knowledge.relevant


def project_exports(results: Sequence[FileResult]) -> dict[str, Knowledge]:
    """Every ``module.name`` that is a client or factory, following re-exports."""
    table = ExportTable()
    table.add(results)
    return table.exports


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
