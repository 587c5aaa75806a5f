"""Secrets are project-wide: one found in any file of a run is masked in every file's output.

A key written in settings.py and repeated in app.py (a comment, a test call) must not
show in app.py's report, its cache entry or a diff of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cio_lint.core.facts import Fact
from cio_lint.core.findings import Finding
from cio_lint.core.secrets import SecretLiteral, mask_secrets, secret_values
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.quoting import redact_finding


class ProjectSecrets:
    """The secrets found so far in any file of a run, masked in every file's output.

    ``analyzer`` wraps the run's analyser so a result is masked with every secret known
    when it is made (a key written in settings.py and repeated in app.py), before the
    cache stores it; ``mask_results`` masks again, once every file is in, the results
    made before the last secret was found (a result records what it was masked with,
    so one masked already is never masked twice: an editor's warm project asks after
    every keystroke).
    """

    def __init__(self) -> None:
        self.found: list[SecretLiteral] = []
        #: Findings masked by ``mask_findings``, by slot and identity (each kept with its
        #: original, so the identity stays its own).
        self._masked: dict[str, dict[int, tuple[Finding, Finding]]] = {}
        self._masked_with: tuple[str, ...] = ()

    def analyzer(self, analyze: Analyzer) -> Analyzer:
        def masking(batch: Batch) -> list[FileResult]:
            results = analyze(batch)
            self.found.extend(secret for result in results for secret in result.secrets)
            values = secret_values(self.found)
            return [_redact_result(result, values) for result in results]

        return masking

    def values(self) -> tuple[str, ...]:
        """Every secret found so far, as ``mask_secrets`` takes them."""
        return secret_values(self.found)

    def mask_results(self, results: Sequence[FileResult]) -> tuple[str, ...]:
        """Mask each of ``results`` with every secret of the run; those secrets (for
        reporters: fix edits hold the real text, which ``--fix`` needs)."""
        values = self.values()
        for result in results:
            _redact_result(result, values)
        return values

    def mask_findings(self, findings: Sequence[Finding], values: tuple[str, ...],
                      slot: str = "") -> list[Finding]:
        """``findings`` made from several files (project rules, CIO900), masked. The same
        finding judged again in the same ``slot`` (a warm project's project rules, kept
        while their facts stay the same) is masked once."""
        if not values:
            return list(findings)
        known = self._masked.get(slot, {}) if values == self._masked_with else {}
        used: dict[int, tuple[Finding, Finding]] = {}
        for finding in findings:
            kept = known.get(id(finding))
            if kept is None or kept[0] is not finding:
                kept = (finding, redact_finding(finding, values))
            used[id(finding)] = kept
        if values != self._masked_with:
            self._masked.clear()
            self._masked_with = values
        self._masked[slot] = used
        return [used[id(finding)][1] for finding in findings]


def _redact_result(result: FileResult, values: tuple[str, ...]) -> FileResult:
    """``result`` with ``values`` masked in everything it shows or caches."""
    if not values or result.masked_with == values:
        return result
    result.masked_with = values
    result.findings = [redact_finding(finding, values) for finding in result.findings]
    result.suppressed = [redact_finding(finding, values) for finding in result.suppressed]
    result.facts = [_masked_fact(fact, values) for fact in result.facts]
    result.lines = _masked_lines(result.lines, values)
    return result


def _masked_fact(fact: Fact, values: Sequence[str]) -> Fact:
    wrong = mask_secrets(fact.wrong, values)
    return fact if wrong == fact.wrong else replace(fact, wrong=wrong)


def _masked_lines(lines: dict[int, str], values: Sequence[str]) -> dict[int, str]:
    return {number: mask_secrets(line, values, keep_width=True) for number, line in lines.items()}
