"""Finding where a project identifies people outside its Python code: templates and
front-end or mobile code that call Customer.io's JavaScript or mobile SDKs.

Asked only when a project rule is about to say the project never identifies anyone
(rare), so an ordinary run never walks these files. The walk is discovery's, with the
project's ``exclude``/``extend-exclude`` and ``.gitignore``; each file is read bounded,
as bytes, and only searched (``analysis.front_end_identity``), never run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cio_lint.analysis.front_end_identity import (
    FRONT_END_SUFFIXES,
    MINIFIED_SUFFIXES,
    IdentitySource,
    identify_calls,
)
from cio_lint.core.bounded_read import read_regular_file
from cio_lint.core.config import Config
from cio_lint.engine.discovery import discover
from cio_lint.engine.gitignore import GitIgnore
from cio_lint.engine.targets import exclusion

#: A template or script larger than this is a bundle or generated: not read.
MAX_FRONT_END_BYTES = 1024 * 1024
#: Files read at most: a tree this large is not one application's front end.
MAX_FRONT_END_FILES = 20_000
#: Places found before the search stops: one is enough to know.
ENOUGH = 3


def find_identity_sources(
    root: Path, config: Config, *, respect_gitignore: bool = True
) -> tuple[IdentitySource, ...]:
    """Up to ``ENOUGH`` places under ``root`` that identify people to Customer.io.

    ``analytics.identify(...)`` counts once some file of the project loads Customer.io's
    browser SDK (a React app builds the client in one module and calls it in another).
    """
    is_excluded = exclusion(lambda _: config, GitIgnore() if respect_gitignore else None)
    found: list[IdentitySource] = []
    waiting: list[IdentitySource] = []  # analytics.identify, until the SDK is seen loaded
    loaded = False
    for count, source in enumerate(discover([root], is_excluded, suffixes=FRONT_END_SUFFIXES)):
        if count >= MAX_FRONT_END_FILES or len(found) >= ENOUGH:
            break
        if source.path.name.endswith(MINIFIED_SUFFIXES):
            continue
        try:
            data = read_regular_file(source.path, MAX_FRONT_END_BYTES)
        except OSError:
            continue
        if b"identify" not in data and (loaded or not _may_load_browser_sdk(data)):
            continue
        calls = identify_calls(data.decode("utf-8", errors="replace"))
        found.extend(IdentitySource(source.display, line, what) for line, what in calls.calls)
        waiting.extend(
            IdentitySource(source.display, line, what) for line, what in calls.if_loaded
        )
        loaded = loaded or calls.loads_browser_sdk
        if loaded:
            found.extend(waiting)
            waiting.clear()
    return tuple(sorted(found, key=lambda s: (s.path, s.line))[:ENOUGH])


def _may_load_browser_sdk(data: bytes) -> bool:
    return b"customer.io" in data or b"@customerio/" in data


class LazyIdentitySources:
    """``find_identity_sources`` for one project, searched on the first call only."""

    def __init__(self, root: Path, config: Config, respect_gitignore: bool) -> None:
        self._search: Callable[[], tuple[IdentitySource, ...]] = lambda: find_identity_sources(
            root, config, respect_gitignore=respect_gitignore
        )
        self._found: tuple[IdentitySource, ...] | None = None

    @property
    def searched(self) -> bool:
        """Whether the project's other files were read (a result then depends on them)."""
        return self._found is not None

    def __call__(self) -> tuple[IdentitySource, ...]:
        if self._found is None:
            self._found = self._search()
        return self._found
