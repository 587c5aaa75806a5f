"""Masking credentials in any text cio-lint prints, caches or writes.

A finding quotes source code, and the source may hold a real API key. The frontend
reports each credential literal with its span, its text as written and its value.
Quoted source is masked by span (exactly the characters of the literal, nothing
else), and every text, quoted or generated, has the literals as written and their
values replaced; a value shorter than ``MIN_SECRET_LENGTH`` is never replaced by
value, so ``CustomerIO("s", "k")`` cannot turn every ``s`` of a report into ``…``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cio_lint.core.findings import Fix, Position
from cio_lint.core.lines import lines_with_ends, strip_line_end

#: Shorter values are not replaced wherever they occur: ``"time"`` or ``"1000"`` as a key
#: are placeholders at best, and replacing them would garble every message.
MIN_SECRET_LENGTH = 8


@dataclass(frozen=True)
class SecretLiteral:
    """A credential written in a file: where (to mask quoted source exactly), how, and
    the value it evaluates to (concatenations joined, escapes resolved, bytes decoded)."""

    value: str
    text: str
    start: Position
    #: One past the last character, as in findings.
    end: Position


def is_secret_value(value: str) -> bool:
    """Whether ``value`` looks enough like a key to be masked wherever it occurs: long
    enough, not a placeholder, and not a name (``"TRACK_KEY"``, ``"app-key"``: a key
    has digits or mixed case), so masking it cannot garble an identifier elsewhere."""
    return (
        len(value) >= MIN_SECRET_LENGTH
        and not is_placeholder(value)
        and (
            any(c.isdigit() for c in value)
            or (any(c.isupper() for c in value) and any(c.islower() for c in value))
        )
    )


def secret_values(secrets: Iterable[SecretLiteral | str]) -> tuple[str, ...]:
    """The texts to replace wherever they occur, longest first (literals as written and
    values long enough to be secrets)."""
    found: set[str] = set()
    for secret in secrets:
        if isinstance(secret, str):
            if is_secret_value(secret):
                found.add(secret)
        elif is_secret_value(secret.value):
            found.update((secret.value, secret.text))
    return tuple(sorted(found, key=lambda text: (-len(text), text)))


def mask_secrets(
    text: str, secrets: Iterable[SecretLiteral | str], *, keep_width: bool = False
) -> str:
    """``text`` with every secret long enough to be one masked (see ``mask``);
    ``keep_width`` pads the mask with ``*`` so quoted source keeps its columns."""
    if not text:
        return text
    values = secrets if type(secrets) is tuple else secret_values(secrets)
    if not values:
        return text
    return _masker(values, keep_width)(text)


#: How a message cuts a quote short: a secret may end there, only its start shown.
_CLIPPED = "…"


#: The masker last used for each ``keep_width``: a run masks every text of a file with
#: one tuple of secrets, which the cache below would hash (all of it) for each text.
_last: dict[bool, tuple[tuple[str, ...], _Masker]] = {}


def _masker(values: tuple[str, ...], keep_width: bool) -> _Masker:
    last = _last.get(keep_width)
    if last is not None and last[0] is values:
        return last[1]
    masker = _cached_masker(values, keep_width)
    _last[keep_width] = (values, masker)
    return masker


@functools.lru_cache(maxsize=16)
def _cached_masker(values: tuple[str, ...], keep_width: bool) -> _Masker:
    return _Masker(secret_values(values), keep_width)


#: Texts up to this long are remembered, up to this many per set of secrets.
_REMEMBERED_LENGTH = 512
_REMEMBERED_TEXTS = 16_384


class _Masker:
    """Masks a fixed set of secrets in any number of texts, in time linear in each text
    (a run masks every finding of every file with every secret of the project).

    A secret is found by its first ``MIN_SECRET_LENGTH`` characters at the start of a
    token; a clipped quote (``sk_live_9f…``) by the start it shows, six characters and
    more: shorter ones show hardly more than ``mask`` does, and are what ``mask`` shows of
    the same key in quotes (``"sk_l…``).
    """

    def __init__(self, values: tuple[str, ...], keep_width: bool) -> None:
        self._by_head: dict[str, list[str]] = {}
        self._replacement: dict[str, str] = {}
        #: What a clipped start of six or seven characters masks as (that of the longest
        #: secret it starts); a longer one is looked up in ``_sorted``.
        self._short_starts: dict[str, str] = {}
        self._sorted = sorted(values)
        for value in values:  # longest first: the longest secret at a place wins
            self._by_head.setdefault(value[:MIN_SECRET_LENGTH], []).append(value)
            self._replacement[value] = _masked(value, keep_width=keep_width)
            for length in range(min(len(value) - 1, _SHORT_START), 5, -1):
                self._short_starts.setdefault(value[:length], mask(value))
        self._longest = max((len(value) for value in values), default=0)
        #: Token starts followed by a secret's head, found by the regex engine: a text
        #: holds thousands of tokens and, nearly always, no secret. Compiled when first
        #: needed: a file's few secrets are looked for with ``in`` first, and most
        #: maskers (one per file that holds a key) never meet a text that holds one.
        self._candidates: re.Pattern[str] | None = None
        self._few = len(self._by_head) <= _FEW_HEADS
        #: Short texts masked so far: findings repeat their messages and quotes from
        #: file to file, and a run masks each of them again once a new secret is found.
        self._masked_texts: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if len(text) > _REMEMBERED_LENGTH:
            return self._mask(text)
        masked = self._masked_texts.get(text)
        if masked is None:
            masked = self._mask(text)
            if len(self._masked_texts) < _REMEMBERED_TEXTS:
                self._masked_texts[text] = masked
        return masked

    def _mask(self, text: str) -> str:
        if self._few and not any(head in text for head in self._by_head):
            return self._mask_clipped(text) if _CLIPPED in text else text
        if self._candidates is None:
            self._candidates = re.compile(rf"(?<![A-Za-z0-9_])(?={_trie(self._by_head)})")
        pieces: list[str] = []
        done = 0
        for edge in self._candidates.finditer(text):
            start = edge.start()
            if start < done:
                continue
            for value in self._by_head.get(text[start:start + MIN_SECRET_LENGTH], ()):
                end = start + len(value)
                if text.startswith(value, start) and (end == len(text) or not _word(text[end])):
                    pieces += (text[done:start], self._replacement[value])
                    done = end
                    break
        if done:
            text = "".join(pieces) + text[done:]
        return self._mask_clipped(text) if _CLIPPED in text else text

    def _mask_clipped(self, text: str) -> str:
        pieces: list[str] = []
        done = 0
        index = text.find(_CLIPPED)
        while index >= 0:
            for start in range(max(done, index - self._longest), index - 5):
                if (start == 0 or not _word(text[start - 1])) and (
                    masked := self._clipped(text[start:index])
                ):
                    pieces += (text[done:start], masked)
                    done = index + len(_CLIPPED)
                    break
            index = text.find(_CLIPPED, index + 1)
        return "".join(pieces) + text[done:] if done else text

    def _clipped(self, start: str) -> str | None:
        """The mask of a secret that ``start`` is the beginning of (and not all of).

        Past seven characters any such secret is longer than eight, and ``mask`` shows
        its first four: the one sorted right after ``start`` answers, with no table of
        every start of every secret (a project may hold thousands of keys)."""
        if len(start) <= _SHORT_START:
            return self._short_starts.get(start)
        index = bisect.bisect_right(self._sorted, start)
        if index < len(self._sorted) and self._sorted[index].startswith(start):
            return mask(self._sorted[index])
        return None


#: Up to this many secrets' heads are looked for one by one before the regex engine.
_FEW_HEADS = 16
#: Clipped starts up to this long are kept in a table (``_Masker._short_starts``).
_SHORT_START = 7


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, shared prefixes factored out: at each place the
    engine tries a few characters, not every word (a project may hold thousands)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, Any]) -> str:
    alternatives = [re.escape(char) + _branches(child)
                    for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    joined = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    if "" in node:  # a word ends here and longer ones go on: what follows is optional
        return f"(?:{joined})?"
    return joined


def _word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def mask_fix(fix: Fix | None, secrets: Sequence[str]) -> Fix | None:
    """``fix`` as a report may show it: its edits' text masked (never apply this one)."""
    if fix is None or not secrets:
        return fix
    edits = tuple(
        replace(edit, replacement=mask_secrets(edit.replacement, secrets)) for edit in fix.edits
    )
    return replace(fix, edits=edits, description=mask_secrets(fix.description, secrets))


def mask(secret: str) -> str:
    """At most the first four characters of a secret, then an ellipsis."""
    shown = secret[:4] if len(secret) > 8 else secret[:2] if len(secret) > 3 else ""
    return f"{shown}…"


def mask_line(
    number: int, line: str, literals: Sequence[SecretLiteral], values: Iterable[str] = ()
) -> str:
    """Source line ``number`` as a report may quote it, columns kept: the characters of
    each literal on it masked by span, then every secret value (``values``: the ones
    found in other files too) masked wherever it occurs (a comment repeating a key)."""
    chars = list(line)
    for literal in literals:
        if literal.start.line <= number <= literal.end.line:
            first = literal.start.column - 1 if literal.start.line == number else 0
            last = literal.end.column - 1 if literal.end.line == number else len(chars)
            _mask_span(chars, first, min(last, len(chars)), len(mask(literal.value)) - 1)
    return mask_secrets("".join(chars), [*literals, *values], keep_width=True)


def mask_source(source: str, literals: Sequence[SecretLiteral], values: Iterable[str] = ()) -> str:
    """The whole of ``source`` masked line by line as ``mask_line`` does, for diffs: only
    literals long enough to be secrets, so a diff around ``CustomerIO("s", "k")`` still
    applies."""
    values = tuple(values)
    literals = [literal for literal in literals if is_secret_value(literal.value)]
    masked = []
    for number, line in enumerate(lines_with_ends(source), start=1):
        body = strip_line_end(line)
        masked.append(mask_line(number, body, literals, values) + line[len(body):])
    return "".join(masked)


_QUOTES = "\"'"
#: Characters of a literal's span shown as written: quotes and the ``+`` and parentheses
#: of ``("sk_" + "...")``, so the masked line still reads as the code it quotes.
_KEPT = _QUOTES + "+()"


def _mask_span(chars: list[str], first: int, last: int, shown: int) -> None:
    """Replace ``chars[first:last]`` by ``*``, keeping ``_KEPT``, spaces, the opening
    prefix and quote, and ``shown`` characters of the value after it."""
    index = first
    while index < last and chars[index] not in _QUOTES:
        index += 1  # a prefix: b, r, f
    while index < last and chars[index] in _QUOTES:
        index += 1
    for hidden in range(index + shown, last):
        if chars[hidden] not in _KEPT and not chars[hidden].isspace():
            chars[hidden] = "*"


def _masked(secret: str, *, keep_width: bool) -> str:
    """``mask(secret)``, or for a literal as written (quotes included) its quotes kept."""
    quote = secret[-1] if secret[-1:] in _QUOTES and secret[:1] in _QUOTES + "bBrRfFuU" else ""
    if quote:
        opening = len(secret) - len(secret.lstrip("bBrRfFuU"))
        opening += len(secret[opening:]) - len(secret[opening:].lstrip(_QUOTES))
        inner = secret[opening:len(secret) - 1]
        masked = secret[:opening] + mask(inner) + quote
    else:
        masked = mask(secret)
    if keep_width:
        visible = masked.replace("…", "", 1) if quote else masked.rstrip("…")
        if quote:
            return masked.replace("…", "*" * (len(secret) - len(visible)), 1)
        masked = visible + "*" * (len(secret) - len(visible))
    return masked


_PLACEHOLDER = re.compile(
    r"^(your[_\- ].*|x{3,}|<.*>|\{.*\}|changeme|change[_\- ]me|placeholder|todo|fixme|"
    r"\.\.\.|\*+|test|dummy|example.*|replace[_\- ]?me.*|insert.*here|secret|api[_\- ]?key|"
    r"site[_\- ]?id|.*_here)$",
    re.IGNORECASE,
)


def is_placeholder(secret: str) -> bool:
    """Whether a credential literal is an obvious stand-in (``"YOUR_API_KEY"``), not a key."""
    return bool(_PLACEHOLDER.match(secret.strip()))
