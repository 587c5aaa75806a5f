"""Class tests on LibCST's abstract node classes, answered once per concrete class.

LibCST's node classes derive from ``ABC``, so ``isinstance(node, cst.BaseExpression)``
runs ABCMeta's Python-level check every time it does not match exactly; asked for
every node of a walk, that is a measurable share of it. A dict per abstract class
answers each concrete class after the first time.
"""

from __future__ import annotations

from collections.abc import Callable


def subclass_test(base: type) -> Callable[[type], bool]:
    """``issubclass(kind, base)``, remembered for each ``kind`` asked about."""
    known: dict[type, bool] = {}

    def test(kind: type) -> bool:
        answer = known.get(kind)
        if answer is None:
            answer = known[kind] = issubclass(kind, base)
        return answer

    return test
