"""CIO103 hardcoded-credential: a literal Site ID, API key or write key in source."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.credentials import CredentialRole


@cache
def _env_name() -> dict[CredentialRole, str]:
    from cio_lint.analysis.credentials import CredentialRole

    return {
        CredentialRole.SITE_ID: "CUSTOMERIO_SITE_ID",
        CredentialRole.TRACK_KEY: "CUSTOMERIO_TRACK_API_KEY",
        CredentialRole.APP_KEY: "CUSTOMERIO_APP_API_KEY",
        CredentialRole.WRITE_KEY: "CUSTOMERIO_WRITE_KEY",
    }


class HardcodedCredential(Rule):
    code = "CIO103"
    name = "hardcoded-credential"
    severity = Severity.ERROR
    summary = (
        "A string literal passed as site_id, api_key, the APIClient key or a Pipelines "
        "write key."
    )
    why = (
        "A key in source ends up in version control, CI logs and every clone: anyone who reads "
        "it can write to your workspace (Track), send messages as you (App) or poison your "
        "data. A placeholder left in place fails with 401 in production. Read the real value "
        "from the environment or a secret store. cio-lint never prints the secret: at most "
        "its first four characters are shown. "
        "In Node, also a literal fallback "
        "(`process.env.X || \"...\"`); browser and React Native write keys "
        "(`AnalyticsBrowser.load`, `CustomerIO.initialize`) are public by design and not "
        "reported."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        'cio = CustomerIO("5e1a2b3c4d", "f0e9d8c7b6a5")\n'
    )
    correct_example = (
        "import os\n"
        "from customerio import CustomerIO\n\n"
        'cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], '
        'os.environ["CUSTOMERIO_TRACK_API_KEY"])\n'
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        'const cio = new TrackClient("5e1a2b3c4d", "f0e9d8c7b6a5");\n'
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(\n"
        "  process.env.CUSTOMERIO_SITE_ID!,\n"
        "  process.env.CUSTOMERIO_TRACK_API_KEY!,\n"
        ");\n"
    )
    correct_pattern = 'os.environ["CUSTOMERIO_TRACK_API_KEY"]'

    def check(self, ctx: LintContext) -> None:
        from cio_lint.core.secrets import is_placeholder, mask

        for use in ctx.model.credential_uses():
            secret = ctx.model.credential_literal(use)
            if secret is None:
                continue
            shown = f'"{mask(secret)}"'
            env = ctx.model.environment_lookup_text(_env_name()[use.slot])
            if is_placeholder(secret):
                message = (
                    f"placeholder {shown} where the {use.slot.value} belongs: Customer.io "
                    "answers 401"
                )
            else:
                message = (
                    f"hard-coded {use.slot.value} {shown} in source: anyone with the code "
                    "has the credential"
                )
            ctx.report(
                self, use.value, message, correct=env, anchor=use.anchor, wrong=shown
            )


RULE = HardcodedCredential()
