"""The analysis interface for credentials: which slot a value fills and what its name says it is.

A frontend finds the slots (constructor arguments, ``analytics.write_key = ...``) and the
names a value is read through; judging what a name means is plain text work, done here
once so every frontend agrees (CIO101, CIO102, CIO103).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Protocol

from cio_lint.analysis.records import Node, Place, SdkCall
from cio_lint.core.config import Config
from cio_lint.core.linear_regex import compile_linear
from cio_lint.core.secrets import SecretLiteral


class CredentialRole(str, Enum):
    """What a credential is, judged from its name or from where it is passed."""

    SITE_ID = "site ID"
    TRACK_KEY = "Track API key"
    APP_KEY = "App API key"
    WRITE_KEY = "Pipelines write key"


@dataclass(frozen=True)
class CredentialUse:
    """A value handed to the SDK as a credential, and the role of that slot."""

    slot: CredentialRole
    value: Node  # the expression as written at the slot
    anchor: Node  # the call or assignment, for noqa lines
    place: Place
    order: int
    call: SdkCall | None = None
    keyword: str | None = None


_SITE_ID = re.compile(r"site[_\-]?id", re.IGNORECASE)
_WRITE_KEY = re.compile(r"(write[_\-]?key|cdp[_\-]?(api[_\-]?)?key|pipelines?[_\-]?key)", re.I)
_GENERIC_KEY = re.compile(r"(key|token|secret)$", re.IGNORECASE)


def role_of_name(name: str, config: Config) -> CredentialRole | None:
    """The credential role a name shows, per the configured key-name patterns."""
    judge = _role_of_name if len(name) <= _REMEMBERED_LENGTH else _role_of_name.__wrapped__
    return judge(name, config.track_key_patterns, config.app_key_patterns)


#: Names up to this long are remembered (a hostile file's huge names are judged afresh).
_REMEMBERED_LENGTH = 100


@lru_cache(maxsize=4096)
def _role_of_name(name: str, track_patterns: tuple[str, ...],
                  app_patterns: tuple[str, ...]) -> CredentialRole | None:
    """``role_of_name``, remembered: the same few names (``api_key``, ``site_id``) recur
    in every file, and the user's patterns run on an automaton simulated in Python."""
    # User patterns: matched by an automaton, in time linear in the name.
    if any(compile_linear(p, re.IGNORECASE).search(name) for p in track_patterns):
        return CredentialRole.TRACK_KEY
    if any(compile_linear(p, re.IGNORECASE).search(name) for p in app_patterns):
        return CredentialRole.APP_KEY
    if _WRITE_KEY.search(name):
        return CredentialRole.WRITE_KEY
    if _SITE_ID.search(name):
        return CredentialRole.SITE_ID
    return None


def role_of_names(names: list[str], config: Config) -> tuple[CredentialRole, str] | None:
    """The role the names show (innermost wins) and the name that shows it."""
    for name in reversed(names):
        role = role_of_name(name, config)
        if role is not None:
            return role, name
    return None


def is_generic_key_name(name: str) -> bool:
    """``api_key``, ``key``, ``token``: a key of some kind, not a site ID."""
    return bool(_GENERIC_KEY.search(name))


class CredentialQueries(Protocol):
    """Questions about credentials that rules ask the model."""

    def credential_uses(self) -> list[CredentialUse]:
        """Every credential slot the module fills, client constructors first."""

    def credential_names(self, use: CredentialUse) -> list[str]:
        """Names that tell what the value of ``use`` is, outermost first.

        The variable of an environment lookup, an attribute name, a local's name and
        then whatever the local was assigned from.
        """

    def credential_literal(self, use: CredentialUse) -> str | None:
        """The non-empty string literal the slot receives (directly or via a name), else None."""

    def secret_literals(self) -> list[SecretLiteral]:
        """Every secret written in the module with its span and value, in source order:
        credential literals and literal values sent under a secret's name."""

    def environment_lookup_text(self, variable: str) -> str:
        """How this language reads environment variable ``variable`` (fix and hint text)."""

    def track_client_text(
        self, site_id: str, api_key: str, *, keywords: bool, call: SdkCall | None = None
    ) -> str:
        """A Track client construction from these credential texts, positional or by keyword
        (spelled as ``call`` spells its constructor, when given)."""
