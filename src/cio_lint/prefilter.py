"""Decide from raw bytes whether a file can produce any finding at all.

Every rule reports on Customer.io code, and everything the semantic model can show
to be Customer.io starts from a name that must be spelled out in the file: the
``customerio`` package, a configured client name, or a client exported by another
project module (imported or used under its own name). A file containing none of
those tokens cannot produce a finding, so it is not parsed. Suppression comments
are the one other source (CIO900 judges ``# noqa: CIO...``), hence their tokens.

Files named explicitly on the command line are always parsed, so their syntax
errors (CIO000) are still reported; see ``project.lint_units``.
"""

from __future__ import annotations

from collections.abc import Iterable

from cio_lint.config import Config

SDK_TOKEN = b"customerio"
SUPPRESSION_TOKENS = (b"noqa", b"cio-lint")


def tokens_for(config: Config, codes: Iterable[str]) -> tuple[bytes, ...]:
    """The byte strings of which a file must contain one to be worth parsing."""
    tokens = [SDK_TOKEN]
    for client in config.client_names:
        tokens.append(client.name.rsplit(".", 1)[-1].encode("ascii"))
    if "CIO900" in codes:
        tokens.extend(SUPPRESSION_TOKENS)
    return tuple(tokens)


def may_produce_findings(data: bytes, tokens: Iterable[bytes]) -> bool:
    return any(token in data for token in tokens)


def exported_tokens(exports: Iterable[str]) -> tuple[bytes, ...]:
    """Names of clients other modules export (``app.clients.cio`` -> ``cio``): a file
    using one must spell it, in its import or its attribute access."""
    return tuple({qual.rsplit(".", 1)[-1].encode("utf-8") for qual in exports})
