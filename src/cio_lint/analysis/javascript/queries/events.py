"""The JavaScript/TypeScript answers to ``EventQueries`` (analysis/events.py)."""

from __future__ import annotations

from collections.abc import Collection

from cio_lint.analysis.events import (
    BuiltName,
    EventName,
    PersonalData,
)
from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node


class JsEventQueries(JsQueriesBase):
    def event_names(self) -> list[EventName]:
        return []

    def built_name(self, event: EventName) -> BuiltName | None:
        return None

    def personal_data_in_name(self, event: EventName) -> list[PersonalData]:
        return []

    def fixed_name_rewrite(
        self, event: EventName, built: BuiltName, drop: Collection[Node] = ()
    ) -> str | None:
        return None

    def quoted_like(self, literal: Node | None, text: str) -> str:
        return ""
