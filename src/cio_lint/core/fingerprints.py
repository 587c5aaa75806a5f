"""Identities of findings that survive unrelated edits.

A finding is keyed on its rule, its path, the whitespace-normalised text of the
flagged code and its occurrence index among identical keys in that file, never
on line numbers: moving code keeps the key, a new instance of the same mistake
gets a new one. Baselines, SARIF ``partialFingerprints`` and GitLab fingerprints
all use this.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from cio_lint.core.findings import Finding

VERSION = "cioLint/v1"


def finding_key(finding: Finding) -> tuple[str, str, str]:
    """Rule, path and normalised flagged text: what an occurrence index counts within."""
    text = finding.wrong or finding.message
    return finding.code, finding.path, re.sub(r"\s+", " ", text).strip()


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """A stable hex fingerprint per finding, in the order given (sorted by position)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = finding_key(finding)
        index = seen[key]
        seen[key] += 1
        result.append((id(finding), _digest(key, index)))
    by_id = dict(result)
    return [by_id[id(finding)] for finding in findings]


def _digest(key: tuple[str, str, str], index: int) -> str:
    code, path, text = key
    payload = "\x1f".join((code, path, text, str(index)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
