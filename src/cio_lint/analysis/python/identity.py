"""Identity in Python code: values that are, or carry, an email address."""

from __future__ import annotations

import re

import libcst as cst

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value

# -- emails --------------------------------------------------------------------------------

_EMAIL_LITERAL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMAIL_NAME = re.compile(r"(^|_)e_?mail(_?addr(ess)?)?$|[a-z]Email(Address)?$|^email", re.I)


def is_email_literal(text: str) -> bool:
    return bool(_EMAIL_LITERAL.match(text.strip()))


_EMBEDDED_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)


def embedded_email(text: str) -> str | None:
    """The first email address inside ``text`` (``"invited_jane@example.com"``), if any.

    Only a bounded window around each ``@`` is searched, so a huge literal costs
    linear time.
    """
    start = text.find("@")
    for _ in range(50):
        if start < 0:
            return None
        match = _EMBEDDED_EMAIL.search(text, max(0, start - 64), start + 640)
        if match is not None:
            return match.group(0)
        start = text.find("@", start + 1)
    return None


def is_email_name(name: str) -> bool:
    """``email``, ``user_email``, ``emailAddress``: a name that holds an email address."""
    return bool(_EMAIL_NAME.search(name))


def email_source(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> str | None:
    """Why ``expr`` is an email address, or None: a literal, ``user.email``, ``data["email"]``."""
    seen: list[cst.BaseExpression] = [expr]
    origin = model.origin(expr, scope, order)
    if origin is not expr:
        seen.append(origin)
    for node in seen:
        reason = _email_reason(node)
        if reason is not None:
            return reason
    return None


def _email_reason(node: cst.BaseExpression) -> str | None:
    text = string_value(node)
    if text is not None:
        return "an email address literal" if "@" in text else None
    if isinstance(node, cst.FormattedString):
        parts = "".join(
            p.value for p in node.parts if isinstance(p, cst.FormattedStringText)
        )
        return "an email address built by an f-string" if "@" in parts else None
    if isinstance(node, cst.Name):
        return f"the variable `{node.value}`" if is_email_name(node.value) else None
    if isinstance(node, cst.Attribute):
        name = node.attr.value
        return f"the `{name}` attribute" if is_email_name(name) else None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        element = node.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None and is_email_name(key):
                return f'the "{key}" field'
        return None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        method = node.func.attr.value
        if method in ("get", "getlist", "pop") and node.args:
            key = string_value(node.args[0].value)
            if key is not None and is_email_name(key):
                return f'the "{key}" field'
        if method in ("lower", "strip", "casefold"):
            return _email_reason(node.func.value)
    return None


def same_expression(model: SemanticModel, a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """Are two expressions the same source text, ignoring whitespace?"""
    return normalized_code(model, a) == normalized_code(model, b)


def normalized_code(model: SemanticModel, node: cst.CSTNode) -> str:
    return re.sub(r"\s+", "", model.code(node))
