"""Python answers to ``cio_lint.analysis.time_values.TimeQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonTimeQueries(PythonQueriesBase):
    """Implements ``TimeQueries`` on the Python semantic model."""
