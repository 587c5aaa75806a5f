"""Python answers to ``cio_lint.analysis.events.EventQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonEventQueries(PythonQueriesBase):
    """Implements ``EventQueries`` on the Python semantic model."""
