"""Code actions on findings: apply a fix, fix everything safe in the file, add a
suppression comment, open the rule's page.

Every edit is computed from the text that was linted and checked to parse before it is
offered; the editor applies it only if the user accepts it, and only to that version of
the document. The server itself never writes a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lsprotocol import types

from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.findings import Finding
from cio_lint.engine.edits import apply_edits
from cio_lint.engine.fixing import FileFix, add_noqa
from cio_lint.engine.units import Unit
from cio_lint.rules.cio000_unparsable_file import RULE as UNPARSABLE
from cio_lint.server.diagnostics import diagnostic, matches
from cio_lint.server.document import Document, minimal_edit, workspace_edit

#: The kind of "fix every safe fix in this file", for ``editor.codeActionsOnSave``.
FIX_ALL = "source.fixAll.cio-lint"
OPEN_RULE_PAGE = "cio-lint.openRulePage"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)


@dataclass(frozen=True)
class ActionRequest:
    """What the actions of one request are made from."""

    document: Document
    #: The document's findings, as linted from ``document.text``.
    findings: Sequence[Finding]
    #: The document's unit (its configuration and what other modules tell it).
    unit: Unit
    encoding: str
    #: May edits name the document's version (``documentChanges``)?
    versioned: bool
    #: Fixes of a file computed with the run's settings (``LintSession.fixes`` alike).
    fix_file: Callable[[Sequence[Unit], Sequence[Finding]], list[FileFix]]


def code_actions(request: ActionRequest, params: types.CodeActionParams) -> list[types.CodeAction]:
    """The actions for the findings under ``params.range`` (or those the editor sent)."""
    only = params.context.only
    actions: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        for finding in _findings_at(request, params):
            actions.extend(_for_finding(request, finding))
    if _wanted(FIX_ALL, only) or (only is None and actions):
        fix_all = _fix_all(request)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Does the editor ask for ``kind`` (a parent kind, ``source``, asks for it too)?"""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def _findings_at(request: ActionRequest, params: types.CodeActionParams) -> list[Finding]:
    document, encoding = request.document, request.encoding
    sent = params.context.diagnostics
    if sent:
        return [f for f in request.findings
                if any(matches(f, d, document.lines, encoding) for d in sent)]
    wanted = params.range
    chosen = []
    for finding in request.findings:
        shown = diagnostic(finding, document.lines, encoding, lambda _: None).range
        if (shown.start.line, shown.start.character) <= (wanted.end.line, wanted.end.character) \
                and (wanted.start.line, wanted.start.character) <= (
                    shown.end.line, shown.end.character):
            chosen.append(finding)
    return chosen


def _for_finding(request: ActionRequest, finding: Finding) -> list[types.CodeAction]:
    document, encoding = request.document, request.encoding
    shown = [diagnostic(finding, document.lines, encoding, lambda _: None)]
    actions = []
    if finding.fix is not None:
        fixed, applied = apply_edits(document.text, [finding])
        display = request.unit.source.display
        if applied and frontend_for(display).syntax_error(fixed, path=display) is None:
            safety = "" if finding.fix.safe else " (unsafe)"
            actions.append(types.CodeAction(
                title=f"Fix {finding.code}: {finding.fix.description}{safety}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=shown,
                is_preferred=finding.fix.safe,
                edit=workspace_edit(document, minimal_edit(document, fixed, encoding),
                                    request.versioned),
            ))
    if finding.code != UNPARSABLE.code:
        commented = _changed(add_noqa([request.unit], [finding]))
        if commented is not None:
            actions.append(types.CodeAction(
                title=f"Suppress {finding.code} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=shown,
                edit=workspace_edit(document, minimal_edit(document, commented, encoding),
                                    request.versioned),
            ))
    actions.append(types.CodeAction(
        title=f"Open the {finding.code} rule page",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=shown,
        command=types.Command(f"Open the {finding.code} rule page", OPEN_RULE_PAGE,
                              arguments=[finding.docs_url]),
    ))
    return actions


def _fix_all(request: ActionRequest) -> types.CodeAction | None:
    """Every safe fix of the file at once (re-linted between rounds, as ``--fix`` does)."""
    if not any(f.fix is not None and f.fix.safe for f in request.findings):
        return None
    fixed = _changed(request.fix_file([request.unit], request.findings))
    if fixed is None:
        return None
    document = request.document
    return types.CodeAction(
        title="Fix all safe cio-lint findings in this file",
        kind=FIX_ALL,
        edit=workspace_edit(document, minimal_edit(document, fixed, request.encoding),
                            request.versioned),
    )


def _changed(fixes: Sequence[FileFix]) -> str | None:
    """The new text, when the one file's change succeeded and changed something."""
    for fix in fixes:
        if fix.error is None and fix.changed:
            return fix.fixed
    return None
