"""What the manifest and a cache entry know of a file's bytes without keeping them: their
SHA-256 digest and their line count. Kept apart from the entries' JSON, so the stages that
only stat and hash files import nothing of the analysis."""

from __future__ import annotations


def digest_of(source: bytes) -> str:
    """The SHA-256 of a file's bytes, as entries and the manifest record it."""
    import hashlib  # (it loads OpenSSL: a run without a cache or an editor never hashes)

    return hashlib.sha256(source).hexdigest()


def line_count(source: bytes) -> int:
    """Lines as Python counts them (``\\n``, ``\\r\\n`` and ``\\r`` end one), the last included."""
    return source.count(b"\n") + source.count(b"\r") - source.count(b"\r\n") + 1
