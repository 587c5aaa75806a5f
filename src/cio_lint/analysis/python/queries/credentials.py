"""Python answers to ``cio_lint.analysis.credentials.CredentialQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonCredentialQueries(PythonQueriesBase):
    """Implements ``CredentialQueries`` on the Python semantic model."""
