"""Findings as JSON and back: a cache entry's and a run record's findings. Decoding is
strict (a damaged document raises ``KeyError``/``TypeError``/``ValueError``, never returns
half a finding)."""

from __future__ import annotations

from typing import Any

from cio_lint.core.findings import Edit, Finding, Fix, Position, Related, Severity


def position_list(position: Position) -> list[int]:
    return [position.line, position.column]


def position_of(value: list[int]) -> Position:
    line, column = value
    return Position(int(line), int(column))


def finding_document(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "safe": finding.fix.safe,
            "description": finding.fix.description,
            "edits": [[position_list(e.start), position_list(e.end), e.replacement]
                      for e in finding.fix.edits],
        }
    return {
        "code": finding.code, "name": finding.name, "severity": finding.severity.value,
        "path": finding.path,
        "start": position_list(finding.start), "end": position_list(finding.end),
        "message": finding.message, "wrong": finding.wrong, "correct": finding.correct,
        "fix": fix, "lines": list(finding.suppression_lines),
        "related": [[r.path, position_list(r.start), position_list(r.end), r.message]
                    for r in finding.related],
    }


def finding_of(document: dict[str, Any]) -> Finding:
    fix = None
    if document["fix"] is not None:
        fix = Fix(
            tuple(Edit(position_of(start), position_of(end), str(text))
                  for start, end, text in document["fix"]["edits"]),
            bool(document["fix"]["safe"]),
            str(document["fix"]["description"]),
        )
    return Finding(
        code=str(document["code"]), name=str(document["name"]),
        severity=Severity(document["severity"]), path=str(document["path"]),
        start=position_of(document["start"]), end=position_of(document["end"]),
        message=str(document["message"]), wrong=str(document["wrong"]),
        correct=str(document["correct"]), fix=fix,
        suppression_lines=tuple(int(n) for n in document["lines"]),
        related=tuple(Related(str(path), position_of(start), position_of(end), str(message))
                      for path, start, end, message in document["related"]),
    )
