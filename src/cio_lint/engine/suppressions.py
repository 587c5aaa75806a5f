"""Suppression comments: ``# noqa`` / ``// noqa``, ``cio-lint: ignore[...]``, and
``cio-lint: noqa`` for a file.

Comments are found by the file's frontend (Python's tokenizer, tree-sitter's comment
nodes), so a ``noqa`` inside a string or template is not a suppression. Only files
that mention one are read for comments. As ruff's ``# ruff: noqa``, ``# cio-lint: noqa``
(``// cio-lint: noqa``) on a line of its own silences the whole file, ``# cio-lint: noqa:
CIO201, CIO3`` only the codes and code prefixes it names. Each language writes them
after its own comment markers: ``#`` in Python; ``//`` or ``/*`` in JavaScript and
TypeScript (``/* noqa: CIO201 */``, ``{/* noqa: CIO201 */}`` in JSX).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from cio_lint.analysis.comment import Comment
from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.findings import Finding
from cio_lint.core.lines import lines_with_ends, strip_line_end

_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Patterns:
    """The suppression comments of one language, after its comment markers."""

    noqa: re.Pattern[str]
    ignore: re.Pattern[str]
    whole_file: re.Pattern[str]


@cache
def _patterns(markers: tuple[str, ...]) -> _Patterns:
    marker = "(?P<marker>" + "|".join(re.escape(m) for m in markers) + ")"
    # A block comment's own end may follow a file-wide comment: ``/* cio-lint: noqa */``.
    close = r"(?:\*/)?" if "/*" in markers else ""
    tail = "|".join(re.escape(m) for m in markers if m != "/*")
    return _Patterns(
        re.compile(marker + r"\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?",
                   re.IGNORECASE),
        re.compile(marker + r"\s*cio-lint:\s*ignore\[(?P<codes>[^\]]*)\]"),
        re.compile(
            r"(?P<text>" + marker + r"\s*cio-lint:\s*noqa"
            r"(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?)"
            + r"\s*" + close + r"\s*(?:(?:" + tail + r").*)?$",
            re.IGNORECASE,
        ),
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


def find_suppressions(source: str, path: str = "") -> dict[int, list[Suppression]]:
    """Suppression comments by line number (``path`` chooses the language)."""
    result: dict[int, list[Suppression]] = {}
    if "noqa" not in source and "cio-lint:" not in source:
        return result  # most files: no comment to look for
    frontend = frontend_for(path)
    patterns = _patterns(frontend.comment_markers)
    for comment in frontend.comments(source, path=path):
        if comment.own_line:
            whole = _file_suppression(patterns, comment)
            if whole is not None:
                result.setdefault(comment.line, []).append(whole)
                continue
        for suppression in _parse_comment(patterns, comment):
            result.setdefault(comment.line, []).append(suppression)
    return result


def _file_suppression(patterns: _Patterns, comment: Comment) -> Suppression | None:
    """``cio-lint: noqa[: CODES]`` alone on its line, or None."""
    match = patterns.whole_file.match(comment.text)
    if match is None:
        return None
    codes = match.group("codes")
    return Suppression(
        comment.line, comment.column,
        frozenset(c.upper() for c in re.findall(r"[A-Z]+[0-9]*", codes, re.I))
        if codes else None, match.group("text").rstrip(), whole_file=True,
    )


def _parse_comment(patterns: _Patterns, comment: Comment) -> list[Suppression]:
    found = []
    line, column = comment.line, comment.column
    for match in patterns.noqa.finditer(comment.text):
        codes = match.group("codes")
        found.append(
            Suppression(
                line,
                column + match.start(),
                frozenset(c.upper() for c in _CODE.findall(codes)) if codes else None,
                match.group(0),
            )
        )
    for match in patterns.ignore.finditer(comment.text):
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


def add_noqa_comments(
    source: str, findings: Sequence[Finding], path: str = ""
) -> tuple[str, list[Finding]]:
    """``source`` with a ``# noqa: CODE`` (``// noqa: CODE``) comment for every finding,
    merged with existing ones; and the findings that got one.

    The comment goes at the end of the finding's first suppression line that can hold
    one, as the frontend says: in Python a line the tokenizer ends (never one that ends
    inside a string or with a backslash continuation); in JavaScript a line whose end is
    code (never inside a string, template literal, block comment or between JSX tags).
    A finding with no such line gets no comment, rather than one that would suppress
    nothing or change what the file does (as ruff does).
    """
    frontend = frontend_for(path)
    patterns = _patterns(frontend.comment_markers)
    line_ends = frontend.line_comment_lines(source, path=path)
    comments: dict[int, Comment] = {}
    for found in frontend.comments(source, path=path):
        comments[found.line] = found  # the last one on a line is the one at its end
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
        comment: Comment | None = comments.get(number)
        if comment is not None and "\n" in comment.text:
            comment = None  # a block comment that ends on a later line
        text_lines[number - 1] = _with_codes(body, comment, codes, patterns,
                                             frontend.line_comment) + ending
    return "".join(text_lines), placed


def _with_codes(
    line: str, comment: Comment | None, codes: set[str], patterns: _Patterns, marker: str
) -> str:
    if comment is not None:
        start = comment.column - 1
        end = start + len(comment.text)
        text = comment.text
        noqa = patterns.noqa.search(text)
        if noqa is not None:
            if noqa.group("codes") is None:
                return line  # a bare noqa already suppresses every code
            merged = sorted(set(_CODE.findall(noqa.group("codes"))) | codes)
            text = (text[: noqa.start()] + f"{noqa.group('marker')} noqa: {', '.join(merged)}"
                    + text[noqa.end():])
            return line[:start] + text + line[end:]
        ignore = patterns.ignore.search(text)
        if ignore is not None:
            merged = sorted(set(_CODE.findall(ignore.group("codes"))) | codes)
            text = (text[: ignore.start()]
                    + f"{ignore.group('marker')} cio-lint: ignore[{', '.join(merged)}]"
                    + text[ignore.end():])
            return line[:start] + text + line[end:]
    return f"{line.rstrip()}  {marker} noqa: {', '.join(sorted(codes))}"
