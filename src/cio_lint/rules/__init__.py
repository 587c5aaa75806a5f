"""The rule registry: every rule, keyed by its stable code.

Every ``cio*`` module of this package defines one rule as ``RULE``; they are found
by name. Adding a rule means adding its module (named after its code and name) and
its fixtures; the registry, ``cio-lint rules``, the docs and the README table follow
from here.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from cio_lint.rules.base import Rule

if TYPE_CHECKING:
    from cio_lint.core.rule_doc import RuleDoc


def _load() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("cio"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = module.RULE
        if not isinstance(rule, Rule):  # pragma: no cover - a programming error
            raise TypeError(f"{info.name}.RULE is not a Rule")
        if rule.code in rules:  # pragma: no cover - a programming error
            raise ValueError(f"duplicate rule code {rule.code}")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


#: Every rule, by code, in code order.
REGISTRY: dict[str, Rule] = _load()


def rule_docs() -> dict[str, RuleDoc]:
    """Every rule's documentation, by code in code order, for reports."""
    return {code: rule.doc() for code, rule in REGISTRY.items()}


def load_project_analysis() -> None:
    """Import the analysis modules the project rules judge with, ahead of judging. Each
    rule imports them where it uses them, so that listing the rules stays quick."""
    from cio_lint.analysis import attributes, events, identity, regions, reserved_events

    del attributes, events, identity, regions, reserved_events
