"""The analysis interface for credentials: which slot a value fills and what its name says it is."""

from __future__ import annotations

from typing import Protocol


class CredentialQueries(Protocol):
    """Questions about credentials that rules ask the model."""
