"""Customer.io identify calls in templates and front-end or mobile code, read as text.

A project whose Python code only tracks may create its profiles in the browser or an
app: the project-wide "never identifies" advice must not be given then. Those files
are not parsed (cio-lint has no frontend for them): their text, comments blanked, is
searched for the spellings Customer.io documents, so a word "identify" in prose or an
unrelated ``auth.identify()`` never counts. Spellings, from Customer.io's docs:

- classic snippet (track.js): ``_cio.identify({id: ...})`` and the queue form
  ``_cio.push(["identify", ...])``, docs.customer.io/sdk/javascript/identify;
- Data Pipelines browser snippet (loaded from ``cdp.customer.io``) and its npm package
  ``@customerio/cdp-analytics-browser``: ``cioanalytics.identify(userId, traits)``, or
  ``analytics.identify(...)`` on the object ``AnalyticsBrowser.load({writeKey})``
  returns, docs.customer.io/integrations/data-in/connections/javascript/method-reference
  and the package's README on npm;
- mobile SDKs: React Native and Expo ``CustomerIO.identify({userId, traits})``, Flutter
  ``CustomerIO.instance.identify(userId: ...)``, iOS ``CustomerIO.shared.identify(...)``,
  Android ``CustomerIO.instance().identify(...)``, docs.customer.io/sdk/<platform>/identify.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Where templates and front-end or mobile code live (``.min.js`` bundles are skipped).
FRONT_END_SUFFIXES = (
    ".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml", ".hbs", ".handlebars",
    ".ejs", ".erb", ".twig", ".njk", ".liquid", ".vue", ".svelte", ".astro",
    ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".swift", ".kt", ".java", ".dart",
)
MINIFIED_SUFFIXES = (".min.js", ".min.mjs")

#: Receivers that can only be Customer.io's, then ``.identify(``.
_CIO_IDENTIFY = re.compile(
    r"(?<![\w$])(_cio|cioanalytics|CustomerIO(?:\s*\.\s*(?:shared|instance)(?:\s*\(\s*\))?)?)"
    r"\s*\.\s*identify\s*\("
)
#: The classic snippet's queue: ``_cio.push(["identify", {...}])``.
_CIO_QUEUE = re.compile(r"(?<![\w$])_cio\s*\.\s*push\s*\(\s*\[\s*[\"']identify[\"']")
#: A page or module that loads Customer.io's Data Pipelines browser SDK.
_LOADS_CDP_BROWSER = re.compile(r"cdp(?:-eu)?\.customer\.io|@customerio/cdp-analytics-browser")
#: ``const cio = AnalyticsBrowser.load(...)``: a name for the Customer.io browser client.
_BROWSER_CLIENT = re.compile(
    r"(?<![\w$])([A-Za-z_$][\w$]*)\s*=\s*AnalyticsBrowser\s*\.\s*load\s*\("
)
_GENERIC_IDENTIFY = re.compile(r"(?<![\w$])([A-Za-z_$][\w$]*)\s*\.\s*identify\s*\(")
#: Block comments, opener to closer: ``/* */``, ``<!-- -->``, Jinja/Twig ``{# #}``,
#: Handlebars ``{{!-- --}}``.
_BLOCK_COMMENTS = {"/*": "*/", "<!--": "-->", "{#": "#}", "{{!--": "--}}"}
_BLOCK_OPENER = re.compile(r"/\*|<!--|\{\{!--|\{#")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class IdentitySource:
    """A place outside the linted Python code that identifies people to Customer.io."""

    path: str
    line: int
    #: The call as written, whitespace dropped: ``_cio.identify``.
    what: str

    def describe(self) -> str:
        return f"{self.path}:{self.line} {self.what}"


@dataclass
class FrontEndIdentify:
    """What one file's text shows: Customer.io identify calls, and ``analytics.identify``
    calls that are Customer.io's when the project loads its browser SDK."""

    #: (line, call) of calls that are Customer.io's whatever else the project holds.
    calls: list[tuple[int, str]] = field(default_factory=list)
    #: (line, call) of ``analytics.identify(...)``: Customer.io's when it is loaded.
    if_loaded: list[tuple[int, str]] = field(default_factory=list)
    #: Does this file load the Data Pipelines browser SDK?
    loads_browser_sdk: bool = False


def without_comments(text: str) -> str:
    """``text`` with comments blanked, each line where it was (line numbers hold)."""
    return "\n".join(_without_line_comment(line) for line in _without_blocks(text).split("\n"))


def _without_blocks(text: str) -> str:
    """``text`` with block comments reduced to their line breaks. An opener never closed
    is not a comment (Svelte's ``{#if}``); each closer found missing is never searched
    for again, so the pass stays linear."""
    parts: list[str] = []
    start = 0
    missing: set[str] = set()
    position = 0
    while (opener := _BLOCK_OPENER.search(text, position)) is not None:
        closer = _BLOCK_COMMENTS[opener.group(0)]
        end = -1 if closer in missing else text.find(closer, opener.end())
        if end < 0:
            missing.add(closer)
            position = opener.end()
            continue
        end += len(closer)
        parts.extend((text[start:opener.start()], "\n" * text.count("\n", opener.start(), end)))
        start = position = end
    parts.append(text[start:])
    return "".join(parts)


def _without_line_comment(line: str) -> str:
    """``line`` up to a ``//`` comment outside quotes (``https://`` is not one)."""
    if "//" not in line:
        return line
    quote = ""
    index = 0
    while index < len(line) - 1:
        char = line[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "/" and line[index + 1] == "/" and (index == 0 or line[index - 1] != ":"):
            return line[:index]
        index += 1
    return line


def identify_calls(text: str) -> FrontEndIdentify:
    """The Customer.io identify calls in one template or front-end file's text."""
    found = FrontEndIdentify(loads_browser_sdk=_LOADS_CDP_BROWSER.search(text) is not None)
    code = without_comments(text)
    if "identify" not in code:
        return found
    for pattern in (_CIO_IDENTIFY, _CIO_QUEUE):
        for match in pattern.finditer(code):
            found.calls.append((_line_of(code, match.start()), _call_text(match.group(0))))
    receivers = {"analytics", *(m.group(1) for m in _BROWSER_CLIENT.finditer(code))}
    for match in _GENERIC_IDENTIFY.finditer(code):
        if match.group(1) in receivers:
            found.if_loaded.append((_line_of(code, match.start()), _call_text(match.group(0))))
    found.calls.sort()
    return found


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _call_text(matched: str) -> str:
    """``_cio . identify (`` as ``_cio.identify``; the queue form as ``_cio.push("identify")``."""
    compact = _SPACE.sub("", matched)
    if compact.startswith("_cio.push("):
        return '_cio.push(["identify",…])'
    return compact.rstrip("(")
