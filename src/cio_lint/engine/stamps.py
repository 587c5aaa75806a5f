"""A file's stamp: what must be unchanged for the manifest's record to describe it.

Apart from the manifest, which loads only for a run with a cache, so that the contents
of a run stamp each file they open without importing the manifest there."""

from __future__ import annotations

import os

Stamp = tuple[int, int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    """What must be unchanged for a record to describe a file."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev)
