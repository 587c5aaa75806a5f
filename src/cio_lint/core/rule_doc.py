"""A rule's documentation as reports show it: kept apart from ``results`` because only
reports that describe rules (SARIF's rule table, the rules reference) need it."""

from __future__ import annotations

from dataclasses import dataclass

from cio_lint.core.rule_meta import Severity


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation as reports show it (SARIF's rule table, say)."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    wrong_example: str
    correct_example: str
    fix_safety: str
    default_enabled: bool
    node_wrong_example: str | None = None
    node_correct_example: str | None = None
    #: The language of the examples (a Markdown fence name).
    example_language: str = "python"
