"""The analysis interface for event names: literal, built or unknown, and their conventions.

A frontend finds each call's event name and says what it is: fixed text (written
at the call or through a variable or constant), or built at run time from fixed
text and values. The judgements on the text itself (snake_case, the normalised
form spellings share, the byte limit, the closest configured name) depend on no
language and live here, for every frontend to share.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from cio_lint.analysis.identity import is_email_name
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.linear_regex import compile_linear

#: The calls whose event name campaigns trigger on. ``pageview`` is exempt: its
#: "name" is a URL or path, not an event name.
EVENT_METHODS: dict[ClientKind, frozenset[str]] = {
    ClientKind.TRACK: frozenset({"track", "track_anonymous", "backfill"}),
    ClientKind.PIPELINES: frozenset({"track"}),
}

#: The Track API rejects longer names ("event name cannot be longer than 100 bytes").
MAX_EVENT_NAME_BYTES = 100

#: A piece of a name built at run time: fixed text, or the value interpolated there.
Piece = str | Node


@dataclass(frozen=True)
class EventName:
    """The event name of one SDK call and what is known about it."""

    call: SdkCall
    arg: Node  # the expression written in the name slot
    value: Node  # what it evaluates to, after locals and constants
    via: str | None  # the variable or constant the name came through
    #: The line where that variable or constant got its value (None: another module's
    #: constant, ``via`` is then its qualified name).
    via_line: int | None
    text: str | None  # the name, when it is fixed at write time
    literal: Node | None  # the one string literal that spells it, if any

    @property
    def parameter(self) -> str:
        """``name`` (Track) or ``event`` (Pipelines)."""
        return self.call.signature.event_name or "name"

    @property
    def at_call(self) -> bool:
        """Is the literal written in the call itself (not in a variable or constant)?"""
        return self.literal is self.arg

    def origin_note(self) -> str:
        """`` (through `EVENT`, line 12)`` when the name is not written at the call,
        `` (through `app.events.SIGNED_UP`)`` when another module holds it."""
        if self.via is None:
            return ""
        if self.via_line is None:
            return f" (through `{self.via}`)"
        return f" (through `{self.via}`, line {self.via_line})"


@dataclass(frozen=True)
class BuiltName:
    """An event name assembled at run time, as fixed text and interpolated values."""

    how: str  # "an f-string", "`%` formatting", ...
    node: Node  # the expression that builds it
    pieces: tuple[Piece, ...]

    @property
    def values(self) -> tuple[Node, ...]:
        return tuple(p for p in self.pieces if not isinstance(p, str))

    @property
    def fixed_text(self) -> tuple[str, ...]:
        return tuple(p for p in self.pieces if isinstance(p, str))

    def fixed_name(self) -> str:
        """The fixed part as one snake_case name (``viewed`` for ``f"viewed_{slug}"``)."""
        words = [snake_case(text) for text in self.fixed_text]
        return "_".join(word for word in words if word)


@dataclass(frozen=True)
class PersonalData:
    """Personal data an event name carries: what the message shows and why it is personal."""

    shown: str  # ``"jane@example.com"`` or `` `user.email` ``
    reason: str  # "an email address", "a phone number, from `user.phone`"
    value: Node | None = None  # the interpolated value, when it is one
    email: str | None = None  # the address written in the name's text, when it is one


class EventQueries(Protocol):
    """Questions about event names that rules ask the model."""

    def event_names(self) -> list[EventName]:
        """Every event name sent by the module, in source order."""

    def built_name(self, event: EventName) -> BuiltName | None:
        """How the name is assembled at run time; None when it is fixed or not built here."""

    def personal_data_in_name(self, event: EventName) -> list[PersonalData]:
        """The personal data the name carries: an email in its text, or personal values."""

    def fixed_name_rewrite(
        self, event: EventName, built: BuiltName, drop: Collection[Node] = ()
    ) -> str | None:
        """The call written with a fixed name and the variable part moved into its data.

        Values in ``drop`` (personal data) are left out instead of moved.
        """

    def quoted_like(self, literal: Node | None, text: str) -> str:
        """``text`` as a string literal written in the quote style of ``literal``."""


# -- judgements on the text of a name --------------------------------------------------------


def snake_case(text: str) -> str:
    """``SignedUp``, ``signed-up``, ``Signed Up`` -> ``signed_up`` (ASCII, may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    split = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", ascii_text)
    split = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", split)
    return "_".join(word.lower() for word in re.findall(r"[A-Za-z0-9]+", split))


def normalized(text: str) -> str:
    """The form under which spellings count as the same event (case, ``-``, space, ``_``)."""
    return re.sub(r"[\s_\-]+", "", text).casefold()


#: Segment's "Object Action" convention, the style of Customer.io's own Pipelines events
#: (``Order Completed``, ``Device Created or Updated``): words one space apart, the first
#: capitalised (``Invoice Paid``, ``Trial started``, ``SMS Sent``). A word is capitals then
#: lower case (``Order``, ``SMS``) or lower case; ``InvoicePaid`` is one run-together word,
#: not a name of words. The classes are disjoint, so matching never backtracks.
_OBJECT_ACTION = re.compile(r"[A-Z]+[a-z0-9]*(?: (?:[A-Z]+[a-z0-9]*|[a-z0-9]+))*")


def is_object_action(text: str) -> bool:
    """Is ``text`` an "Object Action" name (``Invoice Paid``, ``Subscription activated``)?"""
    return byte_length(text) <= MAX_EVENT_NAME_BYTES and bool(_OBJECT_ACTION.fullmatch(text))


def object_action(text: str) -> str:
    """``orderShipped``, ``order-shipped`` -> ``Order Shipped`` (ASCII, may be empty)."""
    return " ".join(word.capitalize() for word in snake_case(text).split("_") if word)


def byte_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def matches_pattern(text: str, pattern: str) -> bool:
    """Does the whole name match the configured pattern?

    Names over ``MAX_EVENT_NAME_BYTES`` are never matched (they are reported for their
    length). The match is linear in the name whatever the pattern (``linear_regex``).
    """
    if byte_length(text) > MAX_EVENT_NAME_BYTES:
        return False
    return _matches(text, pattern)


@lru_cache(maxsize=4096)
def _matches(text: str, pattern: str) -> bool:
    """The automaton's answer, remembered: a project sends the same event names from
    many files, and the automaton is simulated in Python."""
    return compile_linear(pattern).fullmatch(text)


def clip_for_message(text: str, limit: int = 40) -> str:
    """A name fit for a message: control characters escaped, long names cut."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)[1:-1]


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_ .:\-]*")


def quoted(text: str, quote: str = '"') -> str:
    """``text`` as a double-quoted string literal, valid in Python and JavaScript alike.

    A plain name keeps ``quote``; anything else is written JSON-escaped.
    """
    if len(quote) == 1 and _PLAIN_NAME.fullmatch(text):
        return f"{quote}{text}{quote}"
    return json.dumps(text, ensure_ascii=False)


# -- personal data, judged by the names a value is read from ---------------------------

_PII_WORDS: dict[str, str] = {
    "phone": "a phone number",
    "telephone": "a phone number",
    "msisdn": "a phone number",
    "ssn": "a social security number",
    "dob": "a date of birth",
    "birthday": "a date of birth",
    "birthdate": "a date of birth",
    "birth": "a date of birth",
    "passport": "a passport number",
    "surname": "a person's name",
    "firstname": "a person's name",
    "lastname": "a person's name",
    "fullname": "a person's name",
    "postcode": "a postal address",
    "zipcode": "a postal address",
}
_NAME_QUALIFIERS = frozenset(
    {"first", "last", "full", "given", "family", "middle", "maiden", "legal", "real",
     "customer", "person", "contact", "patient", "sur"}
)
_NOT_PERSONAL_ADDRESS = frozenset(
    {"wallet", "contract", "mac", "memory", "web", "server", "node", "bind", "listen", "host",
     "base", "return", "reply"}
)
_PEOPLE = frozenset(
    {"user", "customer", "person", "member", "profile", "contact", "owner", "recipient",
     "subscriber", "lead", "patient", "employee", "buyer", "author", "student", "guest",
     "applicant", "attendee", "visitor", "shopper", "invitee", "referrer", "sender"}
)


def pii_kind(identifier: str, owner: str = "") -> str | None:
    """What personal data a name suggests (``user_email``, ``firstName``, ``user.name``)."""
    if is_email_name(identifier):
        return "an email address"
    words = snake_case(identifier).split("_")
    if words and words[0] == "get":
        words = words[1:]
    if not words or not words[-1]:
        return None
    for word in words:
        if word in _PII_WORDS:
            return _PII_WORDS[word]
    if "social" in words and "security" in words:
        return "a social security number"
    if words[-1] == "address" and (len(words) == 1 or words[-2] not in _NOT_PERSONAL_ADDRESS):
        return "an address"
    if words[-1] == "name":
        qualifier = words[-2] if len(words) > 1 else ""
        owner_words = snake_case(owner).split("_")
        if qualifier in _NAME_QUALIFIERS or (not qualifier and owner_words[-1] in _PEOPLE):
            return "a person's name"
    return None


# -- known names (config ``events``) -----------------------------------------------------


@lru_cache(maxsize=8)
def _known(events: tuple[str, ...]) -> tuple[frozenset[str], dict[str, str]]:
    """The configured names, and each normalised form mapped to its first spelling."""
    by_form: dict[str, str] = {}
    for event in events:
        by_form.setdefault(normalized(event), event)
    return frozenset(events), by_form


def is_known(text: str, events: tuple[str, ...]) -> bool:
    return text in _known(events)[0]


def closest_known(text: str, events: tuple[str, ...]) -> str | None:
    """The configured name ``text`` most likely means: same normalised form, else closest."""
    _, by_form = _known(events)
    form = normalized(text)
    if form in by_form:
        return by_form[form]
    if not form or len(form) > 4 * MAX_EVENT_NAME_BYTES:
        return None
    import difflib  # only an unknown name needs the closest known one

    matches = difflib.get_close_matches(form, list(by_form), n=1, cutoff=0.6)
    return by_form[matches[0]] if matches else None


_Piece = TypeVar("_Piece")


def merged_pieces(pieces: Sequence[str | _Piece]) -> Iterator[str | _Piece]:
    """The pieces of a built name with adjacent texts joined into one."""
    text = ""
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
            continue
        if text:
            yield text
            text = ""
        yield piece
    if text:
        yield text


def email_in_name(email: str) -> PersonalData:
    """An email address written into an event name, as CIO403 reports it."""
    return PersonalData(f'"{clip_for_message(email)}"', "an email address", email=email)
