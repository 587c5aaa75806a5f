"""What a Python value is called: the name, attribute or key it is read from.

An event name interpolating ``product.slug`` is best keyed "product" in the
event data, and a value read from ``user.phone`` is personal data: both
judgements start from the names an expression is read through.
"""

from __future__ import annotations

import re

import libcst as cst

from cio_lint.analysis.events import snake_case
from cio_lint.analysis.python.syntax import string_value


def data_key(expr: cst.BaseExpression) -> str | None:
    """A sensible event-data key (an identifier) for a value cut out of a name."""
    key = _data_key(expr)
    return key if key is not None and key.isidentifier() else None

#: Attributes that identify their owner: ``product.slug`` is best keyed "product".
_IDENTIFYING_ATTRIBUTES = frozenset(
    {"slug", "id", "pk", "uuid", "name", "key", "code", "handle", "title", "sku", "value"}
)
_STRING_METHODS = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "title", "casefold", "capitalize",
     "replace", "split", "rsplit", "partition", "rpartition", "removeprefix", "removesuffix"}
)
_PASS_THROUGH_FUNCTIONS = frozenset({"str", "slugify", "quote", "quote_plus", "repr"})


def _data_key(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return snake_case(expr.value) or None
    if isinstance(expr, cst.Attribute):
        attribute = expr.attr.value
        if attribute in _IDENTIFYING_ATTRIBUTES:
            owner = last_name(expr.value)
            if owner and owner not in ("self", "cls", "request"):
                return snake_case(owner) or None
        return snake_case(attribute) or None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        element = expr.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None:
                return snake_case(key) or None
        return _data_key(expr.value)
    if isinstance(expr, cst.Call):
        inner = passed_through(expr)
        if inner is not None:
            return _data_key(inner)
        name = last_name(expr.func)
        if name:
            return snake_case(re.sub(r"^get_", "", name)) or None
    return None


def last_name(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return ""


def passed_through(call: cst.Call) -> cst.BaseExpression | None:
    """The value a string method or a pass-through function transforms, if that is all."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in _STRING_METHODS:
        return func.value
    if isinstance(func, cst.Name) and func.value in _PASS_THROUGH_FUNCTIONS and call.args:
        return call.args[0].value
    return None

