"""A read-only walk over a LibCST tree in source order, with per-field hooks."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import libcst as cst

from cio_lint.analysis.python.node_classes import subclass_test

#: Fields that never hold code (whitespace, brackets, punctuation): not walked.
_TRIVIA = re.compile(
    r"^(whitespace|leading_lines|lines_after|lpar|rpar|semicolon|comma|equal|colon|lbracket|"
    r"rbracket|lbrace|rbrace|header|footer|trailing_whitespace|operator|asynchronous|"
    r"default_indent|default_newline|encoding|has_trailing_newline|first_line|empty_lines|"
    r"indent|newline|star|dot|lpar|import_alias)"
)
#: Fields that hold only whitespace and punctuation, named exactly (``_TRIVIA`` matches
#: prefixes, so the collection pass also leaves out ``*args`` and ``**kwargs``).
_PUNCTUATION = re.compile(
    r"^(whitespace\w*|leading_lines|lines_after_decorators|lpar|rpar|semicolon|comma|equal|"
    r"colon|lbracket|rbracket|lbrace|rbrace|header|footer|trailing_whitespace|operator|"
    r"asynchronous|default_indent|default_newline|encoding|has_trailing_newline|first_line|"
    r"empty_lines|indent|newline|star|dot)$"
)
#: Where a node's fields are not declared in source order, the source order.
_SOURCE_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
}

_Hook = Callable[[Any, Any], Any] | None
_Plan = tuple[_Hook, _Hook, list[tuple[str, _Hook, _Hook]]]
#: The hooks of each visitor class for each node class (unbound: shared by every walk),
#: by visitor class and skipped fields.
_PLANS: dict[tuple[type, re.Pattern[str]], dict[type, _Plan]] = {}
#: Whether each class of a field's value is a node (asked for every field of every node).
_is_node = subclass_test(cst.CSTNode)


class FieldWalker:
    """Walks a tree in source order calling ``visit_X``/``leave_X``/``visit_X_field``;
    like LibCST's visitors, a ``visit_X`` that returns False skips the node's children.

    The analysis only reads the tree, so this avoids what LibCST's generic ``visit``
    costs a read-only pass: it rebuilds every node it passes through and dispatches per
    attribute. One frame per node also halves the recursion depth.
    """

    def __init__(self, visitor: object, skipped: re.Pattern[str] = _TRIVIA) -> None:
        self.visitor = visitor
        self._kind = type(visitor)
        self._skipped = skipped
        #: This visitor class's plans, by node class (one dict lookup per node).
        self._plans = _PLANS.setdefault((self._kind, skipped), {})
        #: While ``walk_marking`` runs: the top-level statement of each node walked.
        self._marks: dict[int, int] | None = None
        self._mark = 0

    def _plan(self, cls: type) -> _Plan:
        name = cls.__name__
        kind = self._kind
        types = {f.name: f.type for f in dataclasses.fields(cls)}
        names = _SOURCE_ORDER.get(cls) or tuple(
            field for field in types if not self._skipped.match(field)
        )
        fields = []
        for attribute in names:
            before = getattr(kind, f"visit_{name}_{attribute}", None)
            after = getattr(kind, f"leave_{name}_{attribute}", None)
            # A field declared a plain string (a name's, a literal's) holds no node.
            if types[attribute] is not str or before is not None or after is not None:
                fields.append((attribute, before, after))
        plan = (getattr(kind, f"visit_{name}", None), getattr(kind, f"leave_{name}", None),
                fields)
        self._plans[cls] = plan
        return plan

    def walk(self, node: cst.CSTNode) -> None:
        cls = type(node)
        plan = self._plans.get(cls) or self._plan(cls)
        visit, leave, fields = plan
        marks = self._marks
        if marks is not None:
            marks[id(node)] = self._mark
        visitor = self.visitor
        if visit is None or visit(visitor, node) is not False:
            for attribute, before, after in fields:
                value = getattr(node, attribute)
                if before is not None:
                    before(visitor, node)
                kind = type(value)
                if kind is list or kind is tuple:
                    for item in value:
                        if _is_node(type(item)):
                            self.walk(item)
                elif _is_node(kind):
                    self.walk(value)
                if after is not None:
                    after(visitor, node)
        if leave is not None:
            leave(visitor, node)

    def walk_marking(self, module: cst.Module) -> dict[int, int]:
        """``walk(module)``, and which of the module's top-level statements each node
        walked is in, by ``id`` (so that only the statements holding a node a rule asks
        about need their positions generated). Empty when the visitor looks at the
        module node itself: then the module is walked as one."""
        visit, leave, fields = self._plans.get(cst.Module) or self._plan(cst.Module)
        if visit or leave or fields != [("body", None, None)]:
            self.walk(module)
            return {}
        marks = self._marks = {}
        try:
            for index, statement in enumerate(module.body):
                self._mark = index
                self.walk(statement)
        finally:
            self._marks = None
        return marks


def find(node: cst.CSTNode, visitor: object) -> None:
    """Walk ``node`` and all the code in it with ``visitor``, as LibCST's ``node.visit``
    would for a visitor that looks at code only (not whitespace or comments) and does not
    depend on the order of what it finds, at a fraction of its cost."""
    FieldWalker(visitor, _PUNCTUATION).walk(node)
