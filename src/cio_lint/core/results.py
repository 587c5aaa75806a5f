"""What a run hands to the reporters: findings, errors, quoted lines and the rules.

Reporters read only this (and the other plain records of ``core``), so an output
format never depends on how findings were made, and a run can be reported in any
format, by any front end, without the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a run that analysed nothing never loads the records of findings
    from cio_lint.core.file_errors import FileError
    from cio_lint.core.findings import Finding
    from cio_lint.core.rule_doc import RuleDoc


@dataclass
class RunResult:
    """The outcome of linting a set of files."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files_checked: int = 0
    #: The display path of each file checked, in the order read (reports that list
    #: clean files as passing, JUnit's, need them).
    checked_paths: list[str] = field(default_factory=list)
    #: Findings left out because a baseline file records them.
    baselined: int = 0
    #: Findings fixed by --fix before this run's findings were collected.
    fixed: int = 0
    #: Masked source lines the findings point at, by path (for reporters that quote code).
    lines: dict[str, dict[int, str]] = field(default_factory=dict)
    #: Files read but not parsed: they cannot produce a finding (no Customer.io code).
    not_parsed: list[str] = field(default_factory=list)
    #: Every rule the run knew, by code in code order (selected or not).
    rules: Mapping[str, RuleDoc] = field(default_factory=dict)
    #: The secrets found in any file of the run (as written and as values): every text
    #: above is masked already; fix edits hold the real text, so reporters mask those.
    secrets: tuple[str, ...] = field(default=(), repr=False)
    #: Whether the result follows from the linted files' bytes and configuration alone:
    #: no file ran out of time and no project rule read the project's other files.
    reproducible: bool = True
