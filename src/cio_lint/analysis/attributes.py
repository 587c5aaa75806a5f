"""The analysis interface for profile attributes and event data:
names, literal types, sensitive values.
"""

from __future__ import annotations

from typing import Protocol


class AttributeQueries(Protocol):
    """Questions about profile attributes and event data that rules ask the model."""
