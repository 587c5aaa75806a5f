"""A comment as a language's parser sees it: kept apart from the frontend protocol,
which every run loads to find its files, because only suppressions read comments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Comment:
    """One comment as the language's parser sees it (never text inside a string), so
    suppression comments are found only where they are comments."""

    line: int
    #: 1-based character column of the comment's first character (its marker).
    column: int
    #: The comment as written, with its markers (``//``, ``/* */``, ``#``).
    text: str
    #: Only whitespace precedes it on its line (where a file-wide comment may stand).
    own_line: bool
