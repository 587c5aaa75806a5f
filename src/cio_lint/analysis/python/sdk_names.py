"""Imports and uses of SDK names that do not exist (Node SDK names, outdated docs).

``from customerio import RegionEU`` or ``customerio.errors`` fail with an ImportError
the moment the module loads; ``analytics.endpoint = ...`` silently does nothing. This
module finds every such name once, for CIO104 (the region names) and CIO305 (all).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import ExpressionContext, ExpressionContextProvider, MetadataWrapper

from cio_lint.analysis.python.scopes import Scope
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core import sdk

_ERRORS_MODULE = "customerio.errors"


def missing_name(qual: str) -> tuple[str, str] | None:
    """``(missing qualified name, what to use instead)`` when ``qual`` does not exist.

    ``customerio.errors.X`` is missing at ``customerio.errors``; names looked up in a
    Track SDK submodule (``customerio.regions.RegionEU``) are as missing as at the top.
    """
    if qual == _ERRORS_MODULE or qual.startswith(_ERRORS_MODULE + "."):
        return _ERRORS_MODULE, sdk.MISSING_NAMES[_ERRORS_MODULE]
    if qual in sdk.MISSING_NAMES:
        return qual, sdk.MISSING_NAMES[qual]
    head, _, last = qual.rpartition(".")
    if head in sdk.TRACK_SUBMODULES:
        top = f"customerio.{last}"
        if top in sdk.MISSING_NAMES:
            return qual, sdk.MISSING_NAMES[top]
    return None


@dataclass(frozen=True)
class MissingName:
    """One place that imports or uses a name the SDK does not have.

    ``node`` is what to report (an imported name, a module path, an attribute chain);
    ``missing`` the qualified name that does not exist, ``instead`` what does.
    ``statement`` is the import statement for imports (None for attribute uses).
    """

    node: cst.CSTNode
    missing: str
    instead: str
    written: str
    statement: cst.Import | cst.ImportFrom | None = None
    alias: cst.ImportAlias | None = None
    #: For attribute uses: the chain is assigned to (``analytics.endpoint = ...``).
    assigned: bool = False
    scope: Scope | None = None

    @property
    def last(self) -> str:
        return self.missing.rsplit(".", 1)[-1]

    @property
    def is_region_name(self) -> bool:
        return self.instead.startswith("customerio.Regions.")


def missing_names(model: SemanticModel) -> list[MissingName]:
    """Every import and attribute use of a missing SDK name, in source order, each once."""
    return [*_missing_imports(model), *_missing_attributes(model)]


def _missing_imports(model: SemanticModel) -> Iterator[MissingName]:
    yield from _missing_star_imports(model)
    reported_modules: set[int] = set()
    for statement, qual, alias in model.imports:
        if not isinstance(alias, cst.ImportAlias):
            continue
        found = missing_name(qual)
        if found is None:
            continue
        missing, instead = found
        if (
            isinstance(statement, cst.ImportFrom)
            and statement.module is not None
            and missing_name(model.code(statement.module)) is not None
        ):
            # ``from customerio.errors import A, B``: the module is what is missing.
            if id(statement) in reported_modules:
                continue
            reported_modules.add(id(statement))
            yield MissingName(statement.module, missing, instead, model.code(statement.module),
                              statement)
            continue
        yield MissingName(alias.name, missing, instead, model.code(alias.name), statement, alias)


def _missing_star_imports(model: SemanticModel) -> Iterator[MissingName]:
    """``from customerio.errors import *`` (star imports bind no names the model records)."""
    for statement in _star_imports(model):
        assert statement.module is not None
        found = missing_name(model.code(statement.module))
        if found is not None:
            yield MissingName(statement.module, *found, model.code(statement.module), statement)


def _star_imports(model: SemanticModel) -> Iterator[cst.ImportFrom]:
    """Absolute ``from x import *`` statements (Python allows them at module level only)."""
    for statement in model.module.body:
        if type(statement) is cst.SimpleStatementLine:
            for small in statement.body:
                if (
                    isinstance(small, cst.ImportFrom)
                    and isinstance(small.names, cst.ImportStar)
                    and small.module is not None
                    and not small.relative
                ):
                    yield small


def _missing_attributes(model: SemanticModel) -> Iterator[MissingName]:
    in_imports = _import_attribute_ids(model)
    assigned = {id(target) for target, *_ in model.attribute_assignments}
    covered: set[int] = set()
    for node, scope in model.sdk_attributes:
        if id(node) in in_imports or id(node) in covered:
            continue
        found = missing_name(model.qualname(node, scope))
        if found is None:
            continue
        missing, instead = found
        # Report the chain once, at its outermost attribute.
        inner: cst.BaseExpression = node.value
        while isinstance(inner, cst.Attribute):
            covered.add(id(inner))
            inner = inner.value
        if isinstance(inner, cst.Name) and missing_name(model.qualname(inner, scope)):
            continue  # ``errors.X`` after ``from customerio import errors``: the import is reported
        yield MissingName(node, missing, instead, model.code(node), assigned=id(node) in assigned,
                          scope=scope)


def _import_attribute_ids(model: SemanticModel) -> set[int]:
    """Attribute nodes that are dotted module paths of import statements."""
    ids: set[int] = set()

    def add(expr: cst.BaseExpression | None) -> None:
        while type(expr) is cst.Attribute:
            ids.add(id(expr))
            expr = expr.value

    for statement, _, alias in model.imports:
        if isinstance(alias, cst.ImportAlias):
            add(alias.name)
        if isinstance(statement, cst.ImportFrom):
            add(statement.module)
    for star in _star_imports(model):
        add(star.module)
    return ids


def load_uses(model: SemanticModel, name: str) -> list[cst.Name] | None:
    """Every read of the module-level name ``name`` (an imported name) in the module.

    None when ``name`` is also rebound anywhere (an assignment, a parameter, a ``def``),
    because then not every ``name`` in the file means the import.
    """
    if len(model.root.bindings.get(name, [])) != 1:
        return None
    wrapper = MetadataWrapper(model.module, unsafe_skip_copy=True)
    contexts = wrapper.resolve(ExpressionContextProvider)
    finder = _NameFinder(name)
    model.module.visit(finder)
    uses: list[cst.Name] = []
    for node in finder.found:
        context = contexts.get(node)
        if context is ExpressionContext.STORE or finder.defines:
            return None
        if context is ExpressionContext.LOAD and id(node) not in finder.imported:
            uses.append(node)
    return uses


class _NameFinder(cst.CSTVisitor):
    """Names spelled ``name`` (outside import statements), and whether anything defines it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found: list[cst.Name] = []
        self.imported: set[int] = set()
        self.defines = False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.found.append(node)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        for part in (node.name, node.asname.name if node.asname else None):
            if isinstance(part, cst.Name):
                self.imported.add(id(part))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.defines = self.defines or node.name.value == self.name

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.defines = self.defines or node.name.value == self.name

    def visit_Param(self, node: cst.Param) -> None:
        self.defines = self.defines or node.name.value == self.name


def import_rename(
    model: SemanticModel, alias: cst.ImportAlias, new_name: str, use_text: str | None = None
) -> list[tuple[cst.CSTNode, str]] | None:
    """Replacements that rename an imported name to ``new_name``.

    Imported without ``as``, every read of the name becomes ``use_text`` (default
    ``new_name``). None when that cannot be done mechanically: the name is rebound
    somewhere, ``new_name`` already means something else, or an ``as`` alias would
    need its uses rewritten.
    """
    if not isinstance(alias.name, cst.Name):
        return None
    for binding in model.root.bindings.get(new_name, []):
        if binding.qualname is None or not binding.qualname.startswith("customerio"):
            return None
    replacements: list[tuple[cst.CSTNode, str]] = [(alias.name, new_name)]
    if alias.asname is not None:
        return replacements if use_text is None else None
    uses = load_uses(model, alias.name.value)
    if uses is None:
        return None
    replacements.extend((use, use_text or new_name) for use in uses)
    return replacements
