"""Reading a small input file (configuration, baseline, cache entry) without trusting it.

A path a repository controls may name ``/dev/zero``, a FIFO that never ends, a huge
file or a symbolic link somewhere else. ``read_regular_file`` reads only a regular
file, at most ``limit`` bytes, and optionally refuses links, so reading it is bounded
in time and memory; every refusal is an ``OSError`` whose ``strerror`` says why.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Opening without blocking: a FIFO with no writer would otherwise wait forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class RefusedFile(OSError):
    """The path is not a regular file, is a link where none is allowed, or is too big."""


def read_regular_file(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, refused when over ``limit`` bytes."""
    if not follow_symlinks and _NO_FOLLOW == 0 and os.path.islink(path):
        raise RefusedFile(errno.ELOOP, "is a symbolic link")
    flags = _OPEN_FLAGS | (0 if follow_symlinks else _NO_FOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_symlinks:
            raise RefusedFile(errno.ELOOP, "is a symbolic link") from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise RefusedFile(errno.EINVAL, "not a regular file")
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        # As much as the file holds, not ``limit``: a read asks for its whole size at once.
        data = handle.read(min(status.st_size, limit) + 1)
        if status.st_size < len(data) <= limit:  # it grew since it was measured
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit or status.st_size > limit:
        raise RefusedFile(errno.EFBIG, f"over the {_size(limit)} size limit")
    return data


def _size(limit: int) -> str:
    """A byte count as people say it (``1 MB``, ``64 KB``)."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if limit >= scale:
            return f"{limit / scale:g} {unit}"
    return f"{limit} bytes"
