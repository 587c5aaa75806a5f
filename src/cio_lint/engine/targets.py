"""The files a run lints: the paths given (and ``-`` for stdin) expanded into units.

Directories are walked with the exclusions of each file's own configuration (and
.gitignore); a path named explicitly (a file, or a directory to walk) is linted
unless ``force_exclude`` says to apply exclusions to it too, as pre-commit passes
every staged file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cio_lint.core.config import Config, ConfigError
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.discovery import Exclusion, Skipped, SourceFile, discover, display_path
from cio_lint.engine.gitignore import GitIgnore
from cio_lint.engine.globs import GlobMatcher
from cio_lint.engine.units import Unit, make_unit


def exclusion(config_for: Callable[[Path], Config], gitignore: GitIgnore | None) -> Exclusion:
    """Why a path is left out: the ``exclude``/``extend-exclude`` globs of the
    configuration ``config_for`` gives it, then ``.gitignore`` (when ``gitignore``)."""
    matchers: dict[int, tuple[GlobMatcher, GlobMatcher]] = {}

    def is_excluded(candidate: Path, is_dir: bool, named: bool) -> str | None:
        config = config_for(candidate)
        pair = matchers.get(id(config))
        if pair is None:
            pair = (GlobMatcher(config.exclude, config.root),
                     GlobMatcher(config.extend_exclude, config.root))
            matchers[id(config)] = pair
        for key, matcher in zip(("exclude", "extend-exclude"), pair, strict=False):
            if matcher.matches(candidate, is_dir, itself=not named):
                return f"excluded by `{key}`"
        if gitignore is not None and gitignore.ignored(candidate, is_dir, itself=not named):
            return "ignored by .gitignore"
        return None

    return is_excluded


def collect_units(
    paths: Sequence[Path],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    skipped: list[Skipped] | None = None,
) -> list[Unit]:
    """The files to lint under ``paths``, each with its configuration; every path
    passed over is added to ``skipped`` with the reason."""
    is_excluded = exclusion(resolver, GitIgnore() if respect_gitignore else None)

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
        elif not path.exists() and not path.is_symlink():
            raise ConfigError(f"{path}: no such file or directory")
        else:
            on_disk.append(path)

    for source in discover(on_disk, is_excluded, force_exclude=force_exclude, skipped=skipped):
        units.append(make_unit(source, resolver(source.path)))
    return units
