"""The ``cio-lint`` command: check, rules, rule.

Exit codes follow ruff: 0 clean, 1 findings (or files that could not be
read), 2 usage, configuration or internal error.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from cio_lint import __version__
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.baseline import filter_baseline, load_baseline, write_baseline
from cio_lint.config import ConfigError, check_code
from cio_lint.docs import rule_page, rules_listing
from cio_lint.project import RunResult
from cio_lint.report import ReportOptions, reporters
from cio_lint.rules import REGISTRY
from cio_lint.writing import write_atomically

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _write_report(
    run: RunResult, output_format: str, output_file: Path | None, no_source: bool
) -> None:
    """Print the report, or write it to ``output_file`` (atomically, never half-written)."""
    reporter = reporters()[output_format]
    if output_file is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        reporter(run, sys.stdout, ReportOptions(color, show_source=not no_source))
        sys.stdout.flush()
        return
    buffer = io.StringIO()
    reporter(run, buffer, ReportOptions(False, show_source=not no_source))
    try:
        write_atomically(output_file, buffer.getvalue())
    except OSError as error:
        _fail(f"{output_file}: cannot write report: {error.strerror or error}")


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        for code in value.split(","):
            code = code.strip().upper()
            if code:
                check_code(code, frozenset(REGISTRY), option)
                codes.append(code)
    return tuple(codes)


def _fail(message: str) -> None:
    click.echo(f"cio-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cio-lint")
def main() -> None:
    """A linter for Python code that talks to Customer.io."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="CODES",
              help="Rules to enable (codes or prefixes like CIO2, or ALL), replacing the config.")
@click.option("--extend-select", multiple=True, metavar="CODES",
              help="Rules to enable in addition to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="A pyproject.toml to use instead of the nearest one.")
@click.option("--output-format", type=click.Choice(sorted(reporters())), default="text",
              show_default=True, help="How findings are printed.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
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
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    output_format: str,
    stdin_filename: str | None,
    exit_zero: bool,
    no_source: bool,
    output_file: Path | None,
    statistics: bool,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    ignore_noqa: bool,
    force_exclude: bool,
    respect_gitignore: bool,
) -> None:
    """Lint PATHS (files or directories; default '.'; '-' reads stdin)."""
    try:
        overrides = {
            "select": _codes(select, "--select"),
            "extend_select": _codes(extend_select, "--extend-select"),
            "ignore": _codes(ignore, "--ignore"),
        }
        resolver = ConfigResolver(config_path, overrides)
        recorded = load_baseline(baseline_path) if baseline_path is not None else None
        run = lint_paths(
            paths or (Path("."),),
            resolver,
            stdin_filename,
            respect_gitignore=respect_gitignore,
            force_exclude=force_exclude,
            ignore_noqa=ignore_noqa,
        )
    except ConfigError as error:
        _fail(str(error))
        return
    if write_baseline_path is not None:
        try:
            write_baseline(write_baseline_path, run.findings)
        except OSError as error:
            _fail(f"{write_baseline_path}: cannot write baseline: {error.strerror or error}")
        click.echo(f"cio-lint: recorded {len(run.findings)} findings in {write_baseline_path}",
                   err=True)
        sys.exit(EXIT_CLEAN)
    if recorded is not None:
        run.findings, run.baselined = filter_baseline(run.findings, recorded)
    _write_report(run, "statistics" if statistics else output_format, output_file, no_source)
    if any(error.internal for error in run.errors):
        for file_error in run.errors:
            if file_error.internal:
                click.echo(f"cio-lint: {file_error.path}: {file_error.message}", err=True)
        sys.exit(EXIT_ERROR)
    if (run.findings or run.errors) and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, hidden=True)
def rules_command(show_all: bool) -> None:
    """List every rule: code, name, severity, default on/off, fix."""
    click.echo(rules_listing())


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show the full documentation of the rule CODE."""
    rule = REGISTRY.get(code.strip().upper())
    if rule is None:
        _fail(f"unknown rule code '{code}' (see `cio-lint rules`)")
        return
    click.echo(rule_page(rule))
