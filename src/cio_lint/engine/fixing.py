"""Fix mode over files: read, fix, check nothing changed underneath, write atomically.

A file is written only when its content changed, only if it is writable, and
only if it still holds exactly the bytes that were linted; the fixed text must
parse. Standard input is never written: its fixed text is returned instead.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding
from cio_lint.core.lines import lines_with_ends
from cio_lint.core.results import RunResult
from cio_lint.core.secrets import mask_source
from cio_lint.engine.budget import DEFAULT_BUDGET, Budget
from cio_lint.engine.digests import digest_of
from cio_lint.engine.edits import fix_source, fixable, would_not_parse
from cio_lint.engine.file_run import analyze_unit
from cio_lint.engine.reading import decode_source, encoding_of
from cio_lint.engine.suppressions import add_noqa_comments
from cio_lint.engine.units import Unit
from cio_lint.engine.writing import link_out_of_project, write_atomically
from cio_lint.rules.cio000_unparsable_file import RULE as UNPARSABLE


@dataclass
class Applied:
    """What writing fixes (or noqa comments) did, and the files linted again afterwards."""

    run: RunResult
    #: Changed files that were written (or, for stdin, whose new text is in ``stdin_texts``).
    written: list[FileFix]
    #: The findings those changes resolved.
    applied: list[Finding]
    #: Files that could not be changed, and why.
    problems: list[FileError]
    #: The content of each standard-input unit after the change, for the caller to print.
    stdin_texts: list[str]


@dataclass
class FileFix:
    """The outcome of fixing (or adding noqa comments to) one file."""

    unit: Unit
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    error: FileError | None = None

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self, project_secrets: Sequence[str] = ()) -> str:
        """A unified diff of the fix, each text masked first (by the spans of its own
        secret literals, then the values of ``project_secrets``, found in any file), so
        the diff shows no secret and every hunk without one still applies."""
        name = self.unit.source.display
        frontend = frontend_for(name)
        original, fixed = (
            mask_source(text, frontend.credential_literals(text, self.unit.config, path=name),
                        project_secrets)
            for text in (self.original, self.fixed)
        )
        return "".join(
            difflib.unified_diff(
                lines_with_ends(original),
                lines_with_ends(fixed),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def fix_units(
    units: Sequence[Unit], findings: Sequence[Finding], *, unsafe: bool,
    budget: Budget = DEFAULT_BUDGET,
) -> list[FileFix]:
    """Compute the fixed text of every unit that has fixable findings (nothing is written);
    each re-lint of a fixed text has the run's ``budget``, as the first lint had."""

    def fixed(unit: Unit, source: str, encoding: str, pending: list[Finding]) -> FileFix:
        def relint(text: str) -> list[Finding]:
            return analyze_unit(unit, unit.external, text.encode(encoding), budget).findings

        outcome = fix_source(
            source, pending, relint,
            partial(frontend_for(unit.source.display).syntax_error, path=unit.source.display),
            unsafe=unsafe,
        )
        error = FileError(unit.source.display, outcome.discarded) if outcome.discarded else None
        return FileFix(unit, source, outcome.source, outcome.applied, error)

    return _rewrite_each(units, [f for f in findings if fixable(f, unsafe)], fixed)


def add_noqa(units: Sequence[Unit], findings: Sequence[Finding]) -> list[FileFix]:
    """The text of every unit with findings, with ``# noqa: CODE`` comments added
    (``// noqa: CODE`` in JavaScript and TypeScript)."""

    def commented(unit: Unit, source: str, encoding: str, pending: list[Finding]) -> FileFix:
        display = unit.source.display
        text, placed = add_noqa_comments(source, pending, display)
        # Checked exactly as a fix is: a comment must never leave a file that does not parse.
        error = frontend_for(display).syntax_error(text, path=display) if text != source else None
        if error is not None:
            reason = would_not_parse("noqa comments", placed, error)
            return FileFix(unit, source, source, error=FileError(unit.source.display, reason))
        return FileFix(unit, source, text, placed)

    return _rewrite_each(units, [f for f in findings if f.code != UNPARSABLE.code], commented)


def _rewrite_each(
    units: Sequence[Unit],
    findings: Sequence[Finding],
    rewrite: Callable[[Unit, str, str, list[Finding]], FileFix],
) -> list[FileFix]:
    """Load each unit that has findings (checked against what was linted) and rewrite it."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    results = []
    for unit in units:
        pending = by_path.get(unit.source.display)
        if not pending:
            continue
        loaded = _load(unit)
        if isinstance(loaded, FileError):
            results.append(FileFix(unit, "", "", error=loaded))
        else:
            source, encoding = loaded
            results.append(rewrite(unit, source, encoding, pending))
    return results


@dataclass
class Written:
    """What ``write_fixes`` did: summaries and ``--show-fixes`` count only ``fixes``."""

    #: Changes now on disk (and standard input's, which the caller prints).
    fixes: list[FileFix] = field(default_factory=list)
    #: Files that were not written, and why.
    errors: list[FileError] = field(default_factory=list)


def write_fixes(fixes: Sequence[FileFix]) -> Written:
    """Write every changed, error-free file atomically; say which were and which were not."""
    outcome = Written()
    for fix in fixes:
        if fix.error is not None or not fix.changed:
            continue
        if fix.unit.from_stdin:  # never written: its new text goes to the caller
            outcome.fixes.append(fix)
            continue
        problem = _write_fix(fix)
        if problem is None:
            outcome.fixes.append(fix)
        else:
            outcome.errors.append(FileError(fix.unit.source.display, f"not fixed: {problem}"))
    return outcome


def _write_fix(fix: FileFix) -> str | None:
    """Write one fixed file; why it was not written (None: it was)."""
    path = fix.unit.source.path
    escape = link_out_of_project(path, fix.unit.config.root)
    if escape is not None:
        return f"the file {escape}"
    try:
        current = path.read_bytes()
    except OSError as error:
        return f"cannot read: {error.strerror}"
    if digest_of(current) != fix.unit.digest:
        return "the file changed while cio-lint was working on it; run again"
    if not _writable(path):
        return "the file is read-only"
    try:
        write_atomically(path, fix.fixed, encoding=encoding_of(current))
    except OSError as error:
        return f"cannot write: {error.strerror}"
    return None


def _writable(path: os.PathLike[str]) -> bool:
    """Writable for us *and* not marked read-only: root may write anything, but a file
    whose owner removed every write bit was made read-only on purpose."""
    mode = os.stat(path).st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _load(unit: Unit) -> tuple[str, str] | FileError:
    """The bytes that were linted (re-read and checked against the linted digest)."""
    data = unit.data
    if data is None:
        try:
            data = unit.source.path.read_bytes()
        except OSError as error:
            return FileError(unit.source.display, f"not fixed: cannot read: {error.strerror}")
    if unit.digest and digest_of(data) != unit.digest:
        return FileError(unit.source.display,
                         "not fixed: the file changed since it was linted; run again")
    try:
        return decode_source(data), encoding_of(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        return FileError(unit.source.display, f"not fixed: cannot decode: {error}")
