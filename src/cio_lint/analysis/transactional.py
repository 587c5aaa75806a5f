"""The analysis interface for transactional requests:
their fields, recipients, identifiers and message data.
"""

from __future__ import annotations

from typing import Protocol


class TransactionalQueries(Protocol):
    """Questions about transactional requests that rules ask the model."""
