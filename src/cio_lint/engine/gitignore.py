"""Honour ``.gitignore`` files while walking, as git does.

Each ``.gitignore`` applies to the paths below its directory; a deeper file, or
a later line, overrides an earlier one (including ``!`` negations). The files
from the repository root down to the walked directory all apply.
"""

from __future__ import annotations

import re
from pathlib import Path

from cio_lint.engine.globs import compile_lines, verdict

_Patterns = list[tuple[re.Pattern[str], bool]]


class GitIgnore:
    """Answers "is this path ignored?" for paths under one or more walked trees."""

    def __init__(self) -> None:
        self._specs: dict[Path, _Patterns | None] = {}
        self._roots: dict[Path, Path | None] = {}

    def ignored(self, path: Path, is_dir: bool | None = None, itself: bool = False) -> bool:
        """Is ``path`` ignored? With ``itself``, only by a pattern naming it, not one
        naming a directory above it (a walk never enters those unless told to)."""
        path = path.absolute()
        root = self._repository_root(path.parent)
        if root is None:
            return False
        if is_dir is None:
            is_dir = path.is_dir()
        ignored = False
        directories = [d for d in (path.parent, *path.parent.parents) if _within(d, root)]
        for directory in reversed(directories):
            spec = self._spec(directory)
            if spec is None:
                continue
            relative = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
            result = verdict(spec, relative, itself)
            if result is not None:
                ignored = result
        return ignored

    def _spec(self, directory: Path) -> _Patterns | None:
        if directory not in self._specs:
            ignore_file = directory / ".gitignore"
            spec = None
            if ignore_file.is_file():
                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace")
                    spec = compile_lines(lines.splitlines())
                except OSError:
                    spec = None
            self._specs[directory] = spec
        return self._specs[directory]

    def _repository_root(self, directory: Path) -> Path | None:
        if directory not in self._roots:
            root = None
            for candidate in (directory, *directory.parents):
                if (candidate / ".git").exists():
                    root = candidate
                    break
            self._roots[directory] = root
        return self._roots[directory]


def _within(directory: Path, root: Path) -> bool:
    return directory == root or root in directory.parents
