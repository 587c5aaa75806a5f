"""Exclude lines that are plain names compile without pathspec to exactly what .gitignore
semantics (pathspec) give them, so every default exclude behaves as before."""

from __future__ import annotations

import re

import pytest
from pathspec import GitIgnoreSpec

from cio_lint.core.config import DEFAULT_EXCLUDE
from cio_lint.engine.globs import compile_lines, verdict

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
