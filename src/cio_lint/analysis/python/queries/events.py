"""Python answers to ``cio_lint.analysis.events.EventQueries``."""

from __future__ import annotations

from collections.abc import Collection

from cio_lint.analysis.events import BuiltName, EventName, PersonalData
from cio_lint.analysis.python import event_rewrites
from cio_lint.analysis.python.built_names import built_name
from cio_lint.analysis.python.event_names import event_names
from cio_lint.analysis.python.personal_data import personal_data_in_name
from cio_lint.analysis.python.queries.program import PythonProgramQueries
from cio_lint.analysis.python.scopes import expression, scope_of
from cio_lint.analysis.records import Node


class PythonEventQueries(PythonProgramQueries):
    """Implements ``EventQueries`` on the Python semantic model; event names passed into
    project functions that send them are event names too (``wrapper_calls``)."""

    _event_names: list[EventName] | None = None

    def event_names(self) -> list[EventName]:
        if self._event_names is None:
            calls = [*self.semantic.sdk_calls(), *self.wrapper_calls()]
            self._event_names = event_names(self.semantic, calls)
        return self._event_names

    def built_name(self, event: EventName) -> BuiltName | None:
        return built_name(
            self.semantic, expression(event.value), scope_of(event.call), event.call.order
        )

    def personal_data_in_name(self, event: EventName) -> list[PersonalData]:
        return personal_data_in_name(self.semantic, event)

    def fixed_name_rewrite(
        self, event: EventName, built: BuiltName, drop: Collection[Node] = ()
    ) -> str | None:
        return event_rewrites.fixed_name_rewrite(self.semantic, event, built, drop)

    def quoted_like(self, literal: Node | None, text: str) -> str:
        return event_rewrites.quoted_like(literal, text)
