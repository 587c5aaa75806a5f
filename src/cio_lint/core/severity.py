"""How bad a finding is: the one part of a finding a rule's documentation needs, so the
rules can be listed without the records a run hands on (``findings``)."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How bad a finding is; ``info`` rules are off unless selected."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
