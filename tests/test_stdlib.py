"""Precision on real code: the interpreter's standard library uses no Customer.io, so the
whole catalogue (info rules included) must report nothing but unparsable files.

CI lints a fixed third of the library's modules (chosen by a hash of each path, so the
sample is spread over every package and the same on every run); a release lints all of
it: ``CIO_LINT_STDLIB=all pytest tests/test_stdlib.py``.
"""

from __future__ import annotations

import ast
import json
import os
import sysconfig
import zlib
from pathlib import Path

from .conftest import run_cli

#: Lint one module in this many (all of them with CIO_LINT_STDLIB=all).
SAMPLE_EVERY = 1 if os.environ.get("CIO_LINT_STDLIB") == "all" else 3


def modules(stdlib: Path) -> list[Path]:
    """The sample: every ``SAMPLE_EVERY``-th module by the hash of its relative path."""
    found = sorted(p for p in stdlib.rglob("*.py") if "site-packages" not in p.parts)
    return [p for p in found
            if zlib.crc32(str(p.relative_to(stdlib)).encode()) % SAMPLE_EVERY == 0]


def test_standard_library_has_no_findings_but_unparsable_files(tmp_path: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    sample = modules(stdlib)
    assert len(sample) > 500
    report = tmp_path / "report.json"
    # --no-prefilter: every file is parsed and analysed, or the test would prove nothing.
    result = run_cli("check", "--select", "ALL", "--no-prefilter", "--no-cache",
                     "--no-respect-gitignore", "--output-format", "json", "-o", str(report),
                     *map(str, sample), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(report.read_text())
    assert document["errors"] == []
    assert document["summary"]["files_checked"] == len(sample)
    other = [f for f in document["findings"] if f["code"] != "CIO000"]
    assert other == [], other[:5]
    for finding in document["findings"]:
        source = Path(finding["path"]).read_bytes()
        if finding["message"].startswith("valid Python"):
            ast.parse(source)  # LibCST's limit, and said so
        else:
            try:
                ast.parse(source)
            except (SyntaxError, ValueError):
                continue
            raise AssertionError(f"{finding['path']} parses but was reported unparsable")
