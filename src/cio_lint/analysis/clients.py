"""The analysis interface for client construction:
where clients are built (once, per call, per request) and how they are cached.
"""

from __future__ import annotations

from typing import Protocol


class ClientQueries(Protocol):
    """Questions about client construction that rules ask the model."""
