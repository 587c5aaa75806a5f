"""Small readings of LibCST syntax that every part of the Python frontend needs."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache

import libcst as cst


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain (non-f) string literal, concatenations included."""
    if type(node) is cst.SimpleString:
        return literal_text(node.value)
    if type(node) is cst.ConcatenatedString:
        left = string_value(node.left)
        right = string_value(node.right)
        return None if left is None or right is None else left + right
    return None


def is_plain_dict(value: cst.BaseExpression) -> bool:
    """A dict literal with only string keys, or ``dict(k=v)``: every key is visible."""
    if isinstance(value, cst.Dict):
        return all(
            isinstance(element, cst.DictElement) and string_value(element.key) is not None
            for element in value.elements
        )
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "dict"
        and all(arg.keyword is not None and not arg.star for arg in value.args)
    )


def dotted_name(expr: cst.BaseExpression) -> str:
    """``a.b.c`` for a chain of names and attributes, ``""`` for anything else (classes
    compared exactly, as ``qualname`` does: asked of nearly every expression)."""
    if type(expr) is cst.Name:
        return expr.value
    if type(expr) is cst.Attribute:
        base = dotted_name(expr.value)
        return f"{base}.{expr.attr.value}" if base else ""
    return ""


def all_params(params: cst.Parameters) -> Iterator[cst.Param]:
    """Every parameter of a signature, in order: positional-only to ``**kwargs``."""
    yield from params.posonly_params
    yield from params.params
    if type(params.star_arg) is cst.Param:
        yield params.star_arg
    yield from params.kwonly_params
    if params.star_kwarg is not None:
        yield params.star_kwarg


@lru_cache(maxsize=4096)
def literal_text(written: str) -> str | None:
    """The ``str`` a string literal written as ``written`` evaluates to (None for bytes).

    Most literals have no prefix, escape or carriage return: their value is the text
    between the quotes. The rest go through Python's own reading of literals, which
    compiles each one (as LibCST's ``evaluated_value`` does); a dense file repeats its literals.
    """
    quote = written[:1]
    if quote in ("'", '"') and "\\" not in written and "\r" not in written:
        width = 3 if written.startswith(quote * 3) and len(written) >= 6 else 1
        return written[width:-width]
    try:
        value = ast.literal_eval(written)
    except (ValueError, SyntaxError):  # pragma: no cover - the parser rejects these
        return None
    return value if isinstance(value, str) else None
