"""The JavaScript/TypeScript answers to ``TimeQueries`` (analysis/time_values.py).

Node's SDKs send timestamps as ``JSON.stringify`` writes them, and JavaScript has no
naive dates, so the conventions differ from Python's: ``timestamp_conventions`` says how.
"""

from __future__ import annotations

from functools import cached_property

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.javascript.time_values import JsTimeAnalysis
from cio_lint.analysis.javascript.timestamp_types import NOW_SECONDS, JsTimestampTypes
from cio_lint.analysis.records import Node, Place
from cio_lint.analysis.time_values import (
    NaiveClock,
    TimestampConventions,
    TimestampType,
    TimeUnit,
    TimeValue,
    TypedTimestamp,
)

NODE_CONVENTIONS = TimestampConventions(
    now_seconds=NOW_SECONDS,
    track_sends_as_is=True,
    pipelines_accepts=frozenset({TimestampType.DATE_TEXT}),
    pipelines_wants="a `Date` or an ISO-8601 string",
    naive_dates=False,
    assign=": ",
)


class JsTimeQueries(JsQueriesBase):
    @cached_property
    def _times(self) -> JsTimeAnalysis:
        return JsTimeAnalysis(self.semantic)

    @cached_property
    def _timestamp_types(self) -> JsTimestampTypes:
        return JsTimestampTypes(self._times)

    def timestamp_conventions(self) -> TimestampConventions:
        return NODE_CONVENTIONS

    def time_value(self, node: Node, place: Place, order: int | None) -> TimeValue | None:
        found = self._times.classify(ts(node), scope(place), order)
        if found is None or found.unit is TimeUnit.SECONDS:
            return None
        if found.plain and any(n.type == "comment" for n in syntax.walk(ts(found.node))):
            return TimeValue(found.unit, found.node, found.seconds, False, found.via)
        return found

    def timestamp_type(self, node: Node, place: Place, order: int | None) -> TypedTimestamp | None:
        return self._timestamp_types.classify(ts(node), scope(place), order)

    def naive_clock(self, call: Node, place: Place, order: int) -> NaiveClock:
        raise TypeError("JavaScript has no naive dates")

    def track_replacement(self, found: TypedTimestamp, place: Place, order: int) -> str:
        return self._timestamp_types.track_replacement(found, scope(place), order)

    def pipelines_replacement(self, found: TypedTimestamp, place: Place) -> str:
        return self._timestamp_types.pipelines_replacement(found, scope(place))
