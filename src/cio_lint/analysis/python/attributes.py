"""The entries a Python call sends to Customer.io, their literal types, and fix text for them.

Entries come from keyword arguments, the data/traits dict (through a local) and
``**mapping`` spreads whose mapping is a known literal; nested dict values are
followed a few levels deep. Fix text (an entry removed, a key renamed) is
written by LibCST in the call's own style.
"""

from __future__ import annotations

from typing import TypeVar

import libcst as cst

from cio_lint.analysis.attributes import (
    LiteralType,
    Namespace,
    SentEntry,
    TypedLiteral,
    namespace_of,
)
from cio_lint.analysis.python.scopes import call_node, expression, scope_of, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import Attribute, Node, SdkCall

_MAX_NESTING = 4


def sent_entries(model: SemanticModel, call: SdkCall) -> list[SentEntry]:
    """The top-level entries a call sends: kwargs, the data/traits dict, ``**mapping``."""
    namespace = namespace_of(call)
    if namespace is None:
        return []
    scope, order = scope_of(call), call.order
    entries = [
        _entry(item, call.node, namespace, call)
        for item in (
            Attribute(name, arg.value, arg.keyword_node or arg.node)
            for name, arg in call.bound.extra.items()
            # Through a project function, only the keys its caller writes: a key the
            # function names itself is an entry of the function's own SDK call.
            if call.via is None or arg.keyword_node is not None
        )
    ]
    slot = call.signature.attributes
    if slot is not None and slot != call.signature.var_kwargs:
        slot_value = call.value(slot)
        if slot_value is not None:
            value = expression(slot_value)
            container = model.origin(value, scope, order)
            entries.extend(
                _entry(item, container, namespace, call)
                for item in model.dict_items(value, scope, order)
            )
    unpacked = {id(item.key_node) for item in model.unpacked_attributes(call)}
    for arg in call_node(call).args:
        if arg.star == "**":
            container = model.origin(arg.value, scope, order)
            entries.extend(
                _entry(item, container, namespace, call)
                for item in model.dict_items(arg.value, scope, order)
                if id(item.key_node) in unpacked
            )
    return entries


def nested_entries(model: SemanticModel, entry: SentEntry, depth: int = 0) -> list[SentEntry]:
    """Entries of dict values inside ``entry`` (``billing={"card_number": ...}``), recursively."""
    if depth >= _MAX_NESTING:
        return []
    scope, order = scope_of(entry.call), entry.call.order
    value = expression(entry.value)
    container = model.origin(value, scope, order)
    result: list[SentEntry] = []
    for item in model.dict_items(value, scope, order):
        child = SentEntry(item.key, item.value, item.key_node, container, entry.namespace,
                          entry.call, (*entry.parents, entry.key))
        result.append(child)
        result.extend(nested_entries(model, child, depth + 1))
    return result


def all_entries(model: SemanticModel, call: SdkCall) -> list[SentEntry]:
    """Every entry a call sends, nested dict entries included."""
    result: list[SentEntry] = []
    for entry in sent_entries(model, call):
        result.append(entry)
        result.extend(nested_entries(model, entry))
    return result


def _entry(item: Attribute, container: Node, namespace: Namespace, call: SdkCall) -> SentEntry:
    return SentEntry(item.key, item.value, item.key_node, container, namespace, call)


# -- fix text -------------------------------------------------------------------------------


def without_entry_rewrite(model: SemanticModel, entry: SentEntry) -> str | None:
    """The call (or the dict written in it) without the entry, or None if it cannot."""
    rewritten = _without_entry(entry)
    if rewritten is None:
        return None
    call = call_node(entry.call)
    container = syntax(entry.container)
    if container is not call and written_inside(model, container, call):
        return model.module.code_for_node(call.deep_replace(container, rewritten))
    return model.module.code_for_node(rewritten)


def _without_entry(entry: SentEntry) -> cst.CSTNode | None:
    """The entry's container (call or dict) with the entry removed, if it holds it."""
    container = syntax(entry.container)
    if isinstance(container, cst.Call):
        kept_args = [a for a in container.args if not _holds(a, entry.key_node)]
        if len(kept_args) == len(container.args):
            return None
        return container.with_changes(args=_drop_trailing_comma(kept_args))
    if isinstance(container, cst.Dict):
        kept = [
            e for e in container.elements
            if not (isinstance(e, cst.DictElement) and e.key is entry.key_node)
        ]
        if len(kept) == len(container.elements):
            return None
        return container.with_changes(elements=_drop_trailing_comma(kept))
    return None


def entry_source(model: SemanticModel, entry: SentEntry, key_text: str | None = None) -> str:
    """``password=form["password"]`` or ``"pwd": user.raw_password`` as written.

    With ``key_text``, the entry written with that key instead.
    """
    key_node = syntax(entry.key_node)
    key = key_text if key_text is not None else model.code(key_node).strip()
    value = model.code(syntax(entry.value)).strip()
    return f"{key}={value}" if isinstance(key_node, cst.Name) else f"{key}: {value}"


def written_inside(model: SemanticModel, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    """True when ``node``'s source lies within ``outer``'s (a dict written at the call)."""
    inner_range, outer_range = model.range(node), model.range(outer)
    return (
        (outer_range.start.line, outer_range.start.column)
        <= (inner_range.start.line, inner_range.start.column)
        and (inner_range.end.line, inner_range.end.column)
        <= (outer_range.end.line, outer_range.end.column)
    )


def renamed_key_rewrite(model: SemanticModel, entry: SentEntry, new_name: str) -> str | None:
    """The entry's key spelled ``new_name``, or None when it cannot be written plainly."""
    renamed = _renamed_key(syntax(entry.key_node), new_name) if new_name else None
    return model.module.code_for_node(renamed) if renamed is not None else None


def _renamed_key(key_node: cst.CSTNode, new_name: str) -> cst.CSTNode | None:
    """``key_node`` spelled ``new_name`` (a keyword name or a plain string literal)."""
    if isinstance(key_node, cst.Name):
        return key_node.with_changes(value=new_name) if new_name.isidentifier() else None
    if isinstance(key_node, cst.SimpleString):
        inner = key_node.value[len(key_node.prefix) + len(key_node.quote):-len(key_node.quote)]
        if inner != string_value(key_node) or "\\" in inner or key_node.quote in new_name:
            return None  # escapes: leave the rewrite to a person
        return key_node.with_changes(
            value=f"{key_node.prefix}{key_node.quote}{new_name}{key_node.quote}"
        )
    return None


def _holds(arg: cst.Arg, key_node: Node) -> bool:
    return arg.keyword is key_node or arg is key_node


_Element = TypeVar("_Element", cst.Arg, cst.BaseDictElement)


def _drop_trailing_comma(items: list[_Element]) -> list[_Element]:
    if items and not isinstance(items[-1].comma, cst.MaybeSentinel):
        items[-1] = items[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return items


# -- what type a literal is ---------------------------------------------------------------


def literal_type(model: SemanticModel, entry: SentEntry) -> TypedLiteral | None:
    """The type of the entry's value when it is a literal (directly or through a local)."""
    value = model.origin(expression(entry.value), scope_of(entry.call), entry.call.order)
    kind = _literal_kind(value)
    if kind is None:
        return None
    text = model.code(value).strip()
    plain = string_value(value) if kind is LiteralType.STRING else None
    converted = tuple(
        (other, _converted(kind, text, plain, other)) for other in LiteralType if other is not kind
    )
    return TypedLiteral(kind, value, text, converted)


def _converted(
    mine: LiteralType, text: str, plain: str | None, usual: LiteralType
) -> str | None:
    """The literal ``text`` rewritten as a ``usual`` value, when the value allows it."""
    if mine is LiteralType.STRING:
        return _from_string(plain, usual) if plain is not None else None
    if usual is LiteralType.STRING:
        if mine is LiteralType.BOOLEAN:
            return '"true"' if text == "True" else '"false"'
        return f'"{text}"'
    if mine is LiteralType.BOOLEAN:  # to a number
        return "1" if text == "True" else "0"
    if text in ("0", "1"):  # a number to a boolean
        return "True" if text == "1" else "False"
    return None


def _from_string(plain: str, usual: LiteralType) -> str | None:
    cleaned = plain.strip()
    if usual is LiteralType.BOOLEAN:
        return {"true": "True", "false": "False"}.get(cleaned.lower())
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if cleaned.lstrip("+-").isdigit():
        return str(int(cleaned))
    return repr(number)


def _literal_kind(node: cst.BaseExpression) -> LiteralType | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        if isinstance(node, cst.SimpleString) and "b" in node.prefix.lower():
            return None  # bytes: not a JSON value
        return LiteralType.STRING
    if isinstance(node, (cst.Integer, cst.Float)):
        return LiteralType.NUMBER
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, (cst.Minus, cst.Plus))
        and isinstance(node.expression, (cst.Integer, cst.Float))
    ):
        return LiteralType.NUMBER
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return LiteralType.BOOLEAN
    return None


def clears_attribute(model: SemanticModel, entry: SentEntry) -> bool:
    """True when the value is ``None``, ``""`` or a bool: nothing secret is stored."""
    value = model.origin(expression(entry.value), scope_of(entry.call), entry.call.order)
    if isinstance(value, cst.Name) and value.value in ("None", "True", "False"):
        return True
    return string_value(value) == ""
