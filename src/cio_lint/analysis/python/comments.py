"""Python's comments as its tokenizer sees them: a ``#`` inside a string is no comment."""

from __future__ import annotations

import io
import tokenize

from cio_lint.analysis.comment import Comment
from cio_lint.core.lines import with_lf_line_ends


def tokens(source: str) -> list[tokenize.TokenInfo]:
    """``source``'s tokens, in Python's lines (a lone ``\\r`` ends a line for Python but
    not for ``io.StringIO``); none if it does not tokenize."""
    readline = io.StringIO(with_lf_line_ends(source)).readline
    try:
        return list(tokenize.generate_tokens(readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []


def comments(source: str) -> list[Comment]:
    """Every ``#`` comment, with whether it stands alone on its line."""
    return [
        Comment(token.start[0], token.start[1] + 1, token.string,
                own_line=not token.line[: token.start[1]].strip())
        for token in tokens(source)
        if token.type == tokenize.COMMENT
    ]


def line_comment_lines(source: str) -> frozenset[int]:
    """Lines the tokenizer ends (never one that ends inside a string or with a
    backslash continuation): a ``#`` comment there comments out nothing."""
    return frozenset(
        token.start[0] for token in tokens(source)
        if token.type in (tokenize.NEWLINE, tokenize.NL)
    )
