"""Analyse files in worker processes, in batches, with results in input order.

Parsing dominates the cost, and LibCST's parser holds the GIL, so processes (not
threads) use the machine's cores. Files go to workers in batches to keep
inter-process traffic low; small runs (a pre-commit hook's few files) stay in
process, where starting workers would cost more than it saves, and never import
multiprocessing. A large run's small batches go to its helper process instead
(``helper``), which has loaded the analysis while the run walked.

Each worker runs under the budget's address-space limit. A file whose analysis still
kills its worker (native code aborts when an allocation fails) costs only itself: the
files of a broken pool (or of a batch that killed the helper) are analysed again one
worker each, and the one that kills its worker again is reported over budget.
"""

from __future__ import annotations

import gc
from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.findings import Position
from cio_lint.engine.budget import DEFAULT_BUDGET, Budget
from cio_lint.engine.compact_results import Interner
from cio_lint.engine.file_run import Batch, BatchItem, FileResult, analyze_batch
from cio_lint.engine.helper import HelperLost, running_helper, stop_helper
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.engine.unparsable import unparsable

if TYPE_CHECKING:
    from collections.abc import Iterable
    from concurrent.futures import ProcessPoolExecutor

#: Below this much source to parse, analysis stays in this process: starting workers
#: (about a second) costs more than they save on less (LibCST parses ~0.4 MB/s).
MIN_BYTES_FOR_WORKERS = 512 * 1024
BATCHES_PER_WORKER = 4


def _analyze_batch(
    batch: Iterable[BatchItem], budget: Budget, here: bool = False
) -> list[FileResult]:
    """Worker entry (and this process's, ``here``): one large-stack thread for the whole
    batch. Each result shares the texts and places of those before it, so they travel
    and arrive once each, and so does what it exports, unless analysed ``here``: then it
    holds this process's texts already, and the run's interner has nothing to add
    (``FileResult.built_here``)."""
    interner = Interner(exports=not here)

    def analysed() -> list[FileResult]:
        results = []
        for item in batch:
            for result in analyze_batch([item], budget):
                results.append(interner.result(result))
                result.built_here = here
        return results

    return run_with_large_stack(analysed)


#: Young collections between two of the middle generation (the interpreter's: 10).
#: Each file's cycles are collected young, right after it (``collector_paused``); what
#: survives that is mostly results, kept for the report. Collecting the older
#: generations every ten young ones traversed those results again and again for next to
#: nothing: on 300 dense modules, 23 such collections took 80 ms and freed 1,700
#: objects. Rarer, they still run, so nothing that becomes garbage later is kept for good.
_YOUNG_PER_MIDDLE = 1000


@cache
def _settle_collector() -> None:
    """Leave what is alive before the first analysis (the imported modules, tens of
    thousands of objects) out of every later cyclic garbage collection: it stays alive
    anyway, and a full collection would traverse all of it again each time. From then
    on, the older generations are collected rarely (``_YOUNG_PER_MIDDLE``)."""
    gc.freeze()
    young, _, older = gc.get_threshold()
    gc.set_threshold(young, _YOUNG_PER_MIDDLE, older)


def analysis_loaded(names: Iterable[str]) -> None:
    """Load what analysing files named like ``names`` needs (their parsers and models,
    the rules) now, and leave it out of every later collection (the helper, before its
    first batch)."""
    from cio_lint.analysis.frontends import frontend_for
    from cio_lint.rules import REGISTRY

    for name in names:
        frontend_for(name).load()
    del REGISTRY
    _settle_collector()


def answer_batch(batch: Iterable[BatchItem], budget: Budget) -> list[FileResult]:
    """A batch analysed for another process (the helper's), under the worker's memory
    limit (its units may be handed out as they are analysed: ``helper_process``)."""
    _limit_memory(budget.memory_mb)
    return _analyze_batch(batch, budget)


def _start_worker(megabytes: int) -> None:
    """Worker start: a memory limit, and the collector settled (``_settle_collector``)."""
    _limit_memory(megabytes)
    _settle_collector()


def _limit_memory(megabytes: int) -> None:
    """Past this address space, allocations fail in this worker only."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class ParallelAnalyzer:
    """An ``Analyzer`` for ``pipeline.lint_units``: ``batch -> results`` in the same order."""

    def __init__(self, jobs: int, budget: Budget = DEFAULT_BUDGET) -> None:
        if jobs <= 1:
            stop_helper()  # one job: this process alone
        self.jobs = jobs
        self.budget = budget
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, batch: Batch) -> list[FileResult]:
        size_of_work = sum(len(unit.data or b"") for unit, _ in batch)
        if self.jobs <= 1 or len(batch) < 2 or size_of_work < MIN_BYTES_FOR_WORKERS:
            helper = running_helper()  # (none with one job: ``__init__`` stopped it)
            if helper is not None:
                try:
                    return helper.analyse(batch, self.budget)
                except HelperLost:  # a file killed it, maybe: each alone finds which
                    stop_helper()
                    return self._each_alone(batch)
            _settle_collector()
            return _analyze_batch(batch, self.budget, here=True)
        from concurrent.futures.process import BrokenProcessPool

        size = max(1, -(-len(batch) // (self.jobs * BATCHES_PER_WORKER)))
        chunks = [batch[i:i + size] for i in range(0, len(batch), size)]
        pool = self._executor()
        futures = [pool.submit(_analyze_batch, chunk, self.budget) for chunk in chunks]
        results: list[FileResult] = []
        for chunk, future in zip(chunks, futures, strict=False):
            try:
                results.extend(future.result())
            except BrokenProcessPool:
                self.close()
                results.extend(self._each_alone(chunk))
        return results

    def _each_alone(self, batch: Batch) -> list[FileResult]:
        """After a worker died: each file in a worker of its own, so a file that kills
        its worker again is the only one lost (reported over budget)."""
        from concurrent.futures.process import BrokenProcessPool

        results: list[FileResult] = []
        for item in batch:
            with _new_pool(1, self.budget) as pool:
                try:
                    results.extend(pool.submit(_analyze_batch, [item], self.budget).result())
                except BrokenProcessPool:
                    display = item[0].source.display
                    lost = FileResult(display, over_budget=True)
                    lost.findings.append(
                        unparsable(display, Position(1, 1), self.budget.over_memory())
                    )
                    results.append(lost)
        return results

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = _new_pool(self.jobs, self.budget)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None



def _new_pool(jobs: int, budget: Budget) -> ProcessPoolExecutor:
    """Worker processes under ``budget``'s memory limit."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # forkserver: workers fork from a clean single-threaded server (this process runs a
    # worker thread), with the analysis modules imported once.
    method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["cio_lint.engine.workers"])
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context,
        initializer=_start_worker, initargs=(budget.memory_mb,),
    )
