"""Which of many texts hold any of many secrets, in time linear in both.

A run writes its cache entries once every file is in, and none that holds a secret of
any file (one found after an entry was made may be repeated in it). Searching every
entry for every secret grows with their product: thousands of files, each with its own
key, made writing the cache the slowest part of a warm run. Here each secret is indexed
by its pieces, each text cut once into pieces of the same length, and only a secret one
of whose pieces the text holds is searched for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

#: The longest piece a secret is indexed by: long enough to be rare in other text.
PIECE = 8
#: Up to this many secrets, searching for each is quicker than cutting the text.
FEW = 32


class SecretSearch:
    """Find whether a text holds any of ``secrets`` (as bytes, anywhere in it).

    A secret ``L`` long is indexed by every piece ``q = min(PIECE, (L + 1) // 2)`` long;
    the text is cut into pieces ``q`` long at multiples of ``q``. Wherever the secret
    starts, it covers one of those pieces whole (it is at least ``2q - 1`` long), so a
    text that holds it holds one of its pieces: no secret is missed.
    """

    def __init__(self, secrets: Iterable[bytes]) -> None:
        unique = set(secrets)
        #: Secrets searched for one by one (few of them, or too short to index).
        self._each: list[bytes] = []
        #: Piece length -> piece -> the secrets that contain it.
        self._pieces: dict[int, dict[bytes, list[bytes]]] = {}
        for secret in unique:
            size = min(PIECE, (len(secret) + 1) // 2)
            if len(unique) <= FEW or size == 0:
                self._each.append(secret)
                continue
            pieces = self._pieces.setdefault(size, {})
            for start in range(len(secret) - size + 1):
                pieces.setdefault(secret[start:start + size], []).append(secret)
        self._cutters = {size: re.compile(b".{%d}" % size, re.DOTALL) for size in self._pieces}

    def found_in(self, text: bytes) -> bool:
        if any(secret in text for secret in self._each):
            return True
        for size, pieces in self._pieces.items():
            held = pieces.keys() & set(self._cutters[size].findall(text))
            if any(secret in text for piece in held for secret in pieces[piece]):
                return True
        return False


def stored_forms(value: str) -> set[bytes]:
    """How ``value`` can appear in a JSON document: as written, and escaped in a string."""
    return {value.encode("utf-8", "surrogateescape"),
            json.dumps(value).encode("ascii")[1:-1],
            json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")[1:-1]}
