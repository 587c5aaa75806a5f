"""One linting session: the wiring every front end shares (CLI, Python API, editors).

A session owns what outlives one lint: the configuration resolver, the worker
pool, the result cache and the run's settings. Front ends ask it to collect
files, lint them, compute fixes or noqa comments, and apply those; they only
parse options before and report after.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cio_lint.core.config import ConfigError
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.contents import Contents
from cio_lint.engine.discovery import Skipped
from cio_lint.engine.helper import WAKE_AT_FILES
from cio_lint.engine.limits import DEFAULT_SECONDS, default_jobs
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.engine.targets import collect_units
from cio_lint.engine.units import Unit, make_unit
from cio_lint.engine.writing import link_out_of_project

if TYPE_CHECKING:  # these load when a file is analysed, fixed or given a noqa comment,
    # the cache when a session keeps one, the pipeline when a run is not replayed
    from cio_lint.core.findings import Finding
    from cio_lint.core.results import RunResult
    from cio_lint.engine.budget import Budget
    from cio_lint.engine.cache import Cache
    from cio_lint.engine.file_run import Batch, FileResult
    from cio_lint.engine.fixing import Applied, FileFix
    from cio_lint.engine.quick_replay import Recorder
    from cio_lint.engine.report_records import ReportRecord
    from cio_lint.engine.workers import ParallelAnalyzer


class SessionSettings(NamedTuple):
    """How a session lints. The defaults suit a library call: in this process, no cache.
    (A named tuple, like ``CheckOptions``: every run defines it before its first file.)"""

    #: Worker processes; None: one per CPU.
    jobs: int | None = 1
    #: Keep results of unchanged files in a cache directory.
    cache: bool = False
    #: Where the cache lives (default: $CIO_LINT_CACHE_DIR, else the project root).
    cache_dir: Path | None = None
    #: Skip files that cannot produce a finding without parsing them.
    prefilter: bool = True
    #: Report findings even where a suppression comment silences them.
    ignore_noqa: bool = False
    respect_gitignore: bool = True
    #: Apply exclusions even to files named explicitly.
    force_exclude: bool = False
    #: Seconds one file's analysis may take before it is reported (CIO000) and skipped.
    file_timeout: float = DEFAULT_SECONDS


class LintSession:
    """Collects, lints and fixes files with one set of settings; close it when done."""

    def __init__(self, resolver: ConfigResolver, settings: SessionSettings | None = None) -> None:
        self.resolver = resolver
        self.settings = settings or SessionSettings()
        self._analyzer: ParallelAnalyzer | None = None
        self._project_root: Path | None = None
        self._cache: Cache | None = None
        self._cache_refused = False
        #: Why the session works differently from what it was asked (one line each).
        self.warnings: list[str] = []
        #: The paths ``collect`` passed over, with the reason (excluded, gitignored...).
        self.skipped: list[Skipped] = []
        #: Whether the last ``lint`` replayed a recorded result (nothing had changed).
        self.replayed = False
        #: The units ``recorded_report`` keyed, with their run's key and contents, for
        #: the ``lint`` of the same units that follows when it finds no report.
        self._keyed: tuple[Sequence[Unit], str | None, Contents] | None = None
        #: The key of the last run ``lint`` recorded or replayed (None: neither).
        self._recorded_key: str | None = None
        #: The contents the last walk judged its files with (``_walk_contents``).
        self._walked: Contents | None = None

    def __enter__(self) -> LintSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._analyzer is not None:
            self._analyzer.close()

    def collect(self, paths: Sequence[Path], stdin_filename: str | None = None) -> list[Unit]:
        """The files to lint under ``paths`` (``-``: standard input), each configured.

        The first path's project is where the cache lives (unless settings say where).
        With a cache, the walk keeps what it reads of files to judge them (``Contents``).
        """
        walked = self._walk_contents(paths[0]) if self.settings.cache and paths else None
        units = collect_units(
            paths,
            self.resolver,
            stdin_filename,
            respect_gitignore=self.settings.respect_gitignore,
            force_exclude=self.settings.force_exclude,
            skipped=self.skipped,
            judge_source=walked.not_source if walked is not None else None,
            # A warm cache answers for most files: the helper waits for files to read.
            wake_at=None if walked is not None and walked.warm else WAKE_AT_FILES,
        )
        if self.settings.cache and self._project_root is None and paths:
            self._project_root = self.resolver(paths[0]).root
        return units

    def _walk_contents(self, first: Path) -> Contents | None:
        """The contents a walk judges its files with, which the next run's key then opens
        them with (None unless ``first``, whose project keeps the cache, is there: the
        walk then says what is wrong with it)."""
        self._walked = None  # (a walk never judges with an earlier walk's contents)
        if str(first) == "-" or not first.exists():
            return None
        if self._project_root is None:
            self._project_root = self.resolver(first).root
        cache = self._result_cache()
        if cache is not None:
            self._walked = Contents(cache)
        return self._walked

    def lint(self, units: Sequence[Unit]) -> RunResult:
        """Lint ``units`` as one project; with a cache, a run whose every input is
        unchanged replays its recorded result (``replay``)."""
        cache = self._result_cache()
        self.replayed = False
        self._recorded_key = None
        if cache is None:
            return self._lint(units, None, None)
        from cio_lint.engine.replay import record, replayed

        key, contents = self._run_key(cache, units)
        known = replayed(cache, key) if key is not None else None
        self.replayed = known is not None
        if known is not None:
            contents.save()
            self._recorded_key = key
            return known
        entries: list[str] = []
        result = self._lint(units, cache, contents, entries)
        if key is not None and record(cache, key, result, entries):
            self._recorded_key = key
        return result

    def recorded_report(self, units: Sequence[Unit], variant: Sequence[object]
                        ) -> ReportRecord | None:
        """The report a replayed run of ``units`` printed when written as ``variant``
        says (``report_records``), if one is kept: the run need not replay then. None
        otherwise; ``lint`` of the same units then reuses what this looked up."""
        cache = self._result_cache()
        if cache is None:
            return None
        key, contents = self._run_key(cache, units)
        self._keyed = (units, key, contents)
        if key is None:
            return None
        from cio_lint.engine.cache import REPORTS
        from cio_lint.engine.report_records import recalled, report_key

        wanted = report_key(key, variant)
        report = recalled(cache, wanted)
        if report is None:
            return None
        self._keyed = None
        self.replayed = True
        contents.save()
        if cache.in_use(wanted, REPORTS):  # once a day: its run record and entries too
            from cio_lint.engine.replay import replayed

            replayed(cache, key)
        return report

    @property
    def recording(self) -> bool:
        """Whether the last run was recorded or replayed: its report may be kept."""
        return self._recorded_key is not None and self._cache is not None

    def record_report(self, variant: Sequence[object], body: bytes) -> None:
        """Keep the report of the last run, written as ``variant`` says (``body``: a
        ``KeptReport``'s record), for ``recorded_report``: only when that run was
        recorded or replayed."""
        if self._recorded_key is None or self._cache is None:
            return
        from cio_lint.engine.report_records import remember, report_key

        remember(self._cache, report_key(self._recorded_key, variant), body)

    def record_quick(self, recorder: Recorder, argv: Sequence[str], units: Sequence[Unit],
                     text: str, status: int) -> None:
        """Keep the kept report ``argv`` printed, and its exit ``status``, to print again
        from stamps alone while nothing ``recorder`` saw changes (``quick_replay``)."""
        cache = self._cache
        if cache is None:
            return
        from cio_lint.engine.quick_replay import KEPT, QUICK, record

        def write(key: str, body: bytes) -> None:
            cache.write_entry(key, body, QUICK)
            cache.keep_newest(KEPT, QUICK)

        record(recorder, str(cache.root), write, argv,
               [unit.source.absolute() for unit in units], text, status)

    def _run_key(self, cache: Cache, units: Sequence[Unit]) -> tuple[str | None, Contents]:
        """The key of a run of ``units`` (``replay``) and the contents that opened them."""
        keyed, self._keyed = self._keyed, None
        if keyed is not None and keyed[0] is units:
            return keyed[1], keyed[2]
        from cio_lint.engine.run_keys import RunOptions, run_key

        options = RunOptions(self.settings.ignore_noqa, self.settings.prefilter,
                             self.settings.respect_gitignore)
        contents, self._walked = self._walked or Contents(cache), None
        return run_key(units, contents, options), contents

    def _lint(self, units: Sequence[Unit], cache: Cache | None, contents: Contents | None,
              entries: list[str] | None = None) -> RunResult:
        """Lint ``units``, analysing only those the prefilter admits (``_analyze``)."""
        from cio_lint.engine.pipeline import lint_units

        return lint_units(
            units,
            analyze_many=self._analyze,
            ignore_noqa=self.settings.ignore_noqa,
            cache=cache,
            prefilter=self.settings.prefilter,
            respect_gitignore=self.settings.respect_gitignore,
            contents=contents,
            entries_used=entries,
        )

    def _budget(self) -> Budget:
        """What one file may cost: the budget loads with the first file analysed or fixed."""
        from cio_lint.engine.budget import Budget

        return Budget(seconds=self.settings.file_timeout)

    def _analyze(self, batch: Batch) -> list[FileResult]:
        """Analyse ``batch`` in the session's workers: they start, and the analysis loads,
        when the first file is to be analysed."""
        if self._analyzer is None:
            from cio_lint.engine.workers import ParallelAnalyzer

            self._analyzer = ParallelAnalyzer(self.settings.jobs or default_jobs(), self._budget())
        return self._analyzer(batch)

    def fixes(
        self, units: Sequence[Unit], findings: Sequence[Finding], *, unsafe: bool
    ) -> list[FileFix]:
        """The fixed text of every unit with fixable findings (nothing is written)."""
        from cio_lint.engine.fixing import fix_units

        return run_with_large_stack(
            lambda: fix_units(units, findings, unsafe=unsafe, budget=self._budget())
        )

    def noqa_comments(self, units: Sequence[Unit], findings: Sequence[Finding]) -> list[FileFix]:
        """The text of every unit with findings, with ``# noqa`` comments for them."""
        from cio_lint.engine.fixing import add_noqa

        return run_with_large_stack(lambda: add_noqa(units, findings))

    def apply(self, units: Sequence[Unit], changes: Sequence[FileFix]) -> Applied:
        """Write ``changes`` (never over newer content), then lint every unit again."""
        from cio_lint.engine.fixing import Applied, write_fixes

        problems = [change.error for change in changes if change.error is not None]
        outcome = write_fixes(changes)
        problems.extend(outcome.errors)
        written = outcome.fixes
        applied = [finding for change in written for finding in change.applied]
        fresh = [_fresh(unit, changes) for unit in units]
        stdin_texts = [
            unit.data.decode("utf-8", errors="replace")
            for unit in fresh
            if unit.from_stdin and unit.data is not None
        ]
        run = self.lint(fresh)
        run.fixed = len(applied)
        run.errors.extend(problems)
        return Applied(run, written, applied, problems, stdin_texts)

    def check_output_path(
        self, path: Path, units: Sequence[Unit], option: str, *, baseline: Path | None = None
    ) -> None:
        """Refuse (as a usage error) to write a report or baseline where it must not go.

        Never over a file this run reads (a linted file, its configuration, ``baseline``),
        and never through a link out of the project: the common root of the linted files'
        configuration roots (the current directory's when nothing is linted).
        """
        inputs = {os.path.realpath(baseline): "the baseline this run reads"} if baseline else {}
        for unit in units:
            for source in (unit.config.source, *unit.config.extends):
                if source is not None:
                    inputs[os.path.realpath(source)] = "the configuration of this run"
            if not unit.from_stdin:
                inputs[os.path.realpath(unit.source.path)] = "one of the files being linted"
        clash = inputs.get(os.path.realpath(path))
        if clash is not None:
            raise ConfigError(f"{option} {path}: is {clash}; refusing to overwrite it")
        roots = {os.path.realpath(unit.config.root) for unit in units}
        project = os.path.commonpath(sorted(roots)) if roots else self.resolver(Path(".")).root
        escape = link_out_of_project(path, Path(project))
        if escape is not None:
            raise ConfigError(f"{option} {path}: {escape}; refusing to write through it")

    def _result_cache(self) -> Cache | None:
        if not self.settings.cache:
            return None
        if self._cache is None and not self._cache_refused:
            from cio_lint.engine.cache import CacheUnavailable, open_cache

            root = self._project_root or Path.cwd()
            try:
                self._cache = open_cache(self.settings.cache_dir, root)
            except CacheUnavailable as reason:
                self._cache_refused = True
                self.warnings.append(f"running without a cache: {reason}")
        return self._cache


def _fresh(unit: Unit, changes: Sequence[FileFix]) -> Unit:
    """A unit to lint again: files are re-read; stdin becomes its changed text."""
    if not unit.from_stdin:
        return make_unit(unit.source, unit.config)
    change = next((c for c in changes if c.unit is unit), None)
    if change is not None:
        return make_unit(unit.source, unit.config, change.fixed.encode("utf-8"))
    assert unit.data is not None
    return make_unit(unit.source, unit.config, unit.data)
