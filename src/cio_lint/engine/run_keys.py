"""The key of a run: everything a run's result follows from, taken together, so that a
run whose key is unchanged may replay the result recorded under it (``replay``).

A run's result follows from what the per-file cache keys cover: each file's bytes (by
the digest the manifest knows without reading them), its path, module identity,
configuration, enabled rules and parser, with the run's options and the project each
file belongs to. The key covers all of them at once, in the run's order, so any change
(a file edited, added, removed, renamed or configured differently, another rule
selected, another cio-lint) is another key. This module loads nothing of the records
themselves: a run whose report is kept (``report_records``) never reads its findings.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from cio_lint import __version__
from cio_lint.analysis.frontends import frontend_for
from cio_lint.engine.cache_version import FORMAT

if TYPE_CHECKING:
    from cio_lint.core.config import Config
    from cio_lint.engine.contents import Contents
    from cio_lint.engine.units import Unit

#: The shape of a run record's JSON (its cache ``FORMAT`` aside): another is another key.
RECORD = 1
T = TypeVar("T")


@dataclass(frozen=True)
class RunOptions:
    """The options of a run that change its result (the rest only change its report)."""

    ignore_noqa: bool
    prefilter: bool
    respect_gitignore: bool


def run_key(units: Sequence[Unit], contents: Contents, options: RunOptions) -> str | None:
    """The key of a run of ``units`` (each opened through ``contents``: its digest known,
    read only when the manifest does not know it); None for a run never recorded."""
    hashed = hashlib.sha256()
    hashed.update(repr(("run", RECORD, FORMAT, __version__, options)).encode("utf-8"))
    shared: dict[int, str] = {}  # what many units share (configuration, rules), hashed once

    def once(value: T, text: Callable[[T], str]) -> str:
        if id(value) not in shared:
            shared[id(value)] = hashlib.sha256(
                text(value).encode("utf-8", "surrogateescape")).hexdigest()
        return shared[id(value)]

    for unit in units:
        if unit.from_stdin or contents.open(unit) is not None or not unit.content_digest():
            return None
        source, config = unit.source, unit.config
        path = str(source.path)
        absolute = source.absolute()
        part = "\x00".join((
            path, absolute, source.display,
            once(config, _config_text), once(unit.codes, _codes_text), unit.module_name,
            ",".join(unit.module_aliases), str(unit.is_package), str(unit.named),
            frontend_for(source.display).parser_version(), unit.digest))
        hashed.update(part.encode("utf-8", "surrogateescape") + b"\x01")
    return hashed.hexdigest()


def _config_text(config: Config) -> str:
    return f"{os.path.abspath(config.root)}\x00{config.fingerprint()}"


def _codes_text(codes: frozenset[str]) -> str:
    return ",".join(sorted(codes))
