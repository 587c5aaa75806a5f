"""The helper process's own side (``helper`` is the run's): load the analysis, then
answer each batch the run sends until the run closes the pipe.

The run waits, idle, while the helper analyses its first batch (on a large tree, every
file the prefilter let through at once). So once loaded, the helper forks a twin: a copy
that shares the loaded modules instead of loading them again (a few milliseconds instead
of a fifth of a second), and takes half of every batch of several files. The two halves
are analysed on two CPUs in about half the time. The helper runs only where the run may
use more than one CPU and more than one job, so the two never take more than that.
"""

from __future__ import annotations

import contextlib
import os
import sys

from cio_lint.engine.helper import Helper, HelperLost

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import BinaryIO, NoReturn

    from cio_lint.engine.budget import Budget
    from cio_lint.engine.file_run import Batch, FileResult


def serve() -> NoReturn:
    """The helper's life: load the analysis, fork its twin, analyse each batch sent until
    the pipe closes. Standard input and output are the pipes, taken aside at once:
    nothing the analysis might print can reach them."""
    import pickle

    status = 0
    try:
        inbox = os.fdopen(os.dup(0), "rb")
        outbox = os.fdopen(os.dup(1), "wb")
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1):
            os.dup2(quiet, fd)
        from cio_lint.engine.workers import analysis_loaded

        analysis_loaded(pickle.load(inbox))
        twin = _forked_twin(inbox, outbox)
        _answer_all(inbox, outbox, _Pair(twin))
    except BaseException:  # (interrupted, or its pipes went away): the helper ends
        status = 1
    finally:
        os._exit(status)


def _answer_all(inbox: BinaryIO, outbox: BinaryIO, pair: _Pair) -> None:
    """Answer every batch from ``inbox`` on ``outbox``: the results, or the exception the
    analysis raised (raised again where the batch was sent)."""
    import pickle

    from cio_lint.engine.stack import run_with_large_stack

    def answer() -> None:
        while True:
            try:
                batch, budget = pickle.load(inbox)
            except EOFError:
                return
            try:
                reply: tuple[str, object] = ("ok", pair.answer(batch, budget))
            except Exception as error:
                reply = ("error", error)
            try:
                data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as error:
                data = pickle.dumps(
                    ("error", RuntimeError(f"helper process: {reply[1]!r}: {error}"))
                )
            outbox.write(data)
            outbox.flush()

    # One large-stack thread (and one watchdog) for every batch, not one per batch.
    run_with_large_stack(answer)


def _forked_twin(inbox: BinaryIO, outbox: BinaryIO) -> Helper | None:
    """A copy of this loaded helper that answers batches on two pipes of its own; None
    with one CPU, or where a forked process may not use the system's libraries (macOS).
    Called while this process has one thread: a fork copies only the calling thread."""
    from cio_lint.engine.limits import default_jobs

    if default_jobs() < 2 or not hasattr(os, "fork") or sys.platform == "darwin":
        return None
    requests_read, requests_write = os.pipe()
    responses_read, responses_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:  # the twin: the run's pipes are the helper's alone
        status = 0
        try:
            for stream in (inbox, outbox):
                stream.close()
            os.close(requests_write)
            os.close(responses_read)
            _answer_all(os.fdopen(requests_read, "rb"), os.fdopen(responses_write, "wb"),
                        _Pair(None))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(requests_read)
    os.close(responses_write)
    if pid < 0:
        os.close(requests_write)
        os.close(responses_read)
        return None
    return Helper(pid, requests_write, responses_read)


class _Pair:
    """The helper and its twin (if any): a batch of several files is analysed half by
    each, with the results in the batch's order."""

    def __init__(self, twin: Helper | None) -> None:
        self._twin = twin

    def answer(self, batch: Batch, budget: Budget) -> list[FileResult]:
        from cio_lint.engine.workers import answer_batch

        twin = self._twin
        if twin is None or len(batch) < 2:
            return answer_batch(batch, budget)
        theirs = _twins_share([len(unit.data or b"") for unit, _ in batch])
        own = [item for index, item in enumerate(batch) if index not in theirs]
        shared = [batch[index] for index in theirs]
        try:
            twin.send(shared, budget)
        except HelperLost:
            self._drop_twin()
            return answer_batch(batch, budget)
        try:
            own_results = answer_batch(own, budget)
        except BaseException:
            self._drop_twin()  # its answer would be taken for the next batch's
            raise
        try:
            their_results = twin.receive()
        except HelperLost:  # it died (a file over the memory budget, maybe): here again
            self._drop_twin()
            their_results = answer_batch(shared, budget)
        mine, theirs_in_order = iter(own_results), iter(their_results)
        return [next(theirs_in_order) if index in theirs else next(mine)
                for index in range(len(batch))]

    def _drop_twin(self) -> None:
        if self._twin is not None:
            twin, self._twin = self._twin, None
            with contextlib.suppress(OSError):
                twin.stop()


def _twins_share(sizes: Sequence[int]) -> frozenset[int]:
    """The positions of the files for the twin: the largest first, each to whichever of
    the two has less source so far, so both finish at about the same time."""
    loads = [0, 0]
    share = set()
    for index in sorted(range(len(sizes)), key=lambda index: -sizes[index]):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += sizes[index]
        if side:
            share.add(index)
    return frozenset(share)
