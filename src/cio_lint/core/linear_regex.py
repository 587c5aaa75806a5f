"""User patterns, matched in time linear in the text whatever the pattern.

``re`` backtracks: ``^(a|aa)+$`` takes 50 s on a 42-character name, and
``^\\d*\\d*\\d*\\d*\\d*x$`` grows with the fifth power of the length; nothing can
interrupt it on a worker thread. So a user pattern is compiled, from Python's own parse
of it, into a Thompson automaton that is simulated one character at a time (every
state at once, never backtracking): the cost is the text's length times the pattern's
size. Each character class and each anchor is still judged by ``re`` itself, compiled
alone, so the answers are ``re``'s. What an automaton cannot express (backreferences,
lookarounds, atomic groups, possessive repeats) is refused with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.9 and 3.10
    import sre_compile
    import sre_constants
    import sre_parse

#: A pattern whose automaton would be larger than this is refused (``x{1,100000}``).
MAX_STATES = 20_000

_CHARACTER = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.ANY,
              sre_constants.IN}
_REPEAT = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_UNSUPPORTED = {
    "GROUPREF": "a backreference", "GROUPREF_EXISTS": "a conditional group",
    "ASSERT": "a lookahead or lookbehind", "ASSERT_NOT": "a lookahead or lookbehind",
    "ATOMIC_GROUP": "an atomic group", "POSSESSIVE_REPEAT": "a possessive repeat",
}

# Instructions: (CHAR, pattern, next), (TEST, pattern, next), (SPLIT, targets), (MATCH,).
_CHAR, _TEST, _SPLIT, _MATCH = range(4)


class Unsupported(ValueError):
    """The pattern uses what no automaton can match; the message says what."""


@dataclass(frozen=True)
class LinearPattern:
    """A compiled user pattern: ``fullmatch`` and ``search`` as ``re`` answers them."""

    pattern: str
    _program: tuple[tuple[Any, ...], ...]

    def fullmatch(self, text: str) -> bool:
        return _run(self._program, text, anywhere=False)

    def search(self, text: str) -> bool:
        return _run(self._program, text, anywhere=True)


@lru_cache(maxsize=64)
def compile_linear(pattern: str, flags: int = 0) -> LinearPattern:
    """``pattern`` compiled for linear-time matching; ``re.error`` when Python refuses it,
    ``Unsupported`` when no automaton can match it."""
    parsed = sre_parse.parse(pattern, flags)
    try:
        program = _Builder(parsed.state, parsed.state.flags).build(list(parsed.data))
    except RecursionError:
        raise Unsupported("it nests too deeply") from None
    return LinearPattern(pattern, program)


class _Builder:
    """Emits the instructions of one pattern, each character class compiled by ``re``."""

    def __init__(self, state: Any, base_flags: int) -> None:
        self._state = state
        self._base = base_flags
        self._code: list[list[Any]] = []

    def build(self, items: list[Any]) -> tuple[tuple[Any, ...], ...]:
        self._sequence(items, self._base)
        self._code.append([_MATCH])
        return tuple(tuple(instruction) for instruction in self._code)

    def _emit(self, instruction: list[Any]) -> list[Any]:
        if len(self._code) >= MAX_STATES:
            raise Unsupported(f"it is too large (over {MAX_STATES:,} states)")
        self._code.append(instruction)
        return instruction

    def _sequence(self, items: list[Any], flags: int) -> None:
        for op, value in items:
            self._item(op, value, flags)

    def _item(self, op: Any, value: Any, flags: int) -> None:
        name = getattr(op, "name", str(op))
        if name in _UNSUPPORTED:
            raise Unsupported(f"it uses {_UNSUPPORTED[name]}")
        if op in _CHARACTER:
            self._emit([_CHAR, self._alone(op, value, flags), len(self._code) + 1])
        elif op is sre_constants.AT:
            self._emit([_TEST, self._alone(op, value, flags), len(self._code) + 1])
        elif op is sre_constants.SUBPATTERN:
            _group, add, remove, body = value
            self._sequence(list(body), (flags | add) & ~remove)
        elif op is sre_constants.BRANCH:
            self._branch([list(b) for b in value[1]], flags)
        elif op in _REPEAT:
            low, high, body = value
            self._repeat(list(body), low, high, flags)
        else:
            raise Unsupported(f"it uses {name.lower()}")

    def _branch(self, alternatives: list[list[Any]], flags: int) -> None:
        split = self._emit([_SPLIT, []])
        ends = []
        for alternative in alternatives:
            split[1].append(len(self._code))
            self._sequence(alternative, flags)
            ends.append(self._emit([_SPLIT, [None]]))
        for end in ends:
            end[1][0] = len(self._code)

    def _repeat(self, body: list[Any], low: int, high: int, flags: int) -> None:
        for _ in range(low):
            self._sequence(body, flags)
        if high == sre_constants.MAXREPEAT:
            start = len(self._code)
            loop = self._emit([_SPLIT, [start + 1]])
            self._sequence(body, flags)
            self._emit([_SPLIT, [start]])
            loop[1].append(len(self._code))
            return
        skips = []
        for _ in range(high - low):
            skips.append(self._emit([_SPLIT, [len(self._code) + 1]]))
            self._sequence(body, flags)
        for skip in skips:
            skip[1].append(len(self._code))

    def _alone(self, op: Any, value: Any, flags: int) -> re.Pattern[str]:
        """One character class or anchor as ``re`` compiles it, with its scoped flags."""
        body = sre_parse.SubPattern(self._state, [(op, value)])
        add, remove = flags & ~self._base, self._base & ~flags
        if add or remove:
            body = sre_parse.SubPattern(
                self._state, [(sre_constants.SUBPATTERN, (None, add, remove, body))]
            )
        return _compiled(body, self._base)


def _compiled(body: Any, flags: int) -> re.Pattern[str]:
    compiled: re.Pattern[str] = sre_compile.compile(body, flags)
    return compiled


def _run(program: tuple[tuple[Any, ...], ...], text: str, *, anywhere: bool) -> bool:
    """Simulate the automaton over ``text``: every live state advances together."""
    live, matched = _closure(program, [0], text, 0)
    if matched and (anywhere or not text):
        return True
    for position, character in enumerate(text, 1):
        following = [
            program[state][2] for state in live if program[state][1].fullmatch(character)
        ]
        if anywhere:
            following.append(0)
        live, matched = _closure(program, following, text, position)
        if matched and (anywhere or position == len(text)):
            return True
        if not live and not anywhere:
            return False
    return False


def _closure(
    program: tuple[tuple[Any, ...], ...], starts: list[int], text: str, position: int
) -> tuple[list[int], bool]:
    """The character states reachable from ``starts`` without reading, and whether the
    match state is one of them; anchors are judged at ``position`` of ``text``."""
    seen: set[int] = set()
    stack = list(starts)
    waiting: list[int] = []
    matched = False
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        instruction = program[state]
        kind = instruction[0]
        if kind == _CHAR:
            waiting.append(state)
        elif kind == _SPLIT:
            stack.extend(instruction[1])
        elif kind == _TEST:
            if instruction[1].match(text, position) is not None:
                stack.append(instruction[2])
        else:
            matched = True
    return waiting, matched
