"""Python answers to ``cio_lint.analysis.credentials.CredentialQueries``."""

from __future__ import annotations

from typing import cast

from cio_lint.analysis.attributes import AttributeQueries
from cio_lint.analysis.credentials import CredentialUse
from cio_lint.analysis.python import credentials, secret_literals
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.records import SdkCall
from cio_lint.core.secrets import SecretLiteral


class PythonCredentialQueries(PythonQueriesBase):
    """Implements ``CredentialQueries`` on the Python semantic model."""

    _credential_uses: list[CredentialUse] | None = None
    _secret_literals: list[SecretLiteral] | None = None

    def credential_uses(self) -> list[CredentialUse]:
        if self._credential_uses is None:
            self._credential_uses = credentials.credential_uses(self.semantic)
        return self._credential_uses

    def credential_names(self, use: CredentialUse) -> list[str]:
        return credentials.credential_names(self.semantic, use)

    def credential_literal(self, use: CredentialUse) -> str | None:
        return secret_literals.literal_secret(self.semantic, use)

    def secret_literals(self) -> list[SecretLiteral]:
        if self._secret_literals is None:
            entries = cast(AttributeQueries, self).all_entries  # a mixin of the same model
            self._secret_literals = secret_literals.secret_literals(self.semantic, entries)
        return self._secret_literals

    def credential_literals(self) -> list[str]:
        values = {literal.value for literal in self.secret_literals()}
        return sorted(values, key=len, reverse=True)

    def environment_lookup_text(self, variable: str) -> str:
        return f'os.environ["{variable}"]'

    def track_client_text(
        self, site_id: str, api_key: str, *, keywords: bool, call: SdkCall | None = None
    ) -> str:
        if keywords:
            return f"CustomerIO(site_id={site_id}, api_key={api_key})"
        return f"CustomerIO({site_id}, {api_key})"
