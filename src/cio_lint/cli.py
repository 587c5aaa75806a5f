"""The ``cio-lint`` command: check, rules, rule.

Exit codes follow ruff: 0 clean, 1 findings (or files that could not be
read), 2 usage, configuration or internal error.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from cio_lint import __version__
from cio_lint.cli_usage import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Commands, fail
from cio_lint.core.config import ConfigError, check_code
from cio_lint.core.findings import FileError
from cio_lint.core.results import RunResult
from cio_lint.docs import rule_page, rules_listing
from cio_lint.engine.baseline import filter_baseline, load_baseline, write_baseline
from cio_lint.engine.budget import DEFAULT_SECONDS
from cio_lint.engine.cache import clean_cache
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.explain import (
    configuration_lines,
    describe_settings,
    not_parsed_lines,
    nothing_checked,
    passed_over_lines,
    sdk_lines,
    skipped_lines,
)
from cio_lint.engine.session import LintSession, SessionSettings
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.engine.units import Unit
from cio_lint.engine.writing import write_atomically
from cio_lint.report import ReportOptions, reporters, statistics_reporter
from cio_lint.report.color import CHOICES as COLOR_CHOICES
from cio_lint.report.color import use_color
from cio_lint.rules import REGISTRY
from cio_lint.server import serve

#: Pairs of options of which one would silently drop the other: refused together.
CONFLICTING_FLAGS = (
    ("--write-baseline", "--fix"), ("--write-baseline", "--diff"),
    ("--write-baseline", "--add-noqa"), ("--add-noqa", "--fix"),
    # A baseline is recorded, and a diff printed, instead of a report.
    ("--write-baseline", "--output-file"), ("--write-baseline", "--statistics"),
    ("--diff", "--output-file"), ("--diff", "--statistics"),
)


def _write_report(run: RunResult, options: CheckOptions, to_stderr: bool = False) -> None:
    """Print the report, or write it to ``-o`` (atomically, never half-written)."""
    if options.statistics:
        reporter = statistics_reporter(options.output_format)
    else:
        reporter = reporters()[options.output_format]
    shown = ReportOptions(show_source=not options.no_source, unsafe_fixes=options.unsafe_fixes)
    output_file = options.output_file
    if output_file is None:
        stream = sys.stderr if to_stderr else sys.stdout
        color = use_color(options.color, stream, os.environ)
        reporter(run, stream, replace(shown, color=color))
        stream.flush()
        return
    buffer = io.StringIO()
    reporter(run, buffer, replace(shown, color=use_color(options.color, None, os.environ)))
    try:
        write_atomically(output_file, buffer.getvalue())
    except OSError as error:
        fail(f"{output_file}: cannot write report: {error.strerror or error}")


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        for code in value.split(","):
            code = code.strip()
            if code:
                check_code(code, frozenset(REGISTRY), option)
                codes.append(code)
    return tuple(codes)


def main() -> None:
    """The console script: the command line, run where deep nesting cannot overflow."""
    run_with_large_stack(cli)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cio-lint")
def cli() -> None:
    """A linter for Python code that talks to Customer.io."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="CODES",
              help="Rules to enable (codes or prefixes like CIO2, or ALL), replacing the config.")
@click.option("--extend-select", multiple=True, metavar="CODES",
              help="Rules to enable in addition to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="A configuration file (pyproject.toml, cio-lint.toml) to use instead of "
              "the nearest one.")
@click.option("--output-format", type=click.Choice(sorted(reporters())), default="text",
              show_default=True, help="How findings are printed.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings "
              "(a JSON array with --output-format json).")
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR "
              "forces it), always or never.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Record the current findings in this baseline file (and exit 0).")
@click.option("--ignore-noqa", is_flag=True, help="Report findings even where a noqa comment "
              "suppresses them.")
@click.option("--force-exclude", is_flag=True, help="Apply exclusions (and .gitignore) even "
              "to paths named on the command line, as pre-commit passes every staged file.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip files ignored by .gitignore while walking directories.")
@click.option("--stdin-filename", metavar="PATH",
              help="The path to show (and configure by) for code read from stdin ('-').")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--no-source", is_flag=True, help="Do not quote source lines in text output.")
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes "
              "too.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List each fix applied.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when anything was fixed, "
              "even if nothing remains.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("--file-timeout", type=click.FloatRange(min=0, min_open=True),
              default=DEFAULT_SECONDS, show_default=True, metavar="SECONDS",
              help="Seconds one file's analysis may take; a file that needs more is "
              "reported (CIO000) and skipped.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where to keep the cache (default: $CIO_LINT_CACHE_DIR, else "
              ".cio_lint_cache in the project root).")
@click.option("--no-prefilter", is_flag=True, help="Parse every file, even those that cannot "
              "produce a finding (slower; for checking the prefilter).")
@click.option("--add-noqa", is_flag=True, help="Add `# noqa: CODE` comments (`// noqa: CODE` "
              "in JavaScript/TypeScript) for every current finding (merging with existing ones).")
@click.option("--show-settings", is_flag=True, help="Print the resolved configuration for "
              "the first PATH, and where each setting came from; then exit.")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked; "
              "then exit.")
@click.option("-v", "--verbose", is_flag=True, help="Say which configuration file applies, "
              "and why paths were skipped (on stderr).")
def check(**given: Any) -> None:
    """Lint PATHS (files or directories; default '.'; '-' reads stdin)."""
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
        session = LintSession(resolver, options.settings())
        recorded = load_baseline(options.baseline_path) if options.baseline_path else None
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
    with session:
        run = session.lint(units)
        if options.verbose:
            for line in not_parsed_lines(run.not_parsed):
                click.echo(f"cio-lint: {line}", err=True)
        for warning in session.warnings:
            click.echo(f"cio-lint: warning: {warning}", err=True)
        if options.write_baseline_path is not None:
            _record_baseline(options.write_baseline_path, run)
        if options.diff or options.fix or options.add_noqa:
            run = _rewrite(options, units, run, session)
    if recorded is not None:
        run.findings, run.baselined = filter_baseline(run.findings, recorded)
    # With stdin fixed, standard output carries the fixed code; the report goes to stderr.
    to_stderr = (options.fix or options.add_noqa) and any(u.from_stdin for u in units)
    _write_report(run, options, to_stderr)
    sys.exit(_exit_code(options, run))


def _show_settings(resolver: ConfigResolver, path: Path, stdin_filename: str | None) -> None:
    """--show-settings: the configuration of ``path`` (stdin: of --stdin-filename)."""
    if str(path) == "-":
        path = Path(stdin_filename or ".")
    elif not path.exists() and not path.is_symlink():
        raise ConfigError(f"{path}: no such file or directory")
    click.echo(describe_settings(resolver(path), path))
    sys.exit(EXIT_CLEAN)


def _explain_collection(options: CheckOptions, session: LintSession, units: list[Unit]) -> None:
    """--verbose and --show-files, and why nothing is checked when nothing is."""
    if options.verbose:
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
        click.echo(f"cio-lint: warning: {nothing_checked(session.skipped)}", err=True)


@dataclass(frozen=True)
class CheckOptions:
    """Everything ``cio-lint check`` was asked to do."""

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


def _record_baseline(path: Path, run: RunResult) -> None:
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
    if (run.findings or run.errors) and not options.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


@cli.command("clean")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache to remove (default: as `check` finds it).")
def clean_command(cache_dir: Path | None) -> None:
    """Remove the result cache of the project in the current directory."""
    try:
        root = ConfigResolver(None, {})(Path.cwd()).root
    except ConfigError as error:
        fail(str(error))
        return
    directory, removed = clean_cache(cache_dir, root)
    if removed:
        click.echo(f"Removed {directory} ({', '.join(removed)})")
    else:
        click.echo(f"No cache to remove at {directory}")


@cli.command("server")
def server_command() -> None:
    """Start the language server (LSP over stdin/stdout) for editors."""
    serve()


@cli.command("rules")
@click.option("--all", "show_all", is_flag=True, hidden=True)
def rules_command(show_all: bool) -> None:
    """List every rule: code, name, severity, default on/off, fix."""
    click.echo(rules_listing())


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show the full documentation of the rule CODE."""
    rule = REGISTRY.get(code.strip().upper())
    if rule is None:
        fail(f"unknown rule code '{code}' (see `cio-lint rules`)")
        return
    click.echo(rule_page(rule))
