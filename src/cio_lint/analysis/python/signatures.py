"""How a Python call passes its keywords, and the text of calls rewritten to fit a signature.

The signature rule (CIO304) decides which keywords a signature rejects and what
they should have been; this module reads them from LibCST and writes the fixes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import libcst as cst

from cio_lint.analysis.python.rewrites import breaks_line, has_comment, is_expression
from cio_lint.analysis.python.scopes import call_node, scope_of, syntax
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import Node, SdkCall
from cio_lint.analysis.sdk_surface import PassedKeyword, RewrittenCall
from cio_lint.core.findings import Edit, Position
from cio_lint.core.lines import line_starts


def passed_keywords(model: SemanticModel, call: SdkCall) -> Iterator[PassedKeyword]:
    """Every keyword the call passes: written ones and keys of ``**{...}`` dict literals.

    For a call of a project function, only the keywords its ``**kwargs`` pass on to the
    SDK: the others fill the function's own parameters."""
    if call.via is not None:
        yield from _forwarded_keywords(call)
        return
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


def _forwarded_keywords(call: SdkCall) -> Iterator[PassedKeyword]:
    bound = call.bound
    # Keywords that became entries of the call's data (``data=properties``) are no
    # keywords of the SDK call: only those it takes as parameters or ``**kwargs``.
    extra = bound.extra.values() if call.signature.var_kwargs is not None else ()
    forwarded = {
        id(argument.node)
        for argument in (*bound.args.values(), *extra, *bound.unexpected.values())
        if argument.keyword is not None
    }
    for arg in call_node(call).args:
        if arg.keyword is not None and id(arg) in forwarded:
            yield PassedKeyword(arg.keyword.value, arg.keyword, arg.keyword, arg.value, arg,
                                spread=False)


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
) -> RewrittenCall | None:
    """``moved`` keywords folded into the ``container`` dict, as edits of only the tokens
    that change: a keyword's ``name=`` becomes a dict key, keywords elsewhere move into
    the dict. None when that is not mechanical, or when a comment or line break sits in
    text the edits would delete (the fix must not drop it)."""
    if any(k.spread for k in moved) or call.bound.star_args or call.bound.star_kwargs:
        return None
    node = call_node(call)
    args = list(node.args)
    moving = {id(k.argument) for k in moved}
    indices = [i for i, arg in enumerate(args) if id(arg) in moving]
    existing = call.arg(container)
    container_arg = None if existing is None else existing.node
    edits: list[Edit] = []
    if existing is not None:
        target = _mergeable_dict(existing.value, {k.name for k in moved})
        if target is None:
            return None
        appended = indices
        closing = _dict_insertion(model, target)
    else:
        run = _leading_run(indices)
        for position, index in enumerate(run):
            arg = args[index]
            if not isinstance(arg.equal, cst.AssignEqual) or arg.keyword is None or (
                _in_the_way(model, arg.equal)
            ):
                return None
            key = f'"{arg.keyword.value}": '
            edits.append(Edit(_start(model, arg), _end(model, arg.equal),
                              f"{container}={{{key}" if position == 0 else key))
        appended = [i for i in indices if i not in run]
        closing = (_end(model, args[run[-1]]), ", ", "}")
    for index in appended:
        deletion = _deletion(model, args, index, index > 0 and args[index - 1] is container_arg)
        if deletion is None:
            return None
        edits.append(deletion)
    where, lead, tail = closing
    entries = ", ".join(
        f'"{_keyword_name(args[i])}": {model.code(args[i].value)}' for i in appended
    )
    edits.append(Edit(where, where, f"{lead}{entries}{tail}" if entries else tail))
    return _rewritten(model, node, edits)


def _leading_run(indices: list[int]) -> list[int]:
    """The first index and those right after it: keywords next to each other."""
    run = indices[:1]
    for index in indices[1:]:
        if index != run[-1] + 1:
            break
        run.append(index)
    return run


def _mergeable_dict(value: Node, adding: set[str]) -> cst.Dict | None:
    """The container's dict literal, if its keys are all written and none is re-added."""
    current = syntax(value)
    if not isinstance(current, cst.Dict):
        return None
    keys = [string_value(e.key) if isinstance(e, cst.DictElement) else None
            for e in current.elements]
    if None in keys or adding & set(cast(list[str], keys)):
        return None
    return current


def _dict_insertion(model: SemanticModel, target: cst.Dict) -> tuple[Position, str, str]:
    """Where new entries go in ``target`` and what comes before and after them: right
    after the last entry, or before the ``}`` when the last entry has a trailing comma."""
    brace = _end(model, target.rbrace)
    brace = Position(brace.line, brace.column - 1)
    if not target.elements:
        return brace, "", ""
    last = target.elements[-1]
    if not isinstance(last.comma, cst.Comma):
        return _end(model, last), ", ", ""
    tight = not model.code(last.comma).endswith((" ", "\t", "\n", "\r")) and (
        not model.code(target.rbrace.whitespace_before)
    )
    return brace, " " if tight else "", ""


def _deletion(
    model: SemanticModel, args: list[cst.Arg], index: int, next_to_entries: bool
) -> Edit | None:
    """Delete ``args[index]`` with the comma that joins it to the argument before it.

    None when a comment would go with it, or a line break other than the one that ends
    the line before an argument written on a line of its own (that line goes whole), or
    when its line's comment would be left beside an argument it does not describe (unless
    the argument before is the dict it moves into: ``next_to_entries``)."""
    arg = args[index]
    if index == 0:
        if _in_the_way(model, arg.equal, arg.comma, arg.whitespace_after_arg):
            return None
        return Edit(_start(model, arg), _start(model, args[1]), "")
    before = args[index - 1]
    gap = _present(before.comma, before.whitespace_after_arg)
    if has_comment(*gap) or _in_the_way(model, arg.equal):
        return None
    own_line = breaks_line(model.module, *_present(arg.comma, arg.whitespace_after_arg))
    if breaks_line(model.module, *gap) and not own_line:
        return None
    if own_line and not next_to_entries and _trailing_comment(arg):
        return None  # its comment would end up on the line of an unrelated argument
    return Edit(_end(model, before), _end(model, arg), "")


def _trailing_comment(arg: cst.Arg) -> bool:
    """Does a comment follow ``arg`` on its line?"""
    after = arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else (
        arg.whitespace_after_arg
    )
    return isinstance(after, cst.ParenthesizedWhitespace) and after.first_line.comment is not None


def _present(*nodes: object) -> list[cst.CSTNode]:
    return [n for n in nodes if isinstance(n, cst.CSTNode)]


def _in_the_way(model: SemanticModel, *nodes: object) -> bool:
    """Is there a comment or a line break in ``nodes`` (an edit of them would drop it)?"""
    present = _present(*nodes)
    return has_comment(*present) or breaks_line(model.module, *present)


def _keyword_name(arg: cst.Arg) -> str:
    return arg.keyword.value if arg.keyword is not None else ""


def _start(model: SemanticModel, node: cst.CSTNode) -> Position:
    start = model.range(node).start
    return Position(start.line, start.column + 1)


def _end(model: SemanticModel, node: cst.CSTNode) -> Position:
    end = model.range(node).end
    return Position(end.line, end.column + 1)


def _rewritten(model: SemanticModel, node: cst.Call, edits: list[Edit]) -> RewrittenCall | None:
    """The call's text with ``edits`` made; None if Python would not accept it."""
    text = model.source_text(node)
    origin = _start(model, node)
    starts = line_starts(text)

    def offset(position: Position) -> int:
        column = position.column - (origin.column if position.line == origin.line else 1)
        return starts[position.line - origin.line] + column

    ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
    for edit in ordered:
        text = text[: offset(edit.start)] + edit.replacement + text[offset(edit.end):]
    if not is_expression(text):
        return None
    return RewrittenCall(text, tuple(sorted(edits, key=lambda e: (e.start, e.end))))
