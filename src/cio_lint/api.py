"""The library entry point: lint paths with per-file configuration.

The CLI and these functions share one ``LintSession``; tests and editor
integrations call ``lint_paths`` directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cio_lint.core.results import RunResult
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.session import LintSession, SessionSettings
from cio_lint.engine.units import Unit

__all__ = ["ConfigResolver", "RunResult", "collect_units", "lint_paths"]


def lint_paths(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    ignore_noqa: bool = False,
    prefilter: bool = True,
) -> RunResult:
    """Discover and lint ``paths`` in this process; ``-`` reads standard input."""
    settings = SessionSettings(
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        ignore_noqa=ignore_noqa,
        prefilter=prefilter,
    )
    with LintSession(resolver, settings) as session:
        return session.lint(session.collect(paths, stdin_filename))


def collect_units(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> list[Unit]:
    """The files to lint under ``paths``, each with its configuration."""
    settings = SessionSettings(respect_gitignore=respect_gitignore, force_exclude=force_exclude)
    with LintSession(resolver, settings) as session:
        return session.collect(paths, stdin_filename)
