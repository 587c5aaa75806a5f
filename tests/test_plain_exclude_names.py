"""Exclude lines that are plain names compile without pathspec to exactly what .gitignore
semantics (pathspec) give them, so every default exclude behaves as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pathspec import GitIgnoreSpec

from cio_lint.core.config import DEFAULT_EXCLUDE
from cio_lint.engine.globs import GlobMatcher, compile_lines, verdict

#: A line that is only a name or a ``*``-name ending.
PLAIN = re.compile(r"\*?[A-Za-z0-9_.-]+")

LINES = [*DEFAULT_EXCLUDE, "*egg", "-x", "...", "a.b-c", "*.py", "gen/", "/setup.py",
         "!keep", "src/**/out", "# comment", ""]
PATHS = ["node_modules", "web/node_modules", "web/node_modules/a.js", "node_modules_x",
         "x_node_modules", "pkg.egg-info/PKG-INFO", "a/b.egg-info", "egg-info", "build/",
         "src/build/x.py", "rebuild/x.py", ".venv/lib/x.py", "venv", ".envrc", "env/x",
         "a.b-c", "a/b/a.b-c/d", "abc", "-x/y", "x.py", "gen/a.py", "setup.py", "keep",
         "src/a/out/b", "..."]


def pathspec_lines(lines: list[str]) -> list[tuple[re.Pattern[str], bool]]:
    return [(p.regex, p.include) for p in GitIgnoreSpec.from_lines(lines).patterns
            if p.include is not None and isinstance(p.regex, re.Pattern)]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("itself", [False, True])
def test_every_line_matches_as_gitignore_says(path: str, itself: bool) -> None:
    assert verdict(compile_lines(LINES), path, itself) == verdict(
        pathspec_lines(LINES), path, itself)
    for line in LINES:
        assert verdict(compile_lines([line]), path, itself) == verdict(
            pathspec_lines([line]), path, itself), line


@pytest.mark.parametrize("path", [*PATHS, "a/node_modules\n", "node_modules\n/x.py"])
@pytest.mark.parametrize("is_dir", [False, True])
@pytest.mark.parametrize("itself", [False, True])
def test_plain_lines_match_by_name_as_their_regexes_do(
    path: str, is_dir: bool, itself: bool
) -> None:
    """Lines that are all plain names match a path by looking its names up; the answer is
    the one their regexes give, for every path, line and way of asking."""
    plain = [line for line in LINES if line and PLAIN.fullmatch(line)]
    path = path.rstrip("/")
    for lines in [plain, *([line] for line in plain)]:
        matcher = GlobMatcher(lines, Path("/project"))
        asked = path + "/" if is_dir else path
        expected = verdict(pathspec_lines(lines), asked, itself) is True
        assert matcher.matches_relative(path, is_dir, itself) == expected, lines
