"""Cache entries as JSON, and the checks an entry must pass against the file it describes.

Tuples are tagged so facts come back exactly. Decoding is defensive: whatever an
entry holds, reading it gives a ``FileResult`` or raises one of ``BAD_ENTRY``. A
decoded result is used only when it ``fits`` the current file: the digest it
records is the file's, every position lies within the file's lines and every code
is a rule this version knows. A related location may lie in another file: only its
own file's positions can be checked against the file's lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cio_lint.analysis.summary_json import decode, encode
from cio_lint.core.facts import Fact, FactValue
from cio_lint.core.finding_json import (
    finding_document,
    finding_of,
    position_list,
    position_of,
)
from cio_lint.core.findings import Finding, Position
from cio_lint.core.secrets import SecretLiteral
from cio_lint.engine.cache_version import FORMAT
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.suppressions import Suppression
from cio_lint.rules import REGISTRY

#: What reading a damaged, truncated or foreign entry can raise: all mean "no entry".
BAD_ENTRY = (
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


def document_of(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "findings": [finding_document(f) for f in result.findings],
        "suppressed": [finding_document(f) for f in result.suppressed],
        "facts": [
            {"rule": f.rule, "key": _fact_json(f.key), "value": _fact_json(f.value),
             "path": f.path,
             "start": position_list(f.start), "end": position_list(f.end), "wrong": f.wrong,
             "project": f.project}
            for f in result.facts
        ],
        "exports": {name: encode(k) for name, k in result.exports.items()},
        "reexports": result.reexports,
        "project_imports": sorted(result.project_imports),
        "suppressions": [
            [s.line, s.column, sorted(s.codes) if s.codes is not None else None, s.text,
             s.whole_file]
            for items in result.suppressions.values() for s in items
        ],
        "module_name": result.module_name,
        "module_aliases": list(result.module_aliases),
        "parsed": result.parsed,
        "uses_sdk": result.uses_sdk,
        "lines": {str(n): text for n, text in result.lines.items()},
    }


def result_of(document: dict[str, Any]) -> FileResult:
    result = FileResult(str(document["path"]), module_name=str(document["module_name"]))
    result.findings = [finding_of(f) for f in document["findings"]]
    result.suppressed = [finding_of(f) for f in document["suppressed"]]
    result.facts = [
        Fact(str(f["rule"]), _fact_value(f["key"]), _fact_value(f["value"]), str(f["path"]),
             position_of(f["start"]), position_of(f["end"]), str(f["wrong"]), str(f["project"]))
        for f in document["facts"]
    ]
    result.exports = {
        str(name): decode(knowledge) for name, knowledge in document["exports"].items()
    }
    result.reexports = {str(k): str(v) for k, v in document["reexports"].items()}
    result.project_imports = frozenset(str(i) for i in document["project_imports"])
    for line, column, codes, text, whole_file in document["suppressions"]:
        suppression = Suppression(int(line), int(column),
                                  frozenset(codes) if codes is not None else None, str(text),
                                  whole_file=bool(whole_file))
        result.suppressions.setdefault(suppression.line, []).append(suppression)
    result.module_aliases = tuple(str(name) for name in document["module_aliases"])
    result.parsed = bool(document["parsed"])
    result.uses_sdk = bool(document["uses_sdk"])
    result.lines = {int(n): str(text) for n, text in document["lines"].items()}
    result.errors = []
    return result



def encode_entry(key: str, result: FileResult, digest: str, sealed: str = "") -> bytes:
    """An entry's JSON, recording the ``digest`` of the file it describes and the result's
    credential literals as ``cache_sealing`` sealed them (never the literals themselves).

    Raises ``TypeError``/``ValueError``/``RecursionError`` for a result JSON cannot hold.
    """
    return json.dumps({
        "format": FORMAT, "key": key, "digest": digest, "result": document_of(result),
        "secrets": sealed,
    }).encode("utf-8")


def decode_entry(key: str, body: bytes, digest: str, lines: int,
                 unseal: Callable[[str], list[SecretLiteral]]) -> FileResult | None:
    """The result an entry holds, or None unless it is this key's and fits the file whose
    bytes have ``digest`` and ``lines`` lines; ``unseal`` opens the sealed credential
    literals."""
    try:
        document = json.loads(body.decode("utf-8"))
        if (
            document.get("format") != FORMAT or document.get("key") != key
            or document.get("digest") != digest
        ):
            return None
        result = result_of(document["result"])
        result.secrets = unseal(str(document["secrets"]))
    except BAD_ENTRY:
        return None
    return result if fits(result, lines) else None



def fits(result: FileResult, last: int) -> bool:
    """Whether every code is a known rule and every position lies within the file's
    ``last`` lines."""
    findings = [*result.findings, *result.suppressed]
    if any(finding.code not in REGISTRY for finding in findings):
        return False
    positions = [point for finding in findings for point in _finding_positions(finding)]
    positions += [point for fact in result.facts for point in (fact.start, fact.end)]
    elsewhere = [point for finding in findings for point in _related_elsewhere(finding)]
    lines = [*result.lines, *(n for f in findings for n in f.suppression_lines),
             *(s.line for items in result.suppressions.values() for s in items)]
    return (all(1 <= p.line <= last and p.column >= 0 for p in positions)
            and all(p.line >= 1 and p.column >= 0 for p in elsewhere)
            and all(1 <= line <= last for line in lines))


def _finding_positions(finding: Finding) -> list[Position]:
    """The positions of ``finding`` in its own file: its span, its fix's edits and the
    related locations in the same file."""
    edits = finding.fix.edits if finding.fix is not None else ()
    here = [r for r in finding.related if r.path == finding.path]
    return [finding.start, finding.end, *(p for edit in edits for p in (edit.start, edit.end)),
            *(p for r in here for p in (r.start, r.end))]


def _related_elsewhere(finding: Finding) -> list[Position]:
    """Positions of related locations in other files, which this entry cannot check
    against their lines (another file's entry describes them)."""
    return [p for r in finding.related if r.path != finding.path for p in (r.start, r.end)]

