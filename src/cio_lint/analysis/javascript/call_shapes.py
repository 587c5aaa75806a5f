"""Node SDK calls whose arguments do not have the shape the SDK takes.

Node binds by position and options object, so its mistakes are shapes, not keywords: an
object where the customer id goes, the Python-style ``track(id, "name", data)``, a plain
object where ``sendEmail`` needs a ``SendEmailRequest``, Segment-browser positional calls
on the CDP client. Each is found here with the rewrite that is mechanical, if any; the
rule decides what the shape costs on the versions the project runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.calls import SdkCalls
from cio_lint.analysis.javascript.queries.base import scope, ts
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.sdk_surface import MisshapenCall, Replacement, Shape
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_node import (
    NODE_DROPPED_REQUEST_KEYS,
    NODE_RENAMED_REQUEST_KEYS,
    NODE_SEND_REQUESTS,
    TRACK_PACKAGE,
)

_STRINGS = frozenset({"string", "template_string"})
_EVENT_METHODS = frozenset({"track", "track_anonymous"})
_CDP_OBJECT_METHODS = frozenset({"identify", "track", "page", "screen", "group", "alias"})
_USER_IDS = ("user_id", "anonymous_id")


def misshapen_calls(semantic: JsSemantic, found: SdkCalls) -> list[MisshapenCall]:
    shapes: list[MisshapenCall] = []
    for call in found.methods:
        if call.kind is ClientKind.TRACK:
            shapes.extend(_track(semantic, call))
        elif call.kind is ClientKind.APP:
            shapes.extend(_send(semantic, call))
        elif call.kind is ClientKind.PIPELINES:
            shapes.extend(_pipelines(semantic, found, call))
    for call in found.requests:
        for key, argument in call.bound.unexpected.items():
            if key in NODE_DROPPED_REQUEST_KEYS:
                shapes.append(_dropped(call, key, ts(argument.keyword_node or argument.node)))
    return shapes


def _dropped(call: SdkCall, key: str, node: TsNode) -> MisshapenCall:
    """A key the request drops; a renamed one is renamed back when nothing else holds it."""
    renamed = NODE_RENAMED_REQUEST_KEYS.get(key)
    correct = NODE_DROPPED_REQUEST_KEYS[key]
    if renamed is None or renamed in call.bound.args or renamed in call.bound.unexpected:
        return MisshapenCall(Shape.DROPPED_KEY, call, node, key, correct=correct)
    return MisshapenCall(Shape.DROPPED_KEY, call, node, key, correct=correct,
                         edits=(Replacement(node, _renamed_key(node, renamed)),))


def _renamed_key(key: TsNode, name: str) -> str:
    """What replaces ``key`` to rename it: a quoted key stays quoted, a shorthand keeps
    its value (``{ amp_body }`` -> ``{ body_amp: amp_body }``)."""
    text = syntax.text(key)
    if key.type == "shorthand_property_identifier":
        return f"{name}: {text}"
    quote = text[0] if key.type == "string" else ""
    return f"{quote}{name}{quote}"


def _node(call: SdkCall) -> TsNode:
    return ts(call.node)


def _origin(semantic: JsSemantic, call: SdkCall, value: TsNode) -> TsNode:
    return semantic.origin(value, scope(call.place), call.order)


def _plain(arguments: TsNode | None) -> bool:
    """No comment inside the argument list: rewriting it whole loses nothing."""
    return arguments is not None and not any(
        node.type == "comment" for node in syntax.walk(arguments)
    )


def _track(semantic: JsSemantic, call: SdkCall) -> Iterator[MisshapenCall]:
    args = syntax.arguments(_node(call))
    if not args or any(arg.type == "spread_element" for arg in args):
        return
    first = _origin(semantic, call, args[0])
    if call.method == "track_anonymous" and len(args) == 1 and first.type == "object":
        yield MisshapenCall(Shape.ANONYMOUS_WITHOUT_ID, call, args[0],
                            correct=f"{_label(call)}(anonymousId, {syntax.text(args[0])})")
        return
    if call.signature.customer_id is not None and first.type == "object":
        yield _object_as_id(call, args, first)
        return
    if call.method in _EVENT_METHODS and len(args) >= 2:
        name = _origin(semantic, call, args[1])
        if name.type in _STRINGS:
            yield _name_as_event(call, args)


def _object_as_id(call: SdkCall, args: list[TsNode], literal: TsNode) -> MisshapenCall:
    """``identify({ id, email })``: the rewrite moves ``id`` out when the object is written
    at the call, holds an ``id`` and nothing the rewrite could lose."""
    label = _label(call)
    second = "{ email: user.email }" if call.method == "identify" else "..."
    correct = f"{label}(user.id, {second})"
    found = MisshapenCall(Shape.OBJECT_AS_ID, call, args[0], correct=correct)
    arguments = _node(call).child_by_field_name("arguments")
    if (
        call.method != "identify" or len(args) != 1 or literal != args[0]
        or not _plain(arguments) or arguments is None
    ):
        return found
    id_text: str | None = None
    rest: list[str] = []
    for entry in literal.named_children:
        key = syntax.property_key(entry)
        if key is None or entry.type == "spread_element":
            return found
        if key == "id":
            value = entry.child_by_field_name("value")
            id_text = syntax.text(value) if value is not None else "id"
        else:
            rest.append(syntax.text(entry))
    if id_text is None:
        return found
    rewritten = f"({id_text}, {{ {', '.join(rest)} }})" if rest else f"({id_text})"
    return MisshapenCall(Shape.OBJECT_AS_ID, call, args[0],
                         correct=f"{label}{rewritten}",
                         edits=(Replacement(arguments, rewritten),))


def _name_as_event(call: SdkCall, args: list[TsNode]) -> MisshapenCall:
    """``track(id, "name", data)`` -> ``track(id, { name: "name", data })``."""
    arguments = _node(call).child_by_field_name("arguments")
    name = syntax.text(args[1])
    event = f"{{ name: {name}, data: {syntax.text(args[2])} }}" if len(args) == 3 else (
        f"{{ name: {name} }}"
    )
    rewritten = f"({syntax.text(args[0])}, {event})"
    edits: tuple[Replacement, ...] = ()
    if len(args) <= 3 and _plain(arguments) and arguments is not None:
        edits = (Replacement(arguments, rewritten),)
    return MisshapenCall(Shape.NAME_AS_EVENT, call, args[1],
                         correct=f"{_label(call)}{rewritten}", edits=edits)


def _send(semantic: JsSemantic, call: SdkCall) -> Iterator[MisshapenCall]:
    request = NODE_SEND_REQUESTS.get(call.method)
    args = syntax.arguments(_node(call))
    if request is None or not args or _origin(semantic, call, args[0]).type != "object":
        return
    wrapped = f"new {request}({syntax.text(args[0])})"
    edits: tuple[Replacement, ...] = ()
    binding = semantic.binding(request, scope(call.place), call.order)
    if (
        args[0].type == "object" and binding is not None
        and binding.qualified == f"{TRACK_PACKAGE}.{request}"
    ):
        edits = (Replacement(args[0], wrapped),)
    yield MisshapenCall(Shape.PLAIN_REQUEST, call, args[0], request,
                        correct=f"{_label(call)}({wrapped})", edits=edits)


def _pipelines(semantic: JsSemantic, found: SdkCalls, call: SdkCall) -> Iterator[MisshapenCall]:
    if call.method not in _CDP_OBJECT_METHODS:
        return
    args = syntax.arguments(_node(call))
    if not args or args[0].type == "spread_element":
        return
    first = _origin(semantic, call, args[0])
    second = _origin(semantic, call, args[1]) if len(args) > 1 else None
    if first.type in _STRINGS or (
        first.type != "object" and second is not None and second.type == "object"
    ):
        yield MisshapenCall(Shape.POSITIONAL_OBJECT_CALL, call, args[0],
                            correct=_object_call(call))
        return
    for param in _USER_IDS:
        value = call.value(param)
        if value is not None and _origin(semantic, call, ts(value)).type == "number":
            yield _numeric_id(call, ts(value))
    literal = found.objects.get(_node(call).id)
    if (
        call.method == "track" and literal is not None and not call.bound.star_kwargs
        and "event" not in call.bound.args
    ):
        yield _missing_event(call, literal)


def _object_call(call: SdkCall) -> str:
    label = _label(call)
    if call.method == "track":
        return f'{label}({{ userId, event: "Signed Up", properties }})'
    if call.method == "identify":
        return f"{label}({{ userId, traits }})"
    return f"{label}({{ userId, ... }})"


def _numeric_id(call: SdkCall, value: TsNode) -> MisshapenCall:
    text = syntax.text(value)
    if value.type == "number":
        quoted = f'"{text}"'
        return MisshapenCall(Shape.NUMERIC_USER_ID, call, value, correct=quoted,
                             edits=(Replacement(value, quoted),))
    return MisshapenCall(Shape.NUMERIC_USER_ID, call, value, correct=f"String({text})")


def _missing_event(call: SdkCall, literal: TsNode) -> MisshapenCall:
    """``track({ userId })``; with a Track-style ``name:`` key, renaming it is the fix."""
    misnamed = call.bound.unexpected.get("name")
    if misnamed is None or misnamed.keyword_node is None:
        return MisshapenCall(Shape.MISSING_EVENT, call, literal,
                             correct=f'{_label(call)}({{ userId, event: "Signed Up" }})')
    key = ts(misnamed.keyword_node)
    return MisshapenCall(Shape.MISSING_EVENT, call, key, "name",
                         correct=f"event: {syntax.text(ts(misnamed.value))}",
                         edits=(Replacement(key, _renamed_key(key, "event")),))


def _label(call: SdkCall) -> str:
    receiver = call.receiver
    owner = syntax.text(ts(receiver)) if receiver is not None else ""
    owner = owner if len(owner) <= 24 and "\n" not in owner else "client"
    return f"{owner}.{call.written}" if owner else call.written
