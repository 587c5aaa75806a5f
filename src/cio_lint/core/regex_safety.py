r"""Refusing regular expressions that can backtrack catastrophically.

User patterns (``event-name-pattern``, key patterns) are matched on every event
name of every file, on a worker thread where no timer can interrupt ``re``; so a
pattern must be safe by construction, judged here before it is ever used.

Python's own parser turns the pattern into a tree. Inside a repetition that can run
many times, the match is exponential when one text can be matched in several ways
per iteration: a repeated part that can match nothing ((a*)*), an inner repetition
whose characters can also start the next iteration ((a+)+, (\w+\s?)*), two adjacent
repetitions over common characters ((a+a+)*), or alternatives that can match the
same text ((a|a)*, (a|ab)*). Character sets are compared on a sample alphabet (all
of ASCII and representative non-ASCII characters), which over-approximates overlap.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    from re import _parser as _sre_parse
else:  # pragma: no cover - exercised on 3.9/3.10
    import sre_parse as _sre_parse

_ALPHABET = frozenset(
    [chr(code) for code in range(128)]
    + list("\u00a0\u00e9\u00c9\u00df\u0663\u2028\u4e2d\U0001f600")
)
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
#: A repetition allowed more times than this is a loop that can blow up.
_MANY = 8


@dataclass(frozen=True)
class _Shape:
    """What a part of a pattern can do, as far as backtracking is concerned."""

    first: frozenset[str]  # characters that can start a non-empty match
    nullable: bool  # can match the empty string
    tail: frozenset[str]  # characters a repetition at its end can go on absorbing
    ambiguous: str | None = None  # why one text can match in several ways


class _Unsafe(Exception):
    pass


def backtracking_problem(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time, or None when it cannot."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # already compiled once: only a parser difference ends up here
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE) or "(?" in pattern
    try:
        _sequence(list(parsed.data), ignore_case)
    except _Unsafe as unsafe:
        return str(unsafe)
    except RecursionError:
        return "it nests too deeply to analyse"
    return None


def _sequence(items: list[Any], ignore_case: bool) -> _Shape:
    shapes = [_node(item, ignore_case) for item in items]
    first: set[str] = set()
    for shape in shapes:
        first |= shape.first
        if not shape.nullable:
            break
    tail: set[str] = set()
    for shape in reversed(shapes):
        tail |= shape.tail
        if not shape.nullable:
            break
    ambiguous = next((s.ambiguous for s in shapes if s.ambiguous), None)
    for index, shape in enumerate(shapes):
        for following in shapes[index + 1:]:
            if ambiguous is None and shape.tail & following.first:
                ambiguous = "two neighbouring repetitions can match the same characters"
            if not following.nullable:
                break
    return _Shape(frozenset(first), all(s.nullable for s in shapes), frozenset(tail), ambiguous)


def _node(item: tuple[Any, Any], ignore_case: bool) -> _Shape:
    op, av = item
    name = str(op)
    if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
        chars = _characters(name, av, ignore_case)
        return _Shape(chars, False, frozenset())
    if name == "SUBPATTERN":
        return _sequence(list(av[-1]), ignore_case)
    if name == "ATOMIC_GROUP":  # no backtracking into it once matched
        inner = _sequence(list(av), ignore_case)
        return _Shape(inner.first, inner.nullable, frozenset())
    if name == "BRANCH":
        return _branch([_sequence(list(alt), ignore_case) for alt in av[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        return _repeat(low, high, _sequence(list(body), ignore_case), name)
    if name in ("ASSERT", "ASSERT_NOT"):
        _sequence(list(av[1]), ignore_case)  # raises on an unsafe lookaround
        return _Shape(frozenset(), True, frozenset())
    if name == "GROUPREF_EXISTS":
        _, yes, no = av
        alternatives = [_sequence(list(yes), ignore_case)]
        alternatives.append(_sequence(list(no), ignore_case) if no else _empty())
        return _branch(alternatives)
    if name == "GROUPREF":  # a backreference may be any text
        return _Shape(_ALPHABET, True, frozenset())
    return _empty()  # AT (anchors) and anything else that consumes nothing


def _empty() -> _Shape:
    return _Shape(frozenset(), True, frozenset())


def _branch(alternatives: list[_Shape]) -> _Shape:
    ambiguous = next((a.ambiguous for a in alternatives if a.ambiguous), None)
    for index, one in enumerate(alternatives):
        for other in alternatives[index + 1:]:
            if ambiguous is None and (one.first & other.first or (one.nullable and other.nullable)):
                ambiguous = "alternatives can match the same text"
    first = frozenset().union(*(a.first for a in alternatives))
    tail = frozenset().union(*(a.tail for a in alternatives))
    return _Shape(first, any(a.nullable for a in alternatives), tail, ambiguous)


def _repeat(low: int, high: int, body: _Shape, name: str) -> _Shape:
    loops = high == _sre_parse.MAXREPEAT or high > _MANY
    if loops and name != "POSSESSIVE_REPEAT":
        if body.nullable and body.first:
            raise _Unsafe("a repeated part can also match nothing")
        if body.ambiguous:
            raise _Unsafe(f"inside a repetition, {body.ambiguous}")
        if body.tail & body.first:
            raise _Unsafe("a repetition inside a repetition can match the same characters")
    tail = body.tail | body.first if high > 1 else body.tail
    if name == "POSSESSIVE_REPEAT":
        tail = frozenset()
    return _Shape(body.first, low == 0 or body.nullable, tail, body.ambiguous)


def _characters(name: str, av: Any, ignore_case: bool) -> frozenset[str]:
    if name == "LITERAL":
        chars = {chr(av)}
    elif name == "NOT_LITERAL":
        chars = set(_ALPHABET) - {chr(av)}
    elif name == "ANY":
        chars = set(_ALPHABET)
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
            chars |= {c for c in _ALPHABET if low <= ord(c) <= high}
            chars.add(chr(low))
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            category = re.compile(_CATEGORIES[str(av)])
            chars |= {c for c in _ALPHABET if category.fullmatch(c)}
        else:  # an unknown member: assume it may match anything
            chars |= _ALPHABET
    return set(_ALPHABET) - chars if negate else chars
