"""Which project function a JavaScript/TypeScript call calls, and the names functions are
called by from other modules.

A function is known by the name other modules import (``trackEvent``,
``cioService.track`` for a method of a module-level object literal, ``CioTracker.event``
for a class's method, ``default``), below its module. A call is resolved to the
qualified name of what it calls: an imported name (``lib.customerio.trackEvent``), a
function of this module, a method through ``this``, or through an object a local or
imported class builds (``new CioTracker().event``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.collection import CallSite
from cio_lint.analysis.javascript.scopes import Binding, BindingKind
from cio_lint.analysis.records import Function

if TYPE_CHECKING:
    from cio_lint.analysis.javascript.semantic import JsSemantic


def function_key(function: Function) -> str | None:
    """The name other modules call ``function`` by, below its module (``trackEvent``,
    ``CioService.track``, ``cioService.track``, ``default``), or None for a function
    only its own code reaches (a callback, a nested function)."""
    node: TsNode = function.node  # type: ignore[assignment]
    if function.parent is not None or not function.name:
        return None
    if node.type == "method_definition":
        body = node.parent
        if body is not None and body.type == "class_body":
            return f"{function.class_name}.{function.name}" if function.class_name else None
        holder = _object_holder(body) if body is not None else None
        return None if holder is None else _joined(holder, function.name)
    parent = _outer(node)
    if parent is None:
        return None
    if node.type in ("function_declaration", "generator_function_declaration"):
        return function.name
    if parent.type == "variable_declarator":
        return function.name if _outer(parent.parent) is not None else None
    if parent.type == "pair" and parent.parent is not None:
        holder = _object_holder(parent.parent)
        return None if holder is None else _joined(holder, function.name)
    if parent.type == "export_statement":
        return "default"
    if parent.type == "assignment_expression":
        target = syntax.dotted(parent.child_by_field_name("left")) or ""
        if target == "module.exports":
            return "default"
        if target.startswith(("exports.", "module.exports.")) and target.count(".") <= 2:
            return function.name
    return None


def _joined(holder: str, name: str) -> str:
    return f"{holder}.{name}" if holder else name


def _outer(node: TsNode | None) -> TsNode | None:
    """The node around ``node`` past parentheses and type assertions."""
    parent = node.parent if node is not None else None
    while parent is not None and parent.type in (
        "parenthesized_expression", "as_expression", "satisfies_expression",
        "lexical_declaration", "variable_declaration",
    ):
        if parent.type in ("lexical_declaration", "variable_declaration"):
            return parent.parent
        parent = parent.parent
    return parent


def _object_holder(literal: TsNode) -> str | None:
    """What a module-level object literal is known by: the ``const`` holding it, ``default``
    for ``export default {...}``, ``""`` for ``module.exports = {...}`` (each key an export)."""
    parent = _outer(literal)
    if parent is None:
        return None
    if parent.type == "variable_declarator":
        declaration = parent.parent
        if declaration is None or declaration.parent is None or declaration.parent.type not in (
            "program", "export_statement"
        ):
            return None
        return syntax.identifier_name(parent.child_by_field_name("name"))
    if parent.type == "export_statement":
        return "default"
    if parent.type == "assignment_expression" and (
        syntax.dotted(parent.child_by_field_name("left")) == "module.exports"
    ):
        return ""
    return None


class CallTargets:
    """The summary key of each named function of a module, and each call's target."""

    def __init__(self, semantic: JsSemantic) -> None:
        self.semantic = semantic
        self._keys: dict[int, str] = {}
        for function in semantic.collected.functions:
            key = function_key(function)
            if key is not None:
                self._keys[function.node.id] = key  # type: ignore[attr-defined]
        self._targets: dict[int, str] = {}

    def key_of(self, function: TsNode) -> str | None:
        """The summary key of a function node of this module, if it has one."""
        return self._keys.get(function.id)

    def local_keys(self) -> frozenset[str]:
        """The qualified names of this module's named functions."""
        return frozenset(self._local(key) for key in self._keys.values())

    def target(self, site: CallSite) -> str:
        """The qualified name of the project function a call calls, or ""."""
        known = self._targets.get(site.node.id)
        if known is None:
            known = self._targets[site.node.id] = self._target(site)
        return known

    def _target(self, site: CallSite) -> str:
        semantic = self.semantic
        callee = syntax.unwrap(site.node.child_by_field_name("function"))
        if callee is None:
            return ""
        order = site.node.start_byte
        if callee.type == "identifier":
            binding = semantic.binding(syntax.text(callee), site.scope, order)
            if binding is None:
                return ""
            if binding.qualified is not None:
                return self._project(binding.qualified)
            value = syntax.unwrap(binding.value)
            key = self._keys.get(value.id) if value is not None else None
            return self._local(key) if key is not None else ""
        parts = syntax.member_parts(callee) if callee.type == "member_expression" else None
        if parts is None:
            return ""
        holder, method = syntax.unwrap(parts[0]), parts[1]
        if holder is not None and holder.type == "this":
            info = semantic.class_of(site.scope)
            return self._local(f"{info.name}.{method}") if info and info.name else ""
        if holder is not None and holder.type == "new_expression":
            built = self._class_of(holder, site)
            return f"{built}.{method}" if built else ""
        qualified = semantic.qualified(callee, site.scope, order)
        if qualified is not None:
            return self._project(qualified) if "." in qualified else ""
        if holder is not None and holder.type == "identifier":
            binding = semantic.binding(syntax.text(holder), site.scope, order)
            return self._through(binding, method, site)
        return ""

    def _through(self, binding: Binding | None, method: str, site: CallSite) -> str:
        """``cioService.track()`` on a module-level object, ``tracker.event()`` on an
        object a class builds (``const tracker = new CioTracker()``)."""
        if binding is None or binding.kind not in (BindingKind.CONST, BindingKind.CLASS):
            return ""
        value = syntax.unwrap(binding.value)
        if binding.kind is BindingKind.CONST and value is not None and (
            value.type == "new_expression"
        ):
            built = self._class_of(value, site)
            return f"{built}.{method}" if built else ""
        return self._local(f"{binding.name}.{method}")

    def _class_of(self, built: TsNode, site: CallSite) -> str:
        """The qualified name of the project class ``new X(...)`` builds, or ""."""
        constructor = syntax.unwrap(built.child_by_field_name("constructor"))
        if constructor is None:
            return ""
        binding = (self.semantic.binding(syntax.text(constructor), site.scope, None)
                   if constructor.type == "identifier" else None)
        if binding is not None and binding.kind is BindingKind.CLASS:
            return self._local(binding.name)
        qualified = self.semantic.qualified(constructor, site.scope, site.node.start_byte)
        return self._project(qualified) if qualified else ""

    def _project(self, qualified: str) -> str:
        return "" if self.semantic.imports.is_package(qualified) else qualified

    def _local(self, key: str) -> str:
        module = self.semantic.module_name
        return f"{module}.{key}" if module else key
