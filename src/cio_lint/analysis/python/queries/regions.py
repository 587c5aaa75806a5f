"""Python answers to ``cio_lint.analysis.regions.RegionQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonRegionQueries(PythonQueriesBase):
    """Implements ``RegionQueries`` on the Python semantic model."""
