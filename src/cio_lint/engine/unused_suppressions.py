"""CIO900: suppression comments that silenced nothing, judged once every rule has run.

Only a whole run can tell: a ``# noqa: CIO404`` may silence a finding a project
rule makes from other files' facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cio_lint.core.findings import Finding, Position
from cio_lint.core.rule_catalogue import DEFAULT_ENABLED
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.suppressions import unused_codes
from cio_lint.engine.units import Unit

UNUSED_SUPPRESSION_CODE = "CIO900"


def unused_suppressions(
    units: Sequence[Unit], results: Sequence[FileResult], suppressed: Sequence[Finding]
) -> list[Finding]:
    """CIO900 for each file whose suppression comments silenced nothing."""
    known = frozenset(DEFAULT_ENABLED)  # every code, without loading the rules
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in suppressed:
        by_path[finding.path].append(finding)
    findings = []
    for unit, file_result in zip(units, results, strict=False):
        if UNUSED_SUPPRESSION_CODE not in unit.codes or not file_result.suppressions:
            continue
        from cio_lint.rules.cio900_unused_suppression import RULE as UNUSED_SUPPRESSION

        for unused in unused_codes(file_result.suppressions, by_path[file_result.path],
                                   unit.codes, known):
            comment = unused.suppression
            findings.append(UNUSED_SUPPRESSION.finding(
                file_result.path, Position(comment.line, comment.column), comment.text,
                unused.code, unknown=unused.unknown, whole_file=comment.whole_file,
            ))
    return findings
