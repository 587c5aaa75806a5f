"""The JavaScript/TypeScript answers to ``EventQueries`` (analysis/events.py)."""

from __future__ import annotations

from collections.abc import Collection

from cio_lint.analysis.events import BuiltName, EventName, PersonalData
from cio_lint.analysis.javascript import event_rewrites
from cio_lint.analysis.javascript.event_names import built_name, event_names
from cio_lint.analysis.javascript.personal_data import personal_data_in_name
from cio_lint.analysis.javascript.queries.base import scope, ts
from cio_lint.analysis.javascript.queries.program import JsProgramQueries
from cio_lint.analysis.records import Node


class JsEventQueries(JsProgramQueries):
    """Implements ``EventQueries`` from the module's SDK calls and the calls of project
    functions that send an event (``wrapper_calls``), computed once: rules key on the
    identity of the records handed out."""

    _event_names: list[EventName] | None = None

    def event_names(self) -> list[EventName]:
        if self._event_names is None:
            calls = [*self.found.methods, *self.wrapper_calls()]
            self._event_names = event_names(self.semantic, calls)
        return self._event_names

    def built_name(self, event: EventName) -> BuiltName | None:
        return built_name(
            self.semantic, ts(event.value), scope(event.call.place), event.call.order
        )

    def personal_data_in_name(self, event: EventName) -> list[PersonalData]:
        return personal_data_in_name(self.semantic, event)

    def fixed_name_rewrite(
        self, event: EventName, built: BuiltName, drop: Collection[Node] = ()
    ) -> str | None:
        return event_rewrites.fixed_name_rewrite(self.semantic, event, built, drop)

    def quoted_like(self, literal: Node | None, text: str) -> str:
        return event_rewrites.quoted_like(literal, text)
