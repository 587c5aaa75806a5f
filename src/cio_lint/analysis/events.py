"""The analysis interface for event names: literal, built or unknown, and their conventions."""

from __future__ import annotations

from typing import Protocol


class EventQueries(Protocol):
    """Questions about event names that rules ask the model."""
