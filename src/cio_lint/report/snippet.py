"""The quoted source under a finding of the text report, with one row of markers.

A finding on one line is underlined with carets. A finding over several lines gets
a margin (``/`` where it starts, ``|`` down the lines it covers) and one closing row
that runs to a caret under its last character, as ruff draws it; lines the report
was not given (the middle of a long span) are one ``...`` row.
"""

from __future__ import annotations

from cio_lint.core.escaping import escape_controls, escaped_width
from cio_lint.core.findings import Finding

GAP = "..."


def source_rows(finding: Finding, lines: dict[int, str]) -> list[str]:
    """The rows quoting ``finding``'s source (none when none of it was quoted)."""
    start, end = finding.start, finding.end
    numbers = [n for n in range(start.line, end.line + 1) if n in lines]
    if not numbers:
        return []
    gap = _has_gap(numbers, start.line) or end.line not in lines
    width = max(len(str(numbers[-1])), len(GAP) if gap else 0)
    blank = " " * width
    rows = [f"  {blank} |"]
    if start.line == end.line:
        text = lines[start.line].expandtabs(1)
        rows.append(f"  {start.line:>{width}} | {escape_controls(text)}")
        first = escaped_width(text[: start.column - 1])
        last = escaped_width(text[: end.column - 1])
        rows.append(f"  {blank} | {' ' * first}{'^' * max(1, last - first)}")
        return rows
    previous = start.line - 1
    for number in numbers:
        if number != previous + 1:
            rows.append(f"  {GAP:>{width}} | |")
        margin = "/" if number == start.line else "|"
        text = escape_controls(lines[number].expandtabs(1))
        rows.append(f"  {number:>{width}} | {margin} {text}")
        previous = number
    if end.line in lines:
        text = lines[end.line].expandtabs(1)
        # The caret sits under the span's last character (its end is exclusive).
        caret = 2 + escaped_width(text[: max(0, end.column - 2)])
    else:
        rows.append(f"  {GAP:>{width}} | |")
        caret = 2
    rows.append(f"  {blank} | |{'_' * (caret - 1)}^")
    return rows


def _has_gap(numbers: list[int], first: int) -> bool:
    expected = range(first, first + len(numbers))
    return list(expected) != numbers
