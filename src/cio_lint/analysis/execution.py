"""The analysis interface for execution context:
entry points, error handling, loops and pacing, blocking calls, flushing.
"""

from __future__ import annotations

from typing import Protocol


class ExecutionQueries(Protocol):
    """Questions about execution context that rules ask the model."""
