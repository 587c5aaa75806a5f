"""Python transactional requests, however they are written: the one view CIO501-CIO504 share.

The App API takes a request as a ``Send*Request(...)`` object or as a plain dict
(``api.send_email({...})``), written at the call or in a local first, sometimes
completed afterwards (``req.to = ...``, ``payload["to"] = ...``) or spread from
``**kwargs``. This module turns each of those into a neutral ``TransactionalRequest``:
the fields it is shown to carry, their value nodes, the channel, and whether the
field set is *closed* (fully known). A request built and then sent is one request,
reported where it is built.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from cio_lint.analysis.python.scopes import (
    Binding,
    Scope,
    call_node,
    expression,
    scope_of,
    syntax,
)
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.transactional import (
    CHANNEL_OF_CLASS,
    Channel,
    Entry,
    LiteralDict,
    TransactionalRequest,
)
from cio_lint.core.client_kinds import ClientKind

CHANNEL_OF_METHOD: dict[str, Channel] = {
    "send_email": Channel.EMAIL,
    "send_push": Channel.PUSH,
    "send_sms": Channel.SMS,
    "send_whatsapp": Channel.WHATSAPP,
    "send_inbox_message": Channel.INBOX,
    "send_in_app": Channel.IN_APP,
}

#: Python spellings of the SDK's field names: ``_from`` is the keyword for ``from``
#: (and taken as the sender in a dict too, so it is never reported missing), and a dict
#: sends the device as ``custom_device``.
_KEYWORD_TO_FIELD: dict[str, str] = {"_from": "from"}
_KEY_TO_FIELD: dict[str, str] = {"_from": "from", "custom_device": "device"}
_KEYWORD_SPELLINGS: dict[str, str] = {"from": "_from"}
_KEY_SPELLINGS: dict[str, str] = {"device": "custom_device"}

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


def transactional_requests(model: SemanticModel) -> list[TransactionalRequest]:
    """Every transactional request of the module, each once, in source order."""
    return sorted(_Finder(model).find(), key=lambda r: r.order)


def literal_dict(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int
) -> LiteralDict | None:
    """The dict literal ``expr`` is shown to be (directly or through locals), if any."""
    return _Finder(model).literal_dict(expr, scope, order)


def _entry(key: str, key_node: cst.CSTNode, value: cst.BaseExpression) -> Entry:
    return Entry(key, key_node, value, null=isinstance(value, cst.Name) and value.value == "None")


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
            found = self.literal_dict(expression(value), scope_of(call), call.order)
            if found is None or id(found.node) in seen:
                continue
            seen.add(id(found.node))
            yield self._dict_request(call.method, channel, found, scope_of(call), call.order)

    # -- the two forms ------------------------------------------------------------------

    def _class_request(self, call: SdkCall, channel: Channel) -> TransactionalRequest:
        bound, scope, order = call.bound, scope_of(call), call.order
        fields = {
            _KEYWORD_TO_FIELD.get(name, name): _entry(
                name, syntax(arg.keyword_node or arg.node), expression(arg.value)
            )
            for name, arg in bound.args.items()
        }
        closed = not (bound.star_kwargs or bound.star_args or bound.excess_positional)
        added: set[str] = set()
        node = call_node(call)
        holders = list(self._holders(node, scope))
        for name, binding in holders:
            later, opaque = self._changes(name, binding, scope, order, None)
            added |= {_KEYWORD_TO_FIELD.get(key, key) for key in later}
            closed = closed and not opaque and not later
        if self._escapes(node, scope, {name for name, _ in holders}):
            closed = False
        return TransactionalRequest(
            channel=channel, node=call.node, label=f"`{call.method}(...)`", fields=fields,
            closed=closed, added_later=frozenset(added), misspelled=bool(bound.unexpected),
            place=scope, order=order, spellings=_KEYWORD_SPELLINGS,
        )

    def _dict_request(
        self, method: str, channel: Channel, found: LiteralDict, scope: Scope, order: int
    ) -> TransactionalRequest:
        fields = {
            _KEY_TO_FIELD.get(key, key): entry for key, entry in found.entries.items()
        }
        added = frozenset(_KEY_TO_FIELD.get(key, key) for key in found.added_later)
        return TransactionalRequest(
            channel=channel, node=found.node,
            label=f"the request dict sent with `{method}`", fields=fields,
            closed=found.closed, added_later=added, misspelled=False,
            place=scope, order=order, spellings=_KEY_SPELLINGS,
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
                entries[key] = _entry(key, element.key, element.value)
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
                entries[arg.keyword.value] = _entry(arg.keyword.value, arg.keyword, arg.value)
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
