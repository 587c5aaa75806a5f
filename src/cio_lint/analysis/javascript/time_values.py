"""Time units in JavaScript/TypeScript code: milliseconds (``Date.now()``, ``getTime()``,
``+new Date()``, date-library ``valueOf()``), nanoseconds, monotonic clocks, or seconds,
followed through local names and same-module helpers.

JavaScript counts wall-clock time in milliseconds, so almost every clock read is a
millisecond value; a value counts as seconds once it is divided by 1000 (rounded or
not: a fractional number of seconds is still seconds, as Python's ``time.time()`` is).
"""

from __future__ import annotations

import re

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import BindingKind, Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.time_values import TimeUnit, TimeValue

_MAX_DEPTH = 8
#: Calls that return epoch milliseconds, whatever their arguments.
_MILLISECOND_CALLS = frozenset({"Date.now", "Date.parse", "Date.UTC"})
#: Clocks that count from an arbitrary point (process start, boot): never a point in time.
_MONOTONIC_CALLS = frozenset({"performance.now", "process.hrtime", "process.hrtime.bigint"})
#: Calls that keep a number's unit: ``Math.floor(Date.now())`` is still milliseconds.
_ROUNDING = frozenset({"Math.floor", "Math.round", "Math.ceil", "Math.trunc"})
_NUMBER_WRAPPERS = _ROUNDING | {"Number", "parseInt", "parseFloat"}
#: Calls and methods that give Unix seconds.
_SECONDS_CALLS = frozenset({"getUnixTime", "date-fns.getUnixTime", "date-fns.default.getUnixTime"})
_SECONDS_METHODS = frozenset({"unix", "toSeconds", "toUnixInteger"})
#: Library objects that hold a point in time, by the name their factory is imported as.
DATE_LIBRARIES = ("dayjs", "moment", "luxon.DateTime")
#: Methods of those objects that return another object of the same library.
_CHAINED = frozenset({
    "add", "subtract", "startOf", "endOf", "utc", "local", "tz", "set", "clone", "plus",
    "minus", "toUTC", "setZone", "toLocal", "now", "fromISO", "fromJSDate", "fromMillis",
    "fromSeconds", "fromSQL", "fromFormat", "fromObject", "fromRFC2822", "fromHTTP", "unix",
})
_INTEGER = re.compile(r"^[0-9_]+n?$")


def number_value(node: TsNode | None) -> float | None:
    """The value of a number literal (``1000``, ``1e3``, ``1_000``, ``0.001``)."""
    node = syntax.unwrap(node)
    if node is None or node.type != "number":
        return None
    try:
        return float(syntax.text(node).replace("_", "").rstrip("n"))
    except ValueError:
        return None


def is_constant(node: TsNode | None) -> bool:
    """A number written out: ``3600``, ``7 * 86400 * 1000``, ``-60``."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "number":
        return True
    if node.type == "unary_expression":
        return syntax.operator(node) in ("-", "+") and is_constant(node.child_by_field_name(
            "argument"))
    if node.type == "binary_expression" and syntax.operator(node) in ("+", "-", "*", "/"):
        return is_constant(node.child_by_field_name("left")) and is_constant(
            node.child_by_field_name("right"))
    return False


def _parenthesised(code: str, node: TsNode) -> str:
    return f"({code})" if node.type in ("binary_expression", "ternary_expression",
                                        "await_expression") else code


def floor_seconds(code: str, node: TsNode) -> str:
    """``Math.floor(<ms> / 1000)``: the seconds of a millisecond expression."""
    return f"Math.floor({_parenthesised(code, node)} / 1000)"


class JsTimeAnalysis:
    """Classifies JavaScript expressions by time unit, through locals and helpers."""

    def __init__(self, semantic: JsSemantic) -> None:
        self.semantic = semantic
        self.code = semantic.parsed.text

    def name_of(self, node: TsNode | None, scope: Scope, order: int | None) -> str | None:
        """What a callee names: ``Date.now``, ``dayjs``, ``luxon.DateTime.now``."""
        node = syntax.unwrap(node)
        if node is None:
            return None
        return self.semantic.qualified(node, scope, order) or syntax.dotted(node)

    # -- dates ------------------------------------------------------------------------
    def date_kind(self, node: TsNode | None, scope: Scope, order: int | None,
                  depth: int = 0) -> str | None:
        """``"Date"`` for a ``Date`` object, the library for a dayjs/moment/luxon one."""
        node = syntax.unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        if node.type == "new_expression":
            name = self.name_of(node.child_by_field_name("constructor"), scope, order)
            return "Date" if name == "Date" else None
        if node.type in ("identifier", "shorthand_property_identifier"):
            binding = self.semantic.binding(syntax.text(node), scope, order)
            if binding is not None and binding.type_node is not None and (
                syntax.text(binding.type_node).lstrip(":").strip() == "Date"
            ):
                return "Date"
            origin = self.semantic.origin(node, scope, order)
            if origin == node:
                return None
            return self.date_kind(origin, self.semantic.scope_of(origin), origin.start_byte,
                                  depth + 1)
        if node.type != "call_expression":
            return None
        function = syntax.unwrap(node.child_by_field_name("function"))
        name = self.name_of(function, scope, order) or ""
        library = _library(name)
        if library is not None and (function is None or function.type != "member_expression"
                                    or name.rsplit(".", 1)[-1] in _CHAINED):
            return library
        parts = syntax.member_parts(function) if function is not None else None
        if parts is not None and parts[1] in _CHAINED and parts[1] != "unix":
            return self.date_kind(parts[0], scope, order, depth + 1)
        return None

    # -- units ------------------------------------------------------------------------
    def classify(self, node: TsNode | None, scope: Scope, order: int | None,
                 depth: int = 0) -> TimeValue | None:
        """The unit of a time value, or None when it is not one (or not shown to be)."""
        node = syntax.unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier"):
            return self._through_local(node, scope, order, depth)
        if kind == "number":
            return _literal(node)
        if kind == "call_expression":
            return self._call(node, scope, order, depth)
        if kind == "binary_expression":
            return self._binary(node, scope, order, depth)
        if kind == "unary_expression" and syntax.operator(node) == "+":
            argument = node.child_by_field_name("argument")
            if self.date_kind(argument, scope, order) == "Date":
                return TimeValue(TimeUnit.MILLISECONDS, node,
                                 floor_seconds(self.code(node), node), True)
            return self.classify(argument, scope, order, depth + 1)
        if kind == "ternary_expression":
            branches = [self.classify(node.child_by_field_name(side), scope, order, depth + 1)
                        for side in ("consequence", "alternative")]
            units = {branch.unit if branch is not None else None for branch in branches}
            unit = units.pop() if len(units) == 1 else None
            return TimeValue(unit, node) if unit is not None else None
        if kind == "member_expression" and syntax.dotted(node) == "performance.timeOrigin":
            return TimeValue(TimeUnit.MILLISECONDS, node, floor_seconds(self.code(node), node),
                             True)
        return None

    def is_seconds(self, node: TsNode | None, scope: Scope, order: int | None) -> bool:
        """Unix seconds: ``x / 1000`` of milliseconds, ``.unix()``, ``getUnixTime(d)``."""
        node = syntax.unwrap(node)
        if node is None:
            return False
        if node.type in ("identifier", "shorthand_property_identifier"):
            origin = self.semantic.origin(node, scope, order)
            return origin != node and self.is_seconds(
                origin, self.semantic.scope_of(origin), origin.start_byte)
        if node.type == "binary_expression" and syntax.operator(node) in ("/", "|"):
            left = node.child_by_field_name("left")
            if syntax.operator(node) == "|":
                return self.is_seconds(left, scope, order)
            inner = self.classify(left, scope, order)
            return (inner is not None and inner.unit is TimeUnit.MILLISECONDS
                    and number_value(node.child_by_field_name("right")) == 1000)
        if node.type != "call_expression":
            return False
        function = syntax.unwrap(node.child_by_field_name("function"))
        name = self.name_of(function, scope, order) or ""
        if name in _SECONDS_CALLS:
            return True
        args = syntax.arguments(node)
        if name in _NUMBER_WRAPPERS and args:
            return self.is_seconds(args[0], scope, order)
        parts = syntax.member_parts(function) if function is not None else None
        return parts is not None and parts[1] in _SECONDS_METHODS and not args

    def _through_local(self, node: TsNode, scope: Scope, order: int | None,
                       depth: int) -> TimeValue | None:
        origin = self.semantic.origin(node, scope, order)
        if origin == node:
            return None
        found = self.classify(origin, self.semantic.scope_of(origin), origin.start_byte,
                              depth + 1)
        if found is not None and found.via is None:
            return TimeValue(found.unit, found.node, found.seconds, found.plain,
                             via=syntax.text(node))
        return found

    def _call(self, node: TsNode, scope: Scope, order: int | None,
              depth: int) -> TimeValue | None:
        function = syntax.unwrap(node.child_by_field_name("function"))
        name = self.name_of(function, scope, order) or ""
        args = syntax.arguments(node)
        code = self.code(node)
        if name in _MILLISECOND_CALLS:
            return TimeValue(TimeUnit.MILLISECONDS, node, floor_seconds(code, node), True)
        if name in _MONOTONIC_CALLS:
            return TimeValue(TimeUnit.MONOTONIC, node)
        if name == "Number" and len(args) == 1 and self.date_kind(args[0], scope, order):
            return TimeValue(TimeUnit.MILLISECONDS, node, floor_seconds(code, node), True)
        if name in _NUMBER_WRAPPERS and args:
            return self._wrapped(name, args[0], node, scope, order, depth)
        parts = syntax.member_parts(function) if function is not None else None
        if parts is not None:
            return self._method(node, parts[0], parts[1], args, scope, order)
        if function is not None and function.type == "identifier" and not args:
            return self._helper(function, scope, order, depth)
        return None

    def _wrapped(self, name: str, value: TsNode, node: TsNode, scope: Scope,
                 order: int | None, depth: int) -> TimeValue | None:
        inner = self.classify(value, scope, order, depth + 1)
        if inner is None:
            return None
        seconds = None
        if inner.unit is TimeUnit.MILLISECONDS and inner.seconds is not None:
            wrapper = name if name in _ROUNDING else "Math.floor"
            seconds = f"{wrapper}({_parenthesised(self.code(value), value)} / 1000)"
            if inner.seconds.endswith((".unix()", ".toSeconds())")):
                seconds = inner.seconds
        return TimeValue(inner.unit, node, seconds, inner.plain and seconds is not None,
                         inner.via)

    def _method(self, node: TsNode, receiver: TsNode, method: str, args: list[TsNode],
                scope: Scope, order: int | None) -> TimeValue | None:
        code = self.code(node)
        if method == "getTime" and not args:
            return TimeValue(TimeUnit.MILLISECONDS, node, floor_seconds(code, node), True)
        if method in ("valueOf", "toMillis", "format"):
            library = self.date_kind(receiver, scope, order)
            if library is None and method == "toMillis":
                library = "luxon.DateTime"
            if library is None:
                return None
            if method == "format" and not (args and syntax.string_value(args[0]) == "x"):
                return None
            seconds = self.seconds_method(library, self.code(receiver), node)
            return TimeValue(TimeUnit.MILLISECONDS, node, seconds, True)
        return None

    def seconds_method(self, library: str, receiver: str, node: TsNode) -> str:
        """The Unix seconds of a date object: ``.unix()``, ``toSeconds()`` or ``getTime()``."""
        if library in ("dayjs", "moment"):
            return f"{receiver}.unix()"
        if library == "luxon.DateTime":
            return f"Math.floor({receiver}.toSeconds())"
        return f"Math.floor({receiver}.getTime() / 1000)"

    def _helper(self, function: TsNode, scope: Scope, order: int | None,
                depth: int) -> TimeValue | None:
        """A call of a same-module function without arguments that returns a time."""
        binding = self.semantic.binding(syntax.text(function), scope, order)
        if binding is None or binding.value is None or binding.kind not in (
            BindingKind.FUNCTION, BindingKind.CONST
        ):
            return None
        target = syntax.unwrap(binding.value)
        if target is None or target.type not in syntax.FUNCTION_TYPES:
            return None
        inner = self.semantic.collected.scopes.get(target.id)
        if inner is None:
            return None
        for value in returned(target):
            found = self.classify(value, inner, value.start_byte, depth + 1)
            if found is not None:
                return TimeValue(found.unit, function.parent or function, None, False,
                                 via=f"{syntax.text(function)}()")
        return None

    def _binary(self, node: TsNode, scope: Scope, order: int | None,
                depth: int) -> TimeValue | None:
        op = syntax.operator(node)
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op == "/":
            inner = self.classify(left, scope, order, depth + 1)
            if inner is None:
                return None
            if inner.unit is TimeUnit.MONOTONIC:
                return TimeValue(TimeUnit.MONOTONIC, node)
            if inner.unit is TimeUnit.NANOSECONDS and number_value(right) == 1_000_000:
                return TimeValue(TimeUnit.MILLISECONDS, node)
            return None  # divided: seconds (or not shown to be a time any more)
        if op == "*":
            for source, scale in ((left, right), (right, left)):
                if number_value(scale) == 1000 and self.is_seconds(source, scope, order):
                    return TimeValue(TimeUnit.MILLISECONDS, node)
                inner = self.classify(source, scope, order, depth + 1)
                if inner is not None and inner.unit is TimeUnit.MONOTONIC:
                    return TimeValue(TimeUnit.MONOTONIC, node)
            return None
        if op in ("|", ">>>") and number_value(right) == 0:
            inner = self.classify(left, scope, order, depth + 1)
            return TimeValue(inner.unit, node, via=inner.via) if inner is not None else None
        if op not in ("+", "-"):
            return None
        sides = [self.classify(side, scope, order, depth + 1) for side in (left, right)]
        # A point minus a constant is a point; minus anything else, a duration.
        if op == "-" and (sides[0] is None or sides[1] is not None
                          or not self._constant(right, scope, order)):
            return None
        units = {side.unit for side in sides if side is not None}
        for unit in (TimeUnit.MILLISECONDS, TimeUnit.NANOSECONDS, TimeUnit.MONOTONIC):
            if unit in units:
                found = next(side for side in sides if side is not None and side.unit is unit)
                plain = unit is TimeUnit.MILLISECONDS and found.plain and all(
                    side is found or self._constant(value, scope, order)
                    for side, value in zip(sides, (left, right), strict=True)
                )
                seconds = floor_seconds(self.code(node), node) if plain else None
                return TimeValue(unit, node, seconds, plain)
        return None

    def _constant(self, node: TsNode | None, scope: Scope, order: int | None) -> bool:
        node = syntax.unwrap(node)
        if node is not None and node.type == "identifier":
            node = self.semantic.origin(node, scope, order)
        return is_constant(node)


def returned(function: TsNode) -> list[TsNode]:
    """The values ``function`` returns: an arrow's expression body, or each ``return``."""
    body = function.child_by_field_name("body")
    if body is None:
        return []
    if body.type != "statement_block":
        return [body]
    values = []
    for node in syntax.walk(body):
        if node.type == "return_statement" and syntax.enclosing_function(node) == function:
            inner = [child for child in node.named_children if child.type != "comment"]
            if inner:
                values.append(inner[0])
    return values


def _library(name: str) -> str | None:
    """The date library a qualified callee belongs to (``dayjs``, ``moment.utc``)."""
    for library in DATE_LIBRARIES:
        if name == library or name.startswith((f"{library}.", f"{library}.default")):
            return library
    return None


def _literal(node: TsNode) -> TimeValue | None:
    raw = syntax.text(node)
    if not _INTEGER.match(raw):
        return None
    digits = raw.replace("_", "").rstrip("n").lstrip("0")
    if len(digits) >= 19:
        return TimeValue(TimeUnit.NANOSECONDS, node, str(int(digits) // 1_000_000_000), True)
    if len(digits) >= 13:
        return TimeValue(TimeUnit.MILLISECONDS, node, str(int(digits) // 1000), True)
    return None
