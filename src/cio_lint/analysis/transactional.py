"""The analysis interface for transactional requests: their fields, recipients,
identifiers and message data.

A request is written as a ``Send*Request`` object or (in Python) a plain mapping,
sometimes completed after it is built. A frontend turns each into a
``TransactionalRequest``: the fields it is shown to carry, by the SDK's field names,
and whether that field set is *closed* (fully known). The judgements on plain
strings (E.164 numbers, email recipients, Liquid) live here, for every frontend.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Node, Place


class Channel(str, Enum):
    """Which App API send endpoint a request goes to."""

    EMAIL = "email"
    PUSH = "push"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    INBOX = "inbox"
    IN_APP = "in_app"


#: The SDK's request classes, named alike in every language.
CHANNEL_OF_CLASS: dict[str, Channel] = {
    "SendEmailRequest": Channel.EMAIL,
    "SendPushRequest": Channel.PUSH,
    "SendSMSRequest": Channel.SMS,
    "SendWhatsAppRequest": Channel.WHATSAPP,
    "SendInboxMessageRequest": Channel.INBOX,
    "SendInAppRequest": Channel.IN_APP,
}

#: How messages name each channel.
CHANNEL_NAMES: dict[Channel, str] = {
    Channel.EMAIL: "email",
    Channel.PUSH: "push",
    Channel.SMS: "SMS",
    Channel.WHATSAPP: "WhatsApp",
    Channel.INBOX: "inbox",
    Channel.IN_APP: "in-app",
}


@dataclass(frozen=True)
class Entry:
    """One field of a request or one key of a mapping literal, with where it is written."""

    key: str
    key_node: Node
    value: Node
    #: The value is the language's "nothing" (``None``), which the SDK does not send.
    null: bool = False


@dataclass(frozen=True)
class LiteralDict:
    """A mapping literal a value is shown to be, through locals.

    ``closed`` means every key is known: no spread, no computed key, and the mapping
    is not changed between where it is written and where it is used.
    ``added_later`` names the string keys assigned afterwards (``d["k"] = v``).
    """

    node: Node
    entries: dict[str, Entry]
    closed: bool
    added_later: frozenset[str]
    via: str | None  # the first local name it came through, if any

    @property
    def keys(self) -> set[str]:
        return set(self.entries) | set(self.added_later)


@dataclass(frozen=True)
class TransactionalRequest:
    """A transactional send request, normalised over its ways of being written.

    Fields are keyed by the SDK's field names with no language's escaping: ``from``
    (Python's keyword writes ``_from``), ``device`` (sent as ``custom_device``).
    """

    channel: Channel
    #: The construction: the request object's constructor call or the mapping literal.
    node: Node
    #: How a message names this request (``SendEmailRequest(...)``, "the request dict ...").
    label: str
    fields: dict[str, Entry]
    #: Every field is known: nothing spread in, nothing set after construction.
    closed: bool
    #: Fields assigned after construction: their constructor values may not be sent.
    added_later: frozenset[str]
    #: The constructor got names it rejects (an error at run time; CIO304 reports it).
    misspelled: bool
    #: The request's scope and position, to ask about values written in it.
    place: Place
    order: int
    #: How this request's code writes a field, where that differs from its name.
    spellings: Mapping[str, str] = field(default_factory=dict)

    def spelling(self, name: str) -> str:
        """The field as the code must write it (``_from`` as a Python keyword)."""
        return self.spellings.get(name, name)

    def value(self, name: str) -> Node | None:
        """The value written for ``name`` at construction, unless replaced afterwards."""
        if name in self.added_later:
            return None
        entry = self.fields.get(name)
        return entry.value if entry is not None else None

    def has(self, name: str) -> bool:
        """Whether ``name`` is sent with a value (an explicit null is dropped)."""
        if name in self.added_later:
            return True
        entry = self.fields.get(name)
        return entry is not None and not entry.null


class FieldValueKind(str, Enum):
    """What a field's value certainly is, when it is a literal of some shape."""

    STRING = "string"  # a plain string literal
    FORMATTED_STRING = "formatted_string"  # f"..." / a template literal
    INTEGER = "integer"
    FLOAT = "float"
    SEQUENCE = "sequence"  # a list, tuple, set or array literal
    CONVERSION = "conversion"  # the built-in string or integer conversion of a value
    OTHER = "other"


@dataclass(frozen=True)
class FieldValue:
    """A request field's value: where it is written and what it was last given."""

    node: Node
    #: The value a local name was last given (``node`` itself if none).
    origin: Node
    kind: FieldValueKind
    #: The local name the field is written as, if it is a bare name.
    name: str | None = None
    #: A string's value, or a number literal as written.
    text: str | None = None
    #: An integer literal's value.
    integer: int | None = None

    @property
    def string(self) -> str | None:
        """The value of a plain string literal, else None."""
        return self.text if self.kind is FieldValueKind.STRING else None


class TransactionalQueries(Protocol):
    """Questions about transactional requests that rules ask the model."""

    def transactional_requests(self) -> list[TransactionalRequest]:
        """Every transactional request of the module, each once, in source order."""

    def literal_dict(self, node: Node, place: Place, order: int) -> LiteralDict | None:
        """The mapping literal ``node`` is shown to be (directly or through locals)."""

    def field_value(self, request: TransactionalRequest, name: str) -> FieldValue | None:
        """What the value written for field ``name`` is, followed through locals."""

    def request_with_fields(
        self, request: TransactionalRequest, additions: Mapping[str, str]
    ) -> str:
        """The request's construction as code, with fields (``{name: value code}``) set."""

    def mapping_with_entries(self, node: Node, additions: Mapping[str, str]) -> str:
        """A mapping literal as code, with string keys (``{key: value code}``) set."""

    def mapping_literal(self, entries: Mapping[str, str]) -> str:
        """The code of a new mapping literal of string keys and value code."""

    def string_conversion(self, code: str) -> str:
        """The code that turns the value of ``code`` into a string (``str(x)``, ``String(x)``)."""


# -- recipients -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-().]")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_ADDRESS = re.compile(
    r"^[^@\s<>,;:\"()\[\]]+@(?:[^@\s<>,;:\"()\[\]./]+\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9\-]+)$",
    re.IGNORECASE,
)
_NAMED = re.compile(r'^(?:"[^"]*"\s*|[^<>"]*)<\s*(?P<address>[^<>\s]+)\s*>$')


def is_liquid(text: str) -> bool:
    """``{{ customer.phone }}``: resolved by Customer.io when it renders the message."""
    return "{{" in text or "{%" in text


def is_e164(text: str) -> bool:
    """``+15551234567``: a plus, a country code, 8 to 15 digits in all."""
    return bool(_E164.match(text))


def e164_rewrite(text: str) -> str | None:
    """The E.164 form of a number written with separators or a ``00`` prefix, if clear."""
    compact = _SEPARATORS.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact if compact != text and is_e164(compact) else None


def recipients(text: str) -> list[str]:
    """The addresses of a ``to`` value: comma-separated, commas in quoted names kept."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    angle = 0
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle += 1
        elif char == ">" and not quoted:
            angle -= 1
        elif char == "," and not quoted and angle <= 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part] or [text.strip()]


def is_email_recipient(text: str) -> bool:
    """``jane@example.com`` or ``Jane Doe <jane@example.com>``."""
    if _ADDRESS.match(text):
        return True
    named = _NAMED.match(text)
    return named is not None and bool(_ADDRESS.match(named.group("address")))
