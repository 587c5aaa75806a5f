"""``cio-lint check``: options to a session, the session's run to a report and an exit
code. The command line (``cli``) imports this module only when ``check`` runs, so
``--version``, ``--help`` and the other commands never load the analysis.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from cio_lint.check_report import print_kept, report_variant, write_report
from cio_lint.cli_usage import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail
from cio_lint.core import probes
from cio_lint.core.config import ConfigError, check_code
from cio_lint.core.rule_catalogue import DEFAULT_ENABLED
from cio_lint.engine.config_resolver import ConfigResolver

if TYPE_CHECKING:  # the session and reporters load once the configuration is known sound
    from cio_lint.core.file_errors import FileError
    from cio_lint.core.results import RunResult
    from cio_lint.engine.session import LintSession, SessionSettings
    from cio_lint.engine.units import Unit

#: Pairs of options of which one would silently drop the other: refused together.
CONFLICTING_FLAGS = (
    ("--write-baseline", "--fix"), ("--write-baseline", "--diff"),
    ("--write-baseline", "--add-noqa"), ("--add-noqa", "--fix"),
    # A baseline is recorded, and a diff printed, instead of a report.
    ("--write-baseline", "--output-file"), ("--write-baseline", "--statistics"),
    ("--diff", "--output-file"), ("--diff", "--statistics"),
)


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        for code in value.split(","):
            code = code.strip()
            if code:
                check_code(code, frozenset(DEFAULT_ENABLED), option)
                codes.append(code)
    return tuple(codes)


def run_check(given: dict[str, Any]) -> None:
    """Lint what ``given`` (``check``'s parsed options) names, report, and exit."""
    options = CheckOptions(**given)
    conflict = options.conflict()
    if conflict is not None:
        fail(conflict)
    paths = options.paths or (Path("."),)
    try:
        overrides = {
            "select": _codes(options.select, "--select"),
            "extend_select": _codes(options.extend_select, "--extend-select"),
            "ignore": _codes(options.ignore, "--ignore"),
        }
        resolver = ConfigResolver(options.config_path, overrides)
        if options.show_settings:
            _show_settings(resolver, paths[0], options.stdin_filename)
        if all(str(path) != "-" and probes.exists(path) for path in paths):
            resolver(paths[0])  # a broken configuration is told before the engine loads
        from cio_lint.engine.helper import allow_helper
        from cio_lint.engine.session import LintSession

        allow_helper(options.jobs)  # a large run loads the analysis while it walks
        session = LintSession(resolver, options.settings())
        recorded = _load_baseline(options.baseline_path)
        units = session.collect(paths, options.stdin_filename)
        _explain_collection(options, session, units)
        if options.output_file is not None:
            session.check_output_path(options.output_file, units, "--output-file",
                                      baseline=options.baseline_path)
        if options.write_baseline_path is not None:
            session.check_output_path(options.write_baseline_path, units, "--write-baseline")
    except ConfigError as error:
        fail(str(error))
        return
    variant = report_variant(options)
    with session:
        kept = session.recorded_report(units, variant) if variant is not None else None
        if kept is not None:
            print_kept(kept.text, options)
            status = _status(options, kept.reported)
            if options.output_file is None:  # what it printed can be printed again at once
                _record_quick(options, overrides, paths, kept.text, status)
            sys.exit(status)
        run = session.lint(units)
        if options.verbose:
            from cio_lint.engine.explain import not_parsed_lines

            for line in not_parsed_lines(run.not_parsed):
                click.echo(f"cio-lint: {line}", err=True)
            if session.replayed:
                click.echo("cio-lint: no file, setting or option changed since the last run "
                           "with this cache: its result is replayed", err=True)
        for warning in session.warnings:
            click.echo(f"cio-lint: warning: {warning}", err=True)
        if options.write_baseline_path is not None:
            _record_baseline(options.write_baseline_path, run)
        if options.diff or options.fix or options.add_noqa:
            run = _rewrite(options, units, run, session)
    if recorded is not None:
        from cio_lint.engine.baseline import filter_baseline

        run.findings, run.baselined = filter_baseline(run.findings, recorded)
    # With stdin fixed, standard output carries the fixed code; the report goes to stderr.
    to_stderr = (options.fix or options.add_noqa) and any(u.from_stdin for u in units)
    keep = None
    if variant is not None and session.recording:
        from cio_lint.engine.report_records import KeptReport

        keep = KeptReport(bool(run.findings or run.errors), run.secrets)
    write_report(run, options, to_stderr, keep)
    body = keep.body() if keep is not None else None
    if variant is not None and body is not None:
        session.record_report(variant, body)
    sys.exit(_exit_code(options, run))


def _record_quick(options: CheckOptions, overrides: dict[str, tuple[str, ...]],
                  paths: Sequence[Path], text: str, status: int) -> None:
    """Record what a kept report follows from, for ``quick_replay``: the files and
    folders its configuration, walk and run key look at. They are looked at once more,
    watched, by a session of their own (none of this run's memos hides a question);
    watching this run from its start would have cost every run a call per audit event."""
    from cio_lint.engine.quick_replay import watching
    from cio_lint.engine.session import LintSession

    with watching() as recorder:
        session = LintSession(ConfigResolver(options.config_path, overrides), options.settings())
        with session:
            units = session.collect(paths, options.stdin_filename)
            variant = report_variant(options)
            again = session.recorded_report(units, variant) if variant is not None else None
            if again is not None and again.text == text:
                session.record_quick(recorder, sys.argv[1:], units, text, status)


def _show_settings(resolver: ConfigResolver, path: Path, stdin_filename: str | None) -> None:
    """--show-settings: the configuration of ``path`` (stdin: of --stdin-filename)."""
    if str(path) == "-":
        path = Path(stdin_filename or ".")
    elif not path.exists() and not path.is_symlink():
        raise ConfigError(f"{path}: no such file or directory")
    from cio_lint.engine.explain import describe_settings

    click.echo(describe_settings(resolver(path), path))
    sys.exit(EXIT_CLEAN)


def _explain_collection(options: CheckOptions, session: LintSession, units: list[Unit]) -> None:
    """--verbose and --show-files, and why nothing is checked when nothing is. (The
    explanations are imported only when asked for: an ordinary run never loads them.)"""
    if options.verbose:
        from cio_lint.engine.explain import (
            configuration_lines,
            passed_over_lines,
            sdk_lines,
            skipped_lines,
        )

        lines = [*configuration_lines(units, options.config_path is not None),
                 *sdk_lines(units),
                 *passed_over_lines(session.resolver.passed_over),
                 *skipped_lines(session.skipped)]
        for line in lines:
            click.echo(f"cio-lint: {line}", err=True)
    if options.show_files:
        for unit in units:
            click.echo(unit.source.display)
        sys.exit(EXIT_CLEAN)
    if not units:
        from cio_lint.engine.explain import nothing_checked

        click.echo(f"cio-lint: warning: {nothing_checked(session.skipped)}", err=True)


class CheckOptions(NamedTuple):
    """Everything ``cio-lint check`` was asked to do.

    A named tuple, not a frozen dataclass: as immutable, and every run defines it on
    its way to the first file, where a dataclass of 31 fields costs three times more.
    """

    paths: tuple[Path, ...]
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    config_path: Path | None
    output_format: str
    output_file: Path | None
    statistics: bool
    color: str
    baseline_path: Path | None
    write_baseline_path: Path | None
    ignore_noqa: bool
    force_exclude: bool
    respect_gitignore: bool
    stdin_filename: str | None
    exit_zero: bool
    no_source: bool
    fix: bool
    unsafe_fixes: bool
    diff: bool
    show_fixes: bool
    exit_non_zero_on_fix: bool
    add_noqa: bool
    jobs: int | None
    file_timeout: float
    no_cache: bool
    cache_dir: Path | None
    no_prefilter: bool
    show_settings: bool
    show_files: bool
    verbose: bool

    def conflict(self) -> str | None:
        """Why these options contradict each other (None: they do not), as ruff says it.

        ``--diff`` with ``--fix`` is not a conflict: as in ruff, it shows the diff and
        writes nothing.
        """
        flags = {"--write-baseline": self.write_baseline_path is not None,
                 "--add-noqa": self.add_noqa, "--fix": self.fix, "--diff": self.diff,
                 "--output-file": self.output_file is not None, "--statistics": self.statistics}
        for first, second in CONFLICTING_FLAGS:
            if flags[first] and flags[second]:
                return f"{first} cannot be used with {second}"
        return None

    def settings(self) -> SessionSettings:
        """How the session lints: one worker per CPU and a cache unless told otherwise."""
        from cio_lint.engine.session import SessionSettings

        return SessionSettings(
            jobs=self.jobs,
            file_timeout=self.file_timeout,
            cache=not self.no_cache,
            cache_dir=self.cache_dir,
            prefilter=not self.no_prefilter,
            ignore_noqa=self.ignore_noqa,
            respect_gitignore=self.respect_gitignore,
            force_exclude=self.force_exclude,
        )


def _load_baseline(path: Path | None) -> Counter[str] | None:
    """The recorded baseline of ``--baseline``; baselines load only when one is named."""
    if path is None:
        return None
    from cio_lint.engine.baseline import load_baseline

    return load_baseline(path)


def _record_baseline(path: Path, run: RunResult) -> None:
    from cio_lint.engine.baseline import write_baseline

    try:
        write_baseline(path, run.findings)
    except OSError as error:
        fail(f"{path}: cannot write baseline: {error.strerror or error}")
    click.echo(f"cio-lint: recorded {len(run.findings)} findings in {path}", err=True)
    sys.exit(EXIT_CLEAN)


def _rewrite(
    options: CheckOptions, units: list[Unit], run: RunResult, session: LintSession
) -> RunResult:
    """--fix, --diff and --add-noqa: change files (or show how), then lint again."""
    if options.add_noqa:
        changes = session.noqa_comments(units, run.findings)
    else:
        changes = session.fixes(units, run.findings, unsafe=options.unsafe_fixes)
    if options.diff:
        for change in changes:
            if change.error is not None:
                _warn(change.error)
        sys.stdout.write("".join(change.diff(run.secrets) for change in changes if change.changed))
        sys.stdout.flush()
        sys.exit(EXIT_FINDINGS if any(change.changed for change in changes) else EXIT_CLEAN)
    outcome = session.apply(units, changes)
    for problem in outcome.problems:
        _warn(problem)
    if options.show_fixes and not options.add_noqa:
        for finding in outcome.applied:
            assert finding.fix is not None
            click.echo(f"fixed {finding.path}:{finding.line}:{finding.column}: "
                       f"{finding.code} {finding.fix.description}", err=True)
    applied, written = len(outcome.applied), len(outcome.written)
    verb = "Added noqa comments for" if options.add_noqa else "Fixed"
    click.echo(f"cio-lint: {verb} {applied} finding{'s' if applied != 1 else ''} "
               f"in {written} file{'s' if written != 1 else ''}.", err=True)
    # Standard input is never written: its new text goes to standard output.
    for text in outcome.stdin_texts:
        sys.stdout.write(text)
    sys.stdout.flush()
    return outcome.run


def _warn(problem: FileError) -> None:
    click.echo(f"cio-lint: {problem.path}: {problem.message}", err=True)


def _exit_code(options: CheckOptions, run: RunResult) -> int:
    if any(error.internal for error in run.errors):
        for file_error in run.errors:
            if file_error.internal:
                _warn(file_error)
        return EXIT_ERROR
    if options.exit_non_zero_on_fix and run.fixed:
        return EXIT_FINDINGS
    return _status(options, bool(run.findings or run.errors))


def _status(options: CheckOptions, reported: bool) -> int:
    """The exit code of a run that reported findings (or unreadable files), or not."""
    return EXIT_FINDINGS if reported and not options.exit_zero else EXIT_CLEAN
