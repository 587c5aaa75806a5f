"""Python answers to ``cio_lint.analysis.transactional.TransactionalQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonTransactionalQueries(PythonQueriesBase):
    """Implements ``TransactionalQueries`` on the Python semantic model."""
