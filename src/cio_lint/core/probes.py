"""Asking whether a file is there, in a way a run's record sees.

Opening a file and listing a folder raise the interpreter's audit events, so a quick
replay (``engine.quick_replay``) learns every file a run read and every folder it
listed. Asking whether a file is there (a ``stat``) raises none. A run asks that of
configuration files, ``.gitignore`` and ``.git``, ``__init__`` files and dependency
files, mostly where there are none; each question goes through here and raises
``PROBE_EVENT`` first, so a file that appears where a run found none is seen.
"""

from __future__ import annotations

import os
import sys

#: The audit event raised with the path before each question.
PROBE_EVENT = "cio_lint.probe"


def is_file(path: str | os.PathLike[str]) -> bool:
    """``os.path.isfile``, seen."""
    sys.audit(PROBE_EVENT, path)
    return os.path.isfile(path)


def is_dir(path: str | os.PathLike[str]) -> bool:
    """``os.path.isdir``, seen."""
    sys.audit(PROBE_EVENT, path)
    return os.path.isdir(path)


def exists(path: str | os.PathLike[str]) -> bool:
    """``os.path.exists``, seen."""
    sys.audit(PROBE_EVENT, path)
    return os.path.exists(path)


def lexists(path: str | os.PathLike[str]) -> bool:
    """``os.path.lexists`` (a link counts, wherever it points), seen."""
    sys.audit(PROBE_EVENT, path)
    return os.path.lexists(path)
