"""The analysis interface for identity: customer ids, emails and the identify-before-track order."""

from __future__ import annotations

from typing import Protocol


class IdentityQueries(Protocol):
    """Questions about identity that rules ask the model."""
