"""What files tell each other: clients and constants exported across modules, and
project rules.

After each file is analysed on its own, clients, constants and function summaries
exported by one module and used by another are resolved (``ExportTable``) so the
importing files can be analysed again with that knowledge. A module is known by its
name and its aliases (``units``), and a script's import of a neighbouring file by that
file (``script_folders``). Last, each project rule judges the facts every file of one
project recorded (``project_rules``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from cio_lint.analysis.records import ExternalClient
from cio_lint.analysis.summaries import (
    MODULE_CODE,
    ClientParameter,
    FunctionSummary,
    Knowledge,
    close,
    located,
)
from cio_lint.core.facts import Fact
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding
from cio_lint.engine.client_parameters import client_parameters
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.identity_sources import LazyIdentitySources
from cio_lint.engine.script_folders import ScriptFolders
from cio_lint.engine.units import Unit


class ExportTable:
    """Every ``module.name`` that is a client or factory, as analysed files arrive.

    A re-export (``from app.clients import cio`` in a package ``__init__``) makes a client
    of the name it binds once its target is one. Each re-export waits on its target and is
    resolved when that target becomes known, never rescanned: the cost is linear in files
    and imports, however long a chain of re-exports is. A module's exports are known under
    its name and under each of its aliases. A re-export of every name (``export * from
    "./customerio"``, the name ``*``) makes each name the target module exports, as it
    becomes known, a name of the re-exporting module too (``default`` excepted, as in
    JavaScript).
    """

    def __init__(self, scripts: ScriptFolders | None = None) -> None:
        """``scripts``: the run's modules by folder (``ScriptFolders``), if any."""
        self.exports: dict[str, Knowledge] = {}
        #: Every function summary as its module made it (the calls not yet followed).
        self.raw_summaries: dict[str, FunctionSummary] = {}
        self._module_of: dict[str, str] = {}
        #: Parameters every project call fills with a client, by defining module.
        self._parameters: dict[str, dict[str, Knowledge]] = defaultdict(dict)
        #: The run's modules by folder, for a script's import of a neighbour.
        self._scripts = scripts if scripts is not None else ScriptFolders(())
        #: Re-exports whose target is not (yet) known to be a client: target -> keys.
        self._waiting: dict[str, list[str]] = defaultdict(list)
        #: ``export *``: target module -> the modules re-exporting every name of it.
        self._stars: dict[str, list[str]] = defaultdict(list)
        #: Every module (and alias) of the results added, for whose name a key is.
        self._modules: set[str] = set()
        #: Keys by each of their dotted prefixes, for ``needed_by`` (rebuilt as keys arrive).
        self._prefixes: dict[str, list[str]] = defaultdict(list)
        self._prefixed = 0

    def add(self, results: Iterable[FileResult]) -> list[str]:
        """Learn the exports and re-exports of ``results``; the keys that became known
        and admit files (``admits``: a constant alone makes no file worth parsing).

        A module's own client wins over a re-export of the same name.
        """
        results = [r for r in results if r.module_name]
        self._modules.update(name for result in results for name in names_of(result))
        known: list[str] = []
        for result in results:
            for module in names_of(result):
                for name, client in result.exports.items():
                    if isinstance(client, FunctionSummary):
                        continue
                    key = f"{module}.{name}"
                    if key not in self.exports:
                        known.append(key)
                    self.exports[key] = client
        known.extend(self._close_summaries(results))
        for key in list(known):
            self._resolve_waiting_on(key, known)
        for result in results:
            for module in names_of(result):
                for name, target in result.reexports.items():
                    self._add_reexport(f"{module}.{name}", target, known)
        return [key for key in known if admits(self.exports[key])]

    def _close_summaries(self, results: Sequence[FileResult]) -> list[str]:
        """Close the function summaries of ``results`` over each other and over those
        already known; the functions that turn out to reach the SDK become exports."""
        raw: dict[str, FunctionSummary] = {}
        for result in results:
            for module in names_of(result):
                for name, knowledge in result.exports.items():
                    self._module_of[f"{module}.{name}"] = result.module_name
                    if isinstance(knowledge, FunctionSummary):
                        raw[f"{module}.{name}"] = located(knowledge, result.path)
        self.raw_summaries.update(raw)

        def lookup(name: str) -> FunctionSummary | None:
            found = self.exports.get(name)
            return found if isinstance(found, FunctionSummary) else None

        found: list[str] = []
        for key, summary in close(raw, lookup).items():
            if summary.relevant and not key.endswith(MODULE_CODE) and key not in self.exports:
                self.exports[key] = summary
                found.append(key)
        return found

    def _add_reexport(self, key: str, target: str, known: list[str]) -> None:
        module, _, name = key.rpartition(".")
        if name == STAR:
            self._add_star(module, target, known)
            return
        if key in self.exports:
            return
        if target in self.exports:
            self.exports[key] = self.exports[target]
            known.append(key)
            self._resolve_waiting_on(key, known)
        else:
            self._waiting[target].append(key)

    def _add_star(self, module: str, target: str, known: list[str]) -> None:
        """``module`` re-exports every name of ``target``: those known now, and later."""
        if module in self._stars[target]:
            return
        self._stars[target].append(module)
        prefix = f"{target}."
        for key in [k for k in self.exports if k.startswith(prefix)]:
            if self._owner(key) != target:
                continue  # a name of a module below the target (``lib.customerio.cio``)
            name = key[len(prefix):]
            if name.partition(".")[0] not in ("default", MODULE_CODE) and (
                f"{module}.{name}" not in self.exports
            ):
                self.exports[f"{module}.{name}"] = self.exports[key]
                known.append(f"{module}.{name}")
                self._resolve_waiting_on(f"{module}.{name}", known)

    def _star_names(self, key: str) -> list[str]:
        """The names ``key`` (``lib.customerio.cioService.track``) also has through
        ``export *`` of a module it is in (``lib.cioService.track``)."""
        owner = self._owner(key)
        rest = key[len(owner) + 1:]
        if not owner or rest.partition(".")[0] in ("default", MODULE_CODE):
            return []
        return [f"{importer}.{rest}" for importer in self._stars.get(owner, ())]

    def _owner(self, key: str) -> str:
        """The module a key is a name of: the longest prefix that names a module."""
        parts = key.split(".")
        for size in range(len(parts) - 1, 0, -1):
            if ".".join(parts[:size]) in self._modules:
                return ".".join(parts[:size])
        return ""

    def _resolve_waiting_on(self, target: str, known: list[str]) -> None:
        """Every re-export that waited, directly or through others, on ``target``."""
        pending = [target]
        while pending:
            current = pending.pop()
            for key in self._star_names(current) if self._stars else ():
                if key not in self.exports:
                    self.exports[key] = self.exports[current]
                    known.append(key)
                    pending.append(key)
            for key in self._waiting.pop(current, ()):
                if key not in self.exports:
                    self.exports[key] = self.exports[current]
                    known.append(key)
                    pending.append(key)

    def find_client_parameters(self) -> None:
        """Learn which parameters are clients, from every call the project makes."""
        self._parameters.clear()
        for key, knowledge in client_parameters(self.raw_summaries).items():
            function = key.partition("(")[0]
            self._parameters[self._module_of.get(function, "")][key] = knowledge

    def client_callees(self) -> set[str]:
        """Functions of modules not yet read that the project passes a client to: each
        may call the SDK on it (``notify(cio, user)``), so its module must be read."""
        return {
            call.target
            for summary in self.raw_summaries.values()
            for call in summary.calls
            if call.target not in self.raw_summaries
            and any(argument.client is not None
                    for argument in (*call.positional, *(a for _, a in call.keywords)))
        }

    def admitting(self) -> list[str]:
        """Every key a file must be read for, if it uses it."""
        return [key for key, knowledge in self.exports.items() if admits(knowledge)]

    def needed_by(self, result: FileResult, unit: Unit | None = None) -> dict[str, Knowledge]:
        """The exported clients a file imports: what it must be analysed again with.

        ``import app.clients`` imports every client of ``app.clients`` (and of modules
        below it), so each client is indexed under every dotted prefix of its key. With
        the file's ``unit``, a script's ``import helpers`` of a neighbouring file gives
        that file's clients under the imported name (``helpers.cio``). A client made of a
        project class brings the summaries of that class's methods.
        """
        own = self._parameters.get(result.module_name, {}) if result.parsed else {}
        if not result.parsed or not result.project_imports or not self.exports:
            return dict(own)
        by_prefix = self._by_prefix()
        needed: dict[str, str] = {}  # the name the file uses -> the export's key
        for imported in result.project_imports:
            needed.update((key, key) for key in by_prefix.get(imported, ()))
            neighbour = self._scripts.neighbour(unit, imported) if unit is not None else None
            if neighbour is not None:
                head, module = neighbour
                for key in by_prefix.get(module + imported[len(head):], ()):
                    needed[head + key[len(module):]] = key
        for key in list(needed.values()):
            client = self.exports[key]
            if isinstance(client, ExternalClient) and client.instance_of:
                # The methods of an imported client's class are its wrappers.
                needed.update((k, k) for k in by_prefix.get(client.instance_of, ()))
        knowledge = {used: self.exports[needed[used]] for used in sorted(needed)}
        knowledge.update(own)
        if not result.uses_sdk and not any(
            admits(k) or isinstance(k, ClientParameter) for k in knowledge.values()
        ):
            # Constants only say what values are; a module that sends nothing has no
            # value to judge, and is not analysed again for them.
            return {}
        return knowledge

    def _by_prefix(self) -> dict[str, list[str]]:
        if self._prefixed != len(self.exports):
            self._prefixes.clear()
            for key in self.exports:
                parts = key.split(".")
                for size in range(1, len(parts) + 1):
                    self._prefixes[".".join(parts[:size])].append(key)
            self._prefixed = len(self.exports)
        return self._prefixes


#: The name a re-export of every name of a module is recorded under.
STAR = "*"


def admits(knowledge: Knowledge) -> bool:
    """Can a file that uses this name reach Customer.io (so the prefilter must read it)?"""
    if isinstance(knowledge, FunctionSummary):
        return knowledge.relevant
    return isinstance(knowledge, ExternalClient)


def names_of(result: FileResult) -> tuple[str, ...]:
    """Every name the module of ``result`` is imported by."""
    return (result.module_name, *result.module_aliases)


def project_exports(results: Sequence[FileResult]) -> dict[str, Knowledge]:
    """Every ``module.name`` that is a client or factory, following re-exports."""
    table = ExportTable()
    table.add(results)
    return table.exports


#: Each project rule's last findings, by project root and code, with the facts and
#: completeness they judged: a rule is run again only when those change.
ProjectMemo = dict[tuple[str, str], tuple[list[Fact], bool, list[Finding]]]


def load_project_rules() -> None:
    """Import the rules and what they judge a project with now, ahead of
    ``project_rules``: while the run would only wait for its helper process to analyse
    the first files."""
    from cio_lint.rules import load_project_analysis

    load_project_analysis()


def project_rules(
    units: Sequence[Unit],
    results: Sequence[FileResult],
    errors: list[FileError],
    *,
    respect_gitignore: bool = True,
    memo: ProjectMemo | None = None,
    read_beyond: list[str] | None = None,
) -> list[Finding]:
    """Run each project rule once per project, on the facts of that project.

    A rule that fails adds an internal error to ``errors`` and costs only its findings.
    The project's other files (templates, front-end code) are searched only if a rule
    asks, walked as discovery walks (``respect_gitignore`` as the run says); the roots
    of the projects searched are added to ``read_beyond``.
    """
    projects: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        projects[str(unit.config.root)].append(unit)
    facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for file_result in results:
        for fact in file_result.facts:
            facts[(fact.rule, fact.project)].append(fact)
    findings: list[Finding] = []
    judged_roots = {project for _, project in facts}
    if not judged_roots:
        return findings
    # A project rule's findings are made from its facts (``ProjectRule.finding``): a
    # project none of whose files recorded one has nothing to judge, and a run with no
    # such project never loads the rules.
    from cio_lint.rules import REGISTRY
    from cio_lint.rules.base import Project, ProjectRule

    for root, members in sorted(projects.items()):
        if root not in judged_roots:
            continue
        config = members[0].config
        sources = LazyIdentitySources(Path(root), config, respect_gitignore)
        project = Project(root, config, complete=not any(u.named for u in members),
                          identity_sources=sources)
        enabled = sorted(set().union(*(unit.codes for unit in members)))
        for code in enabled:
            rule = REGISTRY.get(code)
            if not isinstance(rule, ProjectRule):
                continue
            judged = facts.get((code, root), [])
            kept = memo.get((root, code)) if memo is not None else None
            if kept is not None and kept[0] == judged and kept[1] == project.complete:
                findings.extend(kept[2])
                continue
            try:
                found = rule.check_project(judged, project)
                findings.extend(found)
                if memo is not None:
                    memo[(root, code)] = (judged, project.complete, found)
            except Exception as error:
                errors.append(
                    FileError("<project>", f"internal error in {code}: {error!r}", internal=True)
                )
        if sources.searched and read_beyond is not None:
            read_beyond.append(root)
    return findings
