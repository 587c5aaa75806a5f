"""Names a JavaScript/TypeScript module takes from customerio-node that its versions lack.

Found whatever the version; each record says from which major on (or before which
major) the name is missing, and the rule weighs that against the versions the project
runs: the 0.x-2.x default export constructed on 3.x, the 1.x/2.x subpaths, 3.x names on
2.x, Python names (``CustomerIO``, ``cio.delete``) that no version has, deep imports that
the 5.x ``exports`` map blocks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.calls import SdkCalls
from cio_lint.analysis.javascript.scopes import Binding
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.sdk_surface import MissingSdkName, Replacement
from cio_lint.core.sdk_node import (
    NODE_CLIENT_CLASSES,
    NODE_EXPORTS_FROM,
    NODE_EXPORTS_MAP_MAJOR,
    NODE_FOREIGN_METHODS,
    NODE_FOREIGN_NAMES,
    NODE_OLD_SUBPATHS,
    TRACK_PACKAGE,
)

#: The qualified name of the 0.x-2.x default export when it is constructed.
DEFAULT_EXPORT = f"{TRACK_PACKAGE}.default"
_STATEMENTS = frozenset({"import_statement", "lexical_declaration", "variable_declaration",
                         "expression_statement"})
_DEFAULTS = frozenset({TRACK_PACKAGE, DEFAULT_EXPORT})


def _statement(node: TsNode) -> TsNode:
    current: TsNode | None = node
    while current is not None and current.type not in _STATEMENTS:
        current = current.parent
    return current or node


class NodeNames:
    """One pass over the module: what it imports from customerio-node, and how it uses it."""

    def __init__(self, semantic: JsSemantic, found: SdkCalls) -> None:
        self.semantic = semantic
        self.found = found
        self.identifiers: dict[str, list[TsNode]] = defaultdict(list)
        self.sources: list[TsNode] = []  # module specifiers of import and require
        self.members: list[TsNode] = []  # ``x.Name`` reads, for the package's namespace
        for node in syntax.walk(semantic.parsed.root):
            if node.type == "member_expression":
                self.members.append(node)
            elif node.type == "identifier":
                self.identifiers[syntax.text(node)].append(node)
            elif node.type == "import_statement":
                source = node.child_by_field_name("source")
                if source is not None:
                    self.sources.append(source)
            elif node.type == "call_expression" and _is_require(node):
                self.sources.append(syntax.arguments(node)[0])

    def missing(self) -> list[MissingSdkName]:
        found = [*self._module_paths(), *self._imported_names(), *self._namespace_names(),
                 *self._methods()]
        return sorted(found, key=lambda m: syntax_start(m))

    # -- module paths ---------------------------------------------------------------
    def _module_paths(self) -> Iterator[MissingSdkName]:
        for source in self.sources:
            path = syntax.string_value(source) or ""
            if not path.startswith(f"{TRACK_PACKAGE}/"):
                continue
            statement = _statement(source)
            if path in NODE_OLD_SUBPATHS:
                yield MissingSdkName(source, path, TRACK_PACKAGE, syntax.text(source),
                                     statement=statement, missing_from=3)
            else:
                yield MissingSdkName(source, path, TRACK_PACKAGE, syntax.text(source),
                                     statement=statement, missing_from=NODE_EXPORTS_MAP_MAJOR)

    # -- imported names -------------------------------------------------------------
    def _bindings(self) -> Iterator[Binding]:
        collected = self.semantic.collected
        seen: set[int] = set()
        for scope in (collected.module, *collected.scopes.values()):
            for bindings in scope.bindings.values():
                for binding in bindings:
                    if binding.qualified is not None and id(binding) not in seen:
                        seen.add(id(binding))
                        yield binding

    def _imported_names(self) -> Iterator[MissingSdkName]:
        for binding in self._bindings():
            qualified = binding.qualified or ""
            statement = _statement(binding.node)
            if syntax.text(statement).startswith(("import type", "export type")):
                continue  # erased when compiled: nothing is looked up at run time
            if qualified in _DEFAULTS:
                if self._constructed(binding.name):
                    yield MissingSdkName(binding.node, DEFAULT_EXPORT,
                                         f"{TRACK_PACKAGE}.TrackClient", binding.name,
                                         statement=statement, imported=binding.node,
                                         missing_from=3)
                continue
            package, _, name = qualified.partition(".")
            if package != TRACK_PACKAGE or not name or "." in name:
                continue
            written = _imported_text(binding)
            if name in NODE_FOREIGN_NAMES:
                yield MissingSdkName(binding.node, qualified,
                                     f"{TRACK_PACKAGE}.{NODE_FOREIGN_NAMES[name]}", written,
                                     statement=statement, imported=binding.node,
                                     renamed_on_import=written != binding.name)
            elif name in NODE_EXPORTS_FROM:
                yield MissingSdkName(binding.node, qualified, qualified, written,
                                     statement=statement, imported=binding.node,
                                     renamed_on_import=written != binding.name,
                                     missing_before=NODE_EXPORTS_FROM[name])

    def _namespace_names(self) -> Iterator[MissingSdkName]:
        """``customerio.CustomerIO`` read from the package's namespace or ``require``."""
        for node in self.members:
            parts = syntax.member_parts(node)
            owner = syntax.unwrap(node.child_by_field_name("object"))
            if parts is None or owner is None or owner.type != "identifier":
                continue
            name = parts[1]
            if name not in NODE_FOREIGN_NAMES and name not in NODE_EXPORTS_FROM:
                continue
            scope = self.semantic.scope_of(node)
            binding = self.semantic.binding(syntax.text(owner), scope, node.start_byte)
            if binding is None or binding.qualified != TRACK_PACKAGE:
                continue
            qualified = f"{TRACK_PACKAGE}.{name}"
            if name in NODE_FOREIGN_NAMES:
                yield MissingSdkName(node, qualified,
                                     f"{TRACK_PACKAGE}.{NODE_FOREIGN_NAMES[name]}",
                                     syntax.text(node), place=scope)
            else:
                yield MissingSdkName(node, qualified, qualified, syntax.text(node),
                                     place=scope, missing_before=NODE_EXPORTS_FROM[name])

    def _constructed(self, name: str) -> bool:
        """``name`` is used as a constructor somewhere: ``new CIO(...)``."""
        return any(_is_constructor(node) for node in self.identifiers.get(name, ()))

    def only_constructed(self, name: str, declared: TsNode) -> bool:
        uses = [node for node in self.identifiers.get(name, ()) if node != declared]
        return bool(uses) and all(_is_constructor(node) for node in uses)

    # -- methods --------------------------------------------------------------------
    def _methods(self) -> Iterator[MissingSdkName]:
        semantic = self.semantic
        for site in semantic.collected.calls:
            function = syntax.unwrap(site.node.child_by_field_name("function"))
            if function is None or function.type != "member_expression":
                continue
            parts = syntax.member_parts(function)
            if parts is None:
                continue
            receiver, method = parts
            if not any(method in table for table in NODE_FOREIGN_METHODS.values()):
                continue
            kind = semantic.client_kind(receiver, site.scope, site.node.start_byte)
            if kind is None or method not in NODE_FOREIGN_METHODS.get(kind, {}):
                continue
            client = f"{TRACK_PACKAGE}.{NODE_CLIENT_CLASSES[kind]}"
            instead = NODE_FOREIGN_METHODS[kind][method]
            member = function.child_by_field_name("property")
            yield MissingSdkName(function, f"{client}.{method}",
                                 f"{client}.{instead}" if instead else "", syntax.text(function),
                                 member=member, place=site.scope)

    # -- fixes ----------------------------------------------------------------------
    def import_fix(self, missing: MissingSdkName) -> list[Replacement] | None:
        node = missing.node
        if not isinstance(node, TsNode):
            return None
        if missing.missing == DEFAULT_EXPORT:
            return self._default_fix(node)
        target = NODE_OLD_SUBPATHS.get(missing.missing)
        if target is None or node.type != "string":
            return None
        quote = syntax.text(node)[0]
        package = f"{quote}{TRACK_PACKAGE}{quote}"
        parent = node.parent.parent if node.parent is not None else None
        if parent is not None and parent.type == "call_expression":  # require("…/api")
            if target:
                return [Replacement(parent, f"require({package}).{target}")]
            return [Replacement(node, package)]
        statement = _statement(node)
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        if target or clause is None or any(
            part.type == "identifier" for part in clause.named_children
        ):
            return None  # a default import of the package is not what the subpath gave
        return [Replacement(node, package)]

    def _default_fix(self, name: TsNode) -> list[Replacement] | None:
        """``const CIO = require(…)`` -> ``const { TrackClient: CIO } = require(…)`` (and
        the ``import`` form) when every use of the name constructs a client."""
        if not self.only_constructed(syntax.text(name), name):
            return None
        parent = name.parent
        if parent is None:
            return None
        if parent.type == "variable_declarator" and parent.child_by_field_name("name") == name:
            value = parent.child_by_field_name("value")
            if value is None or self.semantic.imports.required(
                value, self.semantic.module
            ) != TRACK_PACKAGE or syntax.text(value).count("(") != 1:
                return None
            return [Replacement(name, f"{{ TrackClient: {syntax.text(name)} }}")]
        if parent.type == "import_clause" and len(parent.named_children) == 1:
            return [Replacement(name, f"{{ TrackClient as {syntax.text(name)} }}")]
        return None


def syntax_start(missing: MissingSdkName) -> int:
    node = missing.node
    return node.start_byte if isinstance(node, TsNode) else 0


def _is_require(node: TsNode) -> bool:
    function = node.child_by_field_name("function")
    args = syntax.arguments(node)
    return (function is not None and function.type == "identifier"
            and syntax.text(function) == "require" and len(args) == 1
            and syntax.string_value(args[0]) is not None)


def _is_constructor(node: TsNode) -> bool:
    parent = node.parent
    return (parent is not None and parent.type == "new_expression"
            and parent.child_by_field_name("constructor") == node)


def _imported_text(binding: Binding) -> str:
    """The name as exported (``CustomerIO`` of ``{ CustomerIO as Cio }``)."""
    return (binding.qualified or binding.name).rsplit(".", 1)[-1]


def method_rewrite(missing: MissingSdkName) -> str | None:
    """``cio.destroy`` for ``cio.delete``: the same receiver, the Node method."""
    node, member = missing.node, missing.member
    if not missing.instead or not isinstance(node, TsNode) or not isinstance(member, TsNode):
        return None
    receiver = node.child_by_field_name("object")
    if receiver is None or "\n" in syntax.text(node):
        return None
    method = missing.instead.rsplit(".", 1)[-1]
    between = syntax.text(node)[: member.start_byte - node.start_byte]
    return f"{between}{method}"
