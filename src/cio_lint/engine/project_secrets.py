"""Secrets are project-wide: one found in any file of a run is masked in every file's output.

A key written in settings.py and repeated in app.py (a comment, a test call) must not
show in app.py's report, its cache entry or a diff of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cio_lint.core.results import RunResult
from cio_lint.core.secrets import SecretLiteral, mask_secrets, secret_values
from cio_lint.engine.file_run import Analyzer, Batch, FileResult
from cio_lint.engine.quoting import redact_finding


class ProjectSecrets:
    """The secrets found so far in any file of a run, masked in every file's output.

    ``analyzer`` wraps the run's analyser so a result is masked with every secret known
    when it is made (a key written in settings.py and repeated in app.py), before the
    cache stores it; ``mask_run`` masks the whole run once every file is in.
    """

    def __init__(self) -> None:
        self.found: list[SecretLiteral] = []

    def analyzer(self, analyze: Analyzer) -> Analyzer:
        def masking(batch: Batch) -> list[FileResult]:
            results = analyze(batch)
            self.found.extend(secret for result in results for secret in result.secrets)
            values = secret_values(self.found)
            return [_redact_result(result, values) for result in results]

        return masking

    def mask_run(self, run: RunResult) -> None:
        """Mask every finding and quoted line of ``run``; hand the secrets to reporters
        (for the fixes' text, which ``--fix`` needs real)."""
        run.secrets = secret_values(self.found)
        if not run.secrets:
            return
        run.findings = [redact_finding(finding, run.secrets) for finding in run.findings]
        run.suppressed = [redact_finding(finding, run.secrets) for finding in run.suppressed]
        run.lines = {path: _masked_lines(lines, run.secrets) for path, lines in run.lines.items()}


def _redact_result(result: FileResult, values: Sequence[str]) -> FileResult:
    """``result`` with ``values`` masked in everything it shows or caches."""
    if not values:
        return result
    result.findings = [redact_finding(finding, values) for finding in result.findings]
    result.suppressed = [redact_finding(finding, values) for finding in result.suppressed]
    result.facts = [replace(fact, wrong=mask_secrets(fact.wrong, values)) for fact in result.facts]
    result.lines = _masked_lines(result.lines, values)
    return result


def _masked_lines(lines: dict[int, str], values: Sequence[str]) -> dict[int, str]:
    return {number: mask_secrets(line, values, keep_width=True) for number, line in lines.items()}
