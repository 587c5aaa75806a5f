"""A helper process that loads the analysis while this process walks the tree, and
then analyses the files this process would have.

A cold run over a large tree first walks, reads and prefilters every file, which needs
no parser, and only then loads LibCST and the rules (about a seventh of a second) to
analyse the few files that can hold Customer.io code. Once the walk has found
``WAKE_AT_FILES`` files, a ``check`` starts a helper (a new interpreter, spawned: no
copy of this process and its threads) that loads them on another CPU meanwhile, and
analyses every batch too small for the worker pool (``workers``), sharing each with a
twin it forks once loaded (``helper_process``). This process then never loads the
parser at all. A run that finds fewer files (a pre-commit hook's) starts none; with a
warm cache, which answers for files without reading them, a run starts one only once
that many files have been read again (``triage``). The helper is killed when the
command ends, and its twin ends with it.

Only with more than one CPU to run on and more than one job allowed.
"""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any, BinaryIO

    from cio_lint.engine.budget import Budget
    from cio_lint.engine.file_run import Batch, FileResult

#: Past this many files found, a run has about as many to read and prefilter as the
#: helper needs to start and load (about a fifth of a second). Fewer (a pre-commit
#: hook's, a small project's) are analysed here: the run would reach its first batch
#: long before the helper is ready, and then pay a round trip per batch for nothing.
WAKE_AT_FILES = 500
#: Each batch costs a round trip (both processes woken, the batch and its results
#: pickled: about 0.8 ms for one small file). A run that links module after module (a
#: chain of re-exports) sends one file at a time: past this many batches, about what
#: loading the analysis costs, it loads the analysis itself instead of paying per file.
MAX_BATCHES = 200
#: What the helper runs (``helper_process``), found where this process found it (so
#: without ``site``, ``-S``: the path is given whole). It loads with the cyclic garbage
#: collector off: imports make tens of thousands of objects that all stay alive, and
#: collecting among them cost a fifteenth of the load.
_SERVE = (
    "import gc; gc.disable()\n"
    "import sys; sys.path[:] = sys.argv[1:]\n"
    "from cio_lint.engine.helper_process import serve; serve()"
)


class HelperLost(Exception):
    """The helper died, or what it sent back cannot be read."""


class Helper:
    """This side of the helper: two pipes, requests out and results in."""

    def __init__(self, pid: int, requests: int, responses: int) -> None:
        self.pid = pid
        _hold_a_batch(requests)
        self._requests: BinaryIO = os.fdopen(requests, "wb")
        self._responses: BinaryIO = os.fdopen(responses, "rb")
        #: How many batches it has analysed.
        self.batches = 0

    @classmethod
    def spawn(cls, names: Sequence[str]) -> Helper | None:
        """A new helper, loading the analysis of files named like ``names`` (their
        frontends'); None when the system refuses one."""
        # (A frozen executable would run cio-lint itself, not the code it is given.)
        if not sys.executable or getattr(sys, "frozen", False) or not hasattr(os, "posix_spawn"):
            return None
        requests_read, requests_write = os.pipe()
        responses_read, responses_write = os.pipe()
        actions = [
            (os.POSIX_SPAWN_DUP2, requests_read, 0),
            (os.POSIX_SPAWN_DUP2, responses_write, 1),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        try:
            pid = os.posix_spawn(
                sys.executable, [sys.executable, "-S", "-c", _SERVE, *sys.path], os.environ,
                file_actions=actions,
            )
        except OSError:
            pid = None
        os.close(requests_read)
        os.close(responses_write)
        if pid is None:
            os.close(requests_write)
            os.close(responses_read)
            return None
        helper = cls(pid, requests_write, responses_read)
        try:
            helper._send(tuple(names))
        except HelperLost:
            helper.stop()
            return None
        return helper

    def _send(self, message: object) -> None:
        import pickle

        try:
            pickle.dump(message, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
            self._requests.flush()
        except (OSError, pickle.PickleError, ValueError) as error:
            raise HelperLost(str(error)) from error

    def analyse(self, batch: Batch, budget: Budget) -> list[FileResult]:
        """The results of ``batch``, in its order, as a worker would give them; an
        exception the analysis raised is raised here."""
        global _idle_work
        self.send(batch, budget)
        if _idle_work is not None:
            work, _idle_work = _idle_work, None
            work()
        return self.receive()

    def send(self, batch: Batch, budget: Budget) -> None:
        """Ask for ``batch`` to be analysed (``receive`` takes the results)."""
        self._send((batch, budget))

    def receive(self) -> list[FileResult]:
        """The results of the batch sent last (``analyse``)."""
        results: list[FileResult] = self.reply()
        return results

    def reply(self) -> Any:
        """The answer to the batch sent last, as the process that analysed it made it."""
        import pickle

        try:
            status, value = pickle.load(self._responses)
        except (OSError, EOFError, pickle.PickleError, ValueError) as error:
            raise HelperLost(str(error)) from error
        if status != "ok":
            raise value
        self.batches += 1
        return value

    def stop(self, wait: bool = True) -> None:
        """Kill the helper (it may be loading: nothing to wait for) and close its pipes;
        ``wait`` for it to be gone, unless this process is ending too."""
        import signal

        with contextlib.suppress(OSError):  # (gone already)
            os.kill(self.pid, signal.SIGKILL)
            if wait:
                os.waitpid(self.pid, 0)
        for stream in (self._requests, self._responses):
            with contextlib.suppress(OSError):
                stream.close()


def _hold_a_batch(pipe: int) -> None:
    """Let ``pipe`` hold a whole batch (on Linux): sending a batch then returns at once,
    and the sender works on (``meanwhile``; the helper, on its own share of a batch)
    while the other side finishes loading or reading, instead of waiting for it (a pipe
    holds 64 KiB, the 20 files a sparse tree's prefilter lets through already more)."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, _BATCH_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # (elsewhere, or over the system's limit)
        pass


#: A batch for the helper holds less source than the worker pool takes (512 KiB).
_BATCH_PIPE_BYTES = 1024 * 1024

#: Work for this process while the helper analyses (``meanwhile``).
_idle_work: Callable[[], object] | None = None


@contextlib.contextmanager
def meanwhile(work: Callable[[], object]) -> Iterator[None]:
    """Do ``work`` (once) while the helper analyses the next batch sent within this
    block, if it does: what a later stage would do after it, done while this process
    would only wait. Without a helper, ``work`` is left to that stage."""
    global _idle_work
    _idle_work = work
    try:
        yield
    finally:
        _idle_work = None


#: Whether this run may start a helper (``allow_helper``), and the helper once started.
_allowed = False
_helper: Helper | None = None


def allow_helper(jobs: int | None) -> None:
    """Let this ``check`` (with ``jobs`` jobs, None for one per CPU) start a helper when
    the walk finds enough files, if it can pay: more than one CPU and one job."""
    from cio_lint.engine.limits import default_jobs

    global _allowed
    _allowed = default_jobs() > 1 and (jobs is None or jobs > 1)


def wake_helper(names: Iterable[str]) -> None:
    """The run has found enough files (``names``): a helper starts loading the analysis
    of their languages now."""
    global _allowed, _helper
    if _allowed:
        _allowed = False
        from cio_lint.analysis.frontends import frontend_for

        languages: dict[int, str] = {}
        for name in names:
            languages.setdefault(id(frontend_for(name)), name)
        _helper = Helper.spawn(tuple(languages.values()))


def running_helper() -> Helper | None:
    """The helper, when one was started (and lives, as far as is known) and has not
    analysed ``MAX_BATCHES`` batches yet (then it is stopped)."""
    if _helper is not None and _helper.batches >= MAX_BATCHES:
        stop_helper()
    return _helper


def stop_helper(wait: bool = True) -> None:
    """No helper any more: it is killed (the run ends, it died, or one job was asked)."""
    global _allowed, _helper
    _allowed = False
    if _helper is not None:
        helper, _helper = _helper, None
        helper.stop(wait)
