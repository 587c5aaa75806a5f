"""A run whose inputs are all unchanged gives the result the last such run gave, without
linking the project again: pre-commit on the same files, CI on a restored cache, an
editor's save of a file whose bytes did not change.

A run's result follows from what the per-file cache keys cover, taken together: each
file's bytes (by the digest the manifest knows without reading them), its path, module
identity, configuration, enabled rules and parser, with the run's options and the
project each file belongs to. A record of the run is keyed by all of them at once, in
the run's order, so any change (a file edited, added, removed, renamed or configured
differently, another rule selected, another cio-lint) is another key. A run is
recorded only when its result follows from those alone: not when a file could not be
read, came from standard input, ran out of time or met an internal error, nor when a
project rule read the project's other files (templates, front-end code), which no key
covers.

A record is a cache entry like any other: signed with the per-user key, read without
following links, its credentials sealed. None is written that holds one of the run's
secrets in the clear. This module imports nothing of the analysis: replaying a run loads
only what reads its files and prints its report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from cio_lint import __version__
from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.config import Config
from cio_lint.core.finding_json import finding_document, finding_of
from cio_lint.core.results import RunResult
from cio_lint.engine.cache import RUNS, Cache
from cio_lint.engine.cache_version import FORMAT
from cio_lint.engine.contents import Contents
from cio_lint.engine.rule_docs import RuleDocs
from cio_lint.engine.secret_search import SecretSearch, stored_forms
from cio_lint.engine.units import Unit

#: The shape of a record's JSON (its cache ``FORMAT`` aside).
RECORD = 1
T = TypeVar("T")
#: What reading a damaged or foreign record can raise: all mean "no record".
_BAD_RECORD = (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError)


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
        if unit.from_stdin or contents.open(unit) is not None or not unit.digest:
            return None
        source, config = unit.source, unit.config
        path = str(source.path)
        absolute = (os.path.join(source.folder, source.path.name) if source.folder
                    else os.path.abspath(path))
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


def replayed(cache: Cache, key: str) -> RunResult | None:
    """The result recorded under ``key``, or None unless one is, ours and intact."""
    body = cache.read_entry(key, RUNS)
    if body is None:
        return None
    try:
        document: Any = json.loads(body.decode("utf-8"))
        if document["record"] != RECORD or document["key"] != key:
            return None
        result = _result_of(document)
        result.secrets = tuple(str(value) for value in cache.unsealed(key, document["secrets"]))
        entries = [str(entry) for entry in document["entries"]]
    except _BAD_RECORD:
        return None
    if cache.in_use(key, RUNS):  # once a day: the entries it stands for stay in use too
        for entry in entries:
            cache.in_use(entry)
    return result


def record(cache: Cache, key: str, result: RunResult, entries: Sequence[str]) -> None:
    """Record ``result`` under ``key``, when it follows from what the key covers and no
    secret of the run would stand in the record in the clear. ``entries`` are the keys
    of the cache entries the run used: a run that only replays keeps them from being
    pruned, so the run after a change still finds them."""
    if not result.reproducible or result.errors:
        return
    try:
        body = json.dumps({
            "record": RECORD, "key": key, **_document_of(result), "entries": list(entries),
            "secrets": cache.sealed(key, list(result.secrets)),
        }).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    search = SecretSearch(form for value in result.secrets for form in stored_forms(value))
    if not search.found_in(body):
        cache.write_entry(key, body, RUNS)
        cache.prune()  # records, as entries, go once unused for 30 days


def _document_of(result: RunResult) -> dict[str, Any]:
    return {
        "findings": [finding_document(finding) for finding in result.findings],
        "suppressed": [finding_document(finding) for finding in result.suppressed],
        "files_checked": result.files_checked,
        "checked_paths": result.checked_paths,
        "not_parsed": result.not_parsed,
        "lines": {path: {str(n): text for n, text in lines.items()}
                  for path, lines in result.lines.items()},
    }


def _result_of(document: dict[str, Any]) -> RunResult:
    return RunResult(
        findings=[finding_of(finding) for finding in document["findings"]],
        suppressed=[finding_of(finding) for finding in document["suppressed"]],
        files_checked=int(document["files_checked"]),
        checked_paths=[str(path) for path in document["checked_paths"]],
        not_parsed=[str(path) for path in document["not_parsed"]],
        lines={str(path): {int(n): str(text) for n, text in lines.items()}
               for path, lines in document["lines"].items()},
        rules=RuleDocs(),
    )
