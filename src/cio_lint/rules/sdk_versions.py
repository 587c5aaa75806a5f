"""What differs between ``customerio`` releases, and how rules word advice for a version.

A rule gives version-specific advice only when every version the project may run
(``LintContext.config.sdk``, from ``sdk-version`` or the project's dependency files)
agrees; otherwise it says which version the advice is for.
"""

from __future__ import annotations

from cio_lint.analysis.records import SdkCall
from cio_lint.core.sdk import ClientKind
from cio_lint.core.sdk_version import SdkVersion
from cio_lint.rules.base import LintContext, Rule, clip

#: SDK calls absent before a release: name -> (client kind, first major, first release).
INTRODUCED: dict[str, tuple[ClientKind, int, str]] = {
    "track_anonymous": (ClientKind.TRACK, 1, "1.2"),
    "merge_customers": (ClientKind.TRACK, 1, "1.3"),
    "batch": (ClientKind.TRACK, 3, "3.0"),
    "send_whatsapp": (ClientKind.APP, 3, "3.2"),
    "SendWhatsAppRequest": (ClientKind.APP, 3, "3.2"),
}

#: ``SendEmailRequest`` keywords of 3.x that 1.x and 2.x spell otherwise (None: lack).
EMAIL_BEFORE_3: dict[str, str | None] = {
    "disable_css_preprocessing": "disable_css_preproceessing",
    "cc": None,
}
#: The 1.x/2.x spelling, which 3.x rejects.
OLD_CSS_KEYWORD = "disable_css_preproceessing"


def unsure(versions: SdkVersion) -> str:
    """Why advice for one version is only conditional, for a message: a few words."""
    if not versions.known:
        return "no customerio version pinned"
    return f"{clip(versions.source or '', 24)} allows {versions.majors_text(' and ')}"


def missing_before(versions: SdkVersion, kind: ClientKind, method: str) -> str | None:
    """The first release with ``method`` when no version the project may run has it."""
    introduced = INTRODUCED.get(method)
    if introduced is None or introduced[0] is not kind:
        return None
    _, major, release = introduced
    return release if versions.only_before(major) else None


def email_keyword_before_3(versions: SdkVersion, name: str) -> bool:
    """Whether ``SendEmailRequest`` of every version the project may run rejects ``name``."""
    return name in EMAIL_BEFORE_3 and versions.only_before(3)


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
        f"`{label}` is new in customerio {release}: on {versions.described()} {failure}",
        correct=f"upgrade customerio to {release} or later",
        anchor=call.node, wrong=ctx.model.code(call.node).splitlines()[0],
    )
