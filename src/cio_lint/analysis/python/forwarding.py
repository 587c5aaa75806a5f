"""Whether a function passes its ``**kwargs`` on exactly as its caller gave them.

``def upsert(uid, **attrs): attrs.pop("password"); cio.identify(id=uid, **attrs)``
does not send what its caller passes as ``password``: a keyword is the SDK's only
when the mapping is never read, changed or bound again, only spread into calls.
"""

from __future__ import annotations

import libcst as cst


def only_spread(function: cst.FunctionDef, name: str) -> bool:
    """Is ``name`` used in ``function``'s body only as ``**name`` in calls?"""
    finder = _OtherUse(name)
    function.body.visit(finder)
    return not finder.found


class _OtherUse(cst.CSTVisitor):
    """Finds any use of a name other than ``**name`` as a call argument."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.spread: set[int] = set()
        self.found = False

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.star == "**" and isinstance(node.value, cst.Name):
            self.spread.add(id(node.value))

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and id(node) not in self.spread:
            self.found = True


def changed_in_place(function: cst.FunctionDef, name: str) -> bool:
    """Might ``function`` change the object ``name`` holds before passing it on?

    ``data.pop("ssn")``, ``data["x"] = ...``, ``del data["x"]``, ``data |= ...``: what
    the caller passed is then not what the SDK gets. Any method call counts (the type is
    unknown), so does an assignment to an attribute or item."""
    finder = _InPlaceChange(name)
    function.body.visit(finder)
    return finder.found


class _InPlaceChange(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found = False

    def _is_name(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def _changes(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Subscript, cst.Attribute)) and self._is_name(target.value):
            self.found = True
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._changes(element.value)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and self._is_name(node.func.value):
            self.found = True

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._changes(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._changes(node.target)
        if self._is_name(node.target):
            self.found = True

    def visit_Del(self, node: cst.Del) -> None:
        self._changes(node.target)
