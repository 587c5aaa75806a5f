"""Source positions of nodes, from a lean code-generation pass over what is asked.

LibCST's ``PositionProvider`` goes through the metadata machinery (a deep copy
check, a batched visit) and builds a ``CodeRange`` for every node twice over
(whitespace-inclusive, then syntactic); that cost more than parsing itself.
Only reported nodes need a position, and only in files with findings, so this
generates code tracking line and column (``span_generation``), and keeps plain
tuples of the span of every node, with the same meaning as ``PositionProvider``'s.
``ModuleSpans`` generates only the top-level statements that hold a node asked about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from cio_lint.analysis.python.span_generation import generate
from cio_lint.analysis.python.span_state import PositionState, ReportedPositionState, Span

__all__ = ["ModuleSpans", "Span", "syntactic_spans"]


def syntactic_spans(module: cst.Module, every_node: bool = False) -> dict[int, Span]:
    """The span of every node of ``module`` (whitespace and punctuation only with
    ``every_node``), keyed by ``id(node)``."""
    state = (PositionState if every_node else ReportedPositionState)(
        default_indent=module.default_indent, default_newline=module.default_newline,
    )
    generate(module, state)
    return state.spans


class ModuleSpans:
    """The spans of a module's nodes, generated one top-level statement at a time.

    Rules ask about a few nodes of a module, and generating the code of every
    statement to find them took a sixth of a run on dense code. CPython's tree says
    on which line each top-level statement starts, and the semantic pass which
    statement each node is in, so only the statements that hold a node asked about
    are generated. Each one must end where the next starts: anything that does not
    add up, or a node the pass did not note, falls back to the whole module.
    """

    def __init__(
        self,
        module: cst.Module,
        *,
        statement_lines: Sequence[int] | None = None,
        statement_of: Mapping[int, int] | None = None,
        line_count: int = 0,
    ) -> None:
        self._module = module
        self._statement_of = statement_of or {}
        self._starts = (
            _statement_starts(module, statement_lines) if statement_lines is not None else None
        )
        self._line_count = line_count
        self._spans: dict[int, Span] = {}
        self._generated: set[int] = set()
        #: The whole module was generated: its reported nodes, or every node.
        self._whole = False
        self._every_node = False

    def known(self, node: cst.CSTNode) -> Span | None:
        """The node's span if it was generated already (nothing is generated)."""
        return self._spans.get(id(node))

    def span(self, node: cst.CSTNode) -> Span:
        """The node's span, generating its statement (or the module) if need be."""
        key = id(node)
        found = self._spans.get(key)
        if found is not None:
            return found
        index = self._statement_of.get(key)
        if (
            index is not None and not self._whole and index not in self._generated
            and self._generate(index)
        ):
            found = self._spans.get(key)
            if found is not None:
                return found
        if not self._whole:
            self._spans, self._whole = syntactic_spans(self._module), True
            found = self._spans.get(key)
            if found is not None:
                return found
        if not self._every_node:  # whitespace or punctuation: every node's span, once
            self._spans, self._every_node = syntactic_spans(self._module, every_node=True), True
        return self._spans[key]

    def _generate(self, index: int) -> bool:
        """Generate top-level statement ``index`` alone; False (and never again) when
        its start is unknown or it does not end where what follows it starts."""
        starts = self._starts
        if starts is None or starts[index] is None:
            return False
        module = self._module
        body = module.body
        if index + 1 < len(body):
            end = starts[index + 1]
        else:  # the last statement ends where the module's trailing comments begin
            end = self._line_count + 1 - len(module.footer)
        state = ReportedPositionState(
            default_indent=module.default_indent, default_newline=module.default_newline,
            line=starts[index] or 0,
        )
        generate(body[index], state)
        if (state.line, state.column) != (end, 0):
            self._starts = None
            return False
        self._spans.update(state.spans)
        self._generated.add(index)
        return True


def _statement_starts(
    module: cst.Module, statement_lines: Sequence[int]
) -> list[int | None] | None:
    """The line each top-level statement's code (its leading comments and blank lines
    included) starts on, from the lines CPython gives for its first token; None for a
    statement whose first token's line cannot be told, None for all when CPython's
    statements do not match LibCST's."""
    starts: list[int | None] = []
    at = 0
    for statement in module.body:
        if at >= len(statement_lines):
            return None
        line = statement_lines[at] - len(statement.leading_lines)
        at += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        decorators: Sequence[cst.Decorator] = getattr(statement, "decorators", ())
        if not decorators:
            starts.append(line)
            continue
        # CPython gives the line of the first decorator's expression: the line of its
        # ``@`` unless a bracket or a backslash comes between them.
        first = decorators[0]
        if first.decorator.lpar or any(
            c in first.whitespace_after_at.value for c in "\r\n\\"
        ):
            starts.append(None)
        else:
            starts.append(line - len(first.leading_lines))
    return starts if at == len(statement_lines) else None
