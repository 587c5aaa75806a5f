"""The JavaScript/TypeScript answers to ``CredentialQueries`` (analysis/credentials.py)."""

from __future__ import annotations

from functools import cached_property
from typing import cast

from cio_lint.analysis.attributes import AttributeQueries, sensitive_content
from cio_lint.analysis.credentials import CredentialUse
from cio_lint.analysis.javascript import credentials, syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import region_of_host
from cio_lint.core.findings import Position
from cio_lint.core.secrets import SecretLiteral, is_secret_value


class JsCredentialQueries(JsQueriesBase):
    def credential_literals(self) -> list[str]:
        values = {literal.value for literal in self.secret_literals()}
        return sorted(values, key=len, reverse=True)

    @cached_property
    def _credential_uses(self) -> list[CredentialUse]:
        return credentials.credential_uses(self.semantic, self.found.constructions)

    def credential_uses(self) -> list[CredentialUse]:
        return self._credential_uses

    def credential_names(self, use: CredentialUse) -> list[str]:
        return credentials.credential_names(self.semantic, use)

    def credential_literal(self, use: CredentialUse) -> str | None:
        for node in credentials.literal_nodes(self.semantic, use):
            value = syntax.string_value(node)
            if value and not (self._elsewhere(use) and not is_secret_value(value)):
                return value
        return None

    def _elsewhere(self, use: CredentialUse) -> bool:
        """The client talks to a host that is not Customer.io's (an emulator, a mock
        server): a stand-in key such as ``"wk"`` is all it needs."""
        call = use.call
        host = call.value("host") or call.value("url") if call is not None else None
        if host is None:
            return False
        return region_of_host(syntax.string_value(ts(host)) or "") is None

    @cached_property
    def _secret_literals(self) -> list[SecretLiteral]:
        nodes = [node for use in self._credential_uses
                 for node in credentials.literal_nodes(self.semantic, use)]
        entries_of = cast(AttributeQueries, self).all_entries  # a mixin of the same model
        for call in self.found.methods:
            for entry in entries_of(call):
                if sensitive_content(entry.key, entry.namespace) is not None:
                    value = self.semantic.origin(ts(entry.value), scope(call.place), call.order)
                    if value.type in syntax.STRING_TYPES:
                        nodes.append(value)
        found: dict[tuple[int, int], SecretLiteral] = {}
        for node in nodes:
            text = syntax.string_value(node)
            if not text:
                continue
            start, end = self.parsed.span(node)
            found[(node.start_byte, node.end_byte)] = SecretLiteral(
                text, self.parsed.text(node), Position(start.line, start.column),
                Position(end.line, end.column),
            )
        return [found[key] for key in sorted(found)]

    def secret_literals(self) -> list[SecretLiteral]:
        return self._secret_literals

    def environment_lookup_text(self, variable: str) -> str:
        return f"process.env.{variable}"

    def track_client_text(
        self, site_id: str, api_key: str, *, keywords: bool, call: SdkCall | None = None
    ) -> str:
        constructor = ts(call.node).child_by_field_name("constructor") if call else None
        written = self.parsed.text(constructor) if constructor is not None else "TrackClient"
        return f"new {written}({site_id}, {api_key})"
