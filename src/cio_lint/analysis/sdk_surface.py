"""The analysis interface for the SDK surface:
names that do not exist and signatures that do not fit.
"""

from __future__ import annotations

from typing import Protocol


class SdkSurfaceQueries(Protocol):
    """Questions about the SDK surface that rules ask the model."""
