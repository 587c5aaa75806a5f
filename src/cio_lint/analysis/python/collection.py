"""The single pass over a module that fills the model's scopes, bindings and call sites."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace as dataclass_replace
from typing import TYPE_CHECKING, Any

import libcst as cst

from cio_lint.analysis.python.scopes import Binding, CallSite, Scope
from cio_lint.analysis.python.syntax import all_params, dotted_name
from cio_lint.analysis.records import CallContext, Function
from cio_lint.core import sdk

if TYPE_CHECKING:
    from cio_lint.analysis.python.clients import ClientResolution


class Collector:
    """The single pass that fills a ``SemanticModel``; run it with ``FieldWalker``."""

    def __init__(self, model: ClientResolution) -> None:
        self.model = model
        self.counter = itertools.count()
        self.root = model.root
        self.scope = self.root
        self.context = CallContext()
        self._contexts: list[CallContext] = []
        self._scopes: list[Scope] = []
        #: Functions whose ``def`` was seen and whose body comes next.
        self._entering: list[tuple[Scope, Function]] = []
        #: Local names bound by an import from ``customerio`` (anywhere in the module).
        self._sdk_roots: set[str] = set()
        #: The next link of the attribute chain last judged, and whether its root is SDK.
        self._chain_next: cst.BaseExpression | None = None
        self._chain_is_sdk = False

    # context helpers
    def _push(self, context: CallContext) -> None:
        self._contexts.append(self.context)
        self.context = context

    def _pop(self) -> None:
        self.context = self._contexts.pop()

    def _replace(self, **changes: Any) -> CallContext:
        return dataclass_replace(self.context, **changes)

    def _bind_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None,
                     order: int, annotation: cst.BaseExpression | None = None) -> None:
        if isinstance(target, cst.Name):
            scope = self.root if target.value in self.scope.globals else self.scope
            scope.bind(target.value, Binding(order, value=value, annotation=annotation))
        elif isinstance(target, (cst.Tuple, cst.List)):
            values: Sequence[cst.BaseElement] | None = None
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(
                target.elements
            ):
                values = value.elements
            for i, element in enumerate(target.elements):
                inner = values[i].value if values is not None else None
                self._bind_target(element.value, inner, order)
        elif isinstance(target, cst.Attribute):
            if value is not None:
                self.model.attribute_assignments.append(
                    (target, value, self.scope, order, self.context)
                )
            if isinstance(target.value, cst.Name):
                owner = self.model._owner_class(target.value.value, self.scope)
                if owner is not None:
                    owner.attributes.setdefault(target.attr.value, []).append(
                        Binding(order, value=value, annotation=annotation, scope=self.scope)
                    )
        elif isinstance(target, cst.Subscript):
            self.model.subscript_assignments.append((target, value, self.scope, order))

    # scopes
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        order = next(self.counter)
        klass = Scope("class", self.scope, node, class_name=node.name.value)
        self.model.scopes.append(klass)
        self.scope.bind(node.name.value, Binding(order, klass=klass))
        if self.scope is self.root:
            self.model.classes[node.name.value] = klass
        self._scopes.append(self.scope)
        self.scope = klass

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope = self._scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        order = next(self.counter)
        self.scope.bind(node.name.value, Binding(order, function=node))
        owner = self.scope if self.scope.kind == "class" else None
        qualified = self._qualified_function(node, owner)
        scope = Scope("function", self.scope, node, owner_class=owner)
        self.model.scopes.append(scope)
        info = Function(
            node=node,
            name=node.name.value,
            is_async=node.asynchronous is not None,
            class_name=owner.class_name if owner else None,
            parent=self.context.function,
            place=scope,
        )
        self.model.functions.append(info)
        for param in all_params(node.params):
            annotation = param.annotation.annotation if param.annotation else None
            client = self.model.client_parameter(qualified, param.name.value)
            scope.bind(param.name.value, Binding(order, annotation=annotation, client=client))
        self._entering.append((scope, info))

    # Decorators, defaults and annotations run where the ``def`` is, once: only the body
    # is the function's.
    def visit_FunctionDef_body(self, node: cst.FunctionDef) -> None:
        scope, info = self._entering.pop()
        self._scopes.append(self.scope)
        self.scope = scope
        # A new function starts a fresh context: loops and try blocks outside it
        # do not run its body.
        self._push(CallContext(function=info))

    def leave_FunctionDef_body(self, original_node: cst.FunctionDef) -> None:
        self._pop()
        self.scope = self._scopes.pop()

    def _qualified_function(self, node: cst.FunctionDef, owner: Scope | None) -> str | None:
        """``func`` or ``Class.method`` for what other modules can call; None when nested."""
        if self.scope is self.root:
            return node.name.value
        if owner is not None and owner.parent is self.root and owner.class_name:
            return f"{owner.class_name}.{node.name.value}"
        return None

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scope.globals.add(item.name.value)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(node.value)

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        order = next(self.counter)
        for alias in node.names:
            dotted = dotted_name(alias.name)
            self.model.imports.append((node, dotted, alias))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(alias.asname.name.value, Binding(order, qualname=dotted))
            else:
                top = dotted.split(".", 1)[0]
                self.scope.bind(top, Binding(order, qualname=top))
            self._note_project_import(dotted)
            if dotted.split(".", 1)[0] == "customerio":
                self._sdk_roots.add(
                    alias.asname.name.value
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                    else "customerio"
                )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        order = next(self.counter)
        module = self._absolute_module(node)
        if module is None:
            return
        if isinstance(node.names, cst.ImportStar):
            if module == "customerio":
                for qual in sdk.PUBLIC_NAMES:
                    head, _, name = qual.rpartition(".")
                    if head == "customerio":
                        self.scope.bind(name, Binding(order, qualname=qual))
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            qual = f"{module}.{name}"
            self.model.imports.append((node, qual, alias))
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.scope.bind(local, Binding(order, qualname=qual))
            self._note_project_import(qual)
            if module.split(".", 1)[0] == "customerio":
                self._sdk_roots.add(local)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not self._sdk_roots:
            return
        # Every attribute of ``a.b.c.d`` is visited, outermost first: judge the chain's
        # root once, not once per link (quadratic in a long chain).
        if node is not self._chain_next:
            root: cst.BaseExpression = node.value
            while type(root) is cst.Attribute:
                root = root.value
            self._chain_is_sdk = isinstance(root, cst.Name) and root.value in self._sdk_roots
        self._chain_next = node.value
        if self._chain_is_sdk:
            self.model.sdk_attributes.append((node, self.scope))

    def _note_project_import(self, qual: str) -> None:
        if not qual.startswith("customerio"):
            self.model.project_imports.add(qual)

    def _absolute_module(self, node: cst.ImportFrom) -> str | None:
        name = dotted_name(node.module) if node.module is not None else ""
        if not node.relative:
            return name
        parts = self.model.module_name.split(".") if self.model.module_name else []
        if not self.model.is_package and parts:
            parts = parts[:-1]
        up = len(node.relative) - 1
        if up > len(parts):
            return None
        base = parts[: len(parts) - up] if up else parts
        return ".".join([*base, name] if name else base)

    # assignments
    def visit_Assign(self, node: cst.Assign) -> None:
        order = next(self.counter)
        for target in node.targets:
            self._bind_target(target.target, node.value, order)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        order = next(self.counter)
        self._bind_target(node.target, node.value, order, node.annotation.annotation)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        order = next(self.counter)
        if isinstance(node.target, cst.Name):
            self.scope.bind(node.target.value, Binding(order))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        order = next(self.counter)
        self._bind_target(node.target, node.value, order)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, node.item, next(self.counter))

    # control flow context
    # Only what runs once per iteration is in the loop: a for's body (not its iterable,
    # evaluated once), a while's test and body; never the ``else:`` block, run once after.
    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None, next(self.counter))

    def visit_For_body(self, node: cst.For) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_For_body(self, original_node: cst.For) -> None:
        self._pop()

    def visit_While_test(self, node: cst.While) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_While_test(self, original_node: cst.While) -> None:
        self._pop()

    def visit_While_body(self, node: cst.While) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_While_body(self, original_node: cst.While) -> None:
        self._pop()

    # A comprehension runs its element once per item: a loop for the rules.
    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self._pop()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self._pop()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self._pop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._pop()

    def visit_Try_body(self, node: cst.Try) -> None:
        self._push(self._replace(try_blocks=(*self.context.try_blocks, node)))

    def leave_Try_body(self, node: cst.Try) -> None:
        self._pop()

    def visit_TryStar_body(self, node: cst.TryStar) -> None:
        self._push(self._replace(try_blocks=(*self.context.try_blocks, node)))

    def leave_TryStar_body(self, node: cst.TryStar) -> None:
        self._pop()

    def visit_With_body(self, node: cst.With) -> None:
        self._push(self._replace(withs=(*self.context.withs, node)))

    def leave_With_body(self, node: cst.With) -> None:
        self._pop()

    def visit_If_body(self, node: cst.If) -> None:
        self._push(self._replace(branches=(*self.context.branches, (id(node), "body"))))

    def leave_If_body(self, node: cst.If) -> None:
        self._pop()

    def visit_If_orelse(self, node: cst.If) -> None:
        self._push(self._replace(branches=(*self.context.branches, (id(node), "orelse"))))

    def leave_If_orelse(self, node: cst.If) -> None:
        self._pop()

    # calls
    def visit_Call(self, node: cst.Call) -> None:
        if type(node.func) in (cst.Name, cst.Attribute):
            self.model.call_sites.append(
                CallSite(node, self.scope, next(self.counter), self.context)
            )


