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
Those shape checks are quick but judge a repetition only by its edges; an exact
automaton check (below) then finds the rest, such as ``(a|aa)+`` and ``(\w|\d)+``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cio_lint.core.regex_automaton import ALPHABET as _ALPHABET
from cio_lint.core.regex_automaton import MANY as _MANY
from cio_lint.core.regex_automaton import Automaton, as_written, characters, sre_parse
from cio_lint.core.regex_automaton import Unsafe as _Unsafe


@dataclass(frozen=True)
class _Shape:
    """What a part of a pattern can do, as far as backtracking is concerned."""

    first: frozenset[str]  # characters that can start a non-empty match
    nullable: bool  # can match the empty string
    tail: frozenset[str]  # characters a repetition at its end can go on absorbing
    ambiguous: str | None = None  # why one text can match in several ways


def backtracking_problem(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time, or None when it cannot."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # already compiled once: only a parser difference ends up here
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE) or "(?" in pattern
    try:
        _sequence(list(parsed.data), ignore_case)
        automaton = Automaton(ignore_case)
        automaton.sequence(list(as_written(pattern, parsed).data))
        if automaton.ambiguous():
            return "inside a repetition, one text can be matched in more than one way"
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
        chars = characters(name, av, ignore_case)
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
    loops = high == sre_parse.MAXREPEAT or high > _MANY
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
