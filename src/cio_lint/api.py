"""The library entry point: lint paths with per-file configuration.

The CLI is a thin layer over ``lint_paths``; tests and editor integrations call it
directly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cio_lint.core.config import Config, ConfigError, find_pyproject, load_config
from cio_lint.core.results import RunResult
from cio_lint.engine.discovery import GlobMatcher, SourceFile, discover, display_path
from cio_lint.engine.gitignore import GitIgnore
from cio_lint.engine.pipeline import Unit, lint_units, make_unit
from cio_lint.rules import REGISTRY


class ConfigResolver:
    """The configuration for each file: ``--config``, else the nearest pyproject.toml."""

    def __init__(self, explicit: Path | None, overrides: dict[str, tuple[str, ...]]) -> None:
        self.overrides = overrides
        self.explicit = self._load(explicit) if explicit is not None else None
        self._by_pyproject: dict[Path | None, Config] = {}
        self._by_directory: dict[Path, Config] = {}

    def _load(self, pyproject: Path | None) -> Config:
        config = load_config(pyproject, REGISTRY)
        changes: dict[str, object] = {}
        if self.overrides.get("select"):
            changes["select"] = self.overrides["select"]
        if self.overrides.get("extend_select"):
            changes["extend_select"] = (*config.extend_select, *self.overrides["extend_select"])
        if self.overrides.get("ignore"):
            changes["ignore"] = (*config.ignore, *self.overrides["ignore"])
        return config.with_overrides(**changes) if changes else config

    def __call__(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        directory = path.absolute().parent if not path.is_dir() else path.absolute()
        if directory not in self._by_directory:
            pyproject = find_pyproject(directory)
            if pyproject not in self._by_pyproject:
                self._by_pyproject[pyproject] = self._load(pyproject)
            self._by_directory[directory] = self._by_pyproject[pyproject]
        return self._by_directory[directory]


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
    units = collect_units(
        paths, resolver, stdin_filename,
        respect_gitignore=respect_gitignore, force_exclude=force_exclude,
    )
    return lint_units(units, ignore_noqa=ignore_noqa, prefilter=prefilter)


def collect_units(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> list[Unit]:
    """The files to lint under ``paths``, each with its configuration."""
    gitignore = GitIgnore() if respect_gitignore else None
    matchers: dict[int, GlobMatcher] = {}

    def is_excluded(candidate: Path) -> bool:
        config = resolver(candidate)
        matcher = matchers.get(id(config))
        if matcher is None:
            matcher = GlobMatcher((*config.exclude, *config.extend_exclude), config.root)
            matchers[id(config)] = matcher
        if matcher.matches(candidate):
            return True
        return gitignore is not None and gitignore.ignored(candidate)

    units: list[Unit] = []
    on_disk: list[Path] = []
    for path in paths:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            shown = Path(stdin_filename) if stdin_filename else Path("-")
            display = display_path(shown) if stdin_filename else "-"
            if force_exclude and stdin_filename and is_excluded(shown):
                continue
            units.append(make_unit(SourceFile(shown, display), resolver(shown), data))
        elif not path.exists() and not path.is_symlink():
            raise ConfigError(f"{path}: no such file or directory")
        else:
            on_disk.append(path)

    for source in discover(on_disk, is_excluded, force_exclude=force_exclude):
        units.append(make_unit(source, resolver(source.path)))
    return units
