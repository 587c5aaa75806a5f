"""Which text in templates and front-end or mobile code is a Customer.io identify call:
the documented spellings count; comments, other libraries' ``identify`` and a bare word
never do."""

from __future__ import annotations

import pytest

from cio_lint.analysis.front_end_identity import IdentitySource, identify_calls, without_comments


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ('_cio.identify({ id: "{{ user.id }}", email: "{{ user.email }}" });', "_cio.identify"),
        ("window._cio.identify({id: user.id});", "_cio.identify"),
        ('_cio.push(["identify", {id: user.id}]);', '_cio.push(["identify",…])'),
        ("cioanalytics.identify(user.id, {email: user.email});", "cioanalytics.identify"),
        ("window.cioanalytics.identify(userId);", "cioanalytics.identify"),
        ("CustomerIO.identify({ userId: user.id, traits: { email } });", "CustomerIO.identify"),
        ("CustomerIO.instance.identify(userId: user.id);", "CustomerIO.instance.identify"),
        ("CustomerIO.shared.identify(userId: user.id)", "CustomerIO.shared.identify"),
        ("CustomerIO.instance().identify(userId = user.id)", "CustomerIO.instance().identify"),
        ("CustomerIO . shared\n    .identify(userId: id)", "CustomerIO.shared.identify"),
    ],
)
def test_customer_io_identify_spellings(text: str, call: str) -> None:
    found = identify_calls("const x = 1;\n" + text + "\n")
    assert found.calls == [(2, call)]
    assert found.if_loaded == []


@pytest.mark.parametrize(
    "text",
    [
        "// TODO: _cio.identify({ id: user.id }) after login\n",
        "/* cioanalytics.identify(user.id) */\n",
        "/*\n * CustomerIO.identify({userId})\n */\n",
        '<!-- <script>_cio.identify({ id: "{{ user.id }}" })</script> -->\n',
        '{# _cio.identify({ id: "{{ user.id }}" }) #}\n',
        "{{!-- _cio.identify({ id: user.id }) --}}\n",
        "auth.identify(token); // our own service\n",
        "_cio.track('viewed'); _cio.page(location.href);\n",
        "var b=['load','identify','track'];\n",  # the snippet's stub list
        "<p>Identify yourself to continue.</p>\n",
        "my_cio.identify(user);\nnotCustomerIO.identify(user);\n",
    ],
)
def test_look_alikes_are_not_identify_calls(text: str) -> None:
    found = identify_calls(text)
    assert found.calls == [] and found.if_loaded == []


def test_analytics_identify_counts_only_as_the_browser_sdk_s() -> None:
    module = (
        'import { AnalyticsBrowser } from "@customerio/cdp-analytics-browser";\n'
        "export const cio = AnalyticsBrowser.load({ writeKey: KEY });\n"
        "cio.identify(user.id);\n"
        "analytics.identify(user.id);\n"
        "tracker.identify(user.id);\n"
    )
    found = identify_calls(module)
    assert found.loads_browser_sdk
    assert found.calls == []
    assert found.if_loaded == [(3, "cio.identify"), (4, "analytics.identify")]
    segment_only = identify_calls("analytics.identify(user.id);\n")
    assert not segment_only.loads_browser_sdk
    assert segment_only.if_loaded == [(1, "analytics.identify")]


def test_the_cdp_snippet_url_shows_the_browser_sdk_loaded() -> None:
    page = '<script src="https://cdp-eu.customer.io/v1/analytics-js/snippet/K/analytics.min.js">'
    assert identify_calls(page).loads_browser_sdk
    assert not identify_calls('<script src="https://assets.customer.io/assets/track.js">')\
        .loads_browser_sdk


def test_comments_are_blanked_and_lines_kept() -> None:
    text = "a /* x\ny */ b\n<!-- c\n-->d // e\nf = 'http://g' // h\n"
    assert without_comments(text) == "a \n b\n\nd \nf = 'http://g' \n"


def test_an_opener_never_closed_is_not_a_comment() -> None:
    """Svelte's ``{#if}`` opens no Jinja comment: the identify after it still counts."""
    svelte = "{#if user}\n<script>cioanalytics.identify(user.id)</script>\n{/if}\n"
    assert identify_calls(svelte).calls == [(2, "cioanalytics.identify")]
    assert without_comments("a /* b\nc") == "a /* b\nc"


def test_identity_source_describes_its_place() -> None:
    assert IdentitySource("templates/base.html", 23, "_cio.identify").describe() == (
        "templates/base.html:23 _cio.identify"
    )
