"""The semantic model of one Python module: what is a Customer.io client, what is an SDK call.

One LibCST pass (``collection``) records scopes, bindings and call sites with their
context (enclosing function, loops, ``try`` blocks, branches). Resolution happens
afterwards, lazily, so a client assigned below its first use still resolves. The
layers stack: names, then clients, then calls, then dataflow.

The model deliberately avoids LibCST's generic scope and qualified-name providers:
they cost several times the parse, and we need far less.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from cio_lint.analysis.python.collection import Collector
from cio_lint.analysis.python.constants import exported_constants
from cio_lint.analysis.python.dataflow import Dataflow
from cio_lint.analysis.python.positions import ModuleSpans
from cio_lint.analysis.python.walk import FieldWalker
from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import ClientName


class SemanticModel(Dataflow):
    """Answers, for one module, the questions the frontend's queries are built on."""

    def __init__(
        self,
        module: cst.Module,
        *,
        module_name: str = "",
        is_package: bool = False,
        client_names: Sequence[ClientName] = (),
        external: Mapping[str, Knowledge] | None = None,
        source: str | None = None,
        statement_lines: Sequence[int] | None = None,
    ) -> None:
        """``statement_lines``: the line CPython says each top-level statement starts on
        (when it read ``source`` too), so that positions are generated per statement."""
        super().__init__(
            module,
            module_name=module_name,
            is_package=is_package,
            client_names=client_names,
            external=external,
            source=source,
        )
        marks = FieldWalker(Collector(self)).walk_marking(module)
        if statement_lines is not None and self._source_lines is not None:
            self.spans = ModuleSpans(
                module, statement_lines=statement_lines, statement_of=marks,
                line_count=len(self._source_lines),
            )

    def exports(self) -> dict[str, Knowledge]:
        """What this module tells the rest of the program (see ``ModuleModel.exports``)."""
        return {**exported_constants(self), **self.exported_clients()}
