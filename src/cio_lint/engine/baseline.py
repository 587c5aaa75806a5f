"""Baselines: adopt cio-lint on legacy code by recording today's findings.

``--write-baseline FILE`` stores a fingerprint per finding (see ``fingerprints``);
``--baseline FILE`` then reports only findings whose fingerprint is not recorded.
The file holds no source text, so it never carries a secret.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from cio_lint import __version__
from cio_lint.core.bounded_read import read_regular_file
from cio_lint.core.config import ConfigError
from cio_lint.core.findings import Finding
from cio_lint.core.fingerprints import VERSION, fingerprints
from cio_lint.engine.writing import write_atomically

FORMAT_VERSION = 1
#: A baseline records about 150 bytes per finding: this is several hundred thousand.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def write_baseline(path: Path, findings: Sequence[Finding]) -> None:
    entries = [
        {"fingerprint": fingerprint, "code": finding.code, "path": finding.path}
        for finding, fingerprint in zip(findings, fingerprints(findings), strict=False)
    ]
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "cio-lint", "version": __version__, "fingerprint": VERSION},
        "findings": sorted(entries, key=lambda e: (e["path"], e["code"], e["fingerprint"])),
    }
    write_atomically(path, json.dumps(document, indent=2) + "\n")


def load_baseline(path: Path) -> Counter[str]:
    """Fingerprints recorded in a baseline file (a multiset); a bad file is a ConfigError.

    The path is user input like any other: only a regular file is read, and only up
    to a size no real baseline reaches, so ``/dev/zero`` or a FIFO is an error, not a hang.
    """
    try:
        document = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: not a cio-lint baseline (invalid JSON: {error})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a cio-lint baseline (nested too deeply)") from None
    if (
        not isinstance(document, dict)
        or document.get("version") != FORMAT_VERSION
        or not isinstance(document.get("findings"), list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                   for e in document["findings"])
    ):
        raise ConfigError(f"{path}: not a cio-lint baseline (version {FORMAT_VERSION} expected)")
    return Counter(e["fingerprint"] for e in document["findings"])


def filter_baseline(
    findings: Sequence[Finding], recorded: Counter[str]
) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many the baseline absorbed."""
    remaining = Counter(recorded)
    kept: list[Finding] = []
    absorbed = 0
    for finding, fingerprint in zip(findings, fingerprints(findings), strict=False):
        if remaining[fingerprint] > 0:
            remaining[fingerprint] -= 1
            absorbed += 1
        else:
            kept.append(finding)
    return kept, absorbed
