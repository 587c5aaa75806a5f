"""Read the expected findings written in fixture files.

A flagged line ends with ``# expect: CODE@COLUMN`` (several separated by commas);
``# expect-next-line: ...`` puts the annotation on the line above when the flagged
line cannot hold a comment. Everything else in a fixture must produce nothing.
JavaScript and TypeScript fixtures write the same in ``//`` or ``/* */`` comments.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from cio_lint.core.languages import NODE_SUFFIXES

_ANNOTATION = re.compile(r"#\s*expect(?P<next>-next-line)?:\s*(?P<items>[^#]*)")
_ITEM = re.compile(r"(CIO\d{3})@(\d+)")

Expected = tuple[str, int, int, str]  # (path, line, column, code)


_JS_ANNOTATION = re.compile(r"(?://|/\*)\s*expect(?P<next>-next-line)?:\s*(?P<items>[^*\n]*)")
#: File name endings of fixtures read as JavaScript or TypeScript.
JS_SUFFIXES = NODE_SUFFIXES


def expected_findings(path: Path, display: str) -> set[Expected]:
    """Every ``(path, line, column, code)`` the fixture file announces."""
    expected: set[Expected] = set()
    source = path.read_text(encoding="utf-8")
    if path.name.endswith(JS_SUFFIXES):
        for number, text in enumerate(source.splitlines(), start=1):
            for match in _JS_ANNOTATION.finditer(text):
                line = number + (1 if match.group("next") else 0)
                items = _ITEM.findall(match.group("items"))
                if not items:
                    raise ValueError(f"{display}:{line}: malformed expect annotation {text!r}")
                expected.update((display, line, int(column), code) for code, column in items)
        return expected
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        match = _ANNOTATION.search(token.string)
        if match is None:
            continue
        line = token.start[0] + (1 if match.group("next") else 0)
        items = _ITEM.findall(match.group("items"))
        if not items:
            raise ValueError(f"{display}:{line}: malformed expect annotation {token.string!r}")
        for code, column in items:
            expected.add((display, line, int(column), code))
    return expected
