"""Findings as LSP diagnostics: the range, severity, code with a link to the rule's
page, the message, and the chain of project functions as related locations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from cio_lint.core.findings import Finding, Related, Severity
from cio_lint.server.positions import client_range

SOURCE = "cio-lint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

#: Where a related place is, as the editor names it (None: a file it cannot open).
Locate = Callable[[Related], types.Location | None]


def diagnostic(
    finding: Finding, lines: Sequence[str], encoding: str, locate: Locate
) -> types.Diagnostic:
    """The diagnostic of ``finding`` in a document of ``lines`` (without line endings)."""
    related = [
        types.DiagnosticRelatedInformation(location, place.message)
        for place in finding.related
        if (location := locate(place)) is not None
    ]
    return types.Diagnostic(
        range=client_range(lines, finding.start, finding.end, encoding),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=finding.docs_url),
        source=SOURCE,
        related_information=related or None,
        data={"fixable": finding.fix is not None},
    )


def matches(finding: Finding, diagnostic: types.Diagnostic, lines: Sequence[str],
            encoding: str) -> bool:
    """Is ``diagnostic`` (sent back by the editor with a request) this finding's?"""
    return (
        diagnostic.source == SOURCE
        and diagnostic.code == finding.code
        and diagnostic.range == client_range(lines, finding.start, finding.end, encoding)
    )
