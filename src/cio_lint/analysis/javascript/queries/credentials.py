"""The JavaScript/TypeScript answers to ``CredentialQueries`` (analysis/credentials.py)."""

from __future__ import annotations

from cio_lint.analysis.credentials import (
    CredentialUse,
)
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.core.secrets import SecretLiteral


class JsCredentialQueries(JsQueriesBase):
    def credential_literals(self) -> list[str]:
        values = {literal.value for literal in self.secret_literals()}
        return sorted(values, key=len, reverse=True)

    def credential_uses(self) -> list[CredentialUse]:
        return []

    def credential_names(self, use: CredentialUse) -> list[str]:
        return []

    def credential_literal(self, use: CredentialUse) -> str | None:
        return None

    def secret_literals(self) -> list[SecretLiteral]:
        return []

    def environment_lookup_text(self, variable: str) -> str:
        return ""

    def track_client_text(self, site_id: str, api_key: str, *, keywords: bool) -> str:
        return ""
