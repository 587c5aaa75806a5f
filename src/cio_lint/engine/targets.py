"""The files a run lints: the paths given (and ``-`` for stdin) expanded into units.

Directories are walked with the exclusions of each file's own configuration (and
.gitignore); a file named explicitly is linted unless ``force_exclude`` says to
apply exclusions to it too, as pre-commit passes every staged file.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cio_lint.core.config import ConfigError
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.discovery import GlobMatcher, SourceFile, discover, display_path
from cio_lint.engine.gitignore import GitIgnore
from cio_lint.engine.units import Unit, make_unit


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
