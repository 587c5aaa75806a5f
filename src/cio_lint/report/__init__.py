"""Output formats: each module turns a run's findings into one kind of document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from cio_lint.core.results import RunResult


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_source: bool = True


Reporter = Callable[[RunResult, TextIO, ReportOptions], None]


def reporters() -> dict[str, Reporter]:
    """Format name -> reporter; imported lazily so one format never costs another."""
    from cio_lint.report import (
        concise,
        github,
        gitlab,
        json_format,
        json_lines,
        junit,
        sarif,
        statistics,
        text,
    )

    return {
        "text": text.report,
        "concise": concise.report,
        "statistics": statistics.report,
        "json": json_format.report,
        "json-lines": json_lines.report,
        "sarif": sarif.report,
        "github": github.report,
        "gitlab": gitlab.report,
        "junit": junit.report,
    }
