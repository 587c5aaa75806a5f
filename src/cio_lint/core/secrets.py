"""Masking credentials in any text cio-lint prints, caches or writes.

A finding quotes source code, and the source may hold a real API key. Every output
(messages, quoted lines, diffs, cached facts) passes through ``mask_secrets`` with
the credential literals the analysis found, so no report leaks more than a key's
first few characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def mask_secrets(text: str, secrets: Sequence[str], *, keep_width: bool = False) -> str:
    """``text`` with every secret in it masked (see ``mask``); ``keep_width`` pads the
    mask with ``*`` so quoted source keeps its columns (carets stay aligned)."""
    for secret in secrets:
        if secret in text:
            masked = mask(secret)
            if keep_width:
                visible = masked.rstrip("…")
                masked = visible + "*" * (len(secret) - len(visible))
            text = text.replace(secret, masked)
    return text


def mask(secret: str) -> str:
    """At most the first four characters of a secret, then an ellipsis."""
    shown = secret[:4] if len(secret) > 8 else secret[:2] if len(secret) > 3 else ""
    return f"{shown}…"


_PLACEHOLDER = re.compile(
    r"^(your[_\- ].*|x{3,}|<.*>|\{.*\}|changeme|change[_\- ]me|placeholder|todo|fixme|"
    r"\.\.\.|\*+|test|dummy|example.*|replace[_\- ]?me.*|insert.*here|secret|api[_\- ]?key|"
    r"site[_\- ]?id|.*_here)$",
    re.IGNORECASE,
)


def is_placeholder(secret: str) -> bool:
    """Whether a credential literal is an obvious stand-in (``"YOUR_API_KEY"``), not a key."""
    return bool(_PLACEHOLDER.match(secret.strip()))
