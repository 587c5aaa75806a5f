"""The semantic model of one module: what is a Customer.io client, what is an SDK call.

One LibCST pass records scopes, bindings and call sites with their context
(enclosing function, loops, ``try`` blocks, branches). Resolution happens
afterwards, lazily, so a client assigned below its first use still resolves.
Rules ask this model; none of them re-discovers call matching or dataflow.

The model deliberately avoids LibCST's generic scope and qualified-name
providers: they cost several times the parse, and we need far less.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from typing import Any, Optional, Union

import libcst as cst
from libcst.metadata import CodeRange

from cio_lint.analysis.python.positions import Span, syntactic_spans
from cio_lint.core import sdk
from cio_lint.core.sdk import ClientKind, Signature

FunctionNode = Union[cst.FunctionDef, cst.Lambda]

_MAX_DEPTH = 8


@dataclass(frozen=True)
class ExternalClient:
    """A client (or client factory) exported by another module of the project."""

    kind: ClientKind
    factory: bool = False


@dataclass(frozen=True)
class ClientName:
    """A receiver name configured as a Customer.io client (``client-names``)."""

    name: str
    kind: ClientKind


@dataclass
class Binding:
    """One way a name got its value in a scope, in source order."""

    order: int
    value: cst.BaseExpression | None = None  # assigned expression, if known
    qualname: str | None = None  # for imports: the imported dotted name
    annotation: cst.BaseExpression | None = None
    function: cst.FunctionDef | None = None  # for ``def``


@dataclass
class FunctionInfo:
    """A function (or method) and what the rules need to know about it."""

    node: cst.FunctionDef
    name: str
    is_async: bool
    class_name: str | None
    parent: FunctionInfo | None
    scope: Scope


@dataclass
class Scope:
    """A module, class or function namespace."""

    kind: str  # "module" | "class" | "function"
    parent: Scope | None
    node: cst.CSTNode
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    returns: list[cst.BaseExpression] = field(default_factory=list)
    #: For classes: ``self.x`` / class-body assignments of each attribute.
    attributes: dict[str, list[Binding]] = field(default_factory=dict)
    #: For methods: the scope of the class they belong to.
    owner_class: Scope | None = None
    #: For classes: the class-body scope of same-module base classes.
    class_name: str | None = None

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


@dataclass(frozen=True)
class Context:
    """Where a call sits: function, loops, ``try`` bodies, ``with`` blocks, branches."""

    function: FunctionInfo | None = None
    loops: tuple[cst.CSTNode, ...] = ()
    try_blocks: tuple[cst.Try | cst.TryStar, ...] = ()
    withs: tuple[cst.With, ...] = ()
    branches: tuple[tuple[int, str], ...] = ()

    def exclusive_with(self, other: Context) -> bool:
        """True when the two places sit in different arms of one ``if``."""
        mine = dict(self.branches)
        return any(mine.get(node) not in (None, arm) for node, arm in other.branches)


@dataclass
class CallSite:
    node: cst.Call
    scope: Scope
    order: int
    context: Context


@dataclass
class BoundArguments:
    """A call's arguments bound to the parameter names of a signature."""

    args: dict[str, cst.Arg] = field(default_factory=dict)
    #: Keywords collected by ``**kwargs`` (identify attributes, pageview data).
    extra: dict[str, cst.Arg] = field(default_factory=dict)
    #: Keywords the signature does not accept at all (a TypeError at run time).
    unexpected: dict[str, cst.Arg] = field(default_factory=dict)
    excess_positional: list[cst.Arg] = field(default_factory=list)
    star_args: bool = False
    star_kwargs: bool = False


@dataclass
class SdkCall:
    """A normalised call to the SDK: a client method, a client or request constructor."""

    site: CallSite
    kind: ClientKind
    method: str  # method name, or the class name for a constructor
    signature: Signature
    bound: BoundArguments
    receiver: cst.BaseExpression | None = None

    @property
    def node(self) -> cst.Call:
        return self.site.node

    @property
    def context(self) -> Context:
        return self.site.context

    @property
    def order(self) -> int:
        return self.site.order

    def arg(self, name: str | None) -> cst.Arg | None:
        return self.bound.args.get(name) if name else None

    def value(self, name: str | None) -> cst.BaseExpression | None:
        arg = self.arg(name)
        return arg.value if arg is not None else None

    @property
    def customer_id(self) -> cst.BaseExpression | None:
        return self.value(self.signature.customer_id)

    @property
    def event_name(self) -> cst.BaseExpression | None:
        return self.value(self.signature.event_name)


@dataclass(frozen=True)
class Attribute:
    """One attribute or event-data entry sent in a call: ``key=value`` or ``{"key": value}``."""

    key: str
    value: cst.BaseExpression
    key_node: cst.CSTNode


class SemanticModel:
    """Answers, for one module, the questions every rule asks."""

    def __init__(
        self,
        module: cst.Module,
        *,
        module_name: str = "",
        is_package: bool = False,
        client_names: Sequence[ClientName] = (),
        external: Mapping[str, ExternalClient] | None = None,
        source: str | None = None,
    ) -> None:
        self.module = module
        #: The text the module was parsed from (LibCST round-trips it exactly).
        self._source_lines = source.splitlines(keepends=True) if source is not None else None
        self.module_name = module_name
        self.is_package = is_package
        self.client_names = {c.name: c.kind for c in client_names}
        self.external = dict(external or {})
        collector = _Collector(self)
        self.root = collector.root
        self.functions: list[FunctionInfo] = []
        self.classes: dict[str, Scope] = {}
        self.call_sites: list[CallSite] = []
        #: Every ``import``/``from`` statement, for rules about SDK names.
        self.imports: list[tuple[cst.Import | cst.ImportFrom, str, cst.CSTNode]] = []
        #: Assignments to attributes (``analytics.host = ...``), with scope and order.
        self.attribute_assignments: list[
            tuple[cst.Attribute, cst.BaseExpression, Scope, int, Context]
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
        _Walker(collector).walk(module)
        self._positions: dict[int, Span] | None = None
        self._code: dict[cst.CSTNode, str] = {}  # identity-keyed: holds the node
        self._kind_memo: dict[int, ClientKind | None] = {}
        self._factory_memo: dict[int, ClientKind | None] = {}
        self._sdk_calls: list[SdkCall] | None = None
        self._constructions: list[SdkCall] = []
        self._requests: list[SdkCall] = []
        self._call_graph: (
            tuple[dict[int, list[CallSite]], dict[int, dict[int, FunctionInfo]]] | None
        ) = None

    # -- positions and source text -------------------------------------------------

    def code(self, node: cst.CSTNode) -> str:
        """The node's source text (rules ask for the same nodes repeatedly: memoised)."""
        text = self._code.get(node)
        if text is None:
            text = self._code[node] = self.module.code_for_node(node)
        return text

    def source_text(self, node: cst.CSTNode) -> str:
        """The node's text as written, sliced from the source by its span: the same as
        ``code`` for a node of the parsed tree, without generating code again."""
        lines = self._source_lines
        if lines is None:
            return self.code(node)
        span = self.range(node)
        start, end = span.start, span.end
        if start.line == end.line:
            return lines[start.line - 1][start.column:end.column]
        middle = lines[start.line: end.line - 1]
        return "".join([lines[start.line - 1][start.column:], *middle,
                        lines[end.line - 1][:end.column]])

    def range(self, node: cst.CSTNode) -> CodeRange:
        """The node's source range (computed once per module, only when asked)."""
        if self._positions is None:
            self._positions = syntactic_spans(self.module)
        start_line, start_column, end_line, end_column = self._positions[id(node)]
        return CodeRange((start_line, start_column), (end_line, end_column))

    # -- names ---------------------------------------------------------------------

    def lookup(self, name: str, scope: Scope, order: int | None = None) -> list[Binding]:
        """The bindings a name may refer to at ``order`` in ``scope``, most likely first."""
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
                if first and order is not None:
                    before = [b for b in bindings if b.order < order]
                    after = [b for b in bindings if b.order >= order]
                    return list(reversed(before)) + after
                return list(reversed(bindings))
            current = current.parent
            first = False
        return []

    def qualname(self, expr: cst.BaseExpression, scope: Scope, order: int | None = None) -> str:
        """Dotted name an expression refers to through imports (``""`` when unknown)."""
        if isinstance(expr, cst.Name):
            for binding in self.lookup(expr.value, scope, order):
                if binding.qualname is not None:
                    return sdk.PUBLIC_NAMES.get(binding.qualname, binding.qualname)
                return ""
            return ""
        if isinstance(expr, cst.Attribute):
            base = self.qualname(expr.value, scope, order)
            if not base:
                return ""
            dotted = f"{base}.{expr.attr.value}"
            return sdk.PUBLIC_NAMES.get(dotted, dotted)
        return ""

    def is_sdk_name(self, expr: cst.BaseExpression, scope: Scope, qualname: str) -> bool:
        return self.qualname(expr, scope) == qualname

    # -- clients -------------------------------------------------------------------

    def client_kind(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None, depth: int = 0
    ) -> ClientKind | None:
        """The kind of Customer.io client ``expr`` evaluates to, if it is shown to be one."""
        if depth > _MAX_DEPTH:
            return None
        key = id(expr) if order is None else hash((id(expr), id(scope), order))
        if key in self._kind_memo:
            return self._kind_memo[key]
        self._kind_memo[key] = None  # breaks cycles
        kind = self._client_kind(expr, scope, order, depth + 1)
        self._kind_memo[key] = kind
        return kind

    def _client_kind(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        configured = self._configured_kind(expr)
        if isinstance(expr, cst.Name):
            return self._name_kind(expr.value, scope, order, depth) or configured
        if isinstance(expr, cst.Attribute):
            return self._attribute_kind(expr, scope, order, depth) or configured
        if isinstance(expr, cst.Call):
            return self._call_kind(expr, scope, order, depth)
        if isinstance(expr, (cst.Await, cst.Expr)):
            return None
        return None

    def _configured_kind(self, expr: cst.BaseExpression) -> ClientKind | None:
        if not self.client_names:
            return None
        if isinstance(expr, (cst.Name, cst.Attribute)):
            dotted = _dotted(expr)
            if dotted in self.client_names:
                return self.client_names[dotted]
            last = expr.value if isinstance(expr, cst.Name) else expr.attr.value
            return self.client_names.get(last)
        return None

    def _name_kind(
        self, name: str, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        for binding in self.lookup(name, scope, order):
            kind = self._binding_kind(binding, scope, depth)
            if kind is not None:
                return kind
        return None

    def _binding_kind(self, binding: Binding, scope: Scope, depth: int) -> ClientKind | None:
        if binding.qualname is not None:
            qual = sdk.PUBLIC_NAMES.get(binding.qualname, binding.qualname)
            if qual == "customerio.analytics":
                return ClientKind.PIPELINES
            external = self.external.get(qual)
            if external is not None and not external.factory:
                return external.kind
            return None
        if binding.annotation is not None:
            kind = self.annotation_kind(binding.annotation, scope)
            if kind is not None:
                return kind
        if binding.value is not None:
            return self.client_kind(binding.value, scope, None, depth)
        return None

    def _attribute_kind(
        self, expr: cst.Attribute, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        qual = self.qualname(expr, scope, order)
        if qual == "customerio.analytics":
            return ClientKind.PIPELINES
        if qual:
            external = self.external.get(qual)
            if external is not None and not external.factory:
                return external.kind
            return None
        if isinstance(expr.value, cst.Name):
            owner = self._owner_class(expr.value.value, scope)
            if owner is not None:
                name = expr.attr.value
                for klass in self._class_chain(owner):
                    # ``self.x = ...`` in a method, then ``x = ...`` in the class body.
                    candidates = [*klass.attributes.get(name, []), *klass.bindings.get(name, [])]
                    for binding in reversed(candidates):
                        kind = self._binding_kind(binding, klass, depth)
                        if kind is not None:
                            return kind
        return None

    def _owner_class(self, name: str, scope: Scope) -> Scope | None:
        """The class scope ``self``/``cls``/``ClassName`` refers to, inside a method."""
        if name in self.classes:
            return self.classes[name]
        current: Scope | None = scope
        while current is not None:
            if current.owner_class is not None:
                params = current.node.params if isinstance(current.node, cst.FunctionDef) else None
                first = params.params[0].name.value if params and params.params else None
                return current.owner_class if name in (first, "self", "cls") else None
            current = current.parent
        return None

    def _class_chain(self, klass: Scope) -> Iterator[Scope]:
        """A class and its same-module base classes (a mixin holding the client)."""
        seen: set[int] = set()
        pending = [klass]
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            node = current.node
            if isinstance(node, cst.ClassDef):
                for base in node.bases:
                    if isinstance(base.value, cst.Name) and base.value.value in self.classes:
                        pending.append(self.classes[base.value.value])

    def _call_kind(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> ClientKind | None:
        qual = self.qualname(call.func, scope, order)
        constructor = sdk.CONSTRUCTORS.get(qual)
        if constructor is not None:
            return constructor[0]
        external = self.external.get(qual) if qual else None
        if external is not None and external.factory:
            return external.kind
        function = self.resolve_function(call.func, scope, order)
        if function is not None:
            return self.factory_kind(function, depth)
        return None

    def resolve_function(
        self, func: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> FunctionInfo | None:
        """The same-module function (or ``self.method``) a call target names."""
        if isinstance(func, cst.Name):
            for binding in self.lookup(func.value, scope, order):
                if binding.function is not None:
                    return self._function_info(binding.function)
                return None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            owner = self._owner_class(func.value.value, scope)
            if owner is not None:
                for klass in self._class_chain(owner):
                    for binding in klass.bindings.get(func.attr.value, []):
                        if binding.function is not None:
                            return self._function_info(binding.function)
        return None

    def _function_info(self, node: cst.FunctionDef) -> FunctionInfo | None:
        for info in self.functions:
            if info.node is node:
                return info
        return None

    def factory_kind(self, function: FunctionInfo, depth: int = 0) -> ClientKind | None:
        """The client kind a same-module factory function returns, if it is one."""
        key = id(function.node)
        if key in self._factory_memo:
            return self._factory_memo[key]
        self._factory_memo[key] = None
        kind: ClientKind | None = None
        if function.node.returns is not None:
            kind = self.annotation_kind(function.node.returns.annotation, function.scope)
        for value in function.scope.returns:
            if kind is not None:
                break
            kind = self.client_kind(value, function.scope, None, depth + 1)
        self._factory_memo[key] = kind
        return kind

    def annotation_kind(self, annotation: cst.BaseExpression, scope: Scope) -> ClientKind | None:
        """``CustomerIO``, ``Optional[CustomerIO]``, ``"CustomerIO"``, ``CustomerIO | None``."""
        if isinstance(annotation, cst.SimpleString):
            try:
                parsed = cst.parse_expression(annotation.evaluated_value)  # type: ignore[arg-type]
            except (cst.ParserSyntaxError, TypeError):
                return None
            return self.annotation_kind(parsed, scope)
        if isinstance(annotation, cst.BinaryOperation):
            return self.annotation_kind(annotation.left, scope) or self.annotation_kind(
                annotation.right, scope
            )
        if isinstance(annotation, cst.Subscript):
            for element in annotation.slice:
                if isinstance(element.slice, cst.Index):
                    kind = self.annotation_kind(element.slice.value, scope)
                    if kind is not None:
                        return kind
            return None
        qual = self.qualname(annotation, scope)
        constructor = sdk.CONSTRUCTORS.get(qual)
        if constructor is not None:
            return constructor[0]
        if qual == "customerio.analytics":
            return ClientKind.PIPELINES
        return None

    # -- SDK calls -----------------------------------------------------------------

    def sdk_calls(self) -> list[SdkCall]:
        """Every client method call of the module, in source order."""
        if self._sdk_calls is None:
            self._resolve_calls()
        assert self._sdk_calls is not None
        return self._sdk_calls

    def constructions(self) -> list[SdkCall]:
        """Every ``CustomerIO(...)``, ``APIClient(...)``, ``analytics.Client(...)``."""
        self.sdk_calls()
        return self._constructions

    def requests(self) -> list[SdkCall]:
        """Every ``Send*Request(...)``; ``method`` is the class name."""
        self.sdk_calls()
        return self._requests

    def _resolve_calls(self) -> None:
        calls: list[SdkCall] = []
        for site in self.call_sites:
            func = site.node.func
            if isinstance(func, cst.Attribute) and func.attr.value in sdk.ALL_METHOD_NAMES:
                kind = self.client_kind(func.value, site.scope, site.order)
                if kind is not None:
                    signature = sdk.METHODS[kind].get(func.attr.value)
                    if signature is not None:
                        calls.append(
                            SdkCall(site, kind, func.attr.value, signature,
                                    bind_arguments(signature, site.node), func.value)
                        )
                        continue
            qual = self.qualname(func, site.scope, site.order)
            if qual in sdk.CONSTRUCTORS:
                kind, signature = sdk.CONSTRUCTORS[qual]
                self._constructions.append(
                    SdkCall(site, kind, qual.rsplit(".", 1)[1], signature,
                            bind_arguments(signature, site.node))
                )
            elif qual in sdk.REQUESTS:
                signature = sdk.REQUESTS[qual]
                self._requests.append(
                    SdkCall(site, ClientKind.APP, qual.rsplit(".", 1)[1], signature,
                            bind_arguments(signature, site.node))
                )
        self._sdk_calls = calls

    # -- values --------------------------------------------------------------------

    def origin(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> cst.BaseExpression:
        """Follow a local name to the value last assigned to it before ``order``.

        Honest and small: only plain ``name = value`` assignments in the same
        function (or module), at most a few hops. Anything else is returned as is.
        """
        seen = 0
        while isinstance(expr, cst.Name) and seen < _MAX_DEPTH:
            bindings = self.lookup(expr.value, scope, order)
            if not bindings or bindings[0].value is None:
                return expr
            if order is not None and bindings[0].order >= order:
                return expr
            expr = bindings[0].value
            order = bindings[0].order
            seen += 1
        return expr

    def origin_path(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> list[tuple[str, Binding]]:
        """The names ``origin`` follows from ``expr``, each with the binding it took.

        Lets a caller ask what happened to each of those names between their
        assignment and their use (a dict literal filled in later, an object mutated).
        """
        path: list[tuple[str, Binding]] = []
        while isinstance(expr, cst.Name) and len(path) < _MAX_DEPTH:
            bindings = self.lookup(expr.value, scope, order)
            if not bindings or bindings[0].value is None:
                break
            if order is not None and bindings[0].order >= order:
                break
            path.append((expr.value, bindings[0]))
            expr = bindings[0].value
            order = bindings[0].order
        return path

    def attributes(self, call: SdkCall) -> list[Attribute]:
        """The profile attributes or event data a call sends, as key/value pairs."""
        result = [
            Attribute(name, arg.value, arg.keyword or arg)
            for name, arg in call.bound.extra.items()
        ]
        container = call.signature.attributes
        if container and container not in (call.signature.var_kwargs,):
            value = call.value(container)
            if value is not None:
                result.extend(self.dict_items(value, call.site.scope, call.order))
        return result

    def unpacked_attributes(self, call: SdkCall) -> list[Attribute]:
        """Entries of ``**mapping`` arguments whose mapping is a known dict (through a local).

        ``cio.identify(id=uid, **profile)`` sends every key of ``profile`` as an attribute;
        kept apart from ``attributes`` so rules opt in to the extra reach.
        """
        signature = call.signature
        if signature.var_kwargs is None or signature.var_kwargs != signature.attributes:
            return []  # ``track(**kw)`` fills named parameters, not event data
        result: list[Attribute] = []
        for arg in call.node.args:
            if arg.star == "**":
                result.extend(
                    item
                    for item in self.dict_items(arg.value, call.site.scope, call.order)
                    if item.key not in signature.params
                )
        return result

    def dict_items(
        self, value: cst.BaseExpression, scope: Scope, order: int | None = None
    ) -> list[Attribute]:
        """String-keyed entries of a dict literal or ``dict(k=v)`` (through a local)."""
        value = self.origin(value, scope, order)
        items: list[Attribute] = []
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if isinstance(element, cst.DictElement):
                    key = string_value(element.key)
                    if key is not None:
                        items.append(Attribute(key, element.value, element.key))
        elif (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Name)
            and value.func.value == "dict"
        ):
            for arg in value.args:
                if arg.keyword is not None:
                    items.append(Attribute(arg.keyword.value, arg.value, arg.keyword))
        return items

    def calls_in(self, function: FunctionInfo | None) -> list[SdkCall]:
        return [c for c in self.sdk_calls() if c.context.function is function]

    def callers(self, function: FunctionInfo) -> list[CallSite]:
        """Same-module call sites that call ``function`` (by name or as ``self.method``)."""
        return self._call_graph_index()[0].get(id(function.node), [])

    def callees(self, function: FunctionInfo | None) -> list[FunctionInfo]:
        """Same-module functions called directly from ``function`` (None: module level)."""
        key = id(function.node) if function is not None else 0
        return list(self._call_graph_index()[1].get(key, {}).values())

    def _call_graph_index(
        self,
    ) -> tuple[dict[int, list[CallSite]], dict[int, dict[int, FunctionInfo]]]:
        """Callers by callee and callees by caller, built in one pass over the call sites."""
        if self._call_graph is None:
            callers: dict[int, list[CallSite]] = {}
            callees: dict[int, dict[int, FunctionInfo]] = {}
            for site in self.call_sites:
                target = self.resolve_function(site.node.func, site.scope, site.order)
                if target is None:
                    continue
                callers.setdefault(id(target.node), []).append(site)
                caller = site.context.function
                key = id(caller.node) if caller is not None else 0
                callees.setdefault(key, {}).setdefault(id(target.node), target)
            self._call_graph = (callers, callees)
        return self._call_graph

    def attributes_complete(self, call: SdkCall) -> bool:
        """Does ``attributes(call)`` list every key the call sends?

        Not when ``**kwargs`` are expanded, when the container is not a dict literal
        (``traits=user.traits()``), or when a local dict may be filled in elsewhere
        (``traits["email"] = ...``, ``traits.update(...)``, passed to a helper).
        """
        if call.bound.star_kwargs or call.bound.star_args:
            return False
        container = call.signature.attributes
        if not container or container == call.signature.var_kwargs:
            return True
        value = call.value(container)
        if value is None:
            return True
        resolved = self.origin(value, call.site.scope, call.order)
        if not _is_plain_dict(resolved):
            return False
        if isinstance(value, cst.Name) and resolved is not value:
            return not self.may_mutate(value.value, call.site.scope, call.node)
        return True

    def may_mutate(self, name: str, scope: Scope, besides: cst.CSTNode | None = None) -> bool:
        """Might code in ``scope`` change the object ``name`` holds after it was built?

        Conservative: an item assignment or deletion, any method call on it, or passing it
        to any call other than ``besides`` counts.
        """
        finder = _MutationFinder(name, besides)
        scope.node.visit(finder)
        return finder.found

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

    # -- module exports (for the project phase) ---------------------------------------

    def exported_clients(self) -> dict[str, ExternalClient]:
        """Module-level names that are clients or client factories, for other modules."""
        exports: dict[str, ExternalClient] = {}
        for name, bindings in self.root.bindings.items():
            if any(b.qualname is not None for b in bindings):
                continue
            function = next((b.function for b in bindings if b.function is not None), None)
            if function is not None:
                info = self._function_info(function)
                kind = self.factory_kind(info) if info is not None else None
                if kind is not None:
                    exports[name] = ExternalClient(kind, factory=True)
                continue
            kind = self._name_kind(name, self.root, None, 0)
            if kind is not None:
                exports[name] = ExternalClient(kind)
        return exports

    def reexports(self) -> dict[str, str]:
        """Module-level names bound by import: ``name -> qualified name`` (for chains)."""
        result: dict[str, str] = {}
        for name, bindings in self.root.bindings.items():
            for binding in bindings:
                if binding.qualname is not None and not binding.qualname.startswith("customerio"):
                    result[name] = binding.qualname
        return result


def bind_arguments(signature: Signature, call: cst.Call) -> BoundArguments:
    """Bind a call's arguments to a signature's parameter names, as Python would."""
    bound = BoundArguments()
    limit = len(signature.params) if signature.positional is None else signature.positional
    index = 0
    for arg in call.args:
        if arg.star == "*":
            bound.star_args = True
        elif arg.star == "**":
            bound.star_kwargs = True
        elif arg.keyword is None:
            if index < limit:
                bound.args[signature.params[index]] = arg
            else:
                bound.excess_positional.append(arg)
            index += 1
        else:
            keyword = arg.keyword.value
            if keyword in signature.params:
                bound.args[keyword] = arg
            elif signature.var_kwargs is not None:
                bound.extra[keyword] = arg
            else:
                bound.unexpected[keyword] = arg
    return bound


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain (non-f) string literal, concatenations included."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except (ValueError, SyntaxError):  # pragma: no cover - parser rejects these
            return None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left = string_value(node.left)
        right = string_value(node.right)
        return None if left is None or right is None else left + right
    return None


def _is_plain_dict(value: cst.BaseExpression) -> bool:
    """A dict literal with only string keys, or ``dict(k=v)``: every key is visible."""
    if isinstance(value, cst.Dict):
        return all(
            isinstance(element, cst.DictElement) and string_value(element.key) is not None
            for element in value.elements
        )
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "dict"
        and all(arg.keyword is not None and not arg.star for arg in value.args)
    )


class _MutationFinder(cst.CSTVisitor):
    """Finds places that may change a local object: ``x[k] = v``, ``x.update()``, ``f(x)``."""

    def __init__(self, name: str, besides: cst.CSTNode | None) -> None:
        super().__init__()
        self.name = name
        self.besides = besides
        self.found = False

    def _is_name(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._check_target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._check_target(node.target)
        if self._is_name(node.target):
            self.found = True  # ``x |= {...}`` updates a dict in place

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._check_target(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._check_target(node.target)

    def _check_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Subscript, cst.Attribute)) and self._is_name(target.value):
            self.found = True
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._check_target(element.value)

    def visit_Call(self, node: cst.Call) -> None:
        if node is self.besides:
            return
        func = node.func
        if isinstance(func, cst.Attribute) and self._is_name(func.value):
            self.found = True
        if any(self._is_name(arg.value) for arg in node.args):
            self.found = True


def _dotted(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = _dotted(expr.value)
        return f"{base}.{expr.attr.value}" if base else ""
    return ""


def dotted_name(expr: cst.BaseExpression) -> str:
    """``a.b.c`` for a chain of names and attributes, ``""`` for anything else."""
    return _dotted(expr)


#: Fields that never hold code (whitespace, brackets, punctuation): not walked.
_TRIVIA = re.compile(
    r"^(whitespace|leading_lines|lines_after|lpar|rpar|semicolon|comma|equal|colon|lbracket|"
    r"rbracket|lbrace|rbrace|header|footer|trailing_whitespace|operator|asynchronous|"
    r"default_indent|default_newline|encoding|has_trailing_newline|first_line|empty_lines|"
    r"indent|newline|star|dot|lpar|import_alias)"
)
#: Where a node's fields are not declared in source order, the source order.
_SOURCE_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
}

_Hook = Optional[Callable[[Any], Any]]


class _Walker:
    """Walks a tree in source order calling ``visit_X``/``leave_X``/``visit_X_field``.

    The collector only reads the tree, so this avoids what LibCST's generic
    ``visit`` costs a read-only pass: it rebuilds every node it passes through and
    dispatches per attribute. One frame per node also halves the recursion depth.
    """

    def __init__(self, visitor: _Collector) -> None:
        self.visitor = visitor
        self._plans: dict[type, tuple[_Hook, _Hook, list[tuple[str, _Hook, _Hook]]]] = {}

    def _plan(self, cls: type) -> tuple[_Hook, _Hook, list[tuple[str, _Hook, _Hook]]]:
        name = cls.__name__
        names = _SOURCE_ORDER.get(cls) or tuple(
            f.name for f in dataclasses.fields(cls) if not _TRIVIA.match(f.name)
        )
        fields = [
            (attribute, getattr(self.visitor, f"visit_{name}_{attribute}", None),
             getattr(self.visitor, f"leave_{name}_{attribute}", None))
            for attribute in names
        ]
        plan = (getattr(self.visitor, f"visit_{name}", None),
                getattr(self.visitor, f"leave_{name}", None), fields)
        self._plans[cls] = plan
        return plan

    def walk(self, node: cst.CSTNode) -> None:
        plan = self._plans.get(type(node)) or self._plan(type(node))
        visit, leave, fields = plan
        if visit is not None:
            visit(node)
        for attribute, before, after in fields:
            value = getattr(node, attribute)
            if before is not None:
                before(node)
            if isinstance(value, cst.CSTNode):
                self.walk(value)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, cst.CSTNode):
                        self.walk(item)
            if after is not None:
                after(node)
        if leave is not None:
            leave(node)


class _Collector:
    """The single pass that fills a ``SemanticModel``."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self.counter = itertools.count()
        self.root = Scope("module", None, model.module)
        self.scope = self.root
        self.context = Context()
        self._contexts: list[Context] = []
        self._scopes: list[Scope] = []
        #: Local names bound by an import from ``customerio`` (anywhere in the module).
        self._sdk_roots: set[str] = set()

    # context helpers
    def _push(self, context: Context) -> None:
        self._contexts.append(self.context)
        self.context = context

    def _pop(self) -> None:
        self.context = self._contexts.pop()

    def _replace(self, **changes: Any) -> Context:
        return dataclass_replace(self.context, **changes)

    def _bind_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None,
                     order: int, annotation: cst.BaseExpression | None = None) -> None:
        if isinstance(target, cst.Name):
            scope = self.root if target.value in self.scope.globals else self.scope
            scope.bind(target.value, Binding(order, value=value, annotation=annotation))
        elif isinstance(target, (cst.Tuple, cst.List)):
            values: Sequence[cst.BaseElement] | None = None
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(
                target.elements
            ):
                values = value.elements
            for i, element in enumerate(target.elements):
                inner = values[i].value if values is not None else None
                self._bind_target(element.value, inner, order)
        elif isinstance(target, cst.Attribute):
            if value is not None:
                self.model.attribute_assignments.append(
                    (target, value, self.scope, order, self.context)
                )
            if isinstance(target.value, cst.Name):
                owner = self.model._owner_class(target.value.value, self.scope)
                if owner is not None:
                    owner.attributes.setdefault(target.attr.value, []).append(
                        Binding(order, value=value, annotation=annotation)
                    )
        elif isinstance(target, cst.Subscript):
            self.model.subscript_assignments.append((target, value, self.scope, order))

    # scopes
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        order = next(self.counter)
        self.scope.bind(node.name.value, Binding(order))
        klass = Scope("class", self.scope, node, class_name=node.name.value)
        if self.scope is self.root:
            self.model.classes[node.name.value] = klass
        self._scopes.append(self.scope)
        self.scope = klass

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope = self._scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        order = next(self.counter)
        self.scope.bind(node.name.value, Binding(order, function=node))
        owner = self.scope if self.scope.kind == "class" else None
        scope = Scope("function", self.scope, node, owner_class=owner)
        info = FunctionInfo(
            node=node,
            name=node.name.value,
            is_async=node.asynchronous is not None,
            class_name=owner.class_name if owner else None,
            parent=self.context.function,
            scope=scope,
        )
        self.model.functions.append(info)
        self._scopes.append(self.scope)
        self.scope = scope
        for param in _all_params(node.params):
            annotation = param.annotation.annotation if param.annotation else None
            scope.bind(param.name.value, Binding(order, annotation=annotation))
        # A new function starts a fresh context: loops and try blocks outside it
        # do not run its body.
        self._push(Context(function=info))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._pop()
        self.scope = self._scopes.pop()

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scope.globals.add(item.name.value)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(node.value)

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        order = next(self.counter)
        for alias in node.names:
            dotted = _dotted(alias.name)
            self.model.imports.append((node, dotted, alias))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(alias.asname.name.value, Binding(order, qualname=dotted))
            else:
                top = dotted.split(".", 1)[0]
                self.scope.bind(top, Binding(order, qualname=top))
            self._note_project_import(dotted)
            if dotted.split(".", 1)[0] == "customerio":
                self._sdk_roots.add(
                    alias.asname.name.value
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                    else "customerio"
                )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        order = next(self.counter)
        module = self._absolute_module(node)
        if module is None:
            return
        if isinstance(node.names, cst.ImportStar):
            if module == "customerio":
                for qual in sdk.PUBLIC_NAMES:
                    head, _, name = qual.rpartition(".")
                    if head == "customerio":
                        self.scope.bind(name, Binding(order, qualname=qual))
            return
        for alias in node.names:
            name = _dotted(alias.name)
            qual = f"{module}.{name}"
            self.model.imports.append((node, qual, alias))
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.scope.bind(local, Binding(order, qualname=qual))
            self._note_project_import(qual)
            if module.split(".", 1)[0] == "customerio":
                self._sdk_roots.add(local)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not self._sdk_roots:
            return
        root: cst.BaseExpression = node.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Name) and root.value in self._sdk_roots:
            self.model.sdk_attributes.append((node, self.scope))

    def _note_project_import(self, qual: str) -> None:
        if not qual.startswith("customerio"):
            self.model.project_imports.add(qual)

    def _absolute_module(self, node: cst.ImportFrom) -> str | None:
        name = _dotted(node.module) if node.module is not None else ""
        if not node.relative:
            return name
        parts = self.model.module_name.split(".") if self.model.module_name else []
        if not self.model.is_package and parts:
            parts = parts[:-1]
        up = len(node.relative) - 1
        if up > len(parts):
            return None
        base = parts[: len(parts) - up] if up else parts
        return ".".join([*base, name] if name else base)

    # assignments
    def visit_Assign(self, node: cst.Assign) -> None:
        order = next(self.counter)
        for target in node.targets:
            self._bind_target(target.target, node.value, order)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        order = next(self.counter)
        self._bind_target(node.target, node.value, order, node.annotation.annotation)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        order = next(self.counter)
        if isinstance(node.target, cst.Name):
            self.scope.bind(node.target.value, Binding(order))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        order = next(self.counter)
        self._bind_target(node.target, node.value, order)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, node.item, next(self.counter))

    # control flow context
    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None, next(self.counter))
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_For(self, original_node: cst.For) -> None:
        self._pop()

    def visit_While(self, node: cst.While) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_While(self, original_node: cst.While) -> None:
        self._pop()

    # A comprehension runs its element once per item: a loop for the rules.
    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self._pop()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self._pop()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self._pop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._push(self._replace(loops=(*self.context.loops, node)))

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._pop()

    def visit_Try_body(self, node: cst.Try) -> None:
        self._push(self._replace(try_blocks=(*self.context.try_blocks, node)))

    def leave_Try_body(self, node: cst.Try) -> None:
        self._pop()

    def visit_TryStar_body(self, node: cst.TryStar) -> None:
        self._push(self._replace(try_blocks=(*self.context.try_blocks, node)))

    def leave_TryStar_body(self, node: cst.TryStar) -> None:
        self._pop()

    def visit_With_body(self, node: cst.With) -> None:
        self._push(self._replace(withs=(*self.context.withs, node)))

    def leave_With_body(self, node: cst.With) -> None:
        self._pop()

    def visit_If_body(self, node: cst.If) -> None:
        self._push(self._replace(branches=(*self.context.branches, (id(node), "body"))))

    def leave_If_body(self, node: cst.If) -> None:
        self._pop()

    def visit_If_orelse(self, node: cst.If) -> None:
        self._push(self._replace(branches=(*self.context.branches, (id(node), "orelse"))))

    def leave_If_orelse(self, node: cst.If) -> None:
        self._pop()

    # calls
    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, (cst.Name, cst.Attribute)):
            self.model.call_sites.append(
                CallSite(node, self.scope, next(self.counter), self.context)
            )


def _all_params(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from params.posonly_params
    yield from params.params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    yield from params.kwonly_params
    if params.star_kwarg is not None:
        yield params.star_kwarg
