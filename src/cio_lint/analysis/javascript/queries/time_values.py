"""The JavaScript/TypeScript answers to ``TimeQueries`` (analysis/time_values.py)."""

from __future__ import annotations

from cio_lint.analysis.javascript.queries.base import JsQueriesBase
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.time_values import (
    NaiveClock,
    TimeValue,
    TypedTimestamp,
)


class JsTimeQueries(JsQueriesBase):
    def time_value(self, node: Node, place: Place, order: int | None) -> TimeValue | None:
        return None

    def timestamp_type(self, node: Node, place: Place, order: int | None) -> TypedTimestamp | None:
        return None

    def naive_clock(self, call: Node, place: Place, order: int) -> NaiveClock:
        return NaiveClock(call, "now", None)

    def track_replacement(self, found: TypedTimestamp, place: Place, order: int) -> str:
        return ""

    def pipelines_replacement(self, found: TypedTimestamp, place: Place) -> str:
        return ""
