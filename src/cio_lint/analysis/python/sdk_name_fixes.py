"""Missing SDK names as the neutral interface reports them, and the Python text that fixes them.

``sdk_names`` finds the names; this module turns each into a ``MissingSdkName`` and
writes the replacement text (an import from ``customerio``, an attribute chain
that points at what exists).
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from cio_lint.analysis.python.scopes import as_scope, syntax
from cio_lint.analysis.python.sdk_names import MissingName, import_rename, missing_names
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.sdk_surface import MissingSdkName, Replacement
from cio_lint.core import sdk

_EXCEPTION = "customerio.CustomerIOException"


def missing_sdk_names(model: SemanticModel) -> list[MissingSdkName]:
    """``missing_names`` in neutral records."""
    assigned: dict[int, cst.BaseExpression] = {}
    for target, value, *_ in model.attribute_assignments:
        assigned.setdefault(id(target), value)
    return [_neutral(missing, assigned) for missing in missing_names(model)]


def _neutral(missing: MissingName, assigned: dict[int, cst.BaseExpression]) -> MissingSdkName:
    node = missing.node
    return MissingSdkName(
        node=node,
        missing=missing.missing,
        instead=missing.instead,
        written=missing.written,
        statement=missing.statement,
        imported=missing.alias,
        renamed_on_import=missing.alias is not None and missing.alias.asname is not None,
        from_import=isinstance(missing.statement, cst.ImportFrom),
        assigned_value=assigned.get(id(node)) if missing.assigned else None,
        member=node.attr if isinstance(node, cst.Attribute) else None,
        place=missing.scope,
    )


def replacements(found: list[tuple[cst.CSTNode, str]] | None) -> list[Replacement] | None:
    if found is None:
        return None
    return [Replacement(node, text) for node, text in found]


def rename_import(
    model: SemanticModel, imported: cst.ImportAlias, new_name: str, use_text: str | None
) -> list[Replacement] | None:
    return replacements(import_rename(model, imported, new_name, use_text))


def missing_module_import_fix(
    model: SemanticModel, missing: MissingSdkName
) -> list[Replacement] | None:
    """``from customerio.errors import A`` -> ``from customerio import A`` (names mapped)."""
    statement = missing.statement
    if not isinstance(statement, cst.ImportFrom):
        return None
    if isinstance(statement.names, cst.ImportStar) or statement.module is None:
        return None
    edits = [Replacement(statement.module, "customerio")]
    for alias in statement.names:
        if not isinstance(alias.name, cst.Name):
            return None
        qual = f"customerio.{alias.name.value}"
        if qual in sdk.PUBLIC_NAMES:
            continue
        if sdk.MISSING_NAMES.get(qual) != _EXCEPTION:
            return None
        renamed = rename_import(model, alias, "CustomerIOException", None)
        if renamed is None:
            return None
        edits.extend(renamed)
    return edits


def existing_name_rewrite(model: SemanticModel, missing: MissingSdkName) -> str | None:
    """``customerio.CustomerIOException`` for ``customerio.errors.CustomerIOError`` and kin:
    the same chain, rooted at the same ``customerio`` name, pointing at what exists."""
    node = syntax(missing.node)
    if not isinstance(node, cst.Attribute) or missing.place is None:
        return None
    scope = as_scope(missing.place)
    root: cst.BaseExpression = node
    while isinstance(root, cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name) or model.qualname(root, scope) != "customerio":
        return None
    full = model.qualname(node, scope)
    target = missing.instead
    if missing.missing == "customerio.errors":
        tail = full[len("customerio.errors"):]
        name = f"customerio{tail}"
        target = sdk.MISSING_NAMES.get(name, name)
        if target not in sdk.PUBLIC_NAMES.values() and target != "customerio":
            return None
    if target == "customerio":
        return None
    return root.value + target[len("customerio"):]


def imported_alias(imported: object) -> cst.ImportAlias:
    """The frontend's reading of an imported-name handle."""
    return cast(cst.ImportAlias, imported)
