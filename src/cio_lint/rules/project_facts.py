"""Project-wide facts grouped per project.

One run may lint several projects at once (a monorepo, a directory of examples);
each ``pyproject.toml`` with a ``[tool.cio-lint]`` table is a project root. A fact
key ``(root, kind)`` keeps "never calls identify" about one project from being
answered by another's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from cio_lint.rules.base import Fact, LintContext

FactKey = tuple[str, str]


def project_key(ctx: LintContext, kind: str) -> FactKey:
    """The key of a ``kind`` fact about the project the linted file belongs to."""
    return (str(ctx.config.root), kind)


def by_project(facts: Sequence[Fact]) -> dict[str, dict[str, list[Fact]]]:
    """``root -> kind -> facts``, each list in source order (path, line, column)."""
    grouped: dict[str, dict[str, list[Fact]]] = {}
    for fact in sorted(facts, key=lambda f: (f.path, f.start, f.end)):
        root, kind = cast(FactKey, fact.key)
        grouped.setdefault(root, {}).setdefault(kind, []).append(fact)
    return grouped
