"""What a rule's documentation needs of the core: how bad its findings are and where its
page is. Kept apart from ``findings`` (the records a run hands on), so the rules can be
listed and documented without them."""

from __future__ import annotations

from enum import Enum

from cio_lint import DOCS_URL


class Severity(str, Enum):
    """How bad a finding is; ``info`` rules are off unless selected."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def docs_url(code: str, name: str) -> str:
    """The anchor of a rule's section in the generated rules reference."""
    return f"{DOCS_URL}#{code.lower()}-{name}"
