"""Local dataflow: where a value came from, what a call's attribute payload holds, and
whether a local object may be changed after it was built."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.calls import CallResolution
from cio_lint.analysis.python.constants import attribute_value, imported_constant
from cio_lint.analysis.python.names import MAX_DEPTH
from cio_lint.analysis.python.scopes import Binding, Scope, call_node, expression, scope_of
from cio_lint.analysis.python.syntax import is_plain_dict, string_value
from cio_lint.analysis.python.walk import find
from cio_lint.analysis.records import Attribute, SdkCall


class Dataflow(CallResolution):
    """Follows values through local names and reads the payloads SDK calls send."""

    def origin(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> cst.BaseExpression:
        """Follow a name to the value last assigned to it before ``order``.

        Honest and small: plain ``name = value`` assignments in the same function (or
        module), class attributes assigned once (``Events.SIGNED_UP``, ``self.EVENT``,
        ``EventName.SIGNUP.value``) and string constants of other project modules (a
        literal standing in for them), at most a few hops. Anything else is returned as is.
        """
        seen = 0
        while seen < MAX_DEPTH:
            if type(expr) is cst.Attribute:  # exact classes, as ``qualname`` compares them
                assigned = attribute_value(self, expr, scope)
                if assigned is None:
                    qual = self.qualname(expr, scope, order)
                    return (imported_constant(self, expr, qual) if qual else None) or expr
                (expr, scope), order = assigned, None
            elif type(expr) is cst.Name:
                bindings = self.lookup(expr.value, scope, order)
                if not bindings or (order is not None and bindings[0].order >= order):
                    return expr
                if bindings[0].qualname is not None:
                    return imported_constant(self, expr, bindings[0].qualname) or expr
                if bindings[0].value is None:
                    return expr
                expr = bindings[0].value
                order = bindings[0].order
            else:
                return expr
            seen += 1
        return expr

    def origin_path(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> list[tuple[str, Binding]]:
        """The names ``origin`` follows from ``expr``, each with the binding it took.

        Lets a caller ask what happened to each of those names between their
        assignment and their use (a dict literal filled in later, an object mutated).
        """
        path: list[tuple[str, Binding]] = []
        while isinstance(expr, cst.Name) and len(path) < MAX_DEPTH:
            bindings = self.lookup(expr.value, scope, order)
            if not bindings or bindings[0].value is None:
                break
            if order is not None and bindings[0].order >= order:
                break
            path.append((expr.value, bindings[0]))
            expr = bindings[0].value
            order = bindings[0].order
        return path

    def attributes(self, call: SdkCall) -> list[Attribute]:
        """The profile attributes or event data a call sends, as key/value pairs."""
        result = [
            Attribute(name, arg.value, arg.keyword_node or arg.node)
            for name, arg in call.bound.extra.items()
        ]
        container = call.signature.attributes
        if container and container not in (call.signature.var_kwargs,):
            value = call.value(container)
            if value is not None:
                result.extend(self.dict_items(expression(value), scope_of(call), call.order))
        return result

    def unpacked_attributes(self, call: SdkCall) -> list[Attribute]:
        """Entries of ``**mapping`` arguments whose mapping is a known dict (through a local).

        ``cio.identify(id=uid, **profile)`` sends every key of ``profile`` as an attribute;
        kept apart from ``attributes`` so rules opt in to the extra reach.
        """
        signature = call.signature
        if signature.var_kwargs is None or signature.var_kwargs != signature.attributes:
            return []  # ``track(**kw)`` fills named parameters, not event data
        if call.via is not None:
            return []  # a wrapper's own ``**`` arguments go to its parameters
        result: list[Attribute] = []
        for arg in call_node(call).args:
            if arg.star == "**":
                result.extend(
                    item
                    for item in self.dict_items(arg.value, scope_of(call), call.order)
                    if item.key not in signature.params
                )
        return result

    def dict_items(
        self, value: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> list[Attribute]:
        """String-keyed entries of a dict literal or ``dict(k=v)`` (through a local)."""
        value = self.origin(value, scope, order)
        items: list[Attribute] = []
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if isinstance(element, cst.DictElement):
                    key = string_value(element.key)
                    if key is not None:
                        items.append(Attribute(key, element.value, element.key))
        elif (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Name)
            and value.func.value == "dict"
        ):
            for arg in value.args:
                if arg.keyword is not None:
                    items.append(Attribute(arg.keyword.value, arg.value, arg.keyword))
        return items

    def attributes_complete(self, call: SdkCall) -> bool:
        """Does ``attributes(call)`` list every key the call sends?

        Not when ``**kwargs`` are expanded, when the container is not a dict literal
        (``traits=user.traits()``), or when a local dict may be filled in elsewhere
        (``traits["email"] = ...``, ``traits.update(...)``, passed to a helper).
        """
        if call.bound.star_kwargs or call.bound.star_args:
            return False
        container = call.signature.attributes
        if not container or container == call.signature.var_kwargs:
            return True
        value = call.value(container)
        if value is None:
            return True
        resolved = self.origin(expression(value), scope_of(call), call.order)
        if not is_plain_dict(resolved):
            return False
        if isinstance(value, cst.Name) and resolved is not value:
            return not self.may_mutate(value.value, scope_of(call), call_node(call))
        return True

    def may_mutate(self, name: str, scope: Scope, besides: cst.CSTNode | None = None) -> bool:
        """Might code in ``scope`` change the object ``name`` holds after it was built?

        Conservative: an item assignment or deletion, any method call on it, or passing it
        to any call other than ``besides`` counts.
        """
        finder = _MutationFinder(name, besides)
        find(scope.node, finder)
        return finder.found

class _MutationFinder(cst.CSTVisitor):
    """Finds places that may change a local object: ``x[k] = v``, ``x.update()``, ``f(x)``."""

    def __init__(self, name: str, besides: cst.CSTNode | None) -> None:
        super().__init__()
        self.name = name
        self.besides = besides
        self.found = False

    def _is_name(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._check_target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check_target(node.target)
        if self._is_name(node.target):
            self.found = True  # ``x |= {...}`` updates a dict in place

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._check_target(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._check_target(node.target)

    def _check_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Subscript, cst.Attribute)) and self._is_name(target.value):
            self.found = True
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._check_target(element.value)

    def visit_Call(self, node: cst.Call) -> None:
        if node is self.besides:
            return
        func = node.func
        if isinstance(func, cst.Attribute) and self._is_name(func.value):
            self.found = True
        if any(self._is_name(arg.value) for arg in node.args):
            self.found = True


