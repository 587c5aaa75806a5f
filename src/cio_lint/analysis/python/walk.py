"""A read-only walk over a LibCST tree in source order, with per-field hooks."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import libcst as cst

#: Fields that never hold code (whitespace, brackets, punctuation): not walked.
_TRIVIA = re.compile(
    r"^(whitespace|leading_lines|lines_after|lpar|rpar|semicolon|comma|equal|colon|lbracket|"
    r"rbracket|lbrace|rbrace|header|footer|trailing_whitespace|operator|asynchronous|"
    r"default_indent|default_newline|encoding|has_trailing_newline|first_line|empty_lines|"
    r"indent|newline|star|dot|lpar|import_alias)"
)
#: Where a node's fields are not declared in source order, the source order.
_SOURCE_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
}

_Hook = Callable[[Any], Any] | None


class FieldWalker:
    """Walks a tree in source order calling ``visit_X``/``leave_X``/``visit_X_field``.

    The collection pass only reads the tree, so this avoids what LibCST's generic
    ``visit`` costs a read-only pass: it rebuilds every node it passes through and
    dispatches per attribute. One frame per node also halves the recursion depth.
    """

    def __init__(self, visitor: object) -> None:
        self.visitor = visitor
        self._plans: dict[type, tuple[_Hook, _Hook, list[tuple[str, _Hook, _Hook]]]] = {}

    def _plan(self, cls: type) -> tuple[_Hook, _Hook, list[tuple[str, _Hook, _Hook]]]:
        name = cls.__name__
        names = _SOURCE_ORDER.get(cls) or tuple(
            f.name for f in dataclasses.fields(cls) if not _TRIVIA.match(f.name)
        )
        fields = [
            (attribute, getattr(self.visitor, f"visit_{name}_{attribute}", None),
             getattr(self.visitor, f"leave_{name}_{attribute}", None))
            for attribute in names
        ]
        plan = (getattr(self.visitor, f"visit_{name}", None),
                getattr(self.visitor, f"leave_{name}", None), fields)
        self._plans[cls] = plan
        return plan

    def walk(self, node: cst.CSTNode) -> None:
        plan = self._plans.get(type(node)) or self._plan(type(node))
        visit, leave, fields = plan
        if visit is not None:
            visit(node)
        for attribute, before, after in fields:
            value = getattr(node, attribute)
            if before is not None:
                before(node)
            if isinstance(value, cst.CSTNode):
                self.walk(value)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, cst.CSTNode):
                        self.walk(item)
            if after is not None:
                after(node)
        if leave is not None:
            leave(node)


