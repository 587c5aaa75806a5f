"""How Node rules word advice that depends on the customerio-node major in use.

Like ``sdk_versions`` for Python: a mistake that exists only from (or before) some
major is stated flatly when every version the project may run has it, said with the
versions it holds for when the project's pin allows both, and left unsaid when no
version the project runs has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.rules.base import clip

if TYPE_CHECKING:
    from cio_lint.core.sdk_version import SdkVersion


def unsure(versions: SdkVersion) -> str:
    """Why advice for one version is conditional, in a few words."""
    if not versions.known:
        return "no version pinned"
    return f"{clip(versions.releases_text(), 24)} allowed"


def running(versions: SdkVersion) -> str:
    """``customerio-node 4.x``: the versions the project runs, short enough for a message."""
    return f"customerio-node {clip(versions.releases_text(), 24)}"


def wrong_from(versions: SdkVersion, major: int) -> tuple[str, bool] | None:
    """Where something that fails from ``major`` on fails, and whether that is certain:
    ``("customerio-node 4.x", True)``, ``("customerio-node 3.x+ (no version pinned)",
    False)``; None when no version the project may
    run fails (or, with no version known, when the break is newer than 3.x: most
    projects still run a version before it)."""
    if versions.only_before(major) or (not versions.known and major > 3):
        return None
    if versions.only_from(major):
        return running(versions), True
    return f"customerio-node {major}.x+ ({unsure(versions)})", False


def wrong_before(versions: SdkVersion, major: int) -> str | None:
    """The versions the project runs when every one of them is older than ``major``."""
    return running(versions) if versions.only_before(major) else None
