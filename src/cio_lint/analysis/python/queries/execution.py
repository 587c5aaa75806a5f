"""Python answers to ``cio_lint.analysis.execution.ExecutionQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonExecutionQueries(PythonQueriesBase):
    """Implements ``ExecutionQueries`` on the Python semantic model."""
