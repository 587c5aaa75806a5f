"""A run's first stage: read every file and sort it by what the prefilter says.

Apart from the stages that analyse and link files (``linking``), so that a run whose
every file misses the prefilter (a commit that touches no Customer.io code) answers
without loading the analysis: none of its files can produce a finding, and no project
has a fact for a project rule to judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cio_lint.core.results import RunResult
from cio_lint.engine.contents import Contents
from cio_lint.engine.helper import WAKE_AT_FILES, wake_helper
from cio_lint.engine.prefilter import partition
from cio_lint.engine.rule_docs import RuleDocs
from cio_lint.engine.units import Unit, is_javascript


class Triage(NamedTuple):
    """The files read, and which of them to analyse first. (A named tuple: every run
    defines it, and it costs a third of a dataclass to define.)"""

    #: The files read, with the errors of those that could not be.
    base: RunResult
    readable: list[Unit]
    #: Those the prefilter admits (and standard input), to analyse first.
    first: list[Unit]
    #: Those it skips: another module's exports may still admit them (``linking``).
    skipped: list[Unit]

    def unanalysed(self) -> RunResult:
        """The run's result when no file is to be analysed: every file read is left
        unparsed, as linking would leave it."""
        result = RunResult(errors=list(self.base.errors),
                           files_checked=self.base.files_checked,
                           checked_paths=list(self.base.checked_paths), rules=RuleDocs())
        for members in projects(self.readable):
            for unit in self.skipped:
                if id(unit) in members:
                    result.not_parsed.append(unit.source.display)
                    forget_bytes(unit)
        return result


def triage(units: Sequence[Unit], prefilter: bool, contents: Contents) -> Triage:
    """Read ``units`` (``contents`` may know a file without reading it) and sort them."""
    base = RunResult()
    readable: list[Unit] = []
    read = 0
    for unit in units:
        error = contents.open(unit)
        if error is not None:
            base.errors.append(error)
        else:
            readable.append(unit)
            if unit.data is not None:
                read += 1
                if read == WAKE_AT_FILES:  # many files changed since the cache's run
                    wake_helper(found.source.display for found in readable)
    base.files_checked = len(readable)
    base.checked_paths = [unit.source.display for unit in readable]
    first, skipped = partition(readable, prefilter, contents)
    return Triage(base, readable, first, skipped)


def projects(units: Sequence[Unit]) -> list[set[int]]:
    """The units of each project (by configuration root) and language, as sets of ids:
    module names mean something only within one (a Python ``lib.customerio`` is not the
    TypeScript one)."""
    found: dict[tuple[str, bool], set[int]] = {}
    for unit in units:
        key = (str(unit.config.root), is_javascript(unit.source.path))
        found.setdefault(key, set()).add(id(unit))
    return list(found.values())


def forget_bytes(unit: Unit, *, analysed: bool = False) -> None:
    """Free a file's bytes once no stage needs them (stdin cannot be read again). An
    analysed file keeps their digest: a fix is never written over newer content."""
    if analysed:
        unit.content_digest()
    if not unit.from_stdin:
        unit.data = None
