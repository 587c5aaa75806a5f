"""Identities of findings that survive unrelated edits.

A finding is keyed on its rule, its path, the whitespace-normalised text of the
flagged code and its occurrence index among identical keys in that file, never
on line numbers: moving code keeps the key, a new instance of the same mistake
gets a new one. Related locations (the chain of project functions a finding was
made through) are no part of it: a wrapper moving in another file changes nothing.
Baselines, SARIF ``partialFingerprints`` and GitLab fingerprints all use this.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from cio_lint.core.findings import VIA, Finding

VERSION = "cioLint/v1"


def finding_key(finding: Finding) -> tuple[str, str, str]:
    """Rule, path and normalised flagged text: what an occurrence index counts within."""
    text = finding.wrong or _own_message(finding)
    return finding.code, finding.path, re.sub(r"\s+", " ", text).strip()


def _own_message(finding: Finding) -> str:
    """The message without the chain it names when made through project functions: the
    chain ends with places in other files, which may move."""
    if finding.related and VIA in finding.message:
        return finding.message.rpartition(VIA)[0]
    return finding.message


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
