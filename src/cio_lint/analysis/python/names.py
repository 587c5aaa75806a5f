"""Name resolution: what a name or dotted expression refers to at a point of a module.

Also holds the model's state and source positions, which every layer above uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

import libcst as cst
from libcst.metadata import CodeRange

from cio_lint.analysis.python.node_classes import subclass_test
from cio_lint.analysis.python.positions import ModuleSpans, Span
from cio_lint.analysis.python.scopes import Binding, CallSite, ClientClass, Scope, StandIn
from cio_lint.analysis.records import CallContext, Function, SdkCall
from cio_lint.analysis.summaries import ClientParameter, Knowledge, parameter_key
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.config import ClientName
from cio_lint.core.lines import lines_with_ends

#: How many assignments, bindings or factory hops resolution follows before giving up.
MAX_DEPTH = 8
#: A dotted name with more parts than this names nothing importable (no package nests
#: that deep): resolution gives up rather than walk a long attribute chain for each link.
MAX_DOTTED_PARTS = 64


#: Whether a node class is an expression (asked for every node whose code is sliced).
_is_expression = subclass_test(cst.BaseExpression)


class NameResolution:
    """The model's state, source positions and name lookup; the base of every layer."""

    def __init__(
        self,
        module: cst.Module,
        *,
        module_name: str = "",
        is_package: bool = False,
        client_names: Sequence[ClientName] = (),
        external: Mapping[str, Knowledge] | None = None,
        source: str | None = None,
    ) -> None:
        self.module = module
        #: The text the module was parsed from (LibCST round-trips it exactly).
        self._source_lines = lines_with_ends(source) if source is not None else None
        self.module_name = module_name
        self.is_package = is_package
        self.client_names = {c.name: c.kind for c in client_names}
        self.external = dict(external or {})
        self.root = Scope("module", None, module)
        #: Every scope of the module, the root first (the collection pass adds the rest).
        self.scopes: list[Scope] = [self.root]
        self.functions: list[Function] = []
        self.classes: dict[str, Scope] = {}
        self.call_sites: list[CallSite] = []
        #: Every ``import``/``from`` statement, for rules about SDK names.
        self.imports: list[tuple[cst.Import | cst.ImportFrom, str, cst.CSTNode]] = []
        #: Assignments to attributes (``analytics.host = ...``), with scope and order.
        self.attribute_assignments: list[
            tuple[cst.Attribute, cst.BaseExpression, Scope, int, CallContext]
        ] = []
        #: Assignments to subscripts (``payload["to"] = ...``), with scope and order: a dict
        #: literal changed after it was written.
        self.subscript_assignments: list[
            tuple[cst.Subscript, cst.BaseExpression | None, Scope, int]
        ] = []
        #: Unresolved names imported from project modules (for the project phase).
        self.project_imports: set[str] = set()
        #: Attribute chains rooted at a name imported from ``customerio`` (``customerio.X``,
        #: ``analytics.endpoint``), with their scope: every use of an SDK name by attribute.
        self.sdk_attributes: list[tuple[cst.Attribute, Scope]] = []
        #: Literals standing in for constants of other modules, and the expression each is
        #: written as here (its positions): by the id of either.
        self.stand_ins: dict[int, StandIn] = {}
        #: Node spans, generated as asked (``SemanticModel`` gives it what makes that fast).
        self.spans = ModuleSpans(module)
        #: The module was parsed from ``source`` itself (not with string parts left
        #: out), so its code can be sliced from the source.
        self.sliceable = False
        self._code: dict[cst.CSTNode, str] = {}  # identity-keyed: holds the node
        self._kind_memo: dict[int, ClientKind | None] = {}
        self._factory_memo: dict[int, ClientKind | None] = {}
        self._class_memo: dict[int, ClientClass | None] = {}
        self._sdk_calls: list[SdkCall] | None = None
        self._constructions: list[SdkCall] = []
        self._requests: list[SdkCall] = []
        self._call_graph: (
            tuple[dict[int, list[CallSite]], dict[int, dict[int, Function]]] | None
        ) = None

    def client_parameter(self, function: str | None, param: str) -> ClientKind | None:
        """The kind of client every project call passes for ``param`` of ``function``
        (``func`` or ``Class.method`` of this module), as the project phase found."""
        if function is None or not self.external:
            return None
        knowledge = self.external.get(parameter_key(self.module_name, function, param))
        return knowledge.kind if isinstance(knowledge, ClientParameter) else None

    def release(self) -> None:
        """Break the cycles between scopes (a class scope is bound in its parent and
        points back at it; a method's ``self.x`` bindings point at the method), which
        would keep the whole tree alive until the cyclic collector traversed it."""
        for scope in self.scopes:
            scope.bindings.clear()
            scope.attributes.clear()
            scope.parent = None
            scope.owner_class = None

    # -- positions and source text -------------------------------------------------

    def code(self, node: cst.CSTNode) -> str:
        """The node's source text (rules ask for the same nodes repeatedly: memoised)."""
        text = self._code.get(node)
        if text is None:
            text = self._code[node] = self._sliced(node) or self.module.code_for_node(node)
        return text

    def _sliced(self, node: cst.CSTNode) -> str | None:
        """The node's code sliced from the source where that is exactly what generating
        it gives, once positions are known: an expression of the parsed tree on one line
        without parentheses of its own (generated alone, code on several lines loses the
        indentation of the block around it, and parentheses fall outside its span)."""
        lines = self._source_lines
        span = self.spans.known(node)
        if (
            span is None
            or span[0] != span[2]
            or lines is None
            or not self.sliceable
            or not _is_expression(type(node))
            or cast(cst.BaseExpression, node).lpar
            or id(node) in self.stand_ins
        ):
            return None
        return lines[span[0] - 1][span[1]:span[3]]

    def source_text(self, node: cst.CSTNode) -> str:
        """The node's text as written, sliced from the source by its span: the same as
        ``code`` for a node of the parsed tree, without generating code again."""
        lines = self._source_lines
        if lines is None:
            return self.code(node)
        start_line, start_column, end_line, end_column = self.span_of(node)
        if start_line == end_line:
            return lines[start_line - 1][start_column:end_column]
        middle = lines[start_line: end_line - 1]
        return "".join([lines[start_line - 1][start_column:], *middle,
                        lines[end_line - 1][:end_column]])

    def range(self, node: cst.CSTNode) -> CodeRange:
        """The node's source range (generated only when asked)."""
        start_line, start_column, end_line, end_column = self.span_of(node)
        return CodeRange((start_line, start_column), (end_line, end_column))

    def span_of(self, node: cst.CSTNode) -> Span:
        """``range`` as a plain tuple (start line, start column, end line, end column;
        columns from 0), for the many callers that build their own positions from it."""
        stand_in = self.stand_ins.get(id(node))
        if stand_in is not None:
            node = stand_in.written
        return self.spans.span(node)

    # -- names ---------------------------------------------------------------------

    def lookup(self, name: str, scope: Scope, order: int | None = None) -> list[Binding]:
        """The bindings a name may refer to at ``order`` in ``scope``, most likely first."""
        found = self._bindings_of(name, scope)
        if found is None:
            return []
        bindings, first = found
        if first and order is not None:
            before = [b for b in bindings if b.order < order]
            after = [b for b in bindings if b.order >= order]
            return list(reversed(before)) + after
        return list(reversed(bindings))

    def likeliest(self, name: str, scope: Scope, order: int | None = None) -> Binding | None:
        """``lookup(...)[0]`` without building the list (asked for every name read)."""
        found = self._bindings_of(name, scope)
        if found is None:
            return None
        bindings, first = found
        if first and order is not None:
            before = [b for b in bindings if b.order < order]
            if before:
                return before[-1]
            return next(b for b in bindings if b.order >= order)
        return bindings[-1]

    def _bindings_of(self, name: str, scope: Scope) -> tuple[list[Binding], bool] | None:
        """The bindings of the scope ``name`` resolves to from ``scope``, and whether that
        is ``scope`` itself (where the order of reading and binding matters)."""
        current: Scope | None = scope
        first = True
        while current is not None:
            if current.kind == "class" and not first:
                current = current.parent
                continue
            if name in current.globals:
                current = self.root
                first = False
                continue
            bindings = current.bindings.get(name)
            if bindings:
                return bindings, first
            current = current.parent
            first = False
        return None

    def qualname(self, expr: cst.BaseExpression, scope: Scope, order: int | None = None) -> str:
        """Dotted name an expression refers to through imports (``""`` when unknown).

        Node classes are compared exactly: asked for every name read, ``isinstance``
        against LibCST's classes (abstract-base-class subclasses) costs a Python-level
        check each time it fails, and the parser makes no subclasses of them."""
        if type(expr) is cst.Name:
            binding = self.likeliest(expr.value, scope, order)
            if binding is None or binding.qualname is None:
                return ""
            return sdk.PUBLIC_NAMES.get(binding.qualname, binding.qualname)
        if type(expr) is cst.Attribute:
            # Iterative and bounded: asked for every link of an N-link chain, walking
            # each to its root would cost N^2 (and N frames of recursion).
            attributes: list[str] = []
            while type(expr) is cst.Attribute:
                if len(attributes) == MAX_DOTTED_PARTS:
                    return ""
                attributes.append(expr.attr.value)
                expr = expr.value
            dotted = self.qualname(expr, scope, order) if type(expr) is cst.Name else ""
            for attribute in reversed(attributes):
                if not dotted:
                    return ""
                dotted = f"{dotted}.{attribute}"
                dotted = sdk.PUBLIC_NAMES.get(dotted, dotted)
            return dotted
        return ""

    def is_sdk_name(self, expr: cst.BaseExpression, scope: Scope, qualname: str) -> bool:
        return self.qualname(expr, scope) == qualname

    def name_for(self, qualname: str, scope: Scope, order: int | None = None) -> str | None:
        """How ``qualname`` is spelled at this point through the imports in force:
        ``timezone`` after ``from datetime import timezone``, ``dt.timezone`` after
        ``import datetime as dt``; None when no import makes it reachable."""
        parts = qualname.split(".")
        for size in range(len(parts), 0, -1):
            name = self._bound_name(".".join(parts[:size]), scope, order)
            if name is not None:
                return ".".join([name, *parts[size:]])
        return None

    def _bound_name(self, qualname: str, scope: Scope, order: int | None) -> str | None:
        current: Scope | None = scope
        while current is not None:
            for name, bindings in current.bindings.items():
                if any(binding.qualname == qualname for binding in bindings):
                    visible = self.lookup(name, scope, order)
                    if visible and visible[0].qualname == qualname:
                        return name
            current = current.parent
        return None

