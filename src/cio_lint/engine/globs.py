"""Exclude and per-file-ignores globs, with the semantics of .gitignore (as ruff's).

A pattern without a ``/`` (other than a trailing one) matches a name at any depth
(``build``, ``*.pyi``, ``.hidden``); one with a ``/`` is anchored at the directory of
the configuration file (``src/gen/``, ``.hidden/gen``, ``/setup.py``); ``**`` spans
zero or more directories (``tests/**/*.py`` matches ``tests/t.py``); a trailing ``/``
matches directories only; a pattern matching a directory matches everything in it.
``{a,b}`` alternatives are expanded, as ruff's globs allow them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

_BRACES = re.compile(r"\{([^{}]*,[^{}]*)\}")


def expand_braces(glob: str) -> list[str]:
    """``**/{tests,docs}/*`` as ``**/tests/*`` and ``**/docs/*`` (nesting allowed)."""
    match = _BRACES.search(glob)
    if match is None:
        return [glob]
    head, tail = glob[: match.start()], glob[match.end():]
    return [
        expanded
        for choice in match.group(1).split(",")
        for expanded in expand_braces(head + choice + tail)
    ]


def _normalise(glob: str) -> list[str]:
    """A user's glob as .gitignore lines: ``./x`` is ``/x`` (anchored), braces expanded."""
    if glob.startswith("./"):
        glob = "/" + glob[2:]
    return expand_braces(glob)


class GlobMatcher:
    """A list of globs compiled once, matched against paths without filesystem calls.

    Paths are matched relative to ``root`` (the configuration file's directory); a
    path outside ``root`` is matched as its absolute path, so only unanchored
    patterns can match it. Later patterns win, so ``!keep.py`` re-includes a file.
    """

    def __init__(self, globs: Sequence[str], root: Path) -> None:
        self.root = os.path.abspath(root)
        self._lines = [line for glob in globs for line in _normalise(glob)]
        self._compiled: list[tuple[re.Pattern[str], bool]] | None = None
        plain = [_PLAIN_NAME.fullmatch(line) for line in self._lines]
        #: When every line is a plain name (the default excludes are), a path matches
        #: exactly when its own name (or, unless ``itself``, a folder's above it) is one
        #: of them or ends as a ``*name`` line says: a set lookup instead of a regex per
        #: line for every file walked, and no regex compiled at all.
        self._names: frozenset[str] | None = None
        self._endings: tuple[str, ...] = ()
        if all(plain):
            self._names = frozenset(m[2] for m in plain if m is not None and not m[1])
            self._endings = tuple(m[2] for m in plain if m is not None and m[1])

    def matches(self, path: str | Path, is_dir: bool = False, itself: bool = False) -> bool:
        """Does a pattern match ``path`` (or, unless ``itself``, a directory above it)?"""
        return self.matches_relative(self.relative(path), is_dir, itself)

    def matches_relative(self, relative: str, is_dir: bool = False, itself: bool = False) -> bool:
        """``matches`` for a path already made ``relative``."""
        if not relative:
            return False
        names = self._names
        # (A regex's ``.`` never matches a newline, nor its ``$`` only at the end: a path
        # holding one goes the long way.)
        if names is not None and "\n" not in relative:
            parts = [relative.rpartition("/")[2]] if itself else relative.split("/")
            return any(part in names or part.endswith(self._endings) for part in parts if part)
        if self._compiled is None:
            self._compiled = compile_lines(self._lines)
        if not self._compiled:
            return False
        return verdict(self._compiled, relative + "/" if is_dir else relative, itself) is True

    def relative(self, path: str | Path) -> str:
        """``path`` as the patterns see it: POSIX, relative to the root when under it."""
        absolute = os.path.abspath(path)
        if absolute.startswith(self.root + os.sep):
            relative = absolute[len(self.root) + 1:]
        elif absolute == self.root:
            relative = ""
        else:
            relative = absolute.lstrip(os.sep)
        return relative.replace(os.sep, "/")


#: A line that is only a name (``node_modules``, ``.venv``) or a name's ending
#: (``*.egg-info``): it excludes such names at any depth, file or folder, and needs no
#: pattern language to say so.
_PLAIN_NAME = re.compile(r"(\*?)([A-Za-z0-9_.-]+)")


def compile_lines(lines: Sequence[str]) -> list[tuple[re.Pattern[str], bool]]:
    """.gitignore lines as (regex, excludes) pairs; blank lines and comments dropped.

    Plain names (every default exclude) compile to the regex .gitignore gives them
    without pathspec; pathspec is imported for the first line that needs its pattern
    language, so a run with the defaults and no ``.gitignore`` never loads it."""
    compiled = []
    for line in lines:
        plain = _PLAIN_NAME.fullmatch(line)
        if plain is not None:
            compiled.append((_plain_name(plain[2], any_start=bool(plain[1])), True))
        else:
            compiled.extend(_gitignore_line(line))
    return compiled


def _plain_name(name: str, *, any_start: bool) -> re.Pattern[str]:
    """The name (or, ``any_start``, a name ending so) at any depth, and everything under
    it when it is a folder: the regex .gitignore semantics give the line."""
    start = "[^/]*" if any_start else ""
    return re.compile(rf"^(?:.+/)?{start}{re.escape(name)}(?:(?P<ps_d>/)|$)")


def _gitignore_line(line: str) -> list[tuple[re.Pattern[str], bool]]:
    from pathspec import GitIgnoreSpec

    compiled = []
    for pattern in GitIgnoreSpec.from_lines([line]).patterns:
        regex = getattr(pattern, "regex", None)
        if pattern.include is not None and isinstance(regex, re.Pattern):
            compiled.append((regex, pattern.include))
    return compiled


def verdict(
    patterns: Sequence[tuple[re.Pattern[str], bool]], relative: str, itself: bool
) -> bool | None:
    """Whether the last pattern to match ``relative`` excludes it (None: none matched).

    A directory is given with a trailing ``/``. With ``itself``, a pattern counts only
    when it matches the path itself, not a directory above it: a walk never enters an
    excluded directory, except one the user named, whose files must still be linted.
    """
    result = None
    for regex, excludes in patterns:
        match = regex.match(relative)
        if match is not None and (not itself or match.end() == len(relative)):
            result = excludes
    return result


def matches_glob(path: str | Path, glob: str, root: Path) -> bool:
    """Does the file ``path`` match one exclude / per-file-ignores glob under ``root``?"""
    return _matcher(glob, root).matches(path)


@lru_cache(maxsize=1024)
def _matcher(glob: str, root: Path) -> GlobMatcher:
    return GlobMatcher([glob], root)
