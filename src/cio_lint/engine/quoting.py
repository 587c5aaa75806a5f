"""What of a file's source a report may show: the lines findings point at, secrets masked.

Findings and quoted lines leave the analysis here, so this is where every
credential literal the analysis found is masked before anything is printed,
cached or written to a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cio_lint.core.findings import Finding
from cio_lint.core.lines import lines_without_ends
from cio_lint.core.secrets import SecretLiteral, mask_line, mask_secrets, secret_values

#: A finding spanning many lines quotes only its first few (and its last, where the
#: span ends).
MAX_QUOTED_LINES = 6


def redact_finding(finding: Finding, secrets: Sequence[SecretLiteral | str]) -> Finding:
    """``finding`` with every secret masked in the texts it shows (its related locations'
    messages quote code too).

    The fix's edits are kept as they are: ``--fix`` writes them into the file, so they
    must hold the real text; reporters show them through ``mask_fix``.
    """
    # The texts to mask, once for the five or more texts of the finding.
    values = secrets if type(secrets) is tuple else secret_values(secrets)
    if not values:
        return finding
    fix = finding.fix
    if fix is not None:
        description = mask_secrets(fix.description, values)
        fix = fix if description is fix.description else replace(fix, description=description)
    message = mask_secrets(finding.message, values)
    wrong = mask_secrets(finding.wrong, values)
    correct = mask_secrets(finding.correct, values)
    related = tuple(
        related if (masked := mask_secrets(related.message, values)) is related.message
        else replace(related, message=masked)
        for related in finding.related
    )
    if (message, wrong, correct, fix) == (finding.message, finding.wrong, finding.correct,
                                          finding.fix) and related == finding.related:
        # Nothing to mask: the finding itself, so a run holds one copy of it.
        return finding
    return replace(finding, message=message, wrong=wrong, correct=correct, fix=fix,
                   related=related)


def quoted_lines(
    source: str, spans: Sequence[tuple[int, int]], secrets: Sequence[SecretLiteral]
) -> dict[int, str]:
    """The source lines of each (first, last) span, its first few and its last, each secret
    literal masked by its span (nothing else on the line changes) and any secret value
    repeated elsewhere on it (a comment) masked too."""
    all_lines = lines_without_ends(source)
    wanted: set[int] = set()
    for first, last in spans:
        wanted.update(range(first, min(last, first + MAX_QUOTED_LINES - 1) + 1))
        wanted.add(last)
    return {
        number: mask_line(number, all_lines[number - 1], secrets)
        for number in sorted(wanted)
        if 0 < number <= len(all_lines)
    }
