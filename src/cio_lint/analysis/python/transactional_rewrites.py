"""The code of a corrected transactional request, written as Python.

A finding shows the concrete corrected construction: the ``Send*Request(...)`` call
or dict with the missing fields added, laid out like the fields already there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import libcst as cst

from cio_lint.analysis.python.syntax import string_value


def with_entries(node: cst.CSTNode, additions: Mapping[str, str]) -> cst.CSTNode:
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
    if not isinstance(node, cst.Call):
        raise TypeError(f"not a request construction: {type(node).__name__}")
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


def mapping_literal(entries: Mapping[str, str]) -> str:
    """``{"key": value, ...}`` for string keys and value code."""
    return "{" + ", ".join(f'"{key}": {value}' for key, value in entries.items()) + "}"


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
