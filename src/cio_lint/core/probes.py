"""Asking whether a file is there, in a way a run's record sees.

Opening a file and listing a folder raise the interpreter's audit events, so a quick
replay (``engine.quick_replay``) learns every file a run read and every folder it
listed. Asking whether a file is there (a ``stat``) raises none. A run asks that of
configuration files, ``.gitignore`` and ``.git``, ``__init__`` files and dependency
files, mostly where there are none; each question goes through here and raises
``PROBE_EVENT`` first, so a file that appears where a run found none is seen.
"""

from __future__ import annotations

import functools
import os
import sys

#: ``typing.TYPE_CHECKING`` without importing ``typing``: a quick replay loads this.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    F = TypeVar("F", bound=Callable[..., object])
    Question = Callable[[str | os.PathLike[str]], bool]

#: The audit event raised with the path before each question.
PROBE_EVENT = "cio_lint.probe"
_memos: list[functools._lru_cache_wrapper[object]] = []


def remembered(maxsize: int | None = None) -> Callable[[F], F]:
    """``functools.lru_cache`` for answers that ask the file system (a package's
    ``__init__`` files, the installed distributions): ``forget`` clears them all, so a
    run watched for what it asks (``quick_replay``) asks again."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _memos.append(cached)
        return cached  # type: ignore[return-value]

    return decorate


def forget() -> None:
    """Clear every ``remembered`` answer."""
    for memo in _memos:
        memo.cache_clear()


def _seen(question: Question) -> Question:
    """``question``, raising ``PROBE_EVENT`` with the path first."""

    def ask(path: str | os.PathLike[str]) -> bool:
        sys.audit(PROBE_EVENT, path)
        return question(path)

    ask.__name__ = question.__name__
    ask.__doc__ = f"``os.path.{question.__name__}``, seen."
    return ask


is_file = _seen(os.path.isfile)
is_dir = _seen(os.path.isdir)
exists = _seen(os.path.exists)
#: A link counts, wherever it points.
lexists = _seen(os.path.lexists)
is_link = _seen(os.path.islink)
