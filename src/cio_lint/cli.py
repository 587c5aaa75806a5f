"""The ``cio-lint`` command: check, rules, rule, clean, server.

Exit codes follow ruff: 0 clean, 1 findings (or files that could not be
read), 2 usage, configuration or internal error. Each command imports what it needs when
it runs (``check_command`` for ``check``), so ``--version`` and ``--help`` start at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from cio_lint import __version__
from cio_lint.cli_usage import Commands, fail
from cio_lint.engine.limits import DEFAULT_SECONDS
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.entry import leave as _leave
from cio_lint.report import FORMATS
from cio_lint.report.color import CHOICES as COLOR_CHOICES

if TYPE_CHECKING:
    from pathlib import Path


class PathArgument(click.Path):
    """A ``click.Path`` given as a ``pathlib.Path``, imported only when a path is given:
    ``--version``, ``rules`` and ``rule`` never load pathlib."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        import os
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


def main() -> None:
    """The console script: the command line, run where deep nesting cannot overflow.

    The process ends as soon as the command is done and its output flushed: taking a
    large run's objects apart one by one, as the interpreter does on its way out, cost
    a warm run a tenth of its time, and nothing is left to write by then (reports,
    fixes and cache entries are written and closed, worker processes stopped).
    """
    try:
        run_with_large_stack(cli)
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cio-lint")
def cli() -> None:
    """A linter for Python code that talks to Customer.io."""


@cli.command()
@click.argument("paths", nargs=-1, type=PathArgument())
@click.option("--select", multiple=True, metavar="CODES",
              help="Rules to enable (codes or prefixes like CIO2, or ALL), replacing the config.")
@click.option("--extend-select", multiple=True, metavar="CODES",
              help="Rules to enable in addition to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable.")
@click.option("--config", "config_path", type=PathArgument(dir_okay=False),
              help="A configuration file (pyproject.toml, cio-lint.toml) to use instead of "
              "the nearest one.")
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="How findings are printed.")
@click.option("-o", "--output-file", type=PathArgument(dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings "
              "(a JSON array with --output-format json).")
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR "
              "forces it), always or never.")
@click.option("--baseline", "baseline_path", type=PathArgument(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path",
              type=PathArgument(dir_okay=False),
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
@click.option("--cache-dir", type=PathArgument(file_okay=False),
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
    from cio_lint.check_command import run_check

    run_check(given)


@cli.command("clean")
@click.option("--cache-dir", type=PathArgument(file_okay=False),
              help="The cache to remove (default: as `check` finds it).")
def clean_command(cache_dir: Path | None) -> None:
    """Remove the result cache of the project in the current directory."""
    from pathlib import Path

    from cio_lint.core.config import ConfigError
    from cio_lint.engine.cache import clean_cache
    from cio_lint.engine.config_resolver import ConfigResolver

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
    from cio_lint.server import serve

    serve()


@cli.command("rules")
@click.option("--all", "show_all", is_flag=True, hidden=True)
def rules_command(show_all: bool) -> None:
    """List every rule: code, name, severity, default on/off, fix."""
    from cio_lint.docs import rules_listing

    click.echo(rules_listing())


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show the full documentation of the rule CODE."""
    from cio_lint.docs import rule_page
    from cio_lint.rules import REGISTRY

    rule = REGISTRY.get(code.strip().upper())
    if rule is None:
        fail(f"unknown rule code '{code}' (see `cio-lint rules`)")
        return
    click.echo(rule_page(rule))
