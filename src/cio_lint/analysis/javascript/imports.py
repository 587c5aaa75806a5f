"""What ``import``/``require`` bind, as qualified names the rest of the frontend compares.

A package keeps its npm name (``customerio-node.TrackClient``,
``@customerio/cdp-analytics-node.Analytics``); a project module is named the way the
engine names it, a dotted path below the source root (``./lib/customerio`` imported from
``app/routes/signup.ts`` is ``app.lib.customerio`` or, from ``../lib``, ``lib``), so
knowledge exported by other modules is found under the same key. ``@/`` and ``~/``, the
usual TypeScript path aliases, start at the root.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.grammars import SUFFIXES
from cio_lint.analysis.javascript.scopes import Binding, BindingKind, Scope

_ROOT_ALIASES = ("@/", "~/", "#/")


class ImportReader:
    def __init__(self, module_name: str, is_package: bool) -> None:
        parts = module_name.split(".") if module_name else []
        self._package = parts if is_package else parts[:-1]
        self._packages: set[str] = set()

    def module_of(self, specifier: str) -> str | None:
        """The qualified name of the module ``specifier`` names, or None if unknown."""
        if not specifier:
            return None
        if specifier.startswith("."):
            return self._relative(specifier)
        if specifier.startswith(_ROOT_ALIASES):
            return _dotted(specifier[2:].split("/"))
        if specifier.startswith("node:"):
            specifier = specifier[5:]
        self._packages.add(specifier)
        return specifier

    def is_package(self, qualified: str) -> bool:
        """Was ``qualified`` imported from a package (not a module of this project)?"""
        return any(qualified == p or qualified.startswith(p + ".") for p in self._packages)

    def _relative(self, specifier: str) -> str | None:
        base = list(self._package)
        parts = [part for part in specifier.split("/") if part not in ("", ".")]
        while parts and parts[0] == "..":
            if not base:
                return None
            base.pop()
            parts.pop(0)
        if ".." in parts:
            return None
        return _dotted([*base, *parts])

    def import_bindings(self, node: TsNode) -> list[Binding]:
        """The names an ``import`` statement binds."""
        source = node.child_by_field_name("source")
        bindings: list[Binding] = []
        for child in node.named_children:
            if child.type == "import_require_clause":
                name = next((c for c in child.named_children if c.type == "identifier"), None)
                spec = child.child_by_field_name("source")
                module = self.module_of(syntax.string_value(spec) or "")
                if name is not None and module is not None:
                    bindings.append(_bound(name, module))
            elif child.type == "import_clause":
                module = self.module_of(syntax.string_value(source) or "")
                if module is not None:
                    bindings.extend(self._clause(child, module))
        return bindings

    def _clause(self, clause: TsNode, module: str) -> list[Binding]:
        bindings = []
        for part in clause.named_children:
            if part.type == "identifier":
                bindings.append(_bound(part, f"{module}.default"))
            elif part.type == "namespace_import":
                name = next((c for c in part.named_children if c.type == "identifier"), None)
                if name is not None:
                    bindings.append(_bound(name, module))
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    if name is not None and alias is not None:
                        bindings.append(_bound(alias, f"{module}.{syntax.text(name)}"))
        return bindings

    def required(self, value: TsNode | None, scope: Scope) -> str | None:
        """The qualified name ``require('x')``, ``require('x').A`` or ``await import('x')``
        evaluates to, or None for any other value."""
        value = syntax.unwrap(value)
        if value is None:
            return None
        if value.type == "await_expression" and value.named_children:
            value = syntax.unwrap(value.named_children[0])
            if value is None:
                return None
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            if function is not None and function.type in ("identifier", "import") and (
                syntax.text(function) in ("require", "import")
            ) and scope.holder(syntax.text(function)) is None:
                args = syntax.arguments(value)
                specifier = syntax.string_value(args[0]) if args else None
                return self.module_of(specifier) if specifier else None
            return None
        parts = syntax.member_parts(value)
        if parts is not None:
            base = self.required(parts[0], scope)
            return f"{base}.{parts[1]}" if base else None
        return None


def _bound(name: TsNode, qualified: str) -> Binding:
    return Binding(syntax.text(name), BindingKind.IMPORT, name, 0, qualified=qualified)


def _dotted(parts: list[str]) -> str | None:
    if not parts:
        return None
    last = parts[-1]
    for suffix in (*SUFFIXES, ".json"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
            break
    parts = [*parts[:-1], last]
    if parts[-1] == "index" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts) if all(parts) else None
