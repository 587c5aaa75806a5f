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
