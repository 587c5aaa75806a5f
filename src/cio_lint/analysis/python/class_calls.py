"""Calls of a method through its class: ``Tracker.event(tracker, uid, name)``.

Called on an instance, a method gets ``self`` without an argument for it; called
through the class, the first positional argument is ``self``. Binding the caller's
arguments to the method's parameters must know which of the two it is.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.scopes import CallSite, function_node
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name
from cio_lint.analysis.records import Function

#: Decorators after which a method takes no instance as its first parameter.
_NOT_ON_INSTANCES = frozenset({"staticmethod", "classmethod"})


def is_instance_method(function: Function) -> bool:
    """A method whose first parameter is the instance (not static, not a classmethod)."""
    if function.class_name is None:
        return False
    decorators = {dotted_name(d.decorator).rsplit(".", 1)[-1]
                  for d in function_node(function).decorators}
    return not decorators & _NOT_ON_INSTANCES


def through_class(model: SemanticModel, site: CallSite, target: str) -> bool:
    """Does the call name the method through its class (``Tracker.event(...)``), or a
    module-level function through its module (``tracking.record(...)``)? Either way no
    instance is bound: the first positional argument fills the first parameter."""
    func = site.node.func
    if not isinstance(func, cst.Attribute):
        return False
    owner = func.value
    if isinstance(owner, cst.Name) and owner.value in model.classes:
        return True
    qualified = model.qualname(owner, site.scope, site.order)
    return bool(qualified) and target == f"{qualified}.{func.attr.value}"


def unbound_arguments(model: SemanticModel, site: CallSite, target: str) -> list[cst.Arg]:
    """The call's arguments without the instance a call through the class passes first.

    Only a method of this module is known to take one; through a class of another
    module (a capitalised owner), whether the first argument is ``self`` is not known
    here, so no positional argument is kept."""
    args = list(site.node.args)
    if not through_class(model, site, target):
        return args
    function = model.resolve_function(site.node.func, site.scope, site.order)
    if function is not None:
        if is_instance_method(function) and args and not args[0].keyword and not args[0].star:
            return args[1:]
        return args
    owner = target.rsplit(".", 2)[-2]  # ``Tracker`` of ``app.tracking.Tracker.event``
    if owner[:1].isupper():
        return [arg for arg in args if arg.keyword is not None or arg.star]
    return args
