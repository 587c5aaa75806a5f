"""What every family of Python answers shares: the semantic model they read."""

from __future__ import annotations

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.core.config import Config


class PythonQueriesBase:
    """Holds the module's semantic model (and the run's config) for the query mixins."""

    def __init__(self, semantic: SemanticModel, config: Config) -> None:
        self.semantic = semantic
        self.config = config
