"""Python answers to ``cio_lint.analysis.identity.IdentityQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonIdentityQueries(PythonQueriesBase):
    """Implements ``IdentityQueries`` on the Python semantic model."""
