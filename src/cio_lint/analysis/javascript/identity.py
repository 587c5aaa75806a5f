"""Identity in JavaScript/TypeScript code: values that are, or carry, an email address,
the key that names one customer, and identify calls forwarded to Customer.io."""

from __future__ import annotations

import re

from tree_sitter import Node as TsNode

from cio_lint.analysis.identity import (
    FORWARDING_NODE_CLIENTS,
    EmailEvidence,
    EmailSource,
    PropertyRead,
    is_email_name,
)
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic

_SPACE = re.compile(r"\s+")
#: String methods that keep an address an address (``email.toLowerCase()``).
_KEEPING = frozenset({"toLowerCase", "toLocaleLowerCase", "trim", "normalize", "toString"})
#: Getters whose first argument names a field (``formData.get("email")``).
_GETTERS = frozenset({"get", "getAll", "param"})


def email_evidence(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None
) -> EmailSource | None:
    """Why ``node`` (or the value its name was given) is an email address, or None."""
    seen = [syntax.unwrap(node) or node]
    origin = semantic.origin(node, scope, order)
    if origin != seen[0]:
        seen.append(origin)
    for value in seen:
        found = _email_reason(value, 0)
        if found is not None:
            return found
    return None


def _email_reason(node: TsNode, depth: int) -> EmailSource | None:
    node = syntax.unwrap(node) or node
    text = syntax.string_value(node)
    if text is not None:
        return EmailSource(EmailEvidence.LITERAL) if "@" in text else None
    if node.type == "template_string":
        fixed = "".join(syntax.text(c) for c in node.named_children if c.type == "string_fragment")
        if not fixed:  # older grammars keep the fixed text unnamed
            fixed = re.sub(r"\$\{[^}]*\}", "", syntax.text(node))
        return EmailSource(EmailEvidence.TEMPLATE, "a template literal") if "@" in fixed else None
    if node.type in ("identifier", "shorthand_property_identifier"):
        name = syntax.text(node)
        return EmailSource(EmailEvidence.VARIABLE, name) if is_email_name(name) else None
    if node.type == "member_expression":
        prop = _property_name(node)
        if prop is not None and is_email_name(prop):
            return EmailSource(EmailEvidence.ATTRIBUTE, prop)
        return None
    if node.type == "subscript_expression":
        key = syntax.string_value(node.child_by_field_name("index"))
        return EmailSource(EmailEvidence.FIELD, key) if key and is_email_name(key) else None
    if node.type == "call_expression" and depth < 4:
        return _call_reason(node, depth)
    return None


def _call_reason(node: TsNode, depth: int) -> EmailSource | None:
    function = syntax.unwrap(node.child_by_field_name("function"))
    if function is None or function.type != "member_expression":
        return None
    method = _property_name(function)
    owner = function.child_by_field_name("object")
    if method in _KEEPING and owner is not None:
        return _email_reason(owner, depth + 1)
    args = syntax.arguments(node)
    if method in _GETTERS and args:
        key = syntax.string_value(args[0])
        if key is not None and is_email_name(key):
            return EmailSource(EmailEvidence.FIELD, key)
    return None


def _property_name(member: TsNode) -> str | None:
    prop = member.child_by_field_name("property")
    return syntax.text(prop) if prop is not None else None


def expression_key(node: TsNode) -> str:
    """``user.id``, ``user?.id``, ``user["id"]`` and ``(user).id`` all as ``user.id``;
    any other expression as its text without whitespace."""
    node = syntax.unwrap(node) or node
    parts = syntax.member_parts(node)
    if parts is not None:
        return f"{expression_key(parts[0])}.{parts[1]}"
    if node.type == "non_null_expression" or node.type == "await_expression":
        inner = node.named_children
        if inner:
            return expression_key(inner[0])
    return _SPACE.sub("", syntax.text(node))


def property_read(node: TsNode) -> PropertyRead | None:
    """``user.email`` (``user?.email``, ``user["email"]``) as owner text and property name."""
    node = syntax.unwrap(node) or node
    parts = syntax.member_parts(node)
    if parts is None:
        return None
    return PropertyRead(syntax.text(syntax.unwrap(parts[0]) or parts[0]), parts[1])


def forwarded_identifies(semantic: JsSemantic) -> list[TsNode]:
    """``analytics.identify(...)`` on a Segment or RudderStack Node client built in this
    module (``new Analytics({writeKey})``), known by the import of its class."""
    found: list[TsNode] = []
    for site in semantic.collected.calls:
        if site.node.type != "call_expression":
            continue
        function = syntax.unwrap(site.node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        if parts is None or parts[1] != "identify":
            continue
        order = site.node.start_byte
        receiver = semantic.origin(parts[0], site.scope, order)
        if receiver.type != "new_expression":
            continue
        constructor = receiver.child_by_field_name("constructor")
        qualified = semantic.qualified(constructor, semantic.scope_of(receiver), None)
        if qualified in FORWARDING_NODE_CLIENTS:
            found.append(site.node)
    return found


#: Route registrations whose handler receives the requests that create things.
_CREATING_VERBS = frozenset({"post", "put"})


def handled_route(function: TsNode) -> str | None:
    """``/signup`` for the handler of ``app.post("/signup", async (req, res) => ...)``
    (Express, Koa and Fastify routers spell it alike); None for any other function."""
    holder = function.parent
    call = holder.parent if holder is not None and holder.type == "arguments" else None
    if call is None or call.type != "call_expression":
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    parts = syntax.member_parts(callee) if callee is not None else None
    if parts is None or parts[1] not in _CREATING_VERBS:
        return None
    args = syntax.arguments(call)
    return syntax.string_value(args[0]) if args and args[0] != function else None
