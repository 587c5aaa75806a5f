"""The kinds of Customer.io client: kept apart from the SDK tables of ``sdk`` because
configuration names them on every run, and the tables matter only to analysis."""

from __future__ import annotations

from enum import Enum


class ClientKind(str, Enum):
    """The three Customer.io clients a receiver can be."""

    TRACK = "track"
    APP = "app"
    PIPELINES = "pipelines"
