"""Every rule's documentation for a report, loaded when the report first reads it: only
SARIF's rule table does, so a replayed run reported in any other format loads no rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cio_lint.core.rule_doc import RuleDoc


class RuleDocs(Mapping[str, "RuleDoc"]):
    """``rules.rule_docs()``, asked for on first use."""

    def __init__(self) -> None:
        self._docs: dict[str, RuleDoc] | None = None

    def _loaded(self) -> dict[str, RuleDoc]:
        if self._docs is None:
            from cio_lint.rules import rule_docs

            self._docs = rule_docs()
        return self._docs

    def __getitem__(self, code: str) -> RuleDoc:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())
