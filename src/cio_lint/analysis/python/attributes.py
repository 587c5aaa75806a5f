"""What a call stores in Customer.io: attribute and event-data entries, their names and types.

The data-hygiene rules (CIO701-CIO703) all look at the same thing: the key/value
entries an SDK call sends, where they end up (profile, event, device, object),
what a key's name says about its content and what type a literal value has.
That shared view lives here, on top of the semantic model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

import libcst as cst

from cio_lint.analysis.python.scopes import scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import Attribute, SdkCall
from cio_lint.core.sdk import ClientKind

_MAX_NESTING = 4


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
    """One key/value entry a call sends, with the node that holds it (call or dict)."""

    key: str
    value: cst.BaseExpression
    key_node: cst.CSTNode
    container: cst.CSTNode
    namespace: Namespace
    call: SdkCall
    #: Keys of the enclosing dicts when the entry sits inside a nested dict value.
    parents: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """``billing.card_number`` for a nested entry, the key itself otherwise."""
        return ".".join((*self.parents, self.key))


def namespace_of(call: SdkCall) -> Namespace | None:
    """Where the attributes of ``call`` are stored, or None when it sends none."""
    return _NAMESPACES.get(call.kind, {}).get(call.method)


def sent_entries(model: SemanticModel, call: SdkCall) -> list[SentEntry]:
    """The top-level entries a call sends: kwargs, the data/traits dict, ``**mapping``."""
    namespace = namespace_of(call)
    if namespace is None:
        return []
    scope, order = scope_of(call), call.order
    entries = [
        _entry(item, call.node, namespace, call)
        for item in (
            Attribute(name, arg.value, arg.keyword_node or arg.node)
            for name, arg in call.bound.extra.items()
        )
    ]
    slot = call.signature.attributes
    if slot is not None and slot != call.signature.var_kwargs:
        value = call.value(slot)
        if value is not None:
            container = model.origin(value, scope, order)
            entries.extend(
                _entry(item, container, namespace, call)
                for item in model.dict_items(value, scope, order)
            )
    unpacked = {id(item.key_node) for item in model.unpacked_attributes(call)}
    for arg in call.node.args:
        if arg.star == "**":
            container = model.origin(arg.value, scope, order)
            entries.extend(
                _entry(item, container, namespace, call)
                for item in model.dict_items(arg.value, scope, order)
                if id(item.key_node) in unpacked
            )
    return entries


def nested_entries(model: SemanticModel, entry: SentEntry, depth: int = 0) -> list[SentEntry]:
    """Entries of dict values inside ``entry`` (``billing={"card_number": ...}``), recursively."""
    if depth >= _MAX_NESTING:
        return []
    scope, order = scope_of(entry.call), entry.call.order
    container = model.origin(entry.value, scope, order)
    result: list[SentEntry] = []
    for item in model.dict_items(entry.value, scope, order):
        child = SentEntry(item.key, item.value, item.key_node, container, entry.namespace,
                          entry.call, (*entry.parents, entry.key))
        result.append(child)
        result.extend(nested_entries(model, child, depth + 1))
    return result


def all_entries(model: SemanticModel, call: SdkCall) -> list[SentEntry]:
    """Every entry a call sends, nested dict entries included."""
    result: list[SentEntry] = []
    for entry in sent_entries(model, call):
        result.append(entry)
        result.extend(nested_entries(model, entry))
    return result


def _entry(item: Attribute, container: cst.CSTNode, namespace: Namespace,
           call: SdkCall) -> SentEntry:
    return SentEntry(item.key, item.value, item.key_node, container, namespace, call)


# -- rewriting an entry -------------------------------------------------------------------


def without_entry(entry: SentEntry) -> cst.CSTNode | None:
    """The entry's container (call or dict) with the entry removed, if it holds it."""
    container = entry.container
    if isinstance(container, cst.Call):
        kept_args = [a for a in container.args if not _holds(a, entry.key_node)]
        if len(kept_args) == len(container.args):
            return None
        return container.with_changes(args=_drop_trailing_comma(kept_args))
    if isinstance(container, cst.Dict):
        kept = [
            e for e in container.elements
            if not (isinstance(e, cst.DictElement) and e.key is entry.key_node)
        ]
        if len(kept) == len(container.elements):
            return None
        return container.with_changes(elements=_drop_trailing_comma(kept))
    return None


def entry_source(model: SemanticModel, entry: SentEntry) -> str:
    """``password=form["password"]`` or ``"pwd": user.raw_password`` as written."""
    key = model.code(entry.key_node).strip()
    value = model.code(entry.value).strip()
    return f"{key}={value}" if isinstance(entry.key_node, cst.Name) else f"{key}: {value}"


def written_inside(model: SemanticModel, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    """True when ``node``'s source lies within ``outer``'s (a dict written at the call)."""
    inner_range, outer_range = model.range(node), model.range(outer)
    return (
        (outer_range.start.line, outer_range.start.column)
        <= (inner_range.start.line, inner_range.start.column)
        and (inner_range.end.line, inner_range.end.column)
        <= (outer_range.end.line, outer_range.end.column)
    )


def renamed_key(key_node: cst.CSTNode, new_name: str) -> cst.CSTNode | None:
    """``key_node`` spelled ``new_name`` (a keyword name or a plain string literal)."""
    if isinstance(key_node, cst.Name):
        return key_node.with_changes(value=new_name) if new_name.isidentifier() else None
    if isinstance(key_node, cst.SimpleString):
        inner = key_node.value[len(key_node.prefix) + len(key_node.quote):-len(key_node.quote)]
        if inner != string_value(key_node) or "\\" in inner or key_node.quote in new_name:
            return None  # escapes: leave the rewrite to a person
        return key_node.with_changes(
            value=f"{key_node.prefix}{key_node.quote}{new_name}{key_node.quote}"
        )
    return None


def _holds(arg: cst.Arg, key_node: cst.CSTNode) -> bool:
    return arg.keyword is key_node or arg is key_node


_Element = TypeVar("_Element", cst.Arg, cst.BaseDictElement)


def _drop_trailing_comma(items: list[_Element]) -> list[_Element]:
    if items and not isinstance(items[-1].comma, cst.MaybeSentinel):
        items[-1] = items[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return items


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


# -- what type a literal is ---------------------------------------------------------------


class LiteralType(str, Enum):
    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class TypedLiteral:
    """A literal value with its JSON type, as Customer.io will store it."""

    type: LiteralType
    node: cst.BaseExpression
    text: str  # the literal's source


def literal_type(model: SemanticModel, entry: SentEntry) -> TypedLiteral | None:
    """The type of the entry's value when it is a literal (directly or through a local)."""
    value = model.origin(entry.value, scope_of(entry.call), entry.call.order)
    kind = _literal_kind(value)
    if kind is None:
        return None
    return TypedLiteral(kind, value, model.code(value).strip())


def _literal_kind(node: cst.BaseExpression) -> LiteralType | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        if isinstance(node, cst.SimpleString) and "b" in node.prefix.lower():
            return None  # bytes: not a JSON value
        return LiteralType.STRING
    if isinstance(node, (cst.Integer, cst.Float)):
        return LiteralType.NUMBER
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, (cst.Minus, cst.Plus))
        and isinstance(node.expression, (cst.Integer, cst.Float))
    ):
        return LiteralType.NUMBER
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return LiteralType.BOOLEAN
    return None


def clears_attribute(model: SemanticModel, entry: SentEntry) -> bool:
    """True when the value is ``None``, ``""`` or a bool: nothing secret is stored."""
    value = model.origin(entry.value, scope_of(entry.call), entry.call.order)
    if isinstance(value, cst.Name) and value.value in ("None", "True", "False"):
        return True
    return string_value(value) == ""
