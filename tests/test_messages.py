"""Messages people can read: one short line that says what is wrong in this occurrence.

The why and the long advice live in the rule's page, the ``wrong:``/``correct:`` lines
and the docs link; a message names the value and the one consequence that matters.
Every fixture is linted with every rule, and each rule's messages are held to it.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from cio_lint.analysis.python.snippets import one_line
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.config import Config
from cio_lint.core.findings import Position
from cio_lint.core.secrets import SecretLiteral
from cio_lint.rules import REGISTRY
from cio_lint.rules.base import LintContext, clip, more

from .conftest import FIXTURES

MAX_LENGTH = 120
MAX_MEDIAN = 90
#: Where the chain of a call through project functions starts in a message.
VIA = "; via `"

#: Rules the fixtures cannot show a message of (CIO000 needs a file that does not parse;
#: a rule whose examples are Node code has no Python case).
NO_FIXTURE_MESSAGE = frozenset({"CIO000"}) | {
    code for code, rule in REGISTRY.items() if rule.example_language != "python"
}


@pytest.fixture(scope="module")
def messages() -> dict[str, list[str]]:
    """Every message of a run over all fixtures with every rule, by rule code; for a call
    of a project function, the message without the chain it ends with (``; via ...``)."""
    run = lint_paths([FIXTURES], ConfigResolver(None, {"select": ("ALL",)}), None)
    assert not run.errors, run.errors
    found: dict[str, list[str]] = defaultdict(list)
    for finding in run.findings:
        message = finding.message
        if finding.related:
            message = message.split(VIA, 1)[0]
        found[finding.code].append(message)
    return found


def _short_rules() -> list[str]:
    return list(REGISTRY)


def test_every_short_rule_is_seen_in_the_fixtures(messages: dict[str, list[str]]) -> None:
    unseen = [c for c in _short_rules() if c not in NO_FIXTURE_MESSAGE and not messages[c]]
    assert unseen == []


def test_no_message_holds_a_line_break(messages: dict[str, list[str]]) -> None:
    broken = [(c, m) for c in _short_rules() for m in messages[c] if len(m.splitlines()) != 1]
    assert broken == []


def test_every_message_is_at_most_120_characters(messages: dict[str, list[str]]) -> None:
    long = [(c, len(m), m) for c in _short_rules() for m in messages[c] if len(m) > MAX_LENGTH]
    assert long == []


def test_the_median_message_is_at_most_90_characters(messages: dict[str, list[str]]) -> None:
    lengths = [len(m) for c in _short_rules() for m in messages[c]]
    assert statistics.median(lengths) <= MAX_MEDIAN


# -- quoting code -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "quoted"),
    [
        (
            "int(  # expect: CIO201@38\n    time.time()  # wall clock, in seconds\n    * 1000)",
            "int(time.time() * 1000)",
        ),
        ("a +\n    b", "a + b"),
        ("send(  a,\tb ,\n  c )", "send(a, b, c)"),
        ('"two  spaces"  +  "kept"', '"two  spaces" + "kept"'),
        ('"""first\n   second"""', '"""first second"""'),
        ('f"{when:%Y-%m-%d %H:%M}"  # as text', 'f"{when:%Y-%m-%d %H:%M}"'),
        ("(unbalanced\n  text", "(unbalanced text"),
    ],
)
def test_quoted_code_is_one_line_without_comments(source: str, quoted: str) -> None:
    assert one_line(source) == quoted


def test_clip_cuts_long_text_with_an_ellipsis_and_escapes_line_breaks() -> None:
    assert clip("x" * 40) == "x" * 40
    assert clip("x" * 41) == "x" * 39 + "…"
    assert clip("a\nb\u2028c") == "a\\nb\\u2028c"


def test_more_names_the_first_places_and_counts_the_rest() -> None:
    assert more(["a.py:3"]) == "a.py:3"
    assert more(["a.py:3", "b.py:4", "c.py:5"]) == "a.py:3 and 2 more"
    assert more(["a.py:3", "b.py:4", "c.py:5"], shown=2) == "a.py:3, b.py:4 and 1 more"


@dataclass
class _Model:
    """Just what ``LintContext.quote`` asks of a module's model."""

    text: str
    secrets: list[SecretLiteral]

    def snippet(self, node: object) -> str:
        return self.text

    def secret_literals(self) -> list[SecretLiteral]:
        return self.secrets


def test_a_quote_masks_a_secret_before_clipping_it() -> None:
    key = "sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
    literal = SecretLiteral(key, f'"{key}"', Position(1, 1), Position(1, 43))
    model = _Model(f'CustomerIO("{key}", settings.SITE_ID)', [literal])
    context = LintContext("app.py", model, Config())  # type: ignore[arg-type]
    quoted = context.quote(object())  # type: ignore[arg-type]
    assert quoted.startswith('CustomerIO("sk_l')  # what the masking keeps of a key
    assert key[:12] not in quoted  # unmasked, the clip would keep its first 27 characters
    assert len(quoted) <= 40


def test_a_multi_line_value_is_quoted_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "import time\n"
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n"
        "cio.identify(id=user.id, created_at=int(  # signup time\n"
        "    time.time()  # wall clock, in seconds\n"
        "    * 1000))\n"
    )
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": ("CIO201",)}), None)
    assert [f.message for f in run.findings] == [
        "`created_at` gets milliseconds (`int(time.time() * 1000)`); Customer.io reads seconds"
    ]
