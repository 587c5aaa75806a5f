"""A content-addressed cache of per-file results, so unchanged files are not re-parsed.

The key covers everything a file's result depends on: its bytes, the path shown,
its module identity, the clients it imports from other modules, the effective
configuration and the tool version. Entries are JSON (never pickle: the cache
directory is not trusted input), written atomically, and checked on reading; a
corrupt, foreign or unreadable entry is ignored and rewritten, never a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cio_lint import __version__
from cio_lint.analysis.records import ExternalClient
from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.findings import Edit, Finding, Fix, Position, Severity
from cio_lint.core.sdk import ClientKind
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.suppressions import Suppression

FORMAT = 3  # 2: facts quote masked source; 3: facts are plain values (CIO703 carries its rewrites)
DIRECTORY_NAME = ".cio_lint_cache"
ENVIRONMENT_VARIABLE = "CIO_LINT_CACHE_DIR"


class Cache:
    """Results by key under one directory (``<dir>/v1/ab/abcdef....json``)."""

    def __init__(self, directory: Path) -> None:
        self.root = directory
        self.directory = directory / f"v{FORMAT}"
        self._prepared = False

    @staticmethod
    def key(data: bytes, display: str, module: str, is_package: bool,
            external: Mapping[str, ExternalClient], config: str, codes: frozenset[str]) -> str:
        digest = hashlib.sha256()
        for part in (
            __version__, str(FORMAT), display, module, str(is_package), config,
            ",".join(sorted(codes)),
            ",".join(f"{name}={c.kind.value}:{c.factory}" for name, c in sorted(external.items())),
        ):
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\x00")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None when there is none or it is unreadable or foreign."""
        try:
            document = json.loads(self._path(key).read_text(encoding="utf-8"))
            if document.get("key") != key or document.get("format") != FORMAT:
                return None
            return _result(document["result"])
        except _BAD_ENTRY:
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; failing to write a cache entry never fails the run."""
        if result.errors:
            return  # an internal error is worth recomputing next time
        if result.secrets:
            return  # the run masks other files' output with them: never write them down
        path = self._path(key)
        try:
            text = json.dumps({"format": FORMAT, "key": key, "result": _document(result)})
        except (TypeError, ValueError, RecursionError):
            return  # not representable (a fact outside FactValue): recompute next time
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self) -> None:
        """Create the directory with a ``.gitignore`` of ``*``: a cache is never committed."""
        if self._prepared:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Automatically created by cio-lint.\n*\n", encoding="utf-8")
        self._prepared = True


def cache_directory(explicit: Path | None, root: Path) -> Path:
    """``--cache-dir``, else ``$CIO_LINT_CACHE_DIR``, else ``.cio_lint_cache`` in the root."""
    if explicit is not None:
        return explicit
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment)
    return root / DIRECTORY_NAME


def cached_analyzer(analyze: Analyzer, cache: Cache | None) -> Analyzer:
    """``analyze``, answering from ``cache`` where it can and filling it with the rest."""
    if cache is None:
        return analyze

    def cached(batch: Batch) -> list[FileResult]:
        keys = [
            None if unit.from_stdin else Cache.key(
                unit.data or b"", unit.source.display, unit.module_name, unit.is_package,
                external, unit.config.fingerprint(), unit.codes)
            for unit, external in batch
        ]
        found: list[FileResult | None] = [cache.get(key) if key else None for key in keys]
        missing = [i for i, hit in enumerate(found) if hit is None]
        for index, fresh in zip(missing, analyze([batch[i] for i in missing])):
            key = keys[index]
            if key is not None:
                cache.put(key, fresh)
            found[index] = fresh
        return [hit for hit in found if hit is not None]

    return cached


# -- JSON encoding of results (tuples tagged, so facts come back exactly) -----------------

#: What reading a damaged, truncated or foreign entry can raise: all mean "no entry".
_BAD_ENTRY = (
    OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError,
)


def _fact_json(value: FactValue) -> Any:
    """A fact's key or value as JSON: a tuple is tagged so it does not come back a list."""
    if isinstance(value, tuple):
        return {"t": [_fact_json(item) for item in value]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a fact cannot hold a {type(value).__name__}")


def _fact_value(value: Any) -> FactValue:
    """The inverse of ``_fact_json``; anything else is a damaged entry."""
    if isinstance(value, dict) and isinstance(value["t"], list):
        return tuple(_fact_value(item) for item in value["t"])
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"unexpected cached value {value!r}")


def _position(position: Position) -> list[int]:
    return [position.line, position.column]


def _at(value: list[int]) -> Position:
    line, column = value
    return Position(int(line), int(column))


def _finding_document(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "safe": finding.fix.safe,
            "description": finding.fix.description,
            "edits": [[_position(e.start), _position(e.end), e.replacement]
                      for e in finding.fix.edits],
        }
    return {
        "code": finding.code, "name": finding.name, "severity": finding.severity.value,
        "path": finding.path, "start": _position(finding.start), "end": _position(finding.end),
        "message": finding.message, "wrong": finding.wrong, "correct": finding.correct,
        "fix": fix, "lines": list(finding.suppression_lines),
    }


def _finding(document: dict[str, Any]) -> Finding:
    fix = None
    if document["fix"] is not None:
        fix = Fix(
            tuple(Edit(_at(start), _at(end), str(text))
                  for start, end, text in document["fix"]["edits"]),
            bool(document["fix"]["safe"]),
            str(document["fix"]["description"]),
        )
    return Finding(
        code=str(document["code"]), name=str(document["name"]),
        severity=Severity(document["severity"]), path=str(document["path"]),
        start=_at(document["start"]), end=_at(document["end"]),
        message=str(document["message"]), wrong=str(document["wrong"]),
        correct=str(document["correct"]), fix=fix,
        suppression_lines=tuple(int(n) for n in document["lines"]),
    )


def _document(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "findings": [_finding_document(f) for f in result.findings],
        "suppressed": [_finding_document(f) for f in result.suppressed],
        "facts": [
            {"rule": f.rule, "key": _fact_json(f.key), "value": _fact_json(f.value),
             "path": f.path,
             "start": _position(f.start), "end": _position(f.end), "wrong": f.wrong,
             "project": f.project}
            for f in result.facts
        ],
        "exports": {name: [c.kind.value, c.factory] for name, c in result.exports.items()},
        "reexports": result.reexports,
        "project_imports": sorted(result.project_imports),
        "suppressions": [
            [s.line, s.column, sorted(s.codes) if s.codes is not None else None, s.text]
            for items in result.suppressions.values() for s in items
        ],
        "module_name": result.module_name,
        "parsed": result.parsed,
        "lines": {str(n): text for n, text in result.lines.items()},
    }


def _result(document: dict[str, Any]) -> FileResult:
    result = FileResult(str(document["path"]), module_name=str(document["module_name"]))
    result.findings = [_finding(f) for f in document["findings"]]
    result.suppressed = [_finding(f) for f in document["suppressed"]]
    result.facts = [
        Fact(str(f["rule"]), _fact_value(f["key"]), _fact_value(f["value"]), str(f["path"]),
             _at(f["start"]), _at(f["end"]), str(f["wrong"]), str(f["project"]))
        for f in document["facts"]
    ]
    result.exports = {
        str(name): ExternalClient(ClientKind(kind), bool(factory))
        for name, (kind, factory) in document["exports"].items()
    }
    result.reexports = {str(k): str(v) for k, v in document["reexports"].items()}
    result.project_imports = frozenset(str(i) for i in document["project_imports"])
    for line, column, codes, text in document["suppressions"]:
        suppression = Suppression(int(line), int(column),
                                  frozenset(codes) if codes is not None else None, str(text))
        result.suppressions.setdefault(suppression.line, []).append(suppression)
    result.parsed = bool(document["parsed"])
    result.lines = {int(n): str(text) for n, text in document["lines"].items()}
    result.errors = []
    return result

