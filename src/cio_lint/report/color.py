"""Whether a report is written in colour: ``--color``, then the environment, then a TTY.

``--color always`` and ``--color never`` decide alone. Otherwise a terminal gets colour
unless ``NO_COLOR`` is set to a non-empty value (no-color.org: an empty one does not
count), and ``FORCE_COLOR`` set to a non-empty value gives colour even through a pipe
(it wins over ``NO_COLOR``, as in ruff). A report file (``-o``) is coloured only with
``--color always``: the environment speaks of the terminal, not of files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO | None, environ: Mapping[str, str]) -> bool:
    """``stream`` is where the report goes, or None for a report file."""
    if choice != "auto":
        return choice == "always"
    if stream is None:
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("NO_COLOR"):
        return False
    return stream.isatty()
