"""``# noqa`` and ``# cio-lint: ignore[...]`` comments, and ``# cio-lint: noqa`` for a file.

Comments are found with the tokenizer, so a ``# noqa`` inside a string is not
a suppression. Only files that have findings are tokenized. As ruff's
``# ruff: noqa``, ``# cio-lint: noqa`` on a line of its own silences the whole file,
``# cio-lint: noqa: CIO201, CIO3`` only the codes and code prefixes it names.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cio_lint.core.findings import Finding
from cio_lint.core.lines import lines_with_ends, strip_line_end, with_lf_line_ends

_NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE
)
_IGNORE = re.compile(r"#\s*cio-lint:\s*ignore\[(?P<codes>[^\]]*)\]")
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)
_FILE = re.compile(
    r"(?P<text>#\s*cio-lint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?)"
    r"\s*(?:#.*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: its line, and the codes it names (None = all)."""

    line: int
    column: int
    codes: frozenset[str] | None
    text: str
    #: ``# cio-lint: noqa``: the codes are prefixes and the whole file is silenced.
    whole_file: bool = False

    def names(self, code: str) -> bool:
        """Whether this comment silences ``code`` (a file-wide one names prefixes)."""
        if self.codes is None:
            return True
        if self.whole_file:
            return any(code.startswith(prefix) for prefix in self.codes)
        return code in self.codes


def find_suppressions(source: str) -> dict[int, list[Suppression]]:
    """Suppression comments by line number."""
    result: dict[int, list[Suppression]] = {}
    if "noqa" not in source and "cio-lint:" not in source:
        return result  # most files: nothing to tokenize for
    tokens = _tokens(source)
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        line, column = token.start
        if not token.line[:column].strip():
            whole = _file_suppression(token.string, line, column + 1)
            if whole is not None:
                result.setdefault(line, []).append(whole)
                continue
        for suppression in _parse_comment(token.string, line, column + 1):
            result.setdefault(line, []).append(suppression)
    return result


def _file_suppression(comment: str, line: int, column: int) -> Suppression | None:
    """``# cio-lint: noqa[: CODES]`` alone on its line, or None."""
    match = _FILE.match(comment)
    if match is None:
        return None
    codes = match.group("codes")
    return Suppression(
        line, column, frozenset(c.upper() for c in re.findall(r"[A-Z]+[0-9]*", codes, re.I))
        if codes else None, match.group("text").rstrip(), whole_file=True,
    )


def _parse_comment(comment: str, line: int, column: int) -> list[Suppression]:
    found = []
    for match in _NOQA.finditer(comment):
        codes = match.group("codes")
        found.append(
            Suppression(
                line,
                column + match.start(),
                frozenset(c.upper() for c in _CODE.findall(codes)) if codes else None,
                match.group(0),
            )
        )
    for match in _IGNORE.finditer(comment):
        codes = frozenset(c.upper() for c in _CODE.findall(match.group("codes")))
        found.append(Suppression(line, column + match.start(), codes or None, match.group(0)))
    return found


def is_suppressed(finding: Finding, comments: Mapping[int, Sequence[Suppression]]) -> bool:
    """Does a comment on one of the finding's suppression lines name its code (or all)?"""
    lines = finding.suppression_lines or (finding.start.line,)
    return any(
        s.names(finding.code) for line in lines for s in comments.get(line, ())
    ) or any(s.whole_file and s.names(finding.code) for s in _all(comments))


def _all(comments: Mapping[int, Sequence[Suppression]]) -> list[Suppression]:
    return [s for items in comments.values() for s in items]


@dataclass(frozen=True)
class UnusedCode:
    """A code in a suppression comment that silenced nothing (or is unknown)."""

    suppression: Suppression
    code: str
    unknown: bool


def unused_codes(
    comments: Mapping[int, Sequence[Suppression]],
    suppressed: Sequence[Finding],
    enabled: frozenset[str],
    known: frozenset[str],
) -> list[UnusedCode]:
    """cio-lint codes named in comments that matched no suppressed finding.

    Codes of rules that are not selected are not judged (their comment may be for a
    run that selects them), nor are other tools' codes or bare ``# noqa``.
    """
    used: set[tuple[int, str]] = set()
    for finding in suppressed:
        for line in finding.suppression_lines or (finding.start.line,):
            for comment in comments.get(line, ()):
                if comment.codes is not None and finding.code in comment.codes:
                    used.add((line, finding.code))
        for comment in _all(comments):
            if comment.whole_file and comment.codes is not None:
                used.update((comment.line, prefix) for prefix in comment.codes
                            if finding.code.startswith(prefix))
    result = []
    for line, line_comments in sorted(comments.items()):
        for comment in line_comments:
            for code in sorted(comment.codes or ()):
                if not code.startswith("CIO") or "CIO900".startswith(code):
                    continue
                covered = {k for k in known if k.startswith(code)} if comment.whole_file \
                    else {code} & known
                if not covered:
                    result.append(UnusedCode(comment, code, unknown=True))
                elif covered & enabled and (line, code) not in used:
                    result.append(UnusedCode(comment, code, unknown=False))
    return result


def add_noqa_comments(source: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """``source`` with a ``# noqa: CODE`` comment for every finding, merged with existing
    ones; and the findings that got one.

    The comment goes at the end of the finding's first suppression line that can hold
    one: a line whose end the tokenizer sees as the end of a line (never a line that
    ends inside a string or with a backslash continuation). A finding with no such
    line gets no comment, rather than one that would suppress nothing.
    """
    tokens = _tokens(source)
    line_ends = {t.start[0] for t in tokens if t.type in (tokenize.NEWLINE, tokenize.NL)}
    comments = {t.start[0]: t for t in tokens if t.type == tokenize.COMMENT}
    wanted: dict[int, set[str]] = {}
    placed: list[Finding] = []
    for finding in findings:
        lines = sorted(set(finding.suppression_lines or ()) | {finding.start.line},
                       key=lambda line: (line != finding.start.line, line))
        line = next((n for n in lines if n in line_ends), None)
        if line is not None:
            wanted.setdefault(line, set()).add(finding.code)
            placed.append(finding)
    text_lines = lines_with_ends(source)
    for number, codes in wanted.items():
        if not 0 < number <= len(text_lines):
            continue
        raw = text_lines[number - 1]
        body = strip_line_end(raw)
        ending = raw[len(body):]
        comment = comments.get(number)
        text_lines[number - 1] = _with_codes(body, comment, codes) + ending
    return "".join(text_lines), placed


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    """``source``'s tokens, in Python's lines (a lone ``\r`` ends a line for Python but
    not for ``io.StringIO``); none if it does not tokenize."""
    readline = io.StringIO(with_lf_line_ends(source)).readline
    try:
        return list(tokenize.generate_tokens(readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []


def _with_codes(line: str, comment: tokenize.TokenInfo | None, codes: set[str]) -> str:
    if comment is not None:
        start, end = comment.start[1], comment.end[1]
        text = comment.string
        noqa = _NOQA.search(text)
        if noqa is not None:
            if noqa.group("codes") is None:
                return line  # a bare noqa already suppresses every code
            merged = sorted(set(_CODE.findall(noqa.group("codes"))) | codes)
            text = text[: noqa.start()] + f"# noqa: {', '.join(merged)}" + text[noqa.end():]
            return line[:start] + text + line[end:]
        ignore = _IGNORE.search(text)
        if ignore is not None:
            merged = sorted(set(_CODE.findall(ignore.group("codes"))) | codes)
            text = (text[: ignore.start()] + f"# cio-lint: ignore[{', '.join(merged)}]"
                    + text[ignore.end():])
            return line[:start] + text + line[end:]
    return f"{line.rstrip()}  # noqa: {', '.join(sorted(codes))}"
