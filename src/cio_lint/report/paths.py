"""What a reported path is: a file on disk, or a placeholder like ``-`` or ``<project>``."""

from __future__ import annotations


def names_a_file(path: str) -> bool:
    """False for standard input and for errors that belong to no file (``<project>``)."""
    return bool(path) and path != "-" and not (path.startswith("<") and path.endswith(">"))
