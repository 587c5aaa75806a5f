"""The analysis interface for profile attributes and event data:
names, literal types, sensitive values.

A frontend lists the key/value entries each SDK call sends and where Customer.io
stores them; what a key's name says (a password, a card number) and which
namespace a method writes to depend on no language and live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Node, SdkCall
from cio_lint.core.client_kinds import ClientKind


class Namespace(str, Enum):
    """Where Customer.io stores an entry a call sends."""

    PROFILE = "profile attribute"
    EVENT = "event data"
    DEVICE = "device attribute"
    OBJECT = "object attribute"

    @property
    def phrase(self) -> str:
        """``a profile attribute``, ``event data``: the namespace inside a sentence."""
        text = str(self.value)
        if self is Namespace.EVENT:
            return text
        article = "an" if text[0] in "aeiou" else "a"
        return f"{article} {text}"


#: SDK method -> where its attributes are stored, per client kind.
_NAMESPACES: dict[ClientKind, dict[str, Namespace]] = {
    ClientKind.TRACK: {
        "identify": Namespace.PROFILE,
        "track": Namespace.EVENT,
        "track_anonymous": Namespace.EVENT,
        "backfill": Namespace.EVENT,
        "pageview": Namespace.EVENT,
        "add_device": Namespace.DEVICE,
    },
    ClientKind.PIPELINES: {
        "identify": Namespace.PROFILE,
        "track": Namespace.EVENT,
        "page": Namespace.EVENT,
        "screen": Namespace.EVENT,
        "group": Namespace.OBJECT,
    },
}


@dataclass(frozen=True)
class SentEntry:
    """One key/value entry a call sends, with the node that holds it (call or mapping)."""

    key: str
    value: Node
    key_node: Node
    container: Node
    namespace: Namespace
    call: SdkCall
    #: Keys of the enclosing mappings when the entry sits inside a nested mapping value.
    parents: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """``billing.card_number`` for a nested entry, the key itself otherwise."""
        return ".".join((*self.parents, self.key))


def namespace_of(call: SdkCall) -> Namespace | None:
    """Where the attributes of ``call`` are stored, or None when it sends none."""
    return _NAMESPACES.get(call.kind, {}).get(call.method)


class LiteralType(str, Enum):
    """The JSON type Customer.io stores a literal value with."""

    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class TypedLiteral:
    """A literal value with its JSON type, and the same value written as each other type.

    ``converted`` holds, per other type, the literal the frontend would write instead
    (``3`` for ``"3"``, ``True`` for ``"true"``), or None when the value does not allow it.
    """

    type: LiteralType
    node: Node
    text: str  # the literal's source
    converted: tuple[tuple[LiteralType, str | None], ...] = ()

    def as_type(self, other: LiteralType) -> str | None:
        return dict(self.converted).get(other)


class AttributeQueries(Protocol):
    """Questions about profile attributes and event data that rules ask the model."""

    def sent_entries(self, call: SdkCall) -> list[SentEntry]:
        """The top-level entries a call sends: keywords, its data mapping, known spreads."""

    def all_entries(self, call: SdkCall) -> list[SentEntry]:
        """Every entry a call sends, entries of nested mapping values included."""

    def clears_attribute(self, entry: SentEntry) -> bool:
        """Is the value ``None``, ``""`` or a boolean, so nothing secret is stored?"""

    def literal_type(self, entry: SentEntry) -> TypedLiteral | None:
        """The type of the entry's value when it is a literal (directly or through a local)."""

    def entry_source(self, entry: SentEntry, key_text: str | None = None) -> str:
        """The entry as written (``password=form["password"]``, ``"pwd": raw``).

        With ``key_text``, the entry written with that key instead.
        """

    def without_entry_rewrite(self, entry: SentEntry) -> str | None:
        """The call (or the mapping written in it) without the entry, or None if it cannot."""

    def renamed_key_rewrite(self, entry: SentEntry, new_name: str) -> str | None:
        """The entry's key spelled ``new_name``, or None when it cannot be written plainly."""

    def written_inside(self, node: Node, outer: Node) -> bool:
        """Does ``node``'s source lie within ``outer``'s (a mapping written at the call)?"""


# -- what a key name says -----------------------------------------------------------------

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")


def key_words(key: str) -> tuple[str, ...]:
    """``creditCardNumber`` -> ``("credit", "card", "number")``, ``APIKey`` -> ``("api", "key")``.

    Digits stay on their word (``cvv2``, ``last4``).
    """
    return tuple(word.lower() for word in _WORD.findall(key))


#: Sensitive names as word sequences, with what such a value is.
_SENSITIVE_TERMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("password",), "a password"),
    (("passwd",), "a password"),
    (("pwd",), "a password"),
    (("passphrase",), "a password"),
    (("ssn",), "a social security number"),
    (("social", "security"), "a social security number"),
    (("credit", "card"), "payment card data"),
    (("debit", "card"), "payment card data"),
    (("card", "number"), "payment card data"),
    (("cc", "number"), "payment card data"),
    (("cc", "num"), "payment card data"),
    (("ccnum",), "payment card data"),
    (("cvv",), "a card security code"),
    (("cvv2",), "a card security code"),
    (("cvc",), "a card security code"),
    (("cvc2",), "a card security code"),
    (("iban",), "bank account data"),
    (("bank", "account", "number"), "bank account data"),
    (("routing", "number"), "bank account data"),
    (("token",), "a token"),
    (("jwt",), "a token"),
    (("secret",), "a secret"),
    (("secret", "key"), "a secret key"),
    (("api", "key"), "an API key"),
    (("apikey",), "an API key"),
    (("private", "key"), "a private key"),
    (("access", "key"), "an access key"),
    (("signing", "key"), "a signing key"),
    (("encryption", "key"), "an encryption key"),
)

#: Words that may follow a sensitive term and still name the secret itself
#: (``password_hash``, ``card_number``, ``ssn_full``).
_VALUE_WORDS = frozenset(
    {"number", "num", "no", "nr", "value", "hash", "hashed", "digest", "encrypted", "enc",
     "plain", "plaintext", "raw", "clear", "cleartext", "text", "string", "str", "full",
     "code", "key", "confirmation", "confirm", "again"}
)

#: First words that make the key a fact about the secret, not the secret
#: (``has_password``, ``is_token_valid``).
_FLAG_WORDS = frozenset(
    {"has", "is", "needs", "need", "requires", "uses", "should", "must", "can", "allow",
     "allows", "enable", "enabled", "show", "missing", "num", "count"}
)

#: Words before ``token`` that make it a push/device token: the address Customer.io
#: needs to deliver push notifications, not a credential.
_DEVICE_TOKEN_WORDS = frozenset(
    {"push", "device", "fcm", "apns", "gcm", "registration", "firebase", "expo",
     "notification", "onesignal"}
)


def sensitive_content(key: str, namespace: Namespace) -> str | None:
    """What secret a key names (``"a password"``), or None when the name is harmless.

    A sensitive term must end the key, followed at most by words that still name
    the value itself: ``password_hash`` is sensitive, ``password_changed_at`` and
    ``token_count`` are facts about one. A device's ``token`` is its push address.
    """
    words = key_words(key)
    if not words or words[0] in _FLAG_WORDS:
        return None
    found: str | None = None
    for term, content in _SENSITIVE_TERMS:
        for start in range(len(words) - len(term) + 1):
            if words[start:start + len(term)] != term:
                continue
            if not all(word in _VALUE_WORDS for word in words[start + len(term):]):
                continue
            if term == ("token",) and _is_device_token(words, start, namespace):
                continue
            found = content
    return found


def _is_device_token(words: tuple[str, ...], start: int, namespace: Namespace) -> bool:
    if start > 0 and words[start - 1] in _DEVICE_TOKEN_WORDS:
        return True
    return namespace is Namespace.DEVICE and start == 0
