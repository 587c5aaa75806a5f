r"""Text a terminal, a log viewer or a problem matcher can show without obeying it.

Paths, messages and quoted source come from the files being linted, so they may
hold anything: an ESC that clears the screen, a BEL, a vertical tab or a line
separator that breaks one finding's line in two, or a newline in a file name that
forges a whole finding line. Every human-readable format passes such text through
``escape_controls``, which writes each control character (C0 except tab, DEL, C1,
U+2028 and U+2029) as a visible escape, the way Python's ``repr`` would.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_NEWLINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x0b": "\\v", "\x0c": "\\f"}


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with each control character written as a visible escape (``\\x1b``).

    ``keep_newlines`` leaves CR and LF for a format that encodes them itself (GitHub's
    ``%0A``), where a multi-line correct example should stay multi-line.
    """
    return (_CONTROL_BUT_NEWLINES if keep_newlines else _CONTROL).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped_width(text: str) -> int:
    """How many columns ``text`` takes once escaped (for markers under quoted source)."""
    return len(escape_controls(text))
