"""Exact ambiguity of a regular expression, from its position automaton.

``regex_safety``'s shape checks judge a repetition by its first and last characters,
which misses ``(a|aa)+`` (Python's parser rewrites it as ``(a(?:|a))+``). This check is
exact: it builds the pattern's position (Glushkov) automaton and looks for a position
from which two different paths read the same text and come back, which is what makes
backtracking exponential (Weber and Seidl's "exponential degree of ambiguity"). It
judges the pattern as written: CPython merges ``(\\w|\\d)`` into ``[\\w\\d]``, but
overlapping alternatives under a repetition are a trap in other engines and a mistake
in any case. Character sets are compared on a sample alphabet (all of ASCII and
representative non-ASCII characters), which over-approximates overlap.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse
else:  # pragma: no cover - exercised on 3.9/3.10
    import sre_parse

__all__ = ["ALPHABET", "MANY", "Automaton", "Unsafe", "as_written", "characters", "sre_parse"]

#: Characters sets are compared on: all of ASCII and representative others.
ALPHABET = frozenset(
    [chr(code) for code in range(128)]
    + list("\u00a0\u00e9\u00c9\u00df\u0663\u2028\u4e2d\U0001f600")
)
CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
#: A repetition allowed more times than this is a loop that can blow up.
MANY = 8


class Unsafe(Exception):
    """Why a pattern is refused; the message completes "can backtrack catastrophically (...)"."""


#: More positions or state pairs than this, and the pattern is refused as too large.
_MAX_POSITIONS = 2_000
_MAX_PAIRS = 200_000


@dataclass(frozen=True)
class _Fragment:
    first: frozenset[int]
    last: frozenset[int]
    nullable: bool


_NOTHING = _Fragment(frozenset(), frozenset(), True)


class Automaton:
    """Positions (each a character set) and which may follow which."""

    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.chars: list[frozenset[str]] = []
        self.follow: list[set[int]] = []
        self.lookarounds: list[Automaton] = []

    def sequence(self, items: list[Any]) -> _Fragment:
        result = _NOTHING
        for item in items:
            result = self._then(result, self.node(item))
        return result

    def node(self, item: tuple[Any, Any]) -> _Fragment:
        op, av = item
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
            return self._position(characters(name, av, self.ignore_case))
        if name == "SUBPATTERN":
            return self.sequence(list(av[-1]))
        if name == "ATOMIC_GROUP":
            return self.sequence(list(av))
        if name == "BRANCH":
            return _either([self.sequence(list(alt)) for alt in av[1]])
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return self._repeat(*av)
        if name in ("ASSERT", "ASSERT_NOT"):
            inner = Automaton(self.ignore_case)
            inner.sequence(list(av[1]))
            self.lookarounds.append(inner)
            return _NOTHING
        if name == "GROUPREF_EXISTS":
            _, yes, no = av
            return _either([self.sequence(list(yes)), self.sequence(list(no)) if no else _NOTHING])
        if name == "GROUPREF":  # a backreference may be any text
            return self._loop(self._position(ALPHABET), 0)
        return _NOTHING

    def _position(self, chars: frozenset[str]) -> _Fragment:
        if len(self.chars) >= _MAX_POSITIONS:
            raise Unsafe("it is too large to check")
        self.chars.append(chars)
        self.follow.append(set())
        only = frozenset([len(self.chars) - 1])
        return _Fragment(only, only, False)

    def _repeat(self, low: int, high: int, body: list[Any]) -> _Fragment:
        if high == sre_parse.MAXREPEAT or high > MANY:
            return self._loop(self.sequence(list(body)), low)
        result = _NOTHING
        for copy in range(high):
            fragment = self.sequence(list(body))
            if copy >= low:
                fragment = _Fragment(fragment.first, fragment.last, True)
            result = self._then(result, fragment)
        return result

    def _loop(self, body: _Fragment, low: int) -> _Fragment:
        for position in body.last:
            self.follow[position] |= body.first
        return _Fragment(body.first, body.last, low == 0 or body.nullable)

    def _then(self, before: _Fragment, after: _Fragment) -> _Fragment:
        for position in before.last:
            self.follow[position] |= after.first
        return _Fragment(
            before.first | after.first if before.nullable else before.first,
            after.last | before.last if after.nullable else after.last,
            before.nullable and after.nullable,
        )

    def ambiguous(self) -> bool:
        """Can two different paths read the same text from a position back to it?"""
        return _mixed_cycle(self) or any(inner.ambiguous() for inner in self.lookarounds)


def _either(alternatives: list[_Fragment]) -> _Fragment:
    return _Fragment(
        frozenset().union(*(a.first for a in alternatives)),
        frozenset().union(*(a.last for a in alternatives)),
        any(a.nullable for a in alternatives),
    )


def _mixed_cycle(automaton: Automaton) -> bool:
    """Does a cycle of the pair automaton pass through both (p, p) and some (p, q), p != q?"""
    overlap: dict[tuple[int, int], bool] = {}

    def successors(pair: tuple[int, int]) -> list[tuple[int, int]]:
        left, right = pair
        found = []
        for one in automaton.follow[left]:
            for other in automaton.follow[right]:
                key = (one, other) if one <= other else (other, one)
                if key not in overlap:
                    overlap[key] = bool(automaton.chars[one] & automaton.chars[other])
                if overlap[key]:
                    found.append((one, other))
        return found

    index: dict[tuple[int, int], int] = {}
    low: dict[tuple[int, int], int] = {}
    stack: list[tuple[int, int]] = []
    on_stack: set[tuple[int, int]] = set()
    for root in ((p, p) for p in range(len(automaton.chars))):
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            pair, pending = work[-1]
            following = next(pending, None)
            if following is not None:
                if following not in index:
                    if len(index) >= _MAX_PAIRS:
                        raise Unsafe("it is too large to check")
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(successors(following))))
                elif following in on_stack:
                    low[pair] = min(low[pair], index[following])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[pair])
            if low[pair] == index[pair]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == pair:
                        break
                if any(a == b for a, b in component) and any(a != b for a, b in component):
                    return True
    return False


def as_written(pattern: str, parsed: Any) -> Any:
    """The parse of ``pattern`` with its alternatives kept apart, as the user wrote them."""
    try:
        return sre_parse.parse(_split_alternatives(pattern), parsed.state.flags)
    except Exception:  # a construct the rewrite does not fit: judge Python's own parse
        return parsed


def _split_alternatives(pattern: str) -> str:
    """``pattern`` with each ``|`` as ``(?=)|(?=)``: empty lookaheads keep branches unmerged."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[":
            end = index + 1
            if pattern[end:end + 1] == "^":
                end += 1
            if pattern[end:end + 1] == "]":
                end += 1
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            out.append(pattern[index:end + 1])
            index = end + 1
            continue
        out.append("(?=)|(?=)" if char == "|" else char)
        index += 1
    return "".join(out)


def characters(name: str, av: Any, ignore_case: bool) -> frozenset[str]:
    """The sample characters one parsed item (a literal, ``.``, a set) can match."""
    if name == "LITERAL":
        chars = {chr(av)}
    elif name == "NOT_LITERAL":
        chars = set(ALPHABET) - {chr(av)}
    elif name == "ANY":
        chars = set(ALPHABET)
    else:
        chars = _in_set(av)
    if ignore_case:
        chars |= {c.swapcase() for c in chars} | {c.lower() for c in chars}
        chars |= {c.upper() for c in chars if len(c.upper()) == 1}
    return frozenset(chars)


def _in_set(items: Sequence[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE":
            low, high = av
            chars |= {c for c in ALPHABET if low <= ord(c) <= high}
            chars.add(chr(low))
        elif name == "CATEGORY" and str(av) in CATEGORIES:
            category = re.compile(CATEGORIES[str(av)])
            chars |= {c for c in ALPHABET if category.fullmatch(c)}
        else:  # an unknown member: assume it may match anything
            chars |= ALPHABET
    return set(ALPHABET) - chars if negate else chars

