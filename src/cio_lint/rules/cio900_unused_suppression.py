"""CIO900 unused-suppression: a ``# noqa: CIO...`` that suppresses nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.core.findings import Finding, Position


class UnusedSuppression(Rule):
    code = "CIO900"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = (
        "A `# noqa: CIO...`, `# cio-lint: ignore[...]` or file-wide `# cio-lint: noqa: ...` "
        "comment that suppressed nothing, or names an unknown cio-lint code."
    )
    why = (
        "A stale suppression hides the next real mistake on that line: when the code is "
        "edited and the same problem comes back, nobody is told. An unknown code is usually "
        "a typo, so the finding it meant to silence is still reported. Only cio-lint codes "
        "of selected rules are judged: bare `# noqa` and other tools' codes are left alone. "
        "Remove the code, so the next real finding on the line is reported. "
        "A code or prefix of a file-wide `# cio-lint: noqa: CIO201, CIO3` is judged over "
        "the whole file."
    )
    wrong_example = (
        "import time\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, created_at=int(time.time()))  # noqa: CIO201\n"
    )
    correct_example = (
        "import time\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, created_at=int(time.time()))\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) }); "
        "// noqa: CIO201\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        "await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });\n"
    )
    correct_pattern = "remove the unused code from the comment"

    def check(self, ctx: LintContext) -> None:
        """Nothing to check per file: the engine judges suppressions after every rule
        ran, over the whole run, and reports them through ``finding``."""

    def finding(
        self, path: str, at: Position, comment: str, code: str, *, unknown: bool,
        whole_file: bool = False,
    ) -> Finding:
        """The finding for ``code`` in the suppression ``comment`` (which starts at ``at``)
        silencing nothing; ``unknown``: the code names no cio-lint rule at all;
        ``whole_file``: a ``# cio-lint: noqa`` comment, whose codes are prefixes."""
        from cio_lint.core.findings import Finding, Position

        where = "in this file" if whole_file else "on this line"
        what = (
            f"`{code}` is not a cio-lint rule code" if unknown
            else f"nothing {where} is reported as {code}"
        )
        return Finding(
            code=self.code, name=self.name, severity=self.severity, path=path,
            start=at, end=Position(at.line, at.column + len(comment)),
            message=f"unused suppression: {what}",
            wrong=comment,
            correct=_without(comment, code, whole_file),
            suppression_lines=(at.line,),
        )


def _without(comment: str, code: str, whole_file: bool = False) -> str:
    """The comment with ``code`` removed (or nothing, when no other code remains),
    written after the comment's own marker (``#``; ``//`` or ``/*`` in JavaScript)."""
    rest = [c for c in re.findall(r"[A-Z]+[0-9]+", comment) if c != code]
    if not rest:
        return "(remove the comment)"
    marker = _MARKER.match(comment)
    opening = marker.group(1) if marker else "#"
    if whole_file:
        return f"{opening} cio-lint: noqa: {', '.join(rest)}"
    if comment[marker.end() if marker else 0:].lstrip().startswith("cio-lint"):
        return f"{opening} cio-lint: ignore[{', '.join(rest)}]"
    return f"{opening} noqa: {', '.join(rest)}"


#: How the comment starts: ``#`` in Python, ``//`` or ``/*`` in JavaScript.
_MARKER = re.compile(r"\s*(#|//|/\*)")


RULE = UnusedSuppression()
