"""CIO102 swapped-track-credentials: ``CustomerIO(api_key, site_id)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule

if TYPE_CHECKING:
    from cio_lint.analysis.credentials import CredentialRole, CredentialUse


class SwappedTrackCredentials(Rule):
    code = "CIO102"
    name = "swapped-track-credentials"
    severity = Severity.ERROR
    summary = "The Site ID and Track API key passed to CustomerIO in the wrong order or crosswise."
    why = (
        "`CustomerIO(site_id, api_key)` takes the Site ID first. Swapped, the Basic auth "
        "header is built from the key as user name and the Site ID as password: every Track "
        "call fails with 401 and nothing reaches Customer.io."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(TRACK_API_KEY, SITE_ID)\n"
    )
    correct_example = (
        "from customerio import CustomerIO, Regions\n\n"
        "cio = CustomerIO(SITE_ID, TRACK_API_KEY, region=Regions.US)\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CIO_TRACK_API_KEY!, process.env.CIO_SITE_ID!);\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_API_KEY!);\n"
    )
    correct_pattern = "CustomerIO(site_id=SITE_ID, api_key=TRACK_API_KEY)"

    def check(self, ctx: LintContext) -> None:
        from cio_lint.analysis.credentials import CredentialRole

        by_call: dict[int, dict[CredentialRole, CredentialUse]] = {}
        for use in ctx.model.credential_uses():
            if use.call is not None and use.call.method == "CustomerIO":
                by_call.setdefault(id(use.call), {})[use.slot] = use
        for slots in by_call.values():
            site = slots.get(CredentialRole.SITE_ID)
            key = slots.get(CredentialRole.TRACK_KEY)
            site_looks = self._looks(ctx, site)
            key_looks = self._looks(ctx, key)
            site_is_key = site_looks is not None and site_looks != CredentialRole.SITE_ID
            key_is_site = key_looks is CredentialRole.SITE_ID
            if not (site_is_key or key_is_site) or (site is None and key is None):
                continue
            flagged = site if site is not None and site_is_key else key
            assert flagged is not None and flagged.call is not None
            positional = (site is None or site.keyword is None) and (
                key is None or key.keyword is None
            )
            site_text = ctx.model.code(site.value) if site else "SITE_ID"
            key_text = ctx.model.code(key.value) if key else "TRACK_API_KEY"
            site_quote = ctx.quote(site.value) if site else "SITE_ID"
            if positional:
                message = (
                    f"Site ID and Track API key are swapped (`{site_quote}` first): "
                    "every call gets 401"
                )
                correct = ctx.model.track_client_text(key_text, site_text, keywords=False,
                                                     call=flagged.call)
            else:
                message = (
                    f"Site ID and Track API key are crosswise (`site_id={site_quote}`): "
                    "every call gets 401"
                )
                correct = ctx.model.track_client_text(key_text, site_text, keywords=True,
                                                     call=flagged.call)
            ctx.report(self, flagged.value, message, correct=correct, anchor=flagged.call.node)

    @staticmethod
    def _looks(ctx: LintContext, use: CredentialUse | None) -> CredentialRole | None:
        """What the value's names say it is: a site ID, some key, or unknown."""
        from cio_lint.analysis.credentials import CredentialRole, is_generic_key_name, role_of_name

        if use is None:
            return None
        for name in reversed(ctx.model.credential_names(use)):
            role = role_of_name(name, ctx.config)
            if role is not None:
                return role
            if is_generic_key_name(name):
                return CredentialRole.TRACK_KEY
        return None


RULE = SwappedTrackCredentials()
