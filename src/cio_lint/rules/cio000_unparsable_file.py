"""CIO000 unparsable-file: the file could not be read as its language (Python,
JavaScript or TypeScript)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.core.findings import Finding, Position


class UnparsableFile(Rule):
    code = "CIO000"
    name = "unparsable-file"
    severity = Severity.ERROR
    summary = (
        "A file that is not valid Python, JavaScript or TypeScript, or not valid text in "
        "its encoding."
    )
    why = (
        "cio-lint cannot check what it cannot parse, so any Customer.io mistake in the file "
        "would go unreported. The message gives the reason and the position, in Python's "
        "own words where it has them. A JavaScript or TypeScript file with a syntax error "
        "gets one CIO000 per damaged region and is still checked outside them. Files that "
        "mention no Customer.io name are not parsed, whether a walk finds them or the "
        "command line (pre-commit) names them: they cannot produce a finding, and cio-lint "
        "is not a syntax checker. Code read from standard input is always parsed."
    )
    wrong_example = (
        "from customerio import CustomerIOException\n\n"
        "try:\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        "except CustomerIOException as error:\n"
        '    print "customer.io failed: %s" % error  # Python 2 syntax\n'
    )
    correct_example = (
        "from customerio import CustomerIOException\n\n"
        "try:\n"
        "    cio.identify(id=user.id, email=user.email)\n"
        "except CustomerIOException as error:\n"
        '    print("customer.io failed: %s" % error)\n'
    )
    correct_pattern = "fix the file so that Python can parse it, or exclude it"
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        'cio.track(user.id, { name: "signed_up" );\n'
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(siteId, apiKey);\n"
        'cio.track(user.id, { name: "signed_up" });\n'
    )

    def check(self, ctx: LintContext) -> None:
        """Nothing to check in a file that parsed: the engine reports CIO000 when
        reading or parsing fails, through ``finding``."""

    def finding(
        self, path: str, position: Position, message: str, language: str = "Python"
    ) -> Finding:
        """The finding for a file that could not be read as ``language``, and why."""
        from cio_lint.core.findings import Finding

        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            path=path,
            start=position,
            end=position,
            message=message,
            wrong="",
            correct=self.correct_pattern.replace("Python", language),
        )


RULE = UnparsableFile()
