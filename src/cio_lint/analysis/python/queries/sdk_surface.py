"""Python answers to ``cio_lint.analysis.sdk_surface.SdkSurfaceQueries``."""

from __future__ import annotations

from cio_lint.analysis.python.queries.base import PythonQueriesBase


class PythonSdkSurfaceQueries(PythonQueriesBase):
    """Implements ``SdkSurfaceQueries`` on the Python semantic model."""
