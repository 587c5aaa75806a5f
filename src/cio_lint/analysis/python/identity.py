"""Identity in Python code: values that are, or carry, an email address."""

from __future__ import annotations

import re

import libcst as cst

from cio_lint.analysis.identity import (
    FORWARDED_IDENTIFY,
    FORWARDING_CLIENTS,
    EmailEvidence,
    EmailSource,
    PropertyRead,
    embedded_email,
    is_email_literal,
    is_email_name,
)
from cio_lint.analysis.python.rewrites import checked_rewrite
from cio_lint.analysis.python.scopes import Scope, call_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.core.client_kinds import ClientKind

# The string judgements are language-neutral; other Python modules import them from here.
__all__ = [
    "email_evidence",
    "email_source",
    "embedded_email",
    "forwarded_identifies",
    "is_email_literal",
    "is_email_name",
    "normalized_code",
    "property_read",
    "same_expression",
    "with_added_attribute",
]


def email_evidence(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> EmailSource | None:
    """Why ``expr`` is an email address, or None: a literal, ``user.email``, ``data["email"]``."""
    seen: list[cst.BaseExpression] = [expr]
    origin = model.origin(expr, scope, order)
    if origin is not expr:
        seen.append(origin)
    for node in seen:
        found = _email_reason(node)
        if found is not None:
            return found
    return None


def email_source(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> str | None:
    """``email_evidence`` as the words a message uses."""
    found = email_evidence(model, expr, scope, order)
    return found.describe() if found is not None else None


def _email_reason(node: cst.BaseExpression) -> EmailSource | None:
    text = string_value(node)
    if text is not None:
        return EmailSource(EmailEvidence.LITERAL) if "@" in text else None
    if type(node) is cst.FormattedString:
        parts = "".join(
            p.value for p in node.parts if isinstance(p, cst.FormattedStringText)
        )
        return EmailSource(EmailEvidence.TEMPLATE) if "@" in parts else None
    if type(node) is cst.Name:
        return EmailSource(EmailEvidence.VARIABLE, node.value) if is_email_name(
            node.value
        ) else None
    if isinstance(node, cst.Attribute):
        name = node.attr.value
        return EmailSource(EmailEvidence.ATTRIBUTE, name) if is_email_name(name) else None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        element = node.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None and is_email_name(key):
                return EmailSource(EmailEvidence.FIELD, key)
        return None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        method = node.func.attr.value
        if method in ("get", "getlist", "pop") and node.args:
            key = string_value(node.args[0].value)
            if key is not None and is_email_name(key):
                return EmailSource(EmailEvidence.FIELD, key)
        if method in ("lower", "strip", "casefold"):
            return _email_reason(node.func.value)
    return None


def forwarded_identifies(model: SemanticModel) -> list[cst.Call]:
    """``analytics.identify(...)`` through Segment's or RudderStack's library, known by
    the import its name resolves to (``FORWARDED_IDENTIFY``), or ``identify`` on one of
    their clients built in the same module (``Client(write_key)``, through a local)."""
    found: list[cst.Call] = []
    for site in model.call_sites:
        func = site.node.func
        named = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        if named != "identify":
            continue
        if model.qualname(func, site.scope, site.order) in FORWARDED_IDENTIFY:
            found.append(site.node)
        elif isinstance(func, cst.Attribute):
            receiver = model.origin(func.value, site.scope, site.order)
            if isinstance(receiver, cst.Call) and (
                model.qualname(receiver.func, site.scope, site.order) in FORWARDING_CLIENTS
            ):
                found.append(site.node)
    return found


def same_expression(model: SemanticModel, a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """Are two expressions the same source text, ignoring whitespace?"""
    return normalized_code(model, a) == normalized_code(model, b)


def normalized_code(model: SemanticModel, node: cst.CSTNode) -> str:
    return re.sub(r"\s+", "", model.code(node))


def property_read(model: SemanticModel, node: cst.CSTNode) -> PropertyRead | None:
    """``user.email`` as owner text and attribute name; None for anything else."""
    if isinstance(node, cst.Attribute):
        return PropertyRead(model.code(node.value), node.attr.value)
    return None


def with_added_attribute(
    model: SemanticModel, call: SdkCall, key: str, value_text: str
) -> str | None:
    """The call with ``key=value_text`` added after its customer id (a Pipelines call, whose
    attributes travel in ``traits``, as a pattern: its other arguments elided); None when
    no valid call can be written."""
    node = call_node(call)
    if call.kind is ClientKind.PIPELINES:
        return f'{model.code(node.func)}(..., traits={{"{key}": {value_text}, ...}})'
    return _with_keyword(model, node, _keyword_position(node, call.customer_id), key,
                         value_text)


@checked_rewrite
def _with_keyword(
    model: SemanticModel, node: cst.Call, position: int, key: str, value_text: str
) -> str | None:
    """``node`` with ``key=value_text`` right after its argument at ``position``."""
    args = list(node.args)
    after = args[position]
    args[position] = after.with_changes(
        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    args.insert(position + 1, cst.Arg(
        cst.parse_expression(value_text), keyword=cst.Name(key), comma=after.comma,
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    ))
    return model.module.code_for_node(node.with_changes(args=args))


def _keyword_position(node: cst.Call, customer_id: Node | None) -> int:
    """The argument a new keyword goes right after: the customer id, unless positional
    arguments follow it (Python accepts a keyword only after every positional one)."""
    args = node.args
    position = next(
        (i for i, arg in enumerate(args) if arg.value is customer_id), len(args) - 1
    )
    positional = [i for i, arg in enumerate(args) if arg.keyword is None and arg.star != "**"]
    return max([position, *positional])
