"""The one read-only pass over a JavaScript/TypeScript module.

It records what every later question needs: scopes and their bindings (declarations,
assignments, imports, parameters, destructurings), functions, classes and their fields,
every call and ``new`` with where it sits (function, loops, ``try`` blocks that catch,
``if`` arms), and what the module exports. The walk keeps its own stack, so a deeply
nested file costs memory, never Python's recursion limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.exporting import export_statement, module_exports
from cio_lint.analysis.javascript.imports import ImportReader
from cio_lint.analysis.javascript.scopes import Binding, BindingKind, ClassInfo, Scope
from cio_lint.analysis.records import CallContext, Function

_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_PARAMETERS = frozenset({"required_parameter", "optional_parameter"})


@dataclass
class CallSite:
    """A call or ``new`` expression and where it sits."""

    node: TsNode
    scope: Scope
    context: CallContext


@dataclass
class Collected:
    module: Scope
    functions: list[Function] = field(default_factory=list)
    scopes: dict[int, Scope] = field(default_factory=dict)
    calls: list[CallSite] = field(default_factory=list)
    classes: dict[int, ClassInfo] = field(default_factory=dict)
    classes_by_name: dict[str, ClassInfo] = field(default_factory=dict)
    #: Exported names: name -> the node whose value it is (a declaration's value, a
    #: function, a class, or the expression of ``export default``/``module.exports``).
    exports: dict[str, TsNode] = field(default_factory=dict)
    #: ``export {a as b} from './x'`` and ``export * from './x'`` (name ``*``).
    reexports: dict[str, str] = field(default_factory=dict)
    #: Qualified names imported from other project modules.
    project_imports: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Where:
    scope: Scope
    context: CallContext
    class_id: int | None = None


class Collector:
    def __init__(self, root: TsNode, imports: ImportReader) -> None:
        self.imports = imports
        module = Scope(root, None, None)
        self.found = Collected(module)
        self.found.scopes[root.id] = module
        self._assignments: list[tuple[Scope, str, Binding]] = []

    def run(self) -> Collected:
        stack: list[tuple[TsNode, _Where]] = [
            (child, _Where(self.found.module, CallContext()))
            for child in reversed(self.found.module.node.named_children)
        ]
        while stack:
            node, where = stack.pop()
            children = self._visit(node, where)
            stack.extend(reversed(children))
        for scope, name, binding in self._assignments:
            holder = scope.holder(name) or scope.module
            holder.bind(binding)
        return self.found

    # -- one node -----------------------------------------------------------------
    def _visit(self, node: TsNode, where: _Where) -> list[tuple[TsNode, _Where]]:
        kind = node.type
        if kind in syntax.FUNCTION_TYPES:
            return self._function(node, where)
        if kind in syntax.CLASS_TYPES:
            self._class(node, where)
            return []
        if kind in ("call_expression", "new_expression"):
            self.found.calls.append(CallSite(node, where.scope, where.context))
        elif kind == "import_statement":
            for binding in self.imports.import_bindings(node):
                where.scope.bind(binding)
                if binding.qualified and not self.imports.is_package(binding.qualified):
                    self.found.project_imports.add(binding.qualified)
            return []
        elif kind in _DECLARATIONS:
            self._declaration(node, where)
        elif kind == "assignment_expression":
            self._assignment(node, where)
        elif kind == "export_statement":
            export_statement(node, self.imports, self.found)
        elif kind == "public_field_definition" or kind == "field_definition":
            self._field(node, where)
        elif kind in syntax.LOOP_TYPES:
            return self._loop(node, where)
        elif kind == "try_statement":
            return self._try(node, where)
        elif kind == "if_statement":
            return self._if(node, where)
        return [(child, where) for child in node.named_children]

    def _function(self, node: TsNode, where: _Where) -> list[tuple[TsNode, _Where]]:
        name = _function_name(node)
        class_info = self.found.classes.get(where.class_id) if where.class_id else None
        function = Function(
            node=node,
            name=name,
            is_async=any(child.type == "async" for child in node.children),
            class_name=class_info.name if class_info and node.type == "method_definition"
            else None,
            parent=where.scope.function,
            place=None,  # set just below, once the scope exists
        )
        scope = Scope(node, where.scope, function, class_id=where.class_id)
        function.place = scope
        self.found.functions.append(function)
        self.found.scopes[node.id] = scope
        if class_info is not None and node.type == "method_definition":
            class_info.methods[name] = scope
        if node.type in ("function_declaration", "generator_function_declaration") and name:
            where.scope.bind(Binding(name, BindingKind.FUNCTION, node, 0, value=node))
        self._parameters(node, scope, class_info)
        inner = _Where(scope, CallContext(function=function), where.class_id)
        body = node.child_by_field_name("body")
        return [(body, inner)] if body is not None else []

    def _parameters(self, node: TsNode, scope: Scope, class_info: ClassInfo | None) -> None:
        parameters = node.child_by_field_name("parameters")
        single = node.child_by_field_name("parameter")  # ``x => ...``
        items = parameters.named_children if parameters is not None else []
        if single is not None:
            items = [single]
        for item in items:
            pattern, type_node, default = item, None, None
            if item.type in _PARAMETERS:
                pattern = item.child_by_field_name("pattern") or item
                type_node = item.child_by_field_name("type")
                default = item.child_by_field_name("value")
                if class_info is not None and any(
                    child.type in ("accessibility_modifier", "readonly") or
                    child.type == "override_modifier" for child in item.children
                ):
                    name = syntax.identifier_name(pattern)
                    if name and type_node is not None:
                        class_info.field_types[name] = type_node
            elif item.type == "assignment_pattern":
                pattern = item.child_by_field_name("left") or item
                default = item.child_by_field_name("right")
            name = syntax.identifier_name(pattern)
            if name is not None:
                scope.bind(Binding(name, BindingKind.PARAMETER, pattern, node.start_byte,
                                   value=default, type_node=type_node))
            elif pattern.type == "object_pattern":
                self._destructure(pattern, None, scope, BindingKind.PARAMETER, node.start_byte)

    def _class(self, node: TsNode, where: _Where) -> None:
        name_node = node.child_by_field_name("name")
        name = syntax.text(name_node) if name_node is not None else ""
        heritage = None
        for child in node.named_children:
            if child.type == "class_heritage":
                extends = next((c for c in child.named_children if c.type == "extends_clause"),
                               child)
                values = [c for c in extends.named_children if c.type != "type_arguments"]
                heritage = values[0] if values else None
        info = ClassInfo(node, name, heritage)
        self.found.classes[node.id] = info
        if name:
            self.found.classes_by_name.setdefault(name, info)
            if node.type != "class":
                where.scope.bind(Binding(name, BindingKind.CLASS, name_node or node, 0,
                                         value=node))
        body = node.child_by_field_name("body")
        if body is not None:
            # Members are visited with the class in view, for ``this.x``.
            self._pending_class_body(body, where, node.id)

    def _pending_class_body(self, body: TsNode, where: _Where, class_id: int) -> None:
        inner = _Where(where.scope, where.context, class_id)
        stack = [(child, inner) for child in reversed(body.named_children)]
        while stack:
            child, at = stack.pop()
            stack.extend(reversed(self._visit(child, at)))

    def _field(self, node: TsNode, where: _Where) -> None:
        info = self.found.classes.get(where.class_id) if where.class_id else None
        name = syntax.property_key(node)
        if info is None or name is None:
            return
        value, type_node = node.child_by_field_name("value"), node.child_by_field_name("type")
        if value is not None:
            info.fields.setdefault(name, []).append(value)
        if type_node is not None:
            info.field_types[name] = type_node

    def _declaration(self, node: TsNode, where: _Where) -> None:
        keyword = node.children[0].type if node.children else "const"
        kind = BindingKind.CONST if keyword == "const" else BindingKind.LET
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            target = declarator.child_by_field_name("name")
            value = declarator.child_by_field_name("value")
            type_node = declarator.child_by_field_name("type")
            if target is None:
                continue
            name = syntax.identifier_name(target)
            required = self.imports.required(value, where.scope)
            if name is not None:
                where.scope.bind(Binding(name, kind, target, declarator.end_byte, value=value,
                                         type_node=type_node, qualified=required))
            elif target.type == "object_pattern" and value is not None:
                self._destructure(target, value, where.scope, kind, declarator.end_byte,
                                  required=required)
            if required is not None and not self.imports.is_package(required):
                self.found.project_imports.add(required)

    def _destructure(
        self, pattern: TsNode, source: TsNode | None, scope: Scope, kind: BindingKind,
        order: int, keys: tuple[str, ...] = (), required: str | None = None,
    ) -> None:
        for entry in pattern.named_children:
            if entry.type == "shorthand_property_identifier_pattern":
                name, key = syntax.text(entry), syntax.text(entry)
                target: TsNode | None = entry
            elif entry.type == "pair_pattern":
                key = syntax.property_key(entry) or ""
                target = entry.child_by_field_name("value")
                if target is not None and target.type == "assignment_pattern":
                    target = target.child_by_field_name("left")
                if target is not None and target.type == "object_pattern":
                    self._destructure(target, source, scope, kind, order, (*keys, key),
                                      f"{required}.{key}" if required else None)
                    continue
                name = syntax.identifier_name(target) or ""
            elif entry.type == "object_assignment_pattern":
                left = entry.child_by_field_name("left")
                name = key = syntax.text(left) if left is not None else ""
                target = left
            else:
                continue
            if name and target is not None:
                qualified = f"{required}.{key}" if required else None
                scope.bind(Binding(name, BindingKind.DESTRUCTURED, target, order,
                                   source=source, keys=(*keys, key), qualified=qualified))

    def _assignment(self, node: TsNode, where: _Where) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return
        name = syntax.identifier_name(left)
        if name is not None:
            self._assignments.append(
                (where.scope, name, Binding(name, BindingKind.ASSIGN, left, node.end_byte,
                                            value=right))
            )
            return
        target = syntax.dotted(left)
        if target is None:
            return
        if target.startswith("this.") and target.count(".") == 1 and where.class_id:
            info = self.found.classes.get(where.class_id)
            if info is not None:
                info.fields.setdefault(target[5:], []).append(right)
        elif target == "module.exports":
            module_exports(right, self.found)
        elif target.startswith(("exports.", "module.exports.")) and target.count(".") <= 2:
            self.found.exports[target.rsplit(".", 1)[1]] = right

    # -- context ------------------------------------------------------------------
    def _loop(self, node: TsNode, where: _Where) -> list[tuple[TsNode, _Where]]:
        body = node.child_by_field_name("body")
        looped = _Where(
            where.scope,
            _with(where.context, loops=(*where.context.loops, node)),
            where.class_id,
        )
        return [(child, looped if child == body else where) for child in node.named_children]

    def _try(self, node: TsNode, where: _Where) -> list[tuple[TsNode, _Where]]:
        body = node.child_by_field_name("body")
        catches = node.child_by_field_name("handler") is not None
        guarded = _Where(
            where.scope,
            _with(where.context, try_blocks=(*where.context.try_blocks, node)),
            where.class_id,
        ) if catches else where
        return [(child, guarded if child == body else where) for child in node.named_children]

    def _if(self, node: TsNode, where: _Where) -> list[tuple[TsNode, _Where]]:
        out: list[tuple[TsNode, _Where]] = []
        for child in node.named_children:
            if child == node.child_by_field_name("consequence"):
                arm = "body"
            elif child == node.child_by_field_name("alternative"):
                arm = "orelse"
            else:
                out.append((child, where))
                continue
            branches = (*where.context.branches, (node.id, arm))
            out.append((child, _Where(where.scope, _with(where.context, branches=branches),
                                      where.class_id)))
        return out


def _with(context: CallContext, **changes: object) -> CallContext:
    from dataclasses import replace

    return replace(context, **changes)  # type: ignore[arg-type]


def _function_name(node: TsNode) -> str:
    """The name a function is known by: its own, or the variable, key or export holding it."""
    own = node.child_by_field_name("name")
    if own is not None:
        return syntax.text(own)
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression",
                                                 "satisfies_expression"):
        parent = parent.parent
    if parent is None:
        return ""
    if parent.type == "variable_declarator":
        return syntax.identifier_name(parent.child_by_field_name("name")) or ""
    if parent.type in ("pair", "public_field_definition", "field_definition"):
        return syntax.property_key(parent) or ""
    if parent.type == "assignment_expression":
        target = syntax.dotted(parent.child_by_field_name("left"))
        return target.rsplit(".", 1)[-1] if target else ""
    if parent.type == "export_statement":
        return "default"
    return ""
