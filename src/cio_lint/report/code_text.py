"""Code shown on one line of a human report: a multi-line call, compact and cut to fit.

A finding's ``wrong`` code may span many lines (a call with one argument per line);
the text report shows it on one line, the way a reader would write it there:
comments dropped, line breaks and indentation between tokens a single space (none
just inside a bracket), string literals exactly as written. Python's tokenizer says
where strings and comments are, so a ``#`` inside a string is never taken for one;
it only reads the text, nothing is ever run.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize
from collections.abc import Iterator

from cio_lint.core.findings import Position

#: Characters of code shown on a ``wrong:`` line before it is cut with an ellipsis
#: (with its label, the line fits in 88 columns).
WIDTH = 76
ELLIPSIS = "…"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BREAKS = re.compile(r"[ \t\f]*(?:\\?(?:\r\n|\r|\n)[ \t\f]*)+")
_SPACES = re.compile(r"[ \t\f]+")
_OPENERS, _CLOSERS = "([{", ")]}"
#: Tokens that open and close a string built of several tokens (f-strings from
#: Python 3.12, t-strings from 3.14); older versions have no such tokens.
_STRING_START, _STRING_END = {"FSTRING_START", "TSTRING_START"}, {"FSTRING_END", "TSTRING_END"}


def is_multiline(text: str) -> bool:
    return _LINE_BREAK.search(text.strip()) is not None


def compact(text: str) -> str:
    """``text`` on one line: comments dropped, whitespace outside strings collapsed.

    Text the tokenizer cannot read to the end (a call cut short) is compacted as far
    as it could read it and kept as written from there. One line with no comment sign
    and no run of blanks is already compact (most findings' code is): it is not
    tokenized, and the rest is tokenized once per distinct text.
    """
    text = text.strip()
    if _ALREADY_COMPACT.fullmatch(text):
        return text
    return _compacted(text)


#: One line without ``#``, tabs or form feeds, and without two spaces in a row.
_ALREADY_COMPACT = re.compile(r"(?:[^#\r\n \t\f]| (?! ))*")


@functools.lru_cache(maxsize=4096)
def _compacted(text: str) -> str:
    pieces: list[str | None] = []  # None: a line break, resolved once its neighbours are
    position = 0
    for start, end, kind in _regions(text):
        pieces.extend(_code_pieces(text[position:start]))
        if kind != "comment":
            pieces.append(text[start:end])
        position = end
    pieces.extend(_code_pieces(text[position:]))
    return _joined(pieces).strip() or text


def shorten(text: str, width: int = WIDTH) -> str:
    """``text`` cut with an ellipsis when it is longer than ``width`` characters."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + ELLIPSIS


def span_text(lines: dict[int, str], start: Position, end: Position) -> tuple[str, bool]:
    """The quoted source from ``start`` to ``end``, and whether all of it was quoted.

    Lines a report does not have (the middle of a long span) end the text.
    """
    texts: list[str] = []
    for number in range(start.line, end.line + 1):
        if number not in lines:
            return "\n".join(texts), False
        text = lines[number]
        if number == end.line:
            text = text[: end.column - 1]
        if number == start.line:
            text = text[start.column - 1:]
        texts.append(text)
    return "\n".join(texts), True


def _regions(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each string and comment in ``text``, in order; kind
    ``verbatim`` for the part the tokenizer could not read."""
    offsets = _line_offsets(text)
    depth, string_start = 0, 0
    last = 0
    tokens = tokenize.generate_tokens(io.StringIO(text, newline="").readline)
    try:
        for token in tokens:
            name = tokenize.tok_name[token.type]
            start = offsets[token.start[0] - 1] + token.start[1]
            end = offsets[token.end[0] - 1] + token.end[1]
            if name in _STRING_START:
                if depth == 0:
                    string_start = start
                depth += 1
            elif name in _STRING_END:
                depth -= 1
                if depth == 0:
                    yield string_start, end, "string"
            elif depth == 0 and name in ("STRING", "COMMENT"):
                yield start, end, name.lower()
            if depth == 0 and name not in ("NL", "NEWLINE", "INDENT", "DEDENT"):
                last = max(last, end)
    except (tokenize.TokenError, SyntaxError):
        rest = len(text) - len(text[last:].lstrip())
        if rest < len(text):
            yield rest, len(text), "verbatim"


def _line_offsets(text: str) -> list[int]:
    """Where each line starts, lines split as the tokenizer reads them."""
    offsets, position = [0], 0
    for line in io.StringIO(text, newline="").readlines():
        position += len(line)
        offsets.append(position)
    return offsets


def _code_pieces(code: str) -> list[str | None]:
    """Code between strings and comments: runs of blanks one space, each line break
    (with the indentation around it) a ``None``."""
    pieces: list[str | None] = []
    for index, part in enumerate(_BREAKS.split(code)):
        if index:
            pieces.append(None)
        if part:
            pieces.append(_SPACES.sub(" ", part))
    return pieces


def _joined(pieces: list[str | None]) -> str:
    """The pieces as one line: a line break is nothing just inside a bracket, next to a
    blank or another break, and one space elsewhere."""
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if piece is not None:
            out.append(piece)
            continue
        before = out[-1][-1:] if out else ""
        following = next((p for p in pieces[index + 1:] if p is not None), "")
        after = following[:1]
        if before in ("", " ") or before in _OPENERS or after in ("", " ") or after in _CLOSERS:
            continue
        out.append(" ")
    return "".join(out)
