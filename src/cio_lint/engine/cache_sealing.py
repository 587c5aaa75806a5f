"""Credentials a cached result needs, sealed so the cache directory never holds them readable.

A file that writes an API key must still mask that key in every other file's output, so its
result carries the credential literals (``SecretLiteral``). Such results used to be left out of
the cache, and every run analysed those files again. Now the literals are stored sealed: the
JSON list of them is XORed with a keystream of HMAC-SHA256 blocks under the per-user cache key
(kept outside any checkout, ``cache_files.load_secret``), the entry's key and a block counter.
The entry key covers the file's bytes, so no two different plaintexts share a keystream; the
entry's signature (the same per-user key) authenticates the sealed text. Someone holding the
cache directory but not the key reads noise; the key's owner could read the file itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded when an entry's literals are opened
    from cio_lint.core.secrets import SecretLiteral

_BLOCK = hashlib.sha256().digest_size


def _keystream(secret: bytes, entry_key: str, length: int) -> bytes:
    label = b"cio-lint sealed secrets\x00" + entry_key.encode("ascii") + b"\x00"
    blocks = (hmac.new(secret, label + counter.to_bytes(8, "big"), hashlib.sha256).digest()
              for counter in range((length + _BLOCK - 1) // _BLOCK))
    return b"".join(blocks)[:length]


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def seal_json(secret: bytes, entry_key: str, value: Any) -> str:
    """The hex of ``value`` as JSON, XORed with this entry's keystream."""
    plain = json.dumps(value).encode("utf-8", "surrogateescape")
    return _xor(plain, _keystream(secret, entry_key, len(plain))).hex()


def unseal_json(secret: bytes, entry_key: str, sealed: str) -> Any:
    """What ``seal_json`` sealed; raises ``ValueError`` for anything else."""
    data = bytes.fromhex(sealed)
    return json.loads(_xor(data, _keystream(secret, entry_key, len(data)))
                      .decode("utf-8", "surrogateescape"))


def seal(secret: bytes, entry_key: str, literals: list[SecretLiteral]) -> str:
    """The credential literals of an entry, sealed ("" for none)."""
    if not literals:
        return ""
    return seal_json(secret, entry_key, [[s.value, s.text, s.start.line, s.start.column,
                                          s.end.line, s.end.column] for s in literals])


def unseal(secret: bytes, entry_key: str, sealed: str) -> list[SecretLiteral]:
    """What ``seal`` stored; raises ``ValueError`` (or ``TypeError``) for anything else."""
    if not sealed:
        return []
    from cio_lint.core.findings import Position
    from cio_lint.core.secrets import SecretLiteral

    rows: Any = unseal_json(secret, entry_key, sealed)
    return [SecretLiteral(str(value), str(text), Position(int(a), int(b)),
                          Position(int(c), int(d)))
            for value, text, a, b, c, d in rows]
