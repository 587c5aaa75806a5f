"""The files a run lints: the paths given (and ``-`` for stdin) expanded into units.

Directories are walked with the exclusions of each file's own configuration (and
.gitignore); a path named explicitly (a file, or a directory to walk) is linted
unless ``force_exclude`` says to apply exclusions to it too, as pre-commit passes
every staged file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cio_lint.core import probes
from cio_lint.core.config import Config, ConfigError
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.discovery import (
    Exclusion,
    Skipped,
    SourceFile,
    SourceJudge,
    discover,
    display_path,
)
from cio_lint.engine.gitignore import GitIgnore, ignored_entry
from cio_lint.engine.globs import GlobMatcher
from cio_lint.engine.helper import WAKE_AT_FILES, wake_helper
from cio_lint.engine.units import Unit, make_unit


class _Exclusions:
    """Why a path is left out: the ``exclude``/``extend-exclude`` globs of the
    configuration ``config_for`` gives it, then ``.gitignore`` (when ``gitignore``)."""

    def __init__(self, config_for: Callable[[Path], Config], gitignore: GitIgnore | None,
                 config_of_directory: Callable[[str], Config] | None = None) -> None:
        self._config_for = config_for
        self._config_of_directory = config_of_directory or (lambda d: config_for(Path(d)))
        self._gitignore = gitignore
        self._matchers: dict[int, tuple[Config, GlobMatcher, GlobMatcher]] = {}

    def _pair(self, config: Config) -> tuple[GlobMatcher, GlobMatcher]:
        found = self._matchers.get(id(config))
        if found is None or found[0] is not config:
            found = (config, GlobMatcher(config.exclude, config.root),
                     GlobMatcher(config.extend_exclude, config.root))
            self._matchers[id(config)] = found
        return found[1], found[2]

    def __call__(self, path: Path, is_dir: bool, named: bool) -> str | None:
        pair = self._pair(self._config_for(path))
        for key, matcher in zip(_KEYS, pair, strict=False):
            if matcher.matches(path, is_dir, itself=not named):
                return f"excluded by `{key}`"
        gitignore = self._gitignore
        if gitignore is not None and gitignore.ignored(path, is_dir, itself=not named):
            return "ignored by .gitignore"
        return None

    def in_directory(self, directory: str) -> Callable[[str, bool], str | None]:
        """The judge of a listed directory's entries: its configuration, globs and
        .gitignore files are looked up here, once; each entry costs only matching."""
        pair = self._pair(self._config_of_directory(directory))
        bases = [matcher.relative(directory) for matcher in pair]
        ignores = self._gitignore.rules_for(directory) if self._gitignore is not None else []

        def judge(name: str, is_dir: bool) -> str | None:
            if is_dir:  # judged by its own configuration, as when it is named
                below = os.path.join(directory, name)
                sub_pair = self._pair(self._config_of_directory(below))
                sub = [(m, m.relative(below)) for m in sub_pair]
            else:
                sub = [(m, f"{base}/{name}" if base else name)
                       for m, base in zip(pair, bases, strict=False)]
            for key, (matcher, relative) in zip(_KEYS, sub, strict=False):
                if matcher.matches_relative(relative, is_dir, itself=True):
                    return f"excluded by `{key}`"
            if ignores and ignored_entry(ignores, name, is_dir):
                return "ignored by .gitignore"
            return None

        return judge


_KEYS = ("exclude", "extend-exclude")


def exclusion(config_for: Callable[[Path], Config], gitignore: GitIgnore | None,
              config_of_directory: Callable[[str], Config] | None = None) -> Exclusion:
    """Why a path is left out: the ``exclude``/``extend-exclude`` globs of the
    configuration ``config_for`` gives it (``config_of_directory``: of an absolute
    directory's files), then ``.gitignore`` (when ``gitignore``)."""
    return _Exclusions(config_for, gitignore, config_of_directory)


def collect_units(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    skipped: list[Skipped] | None = None,
    judge_source: SourceJudge | None = None,
    wake_at: int | None = WAKE_AT_FILES,
) -> list[Unit]:
    """The files to lint under ``paths``, each with its configuration; every path
    passed over is added to ``skipped`` with the reason (``judge_source``: see
    ``discover``). Once ``wake_at`` files are found, the helper process (if the run may
    start one) loads the analysis meanwhile: None when a cache may answer for them."""
    is_excluded = exclusion(resolver, GitIgnore() if respect_gitignore else None,
                            resolver.for_directory)

    units: list[Unit] = []
    on_disk: list[Path] = []
    for path in paths:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            shown = Path(stdin_filename) if stdin_filename else Path("-")
            display = display_path(shown) if stdin_filename else "-"
            if force_exclude and stdin_filename:
                reason = is_excluded(shown, False, True)
                if reason is not None:
                    if skipped is not None:
                        skipped.append(Skipped(display, reason))
                    continue
            units.append(make_unit(SourceFile(shown, display), resolver(shown), data))
        elif not probes.lexists(path):  # (a link counts, wherever it points)
            raise ConfigError(f"{path}: no such file or directory")
        else:
            on_disk.append(path)

    for source in discover(on_disk, is_excluded, force_exclude=force_exclude, skipped=skipped,
                           judge_source=judge_source):
        config = resolver.for_directory(source.folder) if source.folder else resolver(source.path)
        units.append(make_unit(source, config))
        if len(units) == wake_at:  # a large run: the analysis loads meanwhile
            wake_helper(unit.source.display for unit in units)
    return units
