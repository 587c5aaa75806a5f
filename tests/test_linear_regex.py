"""User patterns are matched by an automaton: the answers are ``re``'s, the time linear.

Every pattern is compared with ``re`` on thousands of generated texts, for ``fullmatch``
and ``search``, with and without ``IGNORECASE``; what no automaton can express is
refused with the construct named.
"""

from __future__ import annotations

import random
import re

import pytest

from cio_lint.core.linear_regex import MAX_STATES, Unsupported, compile_linear

PATTERNS = [
    r"^[a-z][a-z0-9_]*$", r"^(a|aa)+$", r"^(\w|\d)+$", r"^([a-z]|[a-z0-9])+$",
    r"^\d*\d*\d*\d*\d*\d*x$", r"(?i)^Sign", r"key|token", r"^[a-z]+(_[a-z0-9]+)*$",
    r"a{2,4}b?", r"\bkey\b", r"^$", r"", r"a$", r"(?m)^a$", r"(?i:AB)c", r"(?i)a(?-i:B)",
    r".*", r"(?s).", r"[^a-c]+", r"\Aab\Z", r"x*", r"(a*)*b", r"(?:ab|a)(?:bc|c)",
    r"\w+@\w+\.com", r"[\u00e9-\u00ff]+", r"(?x) a b  # comment", r"a{0}", r"a{3}",
    r"(ab){1,3}$", r"\B", r"$", r"^", r"a+?b", r"(a|b)*?c",
]
ALPHABET = "aAbBcx1_ \n.@é-K"


def texts() -> list[str]:
    generated = random.Random(20261202)
    return ["", "a", "aa", "ab", "abc", "a\n", "\na", "key", "Sign_up", "aaaaaaaax"] + [
        "".join(generated.choice(ALPHABET) for _ in range(generated.randint(0, 9)))
        for _ in range(2_000)
    ]


TEXTS = texts()


@pytest.mark.parametrize("flags", [0, re.IGNORECASE], ids=["plain", "ignorecase"])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_answers_are_those_of_re(pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    linear = compile_linear(pattern, flags)
    for text in TEXTS:
        assert linear.fullmatch(text) == (expected.fullmatch(text) is not None), text
        assert linear.search(text) == (expected.search(text) is not None), text


@pytest.mark.parametrize(("pattern", "construct"), [
    (r"(a)\1", "a backreference"), ("(?=a)", "a lookahead or lookbehind"),
    ("(?<!a)b", "a lookahead or lookbehind"), ("(a)?(?(1)b|c)", "a conditional group"),
])
def test_what_no_automaton_can_match_is_refused(pattern: str, construct: str) -> None:
    with pytest.raises(Unsupported, match=f"it uses {construct}"):
        compile_linear(pattern)


def test_a_pattern_too_large_for_an_automaton_is_refused() -> None:
    with pytest.raises(Unsupported, match=f"over {MAX_STATES:,} states"):
        compile_linear("a{1,30000}")


@pytest.mark.parametrize(("pattern", "text"), [
    (r"^(a|aa)+$", "a" * 149 + "!"),
    (r"^\d*\d*\d*\d*\d*\d*x$", "1" * 150),
    (r"^(\w|\d)+!$", "x" * 200),
])
def test_names_that_hang_re_are_answered(pattern: str, text: str) -> None:
    """``re`` takes minutes to years on each of these; the automaton reads each
    character once (a regression would stall the suite here)."""
    linear = compile_linear(pattern)
    assert not linear.fullmatch(text)
    assert not linear.search(text)
