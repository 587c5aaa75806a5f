"""How a Python call passes its keywords, and the text of calls rewritten to fit a signature.

The signature rule (CIO304) decides which keywords a signature rejects and what
they should have been; this module reads them from LibCST and writes the fixes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import libcst as cst

from cio_lint.analysis.python.scopes import call_node, scope_of, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.sdk_surface import PassedKeyword
from cio_lint.core.lines import lines_with_ends


def passed_keywords(model: SemanticModel, call: SdkCall) -> Iterator[PassedKeyword]:
    """Every keyword the call passes: written ones and keys of ``**{...}`` dict literals."""
    for arg in call_node(call).args:
        if arg.keyword is not None:
            yield PassedKeyword(arg.keyword.value, arg.keyword, arg.keyword, arg.value, arg,
                                spread=False)
        elif arg.star == "**":
            origin = model.origin(arg.value, scope_of(call), call.order)
            if not isinstance(origin, cst.Dict):
                continue
            inline = origin is arg.value
            for element in origin.elements:
                if isinstance(element, cst.DictElement):
                    key = string_value(element.key)
                    if key is not None:
                        yield PassedKeyword(
                            key, element.key if inline else arg, element.key, element.value,
                            arg, spread=True, via=None if inline else arg.value,
                        )


def written_keyword(model: SemanticModel, keyword: PassedKeyword) -> str:
    separator = ": " if keyword.spread else "="
    return f"{model.code(syntax(keyword.key))}{separator}{model.code(syntax(keyword.value))}"


def renamed_key_text(model: SemanticModel, keyword: PassedKeyword, name: str) -> str:
    """A keyword's new name, or a ``**{...}`` key's new literal (keeping its quotes)."""
    if keyword.spread:
        quote = model.code(syntax(keyword.key))[-1]
        return f"{quote}{name}{quote}"
    return name


def dict_entries(model: SemanticModel, keywords: list[PassedKeyword]) -> str:
    """``"price": 23.45, ...``: the keywords as entries of a dict literal."""
    return ", ".join(f'"{k.name}": {model.code(syntax(k.value))}' for k in keywords)


def moved_into_rewrite(
    model: SemanticModel, call: SdkCall, moved: list[PassedKeyword], container: str
) -> str | None:
    """The call with ``moved`` keywords folded into the ``container`` dict, if mechanical."""
    if any(k.spread for k in moved) or call.bound.star_args or call.bound.star_kwargs:
        return None
    node = call_node(call)
    existing = call.arg(container)
    entries = dict_entries(model, moved)
    if existing is not None:
        current = existing.value
        if not isinstance(current, cst.Dict) or not all(
            isinstance(e, cst.DictElement) and string_value(e.key) is not None
            for e in current.elements
        ):
            return None
        present = {string_value(e.key) for e in current.elements if isinstance(e, cst.DictElement)}
        if present & {k.name for k in moved}:
            return None
        old = ", ".join(
            f"{model.code(e.key)}: {model.code(e.value)}"
            for e in current.elements if isinstance(e, cst.DictElement)
        )
        entries = f"{old}, {entries}" if old else entries
    value = cst.parse_expression(f"{{{entries}}}")
    if existing is not None and existing.keyword is None:
        merged = cast(cst.Arg, existing.node).with_changes(value=value)  # stays positional
    else:
        merged = cst.Arg(
            value, keyword=cst.Name(container),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
    drop = {id(k.argument) for k in moved}
    args: list[cst.Arg] = []
    placed = False
    for arg in node.args:
        if id(arg) in drop or (existing is not None and arg is existing.node):
            if not placed:
                args.append(merged.with_changes(comma=arg.comma))
                placed = True
            continue
        args.append(arg)
    if args:
        args[-1] = args[-1].with_changes(comma=node.args[-1].comma)
    return printed_in_place(model, node, node.with_changes(args=args))


def printed_in_place(model: SemanticModel, old: cst.Call, new: cst.Call) -> str:
    """``new``'s source as it prints in place of ``old``: continuation lines keep the
    enclosing block's indentation, which printing the node on its own would lose."""
    module = model.module
    before = module.code
    after = cast(cst.Module, module.deep_replace(old, new)).code
    span = model.range(old)
    lines = lines_with_ends(before)
    head = sum(len(line) for line in lines[: span.start.line - 1]) + span.start.column
    tail = len(before) - (sum(len(line) for line in lines[: span.end.line - 1]) + span.end.column)
    return after[head: len(after) - tail]
