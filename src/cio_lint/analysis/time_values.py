"""The analysis interface for time values:
units (seconds, milliseconds) and types (number, date string, datetime).

Customer.io reads every timestamp as Unix seconds, and its SDKs disagree about
what a timestamp may be. A frontend says what a value is and writes the text a
fix sends instead, in its own language; the judgements on plain strings below
are shared by every frontend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Node, Place
from cio_lint.core.findings import Edit


class TimeUnit(str, Enum):
    """The unit a number counts time in; the value is how messages name it."""

    SECONDS = "seconds"
    MILLISECONDS = "milliseconds"
    MICROSECONDS = "microseconds"
    NANOSECONDS = "nanoseconds"
    #: A clock that counts from an arbitrary point (boot, process start), not wall time.
    MONOTONIC = "monotonic clock"


@dataclass(frozen=True)
class TimeValue:
    """A time expression and what cio-lint can say about its unit."""

    unit: TimeUnit
    node: Node  # the expression that produces the value
    #: The seconds equivalent written in the module's language (the fix text), when derivable.
    seconds: str | None = None
    #: A plain conversion of a seconds source that ``seconds`` can replace whole (no
    #: comment inside to lose): safe to rewrite.
    plain: bool = False
    via: str | None = None  # how it reached the sink: a variable or helper name


class TimestampType(str, Enum):
    """What kind of value a timestamp expression produces, as far as the source shows.

    The SDKs disagree on what a timestamp is: the Track SDK converts datetimes and
    int-like values and silently drops other strings; the Pipelines SDK accepts only
    a ``datetime``. The timestamp rules share this one classification.
    """

    DATE_TEXT = "date string"  # ISO-8601 / strftime / isoformat / str(datetime)
    TEXT = "string"  # some other non-numeric string
    NUMERIC_TEXT = "numeric string"  # "1704067200", strftime("%s")
    NUMBER = "number"  # int/float: literals, time.time(), int(...), dt.timestamp()
    NAIVE_DATETIME = "naive datetime"  # datetime.now()/utcnow()/today() without tz


@dataclass(frozen=True)
class TypedTimestamp:
    """A timestamp expression's type, with what a message or a fix needs to know."""

    type: TimestampType
    node: Node  # the expression that produces the value
    how: str  # e.g. "an `.isoformat()` string", "a number literal"
    via: str | None = None  # the local variable it came through
    naive_call: Node | None = None  # NAIVE_DATETIME: the call that reads the clock
    source: Node | None = None  # the datetime behind an isoformat/strftime


@dataclass(frozen=True)
class AwareRewrite:
    """An aware replacement for a naive clock call, ready to apply."""

    text: str  # the aware call, as written in the module's language
    edits: tuple[Edit, ...]  # the call replaced, plus any import it needs, in order


@dataclass(frozen=True)
class NaiveClock:
    """A call that reads the clock without a time zone, and how to make it aware."""

    node: Node
    method: str  # "now", "utcnow" or "today": messages differ for the deprecated one
    aware: AwareRewrite | None  # None when no safe spelling of UTC can be derived
    #: What to suggest when there is no rewrite (None: the rule's own pattern).
    hint: str | None = None


@dataclass(frozen=True)
class TimestampConventions:
    """What a language's Customer.io SDKs do with timestamp values, and how its code
    spells the usual answers: rules judge and word timestamps from this."""

    #: The canonical Unix-seconds "now", for a message's correct line.
    now_seconds: str
    #: True when the Track SDK sends values as they are (Node: ``JSON.stringify``, so a
    #: ``Date`` goes out as an ISO string); False when it converts datetimes and int-like
    #: strings and silently drops other ``timestamp`` strings (Python 3.x).
    track_sends_as_is: bool
    #: Timestamp types the Pipelines SDK takes as an event time.
    pipelines_accepts: frozenset[TimestampType]
    #: What the Pipelines SDK wants, for messages (``a `datetime` ``).
    pipelines_wants: str
    #: Whether dates can be naive (no time zone) at all.
    naive_dates: bool
    #: How a keyword or object key is given a value: ``=`` or ``: ``.
    assign: str


PYTHON_CONVENTIONS = TimestampConventions(
    now_seconds="int(time.time())",
    track_sends_as_is=False,
    pipelines_accepts=frozenset(),
    pipelines_wants="a `datetime`",
    naive_dates=True,
    assign="=",
)


class TimeQueries(Protocol):
    """Questions about time values that rules ask the model."""

    def timestamp_conventions(self) -> TimestampConventions:
        """How this module's language and SDKs treat timestamps."""

    def time_value(self, node: Node, place: Place, order: int | None) -> TimeValue | None:
        """The unit of a time value that is not plain Unix seconds (through locals and
        same-module helpers); None when it is seconds or not a time at all."""

    def timestamp_type(
        self, node: Node, place: Place, order: int | None
    ) -> TypedTimestamp | None:
        """What kind of timestamp ``node`` produces (through locals), if the source shows."""

    def naive_clock(self, call: Node, place: Place, order: int) -> NaiveClock:
        """The naive clock call of a ``NAIVE_DATETIME`` and its aware rewrite."""

    def track_replacement(self, found: TypedTimestamp, place: Place, order: int) -> str:
        """What a Track payload should send instead of a date string: the datetime behind
        it (as seconds when naive, which the SDK would shift), a literal's seconds, or the
        language's canonical seconds expression."""

    def pipelines_replacement(self, found: TypedTimestamp, place: Place) -> str:
        """The datetime a Pipelines ``timestamp`` value stands for, written out."""


_DATE_KEY = re.compile(r"(_at|_time|_date|_ts|^timestamp|^date.*|^time$|^ts$)$", re.IGNORECASE)
_DATE_LITERAL = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{2}/\d{2}|"
    r"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4})",
)


def is_date_key(key: str) -> bool:
    """Attribute names Customer.io users compare as dates: ``*_at``, ``*_time``, ``date*``."""
    return bool(_DATE_KEY.search(key))


def is_int_text(text: str) -> bool:
    """Would ``int(text)`` succeed? (the Track SDK's test for a usable timestamp string)"""
    try:
        int(text)
    except ValueError:
        return False
    return True


def is_date_text(text: str) -> bool:
    """Does a string literal start like a date (ISO, ``1/2/2024``, RFC 2822)?"""
    return bool(_DATE_LITERAL.match(text.strip()))


def iso_text_seconds(text: str) -> int | None:
    """The Unix seconds an ISO date string stands for (UTC when it names no zone)."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())
