"""How ``cio-lint check`` writes its report: to standard output, or whole and atomically
to ``-o``; and, for a run whose result is replayed, kept as it is written and printed
again as it was (``engine.report_records``).
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, TextIO

from cio_lint.cli_usage import fail

if TYPE_CHECKING:
    from pathlib import Path

    from cio_lint.check_command import CheckOptions
    from cio_lint.core.results import RunResult
    from cio_lint.engine.report_records import KeptReport


def write_report(run: RunResult, options: CheckOptions, to_stderr: bool = False,
                 keep: KeptReport | None = None) -> None:
    """Print the report, or write it to ``-o`` (atomically, never half-written); what is
    written goes to ``keep`` as well."""
    from cio_lint.report import ReportOptions, reporters, statistics_reporter
    from cio_lint.report.color import use_color

    if options.statistics:
        reporter = statistics_reporter(options.output_format)
    else:
        reporter = reporters()[options.output_format]
    shown = ReportOptions(show_source=not options.no_source, unsafe_fixes=options.unsafe_fixes)
    output_file = options.output_file
    if output_file is None:
        stream = sys.stderr if to_stderr else sys.stdout
        color = use_color(options.color, stream, os.environ)
        target = stream if keep is None else _Tee(stream, keep)
        reporter(run, target, shown._replace(color=color))
        stream.flush()
        return
    buffer = io.StringIO()
    reporter(run, buffer, shown._replace(color=use_color(options.color, None, os.environ)))
    _write_file(output_file, buffer.getvalue())
    if keep is not None:
        keep.write(buffer.getvalue())


def print_kept(text: str, options: CheckOptions) -> None:
    """Print a kept report's text as ``write_report`` printed it."""
    if options.output_file is not None:
        _write_file(options.output_file, text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def _write_file(path: Path, text: str) -> None:
    try:
        from cio_lint.engine.writing import write_atomically

        write_atomically(path, text)
    except OSError as error:
        fail(f"{path}: cannot write report: {error.strerror or error}")


class _Tee(io.StringIO):
    """Writes through to ``stream`` and to ``keep`` (a ``StringIO`` for its type only:
    it holds nothing itself)."""

    def __init__(self, stream: TextIO, keep: KeptReport) -> None:
        super().__init__()
        self._stream = stream
        self._keep = keep

    def write(self, text: str) -> int:
        self._stream.write(text)
        self._keep.write(text)
        return len(text)


def report_variant(options: CheckOptions) -> tuple[object, ...] | None:
    """What shapes the report's text besides the run's result, when that text may be
    kept and printed again for a replayed run (``report_records``): not with findings
    changed between the run and its report (a baseline, fixes), nor with more said about
    the run (``--verbose``)."""
    if (options.no_cache or options.verbose or options.baseline_path is not None
            or options.write_baseline_path is not None
            or options.fix or options.diff or options.add_noqa):
        return None
    from cio_lint.report.color import use_color

    stream = sys.stdout if options.output_file is None else None
    return (options.output_format, options.statistics, options.no_source,
            options.unsafe_fixes, use_color(options.color, stream, os.environ), os.getcwd())
