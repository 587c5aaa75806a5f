"""Personal data in Python event names: which values are read from personal fields.

Judged by the names a value is read from (``user.email``, ``form["phone"]``,
``get_birthday()``), through one local assignment, and by email addresses
written in the name's own text.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.events import EventName, PersonalData, email_in_name, pii_kind
from cio_lint.analysis.identity import embedded_email
from cio_lint.analysis.python.built_names import built_name
from cio_lint.analysis.python.event_names import MAX_DEPTH
from cio_lint.analysis.python.scopes import expression, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.python.value_names import last_name, passed_through


def pii_reason(expr: cst.BaseExpression, depth: int = 0) -> str | None:
    """Why the value of ``expr`` is personal data, judged by the names it is read from."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, cst.Name):
        return pii_kind(expr.value)
    if isinstance(expr, cst.Attribute):
        return pii_kind(expr.attr.value, last_name(expr.value))
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        element = expr.slice[0].slice
        key = string_value(element.value) if isinstance(element, cst.Index) else None
        if key is not None:
            return pii_kind(key, last_name(expr.value)) or pii_reason(expr.value, depth + 1)
        return pii_reason(expr.value, depth + 1)
    if isinstance(expr, cst.Call):
        inner = passed_through(expr)
        if inner is not None:
            return pii_reason(inner, depth + 1)
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("get", "pop", "getlist"):
            key = string_value(expr.args[0].value) if expr.args else None
            return pii_kind(key, last_name(func.value)) if key is not None else None
        name = last_name(func)
        if name.startswith("get_"):
            owner = last_name(func.value) if isinstance(func, cst.Attribute) else ""
            return pii_kind(name, owner)
    if isinstance(expr, cst.FormattedString):
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                reason = pii_reason(part.expression, depth + 1)
                if reason is not None:
                    return reason
    return None



def personal_data_in_name(model: SemanticModel, event: EventName) -> list[PersonalData]:
    """The personal data the name carries: an email in its text, or personal values."""
    if event.text is not None:
        email = embedded_email(event.text)
        return [email_in_name(email)] if email else []
    scope = scope_of(event.call)
    built = built_name(model, expression(event.value), scope, event.call.order)
    pieces = built.pieces if built is not None else (event.value,)
    found: list[PersonalData] = []
    for piece in pieces:
        if isinstance(piece, str):
            email = embedded_email(piece)
            if email is not None:
                found.append(email_in_name(email))
            continue
        value = expression(piece)
        reason = _pii_through_origin(model, value, event)
        if reason is not None:
            found.append(PersonalData(f"`{model.code(value)}`", reason, value))
    return found




def _pii_through_origin(
    model: SemanticModel, expr: cst.BaseExpression, event: EventName
) -> str | None:
    """Personal data by the expression's own name, else by the local it was assigned from."""
    reason = pii_reason(expr)
    if reason is not None or not isinstance(expr, cst.Name):
        return reason
    origin = model.origin(expr, scope_of(event.call), event.call.order)
    if origin is expr:
        return None
    reason = pii_reason(origin)
    return f"{reason}, from `{model.code(origin)}`" if reason is not None else None
