"""Python answers to ``cio_lint.analysis.attributes.AttributeQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonAttributeQueries(PythonQueriesBase):
    """Implements ``AttributeQueries`` on the Python semantic model."""
