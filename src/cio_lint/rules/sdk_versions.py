"""What differs between ``customerio`` releases, and how rules word advice for a version.

A rule gives version-specific advice only when every version the project may run
(``LintContext.config.sdk``, from ``sdk-version`` or the project's dependency files)
agrees; otherwise it says which version the advice is for.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.records import SdkCall
    from cio_lint.core.client_kinds import ClientKind
    from cio_lint.core.sdk_version import SdkVersion, Version


#: SDK calls absent before a release: name -> (client kind, first release).
@cache
def introductions() -> dict[str, tuple[ClientKind, Version]]:
    from cio_lint.core.client_kinds import ClientKind

    return {
        "track_anonymous": (ClientKind.TRACK, (1, 2)),
        "merge_customers": (ClientKind.TRACK, (1, 3)),
        "batch": (ClientKind.TRACK, (3, 0)),
        "send_whatsapp": (ClientKind.APP, (3, 2)),
        "SendWhatsAppRequest": (ClientKind.APP, (3, 2)),
    }


#: The first release with ``Regions`` and the ``region`` parameter.
REGIONS_RELEASE: Version = (1, 1)

#: ``SendEmailRequest`` keywords of 3.x that older releases lack: name -> (first release,
#: the older spelling, None when there is none).
EMAIL_KEYWORDS_ADDED: dict[str, tuple[Version, str | None]] = {
    "disable_css_preprocessing": ((3, 0), "disable_css_preproceessing"),
    "cc": ((3, 2), None),
}
#: The 1.x/2.x spelling, which 3.x rejects.
OLD_CSS_KEYWORD = "disable_css_preproceessing"


def release_text(release: Version) -> str:
    """``3.2``, for messages."""
    return ".".join(str(part) for part in release)


def unsure(versions: SdkVersion) -> str:
    """Why advice for one version is only conditional, for a message: a few words."""
    if not versions.known:
        return "no customerio version pinned"
    return f"{clip(versions.source or '', 24)} allows {versions.releases_text(' and ')}"


def missing_before(versions: SdkVersion, kind: ClientKind, method: str) -> str | None:
    """The first release with ``method`` when no version the project may run has it."""
    introduced = introductions().get(method)
    if introduced is None or introduced[0] is not kind:
        return None
    release = introduced[1]
    return release_text(release) if versions.only_before(release) else None


def email_keyword_missing(versions: SdkVersion, name: str) -> bool:
    """Whether ``SendEmailRequest`` of every version the project may run rejects ``name``."""
    added = EMAIL_KEYWORDS_ADDED.get(name)
    return added is not None and versions.only_before(added[0])


def email_keyword_release(name: str) -> str:
    """The first release whose ``SendEmailRequest`` takes ``name`` (``3.2`` for ``cc``)."""
    return release_text(EMAIL_KEYWORDS_ADDED[name][0])


def report_introduced(rule: Rule, ctx: LintContext, call: SdkCall, label: str) -> None:
    """Report a call of what no version the project may run has yet (``batch`` on 2.x)."""
    versions = ctx.config.sdk.track
    release = missing_before(versions, call.kind, call.method)
    if release is None:
        return
    failure = (
        "it raises AttributeError" if call.receiver is not None
        else "importing it raises ImportError"
    )
    ctx.report(
        rule, call.node,
        f"`{label}` is new in customerio {release}: on {versions.releases_text()} "
        f"({versions.source}) {failure}",
        correct=f"upgrade customerio to {release} or later",
        anchor=call.node, wrong=ctx.model.code(call.node).splitlines()[0],
    )
