"""CIO101 wrong-api-key: a Track key where the App key belongs, or the reverse."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.credentials import CredentialRole


#: Which roles each slot must never receive.
@cache
def _wrong_for_slot() -> dict[CredentialRole, set[CredentialRole]]:
    from cio_lint.analysis.credentials import CredentialRole

    return {
        CredentialRole.APP_KEY: {
            CredentialRole.TRACK_KEY, CredentialRole.WRITE_KEY, CredentialRole.SITE_ID
        },
        CredentialRole.TRACK_KEY: {CredentialRole.APP_KEY, CredentialRole.WRITE_KEY},
        CredentialRole.WRITE_KEY: {CredentialRole.TRACK_KEY, CredentialRole.APP_KEY},
    }


@cache
def _consequence() -> dict[CredentialRole, str]:
    from cio_lint.analysis.credentials import CredentialRole

    return {
        CredentialRole.APP_KEY: "App API calls get 401",
        CredentialRole.TRACK_KEY: "Track calls get 401",
        CredentialRole.WRITE_KEY: "Data Pipelines rejects it",
    }


@cache
def _role_word() -> dict[CredentialRole, str]:
    from cio_lint.analysis.credentials import CredentialRole

    return {
        CredentialRole.TRACK_KEY: "TRACK",
        CredentialRole.APP_KEY: "APP",
        CredentialRole.WRITE_KEY: "WRITE",
    }


class WrongApiKey(Rule):
    code = "CIO101"
    name = "wrong-api-key"
    severity = Severity.ERROR
    summary = (
        "The Track API key given to the App client, the App key to the Track client, or "
        "either as the Pipelines write key."
    )
    why = (
        "Customer.io has separate credentials: the Track API uses HTTP Basic auth with the "
        "Site ID and Track API key, the App API uses a Bearer App API key, and Data Pipelines "
        "a source write key. They are not interchangeable: the wrong one gives 401 in "
        "production, and every event or message of that client is lost. "
        "Key names are read from "
        "environment lookups (`os.environ`, `process.env.X`, `import.meta.env.X`, t3-env "
        "`env.X`), settings (`config.get(\"X\")`, `Env.get(\"X\")`, "
        "`functions.config().customerio.app_key`), destructured `process.env` and the locals "
        "assigned from them."
    )
    wrong_example = (
        "import os\n"
        "from customerio import APIClient\n\n"
        'api = APIClient(os.environ["CUSTOMERIO_TRACK_API_KEY"])\n'
    )
    correct_example = (
        "import os\n"
        "from customerio import APIClient\n\n"
        'api = APIClient(os.environ["CUSTOMERIO_APP_API_KEY"])\n'
    )
    node_wrong_example = (
        'import { APIClient } from "customerio-node";\n\n'
        "const api = new APIClient(process.env.CUSTOMERIO_TRACK_API_KEY!);\n"
    )
    node_correct_example = (
        'import { APIClient } from "customerio-node";\n\n'
        "const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!);\n"
    )
    correct_pattern = 'APIClient(os.environ["CUSTOMERIO_APP_API_KEY"])'
    config_keys = ("track-key-patterns", "app-key-patterns")

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.credentials import role_of_names

        for use in ctx.model.credential_uses():
            if use.slot not in _wrong_for_slot():
                continue
            judged = role_of_names(ctx.model.credential_names(use), ctx.config)
            if judged is None:
                continue
            role, name = judged
            if role not in _wrong_for_slot()[use.slot]:
                continue
            ctx.report(
                self,
                use.value,
                f"`{clip(name)}` ({_article(role.value)}) is passed as the {use.slot.value}: "
                f"{_consequence()[use.slot]}",
                correct=_rename(ctx.model.code(use.value), name, role, use.slot),
                anchor=use.anchor,
            )


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _rename(source: str, name: str, role: CredentialRole, slot: CredentialRole) -> str:
    """The same expression with the key name pointing at the right credential."""
    wrong = _role_word().get(role)
    right = _role_word().get(slot)
    if wrong is None or right is None:
        return source
    pattern = re.compile(wrong, re.IGNORECASE)
    match = pattern.search(name)
    if match is None:
        return source
    found = match.group(0)
    replacement = right if found.isupper() else right.lower() if found.islower() else (
        right.capitalize()
    )
    return source.replace(name, name[: match.start()] + replacement + name[match.end():])


RULE = WrongApiKey()
