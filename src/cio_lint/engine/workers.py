"""Analyse files in worker processes, in batches, with results in input order.

Parsing dominates the cost, and LibCST's parser holds the GIL, so processes (not
threads) use the machine's cores. Files go to workers in batches to keep
inter-process traffic low; small runs (a pre-commit hook's few files) stay in
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from cio_lint.engine.file_run import Batch, FileResult, analyze_batch
from cio_lint.engine.stack import run_with_large_stack

#: Below this much source to parse, analysis stays in this process: starting workers
#: (about a second) costs more than they save on less (LibCST parses ~0.4 MB/s).
MIN_BYTES_FOR_WORKERS = 512 * 1024
BATCHES_PER_WORKER = 4


def default_jobs() -> int:
    """One worker per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _analyze_batch(batch: Batch) -> list[FileResult]:
    """Worker entry: a large stack for deep files, as in the main process."""
    return run_with_large_stack(lambda: analyze_batch(batch))


class ParallelAnalyzer:
    """An ``Analyzer`` for ``pipeline.lint_units``: ``batch -> results`` in the same order."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, batch: Batch) -> list[FileResult]:
        size_of_work = sum(len(unit.data or b"") for unit, _ in batch)
        if self.jobs <= 1 or len(batch) < 2 or size_of_work < MIN_BYTES_FOR_WORKERS:
            return analyze_batch(batch)
        size = max(1, -(-len(batch) // (self.jobs * BATCHES_PER_WORKER)))
        chunks = [batch[i:i + size] for i in range(0, len(batch), size)]
        results: list[FileResult] = []
        for chunk_results in self._executor().map(_analyze_batch, chunks):
            results.extend(chunk_results)
        return results

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            # forkserver: workers fork from a clean single-threaded server (this process
            # runs a worker thread), with the analysis modules imported once.
            method = "forkserver" if "forkserver" in methods else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["cio_lint.engine.workers"])
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

