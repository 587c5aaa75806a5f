"""``--output-format json-lines``: one finding per line, for streaming and ``jq -c``.

Each line is exactly a finding object of the ``json`` format. Files that could not
be checked are not findings and are not written here; the exit code reports them.
"""

from __future__ import annotations

import json
from typing import TextIO

from cio_lint.core.results import RunResult
from cio_lint.report import ReportOptions
from cio_lint.report.json_format import finding_objects


def report(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    for item in finding_objects(run.findings):
        out.write(json.dumps(item, separators=(",", ":")) + "\n")
