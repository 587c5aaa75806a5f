"""The helper process's own side (``helper`` is the run's): load the analysis, then
answer each batch the run sends until the run closes the pipe.

The run waits, idle, while the helper analyses its first batch (on a large tree, every
file the prefilter let through at once). So once loaded, the helper forks a twin: a copy
that shares the loaded modules instead of loading them again (a few milliseconds instead
of a fifth of a second), and shares the work of every batch of several files. Both have
the whole batch; the helper hands out its files one ticket each, the largest first,
through a pipe both read from, so whichever is free takes the next file and the two
finish together, however unevenly the files cost. The helper runs only where the run may
use more than one CPU and more than one job, so the two never take more than that.
"""

from __future__ import annotations

import contextlib
import gc
import os
import struct
import sys

from cio_lint.engine.helper import Helper, HelperLost

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import BinaryIO, NoReturn

    from cio_lint.engine.budget import Budget
    from cio_lint.engine.file_run import Batch, BatchItem, FileResult

#: A ticket: the position of one file in the batch shared, or ``_END`` (one for each of
#: the two: whoever takes it has no more to take).
_TICKET = struct.Struct("=I")
_END = 0xFFFF_FFFF
#: The most files a batch shared has: all its tickets go into the pipe in one write that
#: an empty pipe takes whole (``PIPE_BUF``: 512 bytes at least, on every system), so
#: handing them out never waits. A batch of more is analysed by the helper alone.
MAX_SHARED = 512 // _TICKET.size - 2


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
        gc.enable()  # (off while loading: ``helper._SERVE``)
        pair = _Pair(_forked_twin(inbox, outbox))
        _answer_all(inbox, outbox, pair.answer)
    except BaseException:  # (interrupted, or its pipes went away): the helper ends
        status = 1
    finally:
        os._exit(status)


def _answer_all(
    inbox: BinaryIO, outbox: BinaryIO, answer: Callable[[Batch, Budget], object]
) -> None:
    """Answer every batch from ``inbox`` on ``outbox``: the ``answer``, or the exception
    the analysis raised (raised again where the batch was sent)."""
    import pickle

    from cio_lint.engine.stack import run_with_large_stack

    def serve_batches() -> None:
        while True:
            try:
                batch, budget = pickle.load(inbox)
            except EOFError:
                return
            try:
                reply: tuple[str, object] = ("ok", answer(batch, budget))
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
    run_with_large_stack(serve_batches)


def _forked_twin(inbox: BinaryIO, outbox: BinaryIO) -> _Twin | None:
    """A copy of this loaded helper that answers batches on two pipes of its own, taking
    tickets from a third; None with one CPU, or where a forked process may not use the
    system's libraries (macOS). Called while this process has one thread: a fork copies
    only the calling thread."""
    from cio_lint.engine.limits import default_jobs

    if default_jobs() < 2 or not hasattr(os, "fork") or sys.platform == "darwin":
        return None
    requests_read, requests_write = os.pipe()
    responses_read, responses_write = os.pipe()
    tickets_read, tickets_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:  # the twin: the run's pipes are the helper's alone
        status = 0
        try:
            for stream in (inbox, outbox):
                stream.close()
            for fd in (requests_write, responses_read, tickets_write):
                os.close(fd)
            _answer_all(os.fdopen(requests_read, "rb"), os.fdopen(responses_write, "wb"),
                        lambda batch, budget: _take(batch, budget, tickets_read))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    for fd in (requests_read, responses_write):
        os.close(fd)
    if pid < 0:
        for fd in (requests_write, responses_read, tickets_read, tickets_write):
            os.close(fd)
        return None
    return _Twin(Helper(pid, requests_write, responses_read), tickets_read, tickets_write)


class _Twin:
    """The helper's side of its twin: its pipes, and the tickets both take from."""

    def __init__(self, process: Helper, tickets_read: int, tickets_write: int) -> None:
        self.process = process
        self.tickets = tickets_read
        self._tickets_write = tickets_write

    def hand_out(self, batch: Batch) -> None:
        """A ticket for each file of ``batch``, the largest first, and one end each."""
        order = sorted(range(len(batch)), key=lambda place: -len(batch[place][0].data or b""))
        os.write(self._tickets_write,
                 b"".join(_TICKET.pack(place) for place in [*order, _END, _END]))

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stop()
        for fd in (self.tickets, self._tickets_write):
            with contextlib.suppress(OSError):
                os.close(fd)


def _take(
    batch: Batch, budget: Budget, tickets: int
) -> tuple[list[int], list[FileResult]]:
    """The files of ``batch`` analysed here, one ticket at a time until an end: their
    positions, and their results in that order."""
    from cio_lint.engine.workers import answer_batch

    places: list[int] = []
    return places, answer_batch(_taken(batch, tickets, places), budget)


def _taken(batch: Batch, tickets: int, places: list[int]) -> Iterator[BatchItem]:
    while len(ticket := os.read(tickets, _TICKET.size)) == _TICKET.size:
        (place,) = _TICKET.unpack(ticket)
        if place == _END:
            return
        places.append(place)
        yield batch[place]


class _Pair:
    """The helper and its twin (if any): the files of a batch of several are analysed by
    whichever of the two is free, with the results in the batch's order."""

    def __init__(self, twin: _Twin | None) -> None:
        self._twin = twin

    def answer(self, batch: Batch, budget: Budget) -> list[FileResult]:
        from cio_lint.engine.workers import answer_batch

        twin = self._twin
        if twin is None or not 2 <= len(batch) <= MAX_SHARED:
            return answer_batch(batch, budget)
        try:
            twin.process.send(batch, budget)
        except HelperLost:
            self._drop_twin()
            return answer_batch(batch, budget)
        twin.hand_out(batch)
        found: list[FileResult | None] = [None] * len(batch)
        try:
            places, results = _take(batch, budget, twin.tickets)
            try:
                places += (answer := twin.process.reply())[0]
                results += answer[1]
            except HelperLost:  # it died (a file over the memory budget, maybe): here again
                self._drop_twin()
        except BaseException:
            self._drop_twin()  # it may still hold tickets, or its end
            raise
        for place, result in zip(places, results, strict=True):
            found[place] = result
        missing = [place for place, result in enumerate(found) if result is None]
        if missing:  # the files a twin that died had taken
            again = answer_batch([batch[place] for place in missing], budget)
            for place, result in zip(missing, again, strict=True):
                found[place] = result
        return [result for result in found if result is not None]

    def _drop_twin(self) -> None:
        if self._twin is not None:
            twin, self._twin = self._twin, None
            twin.stop()
