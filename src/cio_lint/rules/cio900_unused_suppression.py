"""CIO900 unused-suppression: a ``# noqa: CIO...`` that suppresses nothing."""

from __future__ import annotations

from cio_lint.core.findings import Severity
from cio_lint.rules.base import LintContext, Rule


class UnusedSuppression(Rule):
    code = "CIO900"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = (
        "A `# noqa: CIO...` or `# cio-lint: ignore[...]` comment that suppressed nothing, "
        "or names an unknown cio-lint code."
    )
    why = (
        "A stale suppression hides the next real mistake on that line: when the code is "
        "edited and the same problem comes back, nobody is told. An unknown code is usually "
        "a typo, so the finding it meant to silence is still reported. Only cio-lint codes "
        "of selected rules are judged: bare `# noqa` and other tools' codes are left alone."
    )
    wrong_example = (
        "cio.identify(id=user.id, created_at=int(time.time()))  # noqa: CIO201\n"
    )
    correct_example = "cio.identify(id=user.id, created_at=int(time.time()))\n"
    correct_pattern = "remove the unused code from the comment"

    def check(self, ctx: LintContext) -> None:
        """Judged after every rule ran, over the whole run (see ``suppress.unused``)."""


RULE = UnusedSuppression()
