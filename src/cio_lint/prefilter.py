"""Decide from raw bytes whether a file can produce any finding at all.

Every rule reports on Customer.io code, and everything the semantic model can show
to be Customer.io starts from a name that must be spelled out in the file: the
``customerio`` package, a configured client name, or a client exported by another
project module (imported or used under its own name). A file containing none of
those names cannot produce a finding, so it is not parsed. Suppression comments
naming a cio-lint code are the one other source (CIO900 judges them).

Names are matched as whole identifiers: a client called ``cio`` must not admit
every file that says "precious". Files named explicitly on the command line are
always parsed, so their syntax errors (CIO000) are still reported; see
``project.lint_units``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cio_lint.config import Config

SDK_NAME = "customerio"
#: A suppression comment that names a cio-lint code (``# noqa: E501, CIO201``).
_SUPPRESSION = rb"noqa[^\n]*[Cc][Ii][Oo]\d|cio-lint:"


class Prefilter:
    """A compiled test: does a file's text contain any name a finding needs?"""

    def __init__(self, names: Iterable[str], suppressions: bool = False) -> None:
        words = sorted({re.escape(name).encode("utf-8") for name in names if name})
        parts = []
        if words:
            parts.append(rb"(?<![A-Za-z0-9_])(?:" + b"|".join(words) + rb")(?![A-Za-z0-9_])")
        if suppressions:
            parts.append(_SUPPRESSION)
        self._pattern = re.compile(b"|".join(parts)) if parts else None

    def admits(self, data: bytes) -> bool:
        return self._pattern is not None and self._pattern.search(data) is not None


def for_config(config: Config, codes: Iterable[str]) -> Prefilter:
    """The test for files under ``config`` with the rules ``codes`` selected."""
    names = [SDK_NAME, *(client.name.rsplit(".", 1)[-1] for client in config.client_names)]
    return Prefilter(names, suppressions="CIO900" in set(codes))


def for_exports(exports: Iterable[str]) -> Prefilter:
    """Files naming a client another module exports (``app.clients.cio`` -> ``cio``)."""
    return Prefilter(qual.rsplit(".", 1)[-1] for qual in exports)
