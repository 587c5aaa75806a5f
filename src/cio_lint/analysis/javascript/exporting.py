"""What a module exports: ``export`` statements and CommonJS ``module.exports``.

Each exported name is recorded with the node holding its value, for the knowledge the
module shares; ``export ... from`` is a re-export (``*`` for every name of a module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.imports import ImportReader

if TYPE_CHECKING:
    from cio_lint.analysis.javascript.collection import Collected

_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})


def module_exports(value: TsNode, found: Collected) -> None:
    """``module.exports = {...}`` or ``module.exports = value``."""
    value = syntax.unwrap(value) or value
    if value.type == "object":
        for entry in value.named_children:
            key = syntax.property_key(entry)
            if key is None:
                continue
            if entry.type == "shorthand_property_identifier":
                found.exports[key] = entry
            else:
                inner = entry.child_by_field_name("value")
                if inner is not None:
                    found.exports[key] = inner
                elif entry.type == "method_definition":
                    found.exports[key] = entry
    else:
        found.exports["default"] = value

def export_statement(node: TsNode, imports: ImportReader, found: Collected) -> None:
    """An ``export`` statement: declarations, ``default``, lists and re-exports."""
    source = node.child_by_field_name("source")
    declaration = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    if source is not None:
        target = imports.module_of(syntax.string_value(source) or "")
        if target is None:
            return
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if clause is None:
            namespace = next(
                (c for c in node.named_children if c.type == "namespace_export"), None
            )
            if namespace is not None and namespace.named_children:
                found.reexports[syntax.text(namespace.named_children[-1])] = target
            else:
                found.reexports["*"] = target
            return
        for spec in clause.named_children:
            name = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or name
            if name is not None and alias is not None:
                found.reexports[syntax.text(alias)] = f"{target}.{syntax.text(name)}"
        return
    if declaration is not None:
        if declaration.type in _DECLARATIONS:
            for declarator in declaration.named_children:
                declared = declarator.child_by_field_name("name")
                exported = syntax.identifier_name(declared)
                if exported is not None and declared is not None:
                    found.exports[exported] = declared
        else:
            name_node = declaration.child_by_field_name("name")
            if name_node is not None:
                found.exports[syntax.text(name_node)] = declaration
        return
    if value is not None:
        found.exports["default"] = value
        return
    if any(child.type == "default" for child in node.children):
        inner = [c for c in node.named_children if c.type != "comment"]
        if inner:
            found.exports["default"] = inner[-1]
        return
    clause = next((c for c in node.named_children if c.type == "export_clause"), None)
    for spec in clause.named_children if clause is not None else ():
        name = spec.child_by_field_name("name")
        alias = spec.child_by_field_name("alias") or name
        if name is not None and alias is not None:
            found.exports[syntax.text(alias)] = name
