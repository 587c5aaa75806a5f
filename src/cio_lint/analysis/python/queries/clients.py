"""Python answers to ``cio_lint.analysis.clients.ClientQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonClientQueries(PythonQueriesBase):
    """Implements ``ClientQueries`` on the Python semantic model."""
