"""The search that keeps secrets out of cache entries finds every secret a naive search
finds, wherever it sits, however many secrets there are."""

from __future__ import annotations

import random

import pytest

from cio_lint.engine.secret_search import FEW, SecretSearch

ALPHABET = b'ab0"\\x'


@pytest.mark.parametrize("count", [1, FEW, FEW + 1, 300])
def test_finds_exactly_what_searching_for_each_secret_finds(count: int) -> None:
    rng = random.Random(count)
    for _ in range(300):
        secrets = [bytes(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
                   for _ in range(count)]
        text = bytes(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))
        if rng.random() < 0.3:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(secrets) + text[at:]
        assert SecretSearch(secrets).found_in(text) == any(s in text for s in secrets)


def test_a_key_among_thousands_is_found_at_any_offset() -> None:
    rng = random.Random(7)
    keys = [bytes(rng.choice(b"0123456789abcdef") for _ in range(20)) for _ in range(3000)]
    search = SecretSearch(keys)
    body = b'{"message": "a long cache entry", "wrong": "CustomerIO(site, key)"}' * 40
    assert not search.found_in(body)
    for offset in range(9):
        assert search.found_in(body[:offset] + keys[1234] + body)
