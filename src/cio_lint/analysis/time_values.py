"""The analysis interface for time values:
units (seconds, milliseconds) and types (number, date string, datetime).
"""

from __future__ import annotations

from typing import Protocol


class TimeQueries(Protocol):
    """Questions about time values that rules ask the model."""
