"""Python answers to ``cio_lint.analysis.time_values.TimeQueries``."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

import libcst as cst

from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.rewrites import has_comment, is_expression
from cio_lint.analysis.python.scopes import as_scope, expression, syntax
from cio_lint.analysis.python.time_rewrites import (
    naive_clock,
    pipelines_replacement,
    track_replacement,
)
from cio_lint.analysis.python.time_values import TimeAnalysis
from cio_lint.analysis.python.timestamp_types import TimestampTypes
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.time_values import (
    PYTHON_CONVENTIONS,
    NaiveClock,
    TimestampConventions,
    TimeUnit,
    TimeValue,
    TypedTimestamp,
)


class PythonTimeQueries(PythonQueriesBase):
    """Implements ``TimeQueries`` on the Python semantic model."""

    @cached_property
    def _times(self) -> TimeAnalysis:
        return TimeAnalysis(self.semantic)

    @cached_property
    def _timestamp_types(self) -> TimestampTypes:
        return TimestampTypes(self.semantic, self._times)

    def timestamp_conventions(self) -> TimestampConventions:
        return PYTHON_CONVENTIONS

    def time_value(self, node: Node, place: Place, order: int | None) -> TimeValue | None:
        found = self._times.classify(expression(node), as_scope(place), order)
        if found is None or found.unit is TimeUnit.SECONDS:
            return None
        if found.seconds is not None and not is_expression(found.seconds):
            return replace(found, seconds=None, plain=False)
        if found.plain and has_comment(syntax(found.node)):
            return replace(found, plain=False)  # replacing it would drop the comment
        return found

    def timestamp_type(
        self, node: Node, place: Place, order: int | None
    ) -> TypedTimestamp | None:
        return self._timestamp_types.classify(expression(node), as_scope(place), order)

    def naive_clock(self, call: Node, place: Place, order: int) -> NaiveClock:
        node = syntax(call)
        if not isinstance(node, cst.Call):
            raise TypeError("a naive clock is a call")
        return naive_clock(self.semantic, node, as_scope(place), order)

    def track_replacement(self, found: TypedTimestamp, place: Place, order: int) -> str:
        return track_replacement(
            self.semantic, self._timestamp_types, found, as_scope(place), order
        )

    def pipelines_replacement(self, found: TypedTimestamp, place: Place) -> str:
        return pipelines_replacement(self.semantic, self._times, found, as_scope(place))
