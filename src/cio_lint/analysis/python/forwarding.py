"""Whether a function passes its ``**kwargs`` on exactly as its caller gave them.

``def upsert(uid, **attrs): attrs.pop("password"); cio.identify(id=uid, **attrs)``
does not send what its caller passes as ``password``: a keyword is the SDK's only
when the mapping is never read, changed or bound again, only spread into calls or
sent whole as an SDK call's data (``cio.track(uid, name, data=properties)``).
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from cio_lint.analysis.python.scopes import expression
from cio_lint.analysis.python.walk import find
from cio_lint.analysis.records import SdkCall

#: What a summary maps an SDK data argument to when it is the function's ``**kwargs``:
#: the keywords its caller passes beyond the function's parameters.
KEYWORDS = "**"


def kwargs_container(call: SdkCall, kwargs: str) -> tuple[str, cst.Name] | None:
    """``("data", properties)`` when ``call`` sends ``**properties`` whole as its data."""
    container = call.signature.attributes
    if container is None or container == call.signature.var_kwargs:
        return None
    value = call.value(container)
    written = expression(value) if value is not None else None
    if isinstance(written, cst.Name) and written.value == kwargs:
        return container, written
    return None


def only_spread(function: cst.FunctionDef, name: str, calls: Iterable[SdkCall] = ()) -> bool:
    """Is ``name`` used in ``function``'s body only as ``**name`` in calls, or as the
    data of one of the SDK ``calls``?"""
    finder = _OtherUse(name)
    for call in calls:
        held = kwargs_container(call, name)
        if held is not None:
            finder.allowed.add(id(held[1]))
    find(function.body, finder)
    return not finder.found


class _OtherUse(cst.CSTVisitor):
    """Finds any use of a name other than ``**name`` as a call argument."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.allowed: set[int] = set()
        self.found = False

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.star == "**" and isinstance(node.value, cst.Name):
            self.allowed.add(id(node.value))
        if node.keyword is not None:  # ``properties=``: a keyword, not the name
            self.allowed.add(id(node.keyword))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.allowed.add(id(node.attr))  # ``obj.properties``: another object's attribute

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and id(node) not in self.allowed:
            self.found = True


def changed_in_place(function: cst.FunctionDef) -> set[str]:
    """The names whose objects ``function`` might change before passing them on.

    ``data.pop("ssn")``, ``data["x"] = ...``, ``del data["x"]``, ``data |= ...``: what
    the caller passed is then not what the SDK gets. Any method call counts (the type is
    unknown), so does an assignment to an attribute or item. One pass over the body."""
    finder = _InPlaceChange()
    find(function.body, finder)
    return finder.changed


class _InPlaceChange(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.changed: set[str] = set()

    def _changes(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Subscript, cst.Attribute)) and isinstance(
            target.value, cst.Name
        ):
            self.changed.add(target.value.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._changes(element.value)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name):
            self.changed.add(node.func.value.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._changes(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._changes(node.target)
        if isinstance(node.target, cst.Name):
            self.changed.add(node.target.value)

    def visit_Del(self, node: cst.Del) -> None:
        self._changes(node.target)
