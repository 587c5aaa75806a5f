"""Small readings of LibCST syntax that every part of the Python frontend needs."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain (non-f) string literal, concatenations included."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except (ValueError, SyntaxError):  # pragma: no cover - parser rejects these
            return None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
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
    """``a.b.c`` for a chain of names and attributes, ``""`` for anything else."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = dotted_name(expr.value)
        return f"{base}.{expr.attr.value}" if base else ""
    return ""


def all_params(params: cst.Parameters) -> Iterator[cst.Param]:
    """Every parameter of a signature, in order: positional-only to ``**kwargs``."""
    yield from params.posonly_params
    yield from params.params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    yield from params.kwonly_params
    if params.star_kwarg is not None:
        yield params.star_kwarg
