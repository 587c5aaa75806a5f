"""Honour ``.gitignore`` files while walking, as git does.

Each ``.gitignore`` applies to the paths below its directory; a deeper file, or
a later line, overrides an earlier one (including ``!`` negations). The files
from the repository root down to the walked directory all apply.
"""

from __future__ import annotations

import re
from pathlib import Path

from cio_lint.core import probes
from cio_lint.engine.globs import compile_lines, verdict
from cio_lint.engine.upward import nearest

_Patterns = list[tuple[re.Pattern[str], bool]]


class GitIgnore:
    """Answers "is this path ignored?" for paths under one or more walked trees."""

    def __init__(self) -> None:
        self._specs: dict[Path, _Patterns | None] = {}
        self._roots: dict[Path, Path | None] = {}
        self._rules: dict[str, list[tuple[_Patterns, str]]] = {}

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

    def rules_for(self, directory: str) -> list[tuple[_Patterns, str]]:
        """The patterns that judge the entries of the absolute ``directory``, outermost
        first, each with the directory's path relative to its .gitignore's (``a/b/``)."""
        if directory not in self._rules:
            folder = Path(directory)
            root = self._repository_root(folder)
            rules: list[tuple[_Patterns, str]] = []
            if root is not None:
                above = [d for d in (folder, *folder.parents) if _within(d, root)]
                for holder in reversed(above):
                    spec = self._spec(holder)
                    if spec is not None:
                        relative = folder.relative_to(holder).as_posix()
                        rules.append((spec, "" if relative == "." else relative + "/"))
            self._rules[directory] = rules
        return self._rules[directory]

    def _spec(self, directory: Path) -> _Patterns | None:
        if directory not in self._specs:
            ignore_file = directory / ".gitignore"
            spec = None
            if probes.is_file(ignore_file):
                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace")
                    spec = compile_lines(lines.splitlines())
                except OSError:
                    spec = None
            self._specs[directory] = spec
        return self._specs[directory]

    def _repository_root(self, directory: Path) -> Path | None:
        """The nearest directory at or above ``directory`` holding ``.git``; each
        directory is asked once, however many below it are walked."""
        return nearest(directory, self._roots,
                       lambda candidate: candidate if probes.exists(candidate / ".git") else None)


def ignored_entry(rules: list[tuple[_Patterns, str]], name: str, is_dir: bool) -> bool:
    """Is the entry ``name`` of a directory ignored by its ``rules`` (``rules_for``),
    by a pattern naming it (a walk never enters an ignored directory)?"""
    ignored = False
    for spec, prefix in rules:
        result = verdict(spec, prefix + name + ("/" if is_dir else ""), True)
        if result is not None:
            ignored = result
    return ignored


def _within(directory: Path, root: Path) -> bool:
    return directory == root or root in directory.parents
