"""Hover on a flagged range: what is wrong here, why it matters, and the correct code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cio_lint.core.findings import Finding
from cio_lint.engine.units import is_javascript
from cio_lint.rules import REGISTRY


def hover_text(findings: Sequence[Finding], path: Path) -> str:
    """Markdown for the findings under the cursor, one section each."""
    return "\n\n---\n\n".join(_section(finding, path) for finding in findings)


def _section(finding: Finding, path: Path) -> str:
    parts = [f"**{finding.code}** `{finding.name}` ({finding.severity.value})", finding.message]
    if finding.wrong and finding.correct:
        parts.append(f"Here: `{finding.wrong}` → `{finding.correct}`")
    rule = REGISTRY.get(finding.code)
    if rule is not None:
        language, wrong, correct = rule.example_language, rule.wrong_example, rule.correct_example
        if is_javascript(path) and rule.node_wrong_example and rule.node_correct_example:
            language, wrong, correct = (
                "typescript", rule.node_wrong_example, rule.node_correct_example)
        parts.append(rule.why)
        parts.append(f"Wrong:\n```{language}\n{wrong.rstrip()}\n```")
        parts.append(f"Correct:\n```{language}\n{correct.rstrip()}\n```")
    parts.append(f"[{finding.code} documentation]({finding.docs_url})")
    return "\n\n".join(parts)
