"""Code quoted in a message: one line, comments dropped, whitespace runs collapsed.

A message is one short sentence, so an expression written over several lines (with a
comment on each) is quoted as the single line it would be without them. Strings keep
their text: only the space between tokens is rewritten.
"""

from __future__ import annotations

import io
import re
import tokenize

#: Every character ``str.splitlines`` breaks at: none may survive in a quote.
_LINE_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+\s*")
_SKIPPED = frozenset({
    tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
    tokenize.ENDMARKER,
})
_OPENERS = frozenset({"(", "[", "{"})
_CLOSERS = frozenset({")", "]", "}", ","})
#: Python 3.12 splits an f-string into tokens; it is quoted whole, as written.
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


#: What tokenizing could change in a text: a line break or other whitespace than one
#: space, a comment, or a space just inside a bracket or before a comma.
_REWRITABLE = re.compile(r"[^\S ]|  |#|[(\[{] | [)\]},]|^ | $")


def one_line(text: str) -> str:
    """``text`` (an expression's source) on one line, without its comments."""
    if not _REWRITABLE.search(text):
        return text  # most quotes: one line, single spaces between tokens, nothing to drop
    wrapped = f"({text}\n)"  # brackets let a fragment span lines; the newline ends a comment
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(wrapped).readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return " ".join(text.split())
    pieces = _pieces(io.StringIO(wrapped).readlines(), tokens)  # the lines tokenize saw
    joined = "".join(pieces[1:-1]).strip()  # without the brackets added above
    return _LINE_BREAKS.sub(" ", joined)  # a triple-quoted string may span lines


def _pieces(lines: list[str], tokens: list[tokenize.TokenInfo]) -> list[str]:
    """The tokens' texts, one space where any whitespace or line break separated two."""
    pieces: list[str] = []
    previous: tokenize.TokenInfo | None = None
    depth = 0
    fstring_start = (0, 0)
    for token in tokens:
        if token.type in _SKIPPED and depth == 0:
            continue
        if token.type == _FSTRING_START:
            depth += 1
            if depth == 1:
                fstring_start = token.start
            continue
        if depth:
            if token.type == _FSTRING_END:
                depth -= 1
                if depth == 0:
                    token = token._replace(
                        string=_slice(lines, fstring_start, token.end), start=fstring_start
                    )
            if depth:
                continue
        if previous is not None and _separated(previous, token):
            pieces.append(" ")
        pieces.append(token.string)
        previous = token
    return pieces


def _separated(previous: tokenize.TokenInfo, token: tokenize.TokenInfo) -> bool:
    if previous.end == token.start:
        return False
    return previous.string not in _OPENERS and token.string not in _CLOSERS


def _slice(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The source between two token positions (1-based lines, 0-based columns)."""
    if start[0] == end[0]:
        return lines[start[0] - 1][start[1]:end[1]]
    middle = lines[start[0]:end[0] - 1]
    return "".join([lines[start[0] - 1][start[1]:], *middle, lines[end[0] - 1][:end[1]]])

