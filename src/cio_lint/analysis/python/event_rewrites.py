"""Fix text for event names, written in Python: a fixed name with the variable part as data."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import libcst as cst

from cio_lint.analysis.events import BuiltName, EventName, quoted
from cio_lint.analysis.python.scopes import call_node, expression
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.value_names import data_key
from cio_lint.analysis.records import Node


def fixed_name_rewrite(
    model: SemanticModel,
    event: EventName,
    built: BuiltName,
    drop: Collection[Node] = (),
) -> str | None:
    """The call with a fixed name and the variable part moved into the event data.

    ``cio.track(uid, f"viewed_{product.slug}")`` becomes
    ``cio.track(uid, "viewed", data={"product": product.slug})``; the call's own data
    (a dict literal, a variable spread with ``**``, backfill keywords) is kept. Values
    in ``drop`` (personal data) are left out instead of moved.
    """
    fixed = built.fixed_name()
    if not fixed:
        return None
    call = event.call
    entries = _moved_entries(model, [expression(v) for v in built.values if v not in drop])
    container = call.signature.attributes or "data"
    container_found = None if call.signature.var_kwargs else call.arg(container)
    container_arg = container_found.node if container_found is not None else None
    if call.via is not None and entries and (call.signature.var_kwargs or container_arg is None):
        return None  # the project function's parameters are not the SDK's: no data to add to
    name_found = call.arg(call.signature.event_name)
    name_arg = name_found.node if name_found is not None else None
    args: list[str] = []
    node = call_node(call)
    for arg in node.args:
        if arg is name_arg:
            args.append(_arg_text(arg, f'"{fixed}"'))
        elif arg is container_arg:
            args.append(_arg_text(arg, _merged_dict(model, arg.value, entries)))
        else:
            args.append(_arg_text(arg, model.code(arg.value)))
    if entries and call.signature.var_kwargs is not None:  # backfill(..., **data)
        args.extend(
            f"{key}={code}" if key.isidentifier() else f'**{{"{key}": {code}}}'
            for key, code in entries
        )
    elif entries and container_arg is None:
        args.append(f"{container}={_merged_dict(model, None, entries)}")
    return f"{model.code(node.func)}({', '.join(args)})"


def _moved_entries(
    model: SemanticModel, values: Sequence[cst.BaseExpression]
) -> list[tuple[str, str]]:
    """``(key, source)`` for each value cut out of the name, with distinct keys."""
    entries: list[tuple[str, str]] = []
    taken: set[str] = set()
    for value in values:
        key = data_key(value) or "value"
        if key in taken:
            key = f"{key}_{len(taken) + 1}"
        taken.add(key)
        entries.append((key, model.code(value)))
    return entries


def _arg_text(arg: cst.Arg, value: str) -> str:
    if arg.keyword is not None:
        return f"{arg.keyword.value}={value}"
    return f"{arg.star}{value}"


def _merged_dict(
    model: SemanticModel, existing: cst.BaseExpression | None, entries: Sequence[tuple[str, str]]
) -> str:
    """A dict literal holding ``existing`` (kept as written) and the moved entries."""
    items = [f'"{key}": {code}' for key, code in entries]
    if isinstance(existing, cst.Dict):
        items.extend(
            model.code(element).strip().rstrip(",").strip() for element in existing.elements
        )
    elif existing is not None:
        items.append(f"**{model.code(existing)}")
    return "{" + ", ".join(items) + "}"



def quoted_like(literal: Node | None, text: str) -> str:
    """``text`` as a string literal in the quote style of ``literal`` (double by default)."""
    if isinstance(literal, cst.SimpleString):
        return quoted(text, literal.quote)
    return quoted(text)
