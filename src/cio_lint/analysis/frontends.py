"""Which frontend reads which file: the one place the engine asks for a language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.python.frontend import PYTHON

if TYPE_CHECKING:  # the protocol is for the type checker: a run never needs it
    from cio_lint.analysis.frontend import Frontend

#: Every frontend, most common first.
FRONTENDS: tuple[Frontend, ...] = (PYTHON, JAVASCRIPT)
#: Every file name ending some frontend reads.
SUFFIXES: tuple[str, ...] = tuple(suffix for f in FRONTENDS for suffix in f.suffixes)


def frontend_for(path: str) -> Frontend:
    """The frontend for a file name; Python for names no frontend claims (standard input)."""
    for frontend in FRONTENDS:
        if path.endswith(frontend.suffixes):
            return frontend
    return PYTHON
