"""A transactional request, however it is written: the one view CIO501-CIO504 share.

The App API takes a request as a ``Send*Request(...)`` object or as a plain dict
(``api.send_email({...})``), written at the call or in a local first, sometimes
completed afterwards (``req.to = ...``, ``payload["to"] = ...``) or spread from
``**kwargs``. This module turns each of those into a ``TransactionalRequest``:
the fields it is shown to carry, their value nodes, the channel, and whether the
field set is *closed* (fully known). A request built and then sent is one request,
reported where it is built.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union

import libcst as cst

from cio_lint.analysis.python.scopes import Binding, Scope, expression, scope_of, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.core.sdk import ClientKind

DictNode = Union[cst.Dict, cst.Call]


class Channel(str, Enum):
    """Which App API send endpoint a request goes to."""

    EMAIL = "email"
    PUSH = "push"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    INBOX = "inbox"
    IN_APP = "in_app"


CHANNEL_OF_CLASS: dict[str, Channel] = {
    "SendEmailRequest": Channel.EMAIL,
    "SendPushRequest": Channel.PUSH,
    "SendSMSRequest": Channel.SMS,
    "SendWhatsAppRequest": Channel.WHATSAPP,
    "SendInboxMessageRequest": Channel.INBOX,
    "SendInAppRequest": Channel.IN_APP,
}

CHANNEL_OF_METHOD: dict[str, Channel] = {
    "send_email": Channel.EMAIL,
    "send_push": Channel.PUSH,
    "send_sms": Channel.SMS,
    "send_whatsapp": Channel.WHATSAPP,
    "send_inbox_message": Channel.INBOX,
    "send_in_app": Channel.IN_APP,
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

#: Keys a request dict spells as on the wire, mapped to the SDK's field names
#: (``from`` is ``_from`` on ``SendEmailRequest``; ``_from`` in a dict is taken as
#: meaning the sender too, so it is never reported missing).
_WIRE_TO_FIELD: dict[str, str] = {"from": "_from", "custom_device": "device"}
_FIELD_TO_WIRE: dict[str, str] = {"_from": "from", "device": "custom_device"}

#: Calls that only read what they are given, so passing a dict or request to
#: them cannot add fields to it.
_READING_FUNCTIONS = frozenset(
    {"print", "len", "repr", "str", "isinstance", "type", "id", "bool", "dict", "list",
     "sorted", "json.dumps", "copy.copy", "copy.deepcopy"}
)
_READING_METHODS = frozenset(
    {"get", "keys", "values", "items", "copy", "attach", "_to_dict", "__contains__",
     "__getitem__", "debug", "info", "warning", "warn", "error", "exception", "critical",
     "log"}
)


@dataclass(frozen=True)
class Entry:
    """One field of a request or one key of a dict literal, with where it is written."""

    key: str
    key_node: cst.CSTNode
    value: cst.BaseExpression


@dataclass(frozen=True)
class LiteralDict:
    """A dict literal (or ``dict(k=v)``) a value is shown to be, through locals.

    ``closed`` means every key is known: no ``**`` spread, no computed key, and the
    dict is not changed between where it is written and where it is used.
    ``added_later`` names the string keys assigned afterwards (``d["k"] = v``).
    """

    node: DictNode
    entries: dict[str, Entry]
    closed: bool
    added_later: frozenset[str]
    via: str | None  # the first local name it came through, if any

    @property
    def keys(self) -> set[str]:
        return set(self.entries) | set(self.added_later)


@dataclass(frozen=True)
class TransactionalRequest:
    """A transactional send request, normalised over its ways of being written."""

    channel: Channel
    #: The construction: the ``Send*Request(...)`` call or the dict literal.
    node: DictNode
    is_dict: bool
    #: Fields by SDK name (``_from``, not ``from``).
    fields: dict[str, Entry]
    #: Every field is known: nothing spread in, nothing set after construction.
    closed: bool
    #: Fields assigned after construction: their constructor values may not be sent.
    added_later: frozenset[str]
    #: The constructor got keywords it rejects (a TypeError; CIO304 reports it).
    misspelled: bool
    #: The send method, for dicts (``send_email``).
    method: str
    scope: Scope
    order: int

    @property
    def label(self) -> str:
        """How a message names this request."""
        if self.is_dict:
            return f"the request dict sent with `{self.method}`"
        return f"`{self.method}(...)`"

    def spelling(self, field: str) -> str:
        """The field as the code must write it (``from`` in a dict, ``_from`` as keyword)."""
        return _FIELD_TO_WIRE.get(field, field) if self.is_dict else field

    def value(self, field: str) -> cst.BaseExpression | None:
        """The value written for ``field`` at construction, unless replaced afterwards."""
        if field in self.added_later:
            return None
        entry = self.fields.get(field)
        return entry.value if entry is not None else None

    def has(self, field: str) -> bool:
        """Whether ``field`` is sent with a value (an explicit ``None`` is dropped)."""
        if field in self.added_later:
            return True
        entry = self.fields.get(field)
        return entry is not None and not _is_none(entry.value)


_CACHE: weakref.WeakKeyDictionary[SemanticModel, list[TransactionalRequest]] = (
    weakref.WeakKeyDictionary()
)


def transactional_requests(model: SemanticModel) -> list[TransactionalRequest]:
    """Every transactional request of the module, each once, in source order."""
    cached = _CACHE.get(model)
    if cached is None:
        cached = sorted(_Finder(model).find(), key=lambda r: r.order)
        _CACHE[model] = cached
    return cached


def literal_dict(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int
) -> LiteralDict | None:
    """The dict literal ``expr`` is shown to be (directly or through locals), if any."""
    return _Finder(model).literal_dict(expr, scope, order)


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class _Finder:
    """Finds the requests of one module and what happens to them after construction."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self._sdk_nodes: set[int] | None = None

    def find(self) -> Iterator[TransactionalRequest]:
        seen: set[int] = set()
        for call in self.model.requests():
            channel = CHANNEL_OF_CLASS.get(call.method)
            if channel is None:
                continue
            seen.add(id(call.node))
            yield self._class_request(call, channel)
        for call in self.model.sdk_calls():
            channel = CHANNEL_OF_METHOD.get(call.method)
            value = call.value("request")
            if call.kind is not ClientKind.APP or channel is None or value is None:
                continue
            found = self.literal_dict(value, scope_of(call), call.order)
            if found is None or id(found.node) in seen:
                continue
            seen.add(id(found.node))
            yield self._dict_request(call.method, channel, found, scope_of(call), call.order)

    # -- the two forms ------------------------------------------------------------------

    def _class_request(self, call: SdkCall, channel: Channel) -> TransactionalRequest:
        bound, scope, order = call.bound, scope_of(call), call.order
        fields = {
            name: Entry(name, syntax(arg.keyword_node or arg.node), expression(arg.value))
            for name, arg in bound.args.items()
        }
        closed = not (bound.star_kwargs or bound.star_args or bound.excess_positional)
        added: set[str] = set()
        holders = list(self._holders(call.node, scope))
        for name, binding in holders:
            later, opaque = self._changes(name, binding, scope, order, None)
            added |= later
            closed = closed and not opaque and not later
        if self._escapes(call.node, scope, {name for name, _ in holders}):
            closed = False
        return TransactionalRequest(
            channel=channel, node=call.node, is_dict=False, fields=fields, closed=closed,
            added_later=frozenset(added), misspelled=bool(bound.unexpected),
            method=call.method, scope=scope, order=order,
        )

    def _dict_request(
        self, method: str, channel: Channel, found: LiteralDict, scope: Scope, order: int
    ) -> TransactionalRequest:
        fields = {
            _WIRE_TO_FIELD.get(key, key): entry for key, entry in found.entries.items()
        }
        added = frozenset(_WIRE_TO_FIELD.get(key, key) for key in found.added_later)
        return TransactionalRequest(
            channel=channel, node=found.node, is_dict=True, fields=fields,
            closed=found.closed, added_later=added, misspelled=False, method=method,
            scope=scope, order=order,
        )

    # -- dict literals through locals -----------------------------------------------------

    def literal_dict(
        self, expr: cst.BaseExpression, scope: Scope, order: int
    ) -> LiteralDict | None:
        path = self.model.origin_path(expr, scope, order)
        value = path[-1][1].value if path else expr
        if value is None:
            return None
        entries, closed = _dict_entries(self.model, value, scope)
        if entries is None:
            return None
        assert isinstance(value, (cst.Dict, cst.Call))
        added: set[str] = set()
        use = order
        for name, binding in path:
            later, opaque = self._changes(name, binding, scope, binding.order, use)
            added |= later
            closed = closed and not opaque and not later
            use = binding.order
        via = path[0][0] if path else None
        return LiteralDict(value, entries, closed, frozenset(added), via)

    # -- what happens to a name after it is assigned --------------------------------------

    def _holders(self, node: cst.CSTNode, scope: Scope) -> Iterator[tuple[str, Binding]]:
        """Local names assigned exactly this node (``req = SendEmailRequest(...)``)."""
        for name, bindings in scope.bindings.items():
            for binding in bindings:
                if binding.value is node:
                    yield name, binding

    def _escapes(self, node: cst.CSTNode, scope: Scope, names: set[str]) -> bool:
        """Whether the object leaves this code, to be completed by someone else: returned
        from its function, or stored on an attribute (``self.request = ...``)."""
        for value in scope.returns:
            if value is node or (isinstance(value, cst.Name) and value.value in names):
                return True
        return any(
            value is node or (isinstance(value, cst.Name) and value.value in names)
            for _, value, where, _, _ in self.model.attribute_assignments
            if where is scope
        )

    def _changes(
        self, name: str, binding: Binding, scope: Scope, start: int, end: int | None
    ) -> tuple[set[str], bool]:
        """Keys/attributes set on ``name`` after ``start`` (and before ``end``), and
        whether something else may have changed it (an unknown call, a computed key).

        A name local to the function ``scope`` is looked at there, between the two points;
        a module-level name (a shared dict, a request template) anywhere in the module.
        """
        local = scope.kind == "function" and any(
            b is binding for b in scope.bindings.get(name, [])
        )

        def relevant(where: Scope, at: int) -> bool:
            if not local:
                return True
            return where is scope and at > start and (end is None or at < end)

        added: set[str] = set()
        opaque = False
        model = self.model
        for target, _, where, at in model.subscript_assignments:
            if _is_name(target.value, name) and relevant(where, at):
                key = _subscript_key(target)
                if key is None:
                    opaque = True
                else:
                    added.add(key)
        for attr_target, _, where, at, _ in model.attribute_assignments:
            if _is_name(attr_target.value, name) and relevant(where, at):
                added.add(attr_target.attr.value)
        for site in model.call_sites:
            if not relevant(site.scope, site.order) or id(site.node) in self._sdk_call_nodes():
                continue
            if self._may_change(site.node, name):
                opaque = True
        return added, opaque

    def _may_change(self, call: cst.Call, name: str) -> bool:
        func = call.func
        if isinstance(func, cst.Attribute) and _is_name(func.value, name):
            return func.attr.value not in _READING_METHODS
        passed = any(_is_name(arg.value, name) and arg.star != "**" for arg in call.args)
        if not passed:
            return False
        dotted = dotted_name(func)
        if dotted in _READING_FUNCTIONS:
            return False
        return not (isinstance(func, cst.Attribute) and func.attr.value in _READING_METHODS)

    def _sdk_call_nodes(self) -> set[int]:
        if self._sdk_nodes is None:
            model = self.model
            self._sdk_nodes = {
                id(c.node) for c in (*model.sdk_calls(), *model.requests())
            }
        return self._sdk_nodes


def _dict_entries(
    model: SemanticModel, value: cst.BaseExpression, scope: Scope
) -> tuple[dict[str, Entry] | None, bool]:
    """String-keyed entries of a dict literal or ``dict(k=v)``, and whether that is all."""
    if isinstance(value, cst.Dict):
        entries: dict[str, Entry] = {}
        closed = True
        for element in value.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if isinstance(element, cst.DictElement) and key is not None:
                entries[key] = Entry(key, element.key, element.value)
            else:
                closed = False
        return entries, closed
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "dict"
        and not model.lookup("dict", scope)
    ):
        entries = {}
        closed = True
        for arg in value.args:
            if arg.keyword is not None and not arg.star:
                entries[arg.keyword.value] = Entry(arg.keyword.value, arg.keyword, arg.value)
            else:
                closed = False
        return entries, closed
    return None, False


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _subscript_key(target: cst.Subscript) -> str | None:
    if len(target.slice) != 1:
        return None
    element = target.slice[0].slice
    return string_value(element.value) if isinstance(element, cst.Index) else None


# -- rewriting a request ------------------------------------------------------------------


def with_fields(request: TransactionalRequest, additions: dict[str, str]) -> cst.CSTNode:
    """The request's construction with fields added (``{field: value source}``), so a
    finding can show the concrete corrected code."""
    spelled = {request.spelling(name): value for name, value in additions.items()}
    return with_entries(request.node, spelled)


def with_entries(node: DictNode, additions: dict[str, str]) -> cst.CSTNode:
    """A dict literal with string keys set, or a call (``dict(...)``, ``Send*Request(...)``)
    with keyword arguments set: an existing item gets the new value, others are appended
    laid out like the existing items."""
    pending = dict(additions)
    if isinstance(node, cst.Dict):
        elements: list[cst.BaseDictElement] = []
        for element in node.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if isinstance(element, cst.DictElement) and key in pending:
                element = element.with_changes(value=cst.parse_expression(pending.pop(key)))
            elements.append(element)
        added = [
            cst.DictElement(cst.SimpleString(f'"{key}"'), cst.parse_expression(value))
            for key, value in pending.items()
        ]
        return node.with_changes(elements=_extend(elements, added))
    args: list[cst.Arg] = []
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value in pending:
            arg = arg.with_changes(value=cst.parse_expression(pending.pop(arg.keyword.value)))
        args.append(arg)
    new_args = [
        cst.Arg(
            cst.parse_expression(value),
            keyword=cst.Name(key),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        for key, value in pending.items()
    ]
    return node.with_changes(args=_extend(args, new_args))


def _extend(existing: list[Any], added: list[Any]) -> list[Any]:
    """Append items, copying the separators of a multi-line layout."""
    if not existing or not added:
        return [*existing, *added]
    last_comma = existing[-1].comma
    between = existing[-2].comma if len(existing) >= 2 else cst.MaybeSentinel.DEFAULT
    if isinstance(between, cst.Comma) and isinstance(last_comma, cst.Comma):
        items = [*existing[:-1], existing[-1].with_changes(comma=between)]
        items += [item.with_changes(comma=between) for item in added[:-1]]
        items.append(added[-1].with_changes(comma=last_comma))
        return items
    return [*existing[:-1], existing[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT), *added]


# -- recipients ---------------------------------------------------------------------------

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
