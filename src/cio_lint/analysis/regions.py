"""The analysis interface for regions: which data centre a client is configured for."""

from __future__ import annotations

from typing import Protocol


class RegionQueries(Protocol):
    """Questions about regions that rules ask the model."""
