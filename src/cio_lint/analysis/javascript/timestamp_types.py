"""Timestamp types in JavaScript/TypeScript code, and what a fix sends instead.

Node SDKs serialise with ``JSON.stringify`` and convert nothing: a ``Date`` (or a
dayjs/moment/luxon object) goes out as an ISO string, so it is a date string as far
as Customer.io is concerned. JavaScript has no naive dates: a ``Date`` is an instant,
so ``NAIVE_DATETIME`` is never answered here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from tree_sitter import Node as TsNode

from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.time_values import JsTimeAnalysis, number_value
from cio_lint.analysis.time_values import (
    TimestampType,
    TimeUnit,
    TypedTimestamp,
    is_date_text,
    is_int_text,
    iso_text_seconds,
)

_MAX_DEPTH = 8
NOW_SECONDS = "Math.floor(Date.now() / 1000)"
#: ``Date`` methods that format the instant as ISO-8601 / another date format.
_ISO_METHODS = frozenset({"toISOString", "toJSON", "toISO", "toISODate"})
_DATE_FORMATS = frozenset({"toUTCString", "toGMTString", "toDateString", "toLocaleDateString",
                           "toLocaleString", "toRFC2822", "toHTTP", "toSQL", "toFormat"})
_ARITHMETIC = frozenset({"-", "*", "/", "%", "|", "&", ">>", ">>>", "<<", "**"})
_NAMES = {"Date": "a `Date`", "dayjs": "a dayjs object", "moment": "a moment object",
          "luxon.DateTime": "a luxon `DateTime`"}


class JsTimestampTypes:
    """Classifies JavaScript timestamp expressions by type, through local names."""

    def __init__(self, times: JsTimeAnalysis) -> None:
        self.times = times
        self.semantic = times.semantic
        self.code = times.code

    def classify(self, node: TsNode | None, scope: Scope, order: int | None,
                 depth: int = 0) -> TypedTimestamp | None:
        node = syntax.unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        kind = node.type
        library = self.times.date_kind(node, scope, order)
        if library is not None and kind not in ("identifier", "shorthand_property_identifier"):
            return TypedTimestamp(TimestampType.DATE_TEXT, node, _NAMES[library], source=node)
        if kind in ("identifier", "shorthand_property_identifier"):
            return self._through_local(node, scope, order, depth, library)
        if kind in syntax.STRING_TYPES:
            return _literal_type(node)
        if kind == "number":
            return TypedTimestamp(TimestampType.NUMBER, node, "a number")
        if kind == "unary_expression" and syntax.operator(node) in ("-", "+"):
            if self.times.classify(node, scope, order) is not None:
                return TypedTimestamp(TimestampType.NUMBER, node, "a number")
            inner = self.classify(node.child_by_field_name("argument"), scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NUMBER:
                return replace(inner, node=node, via=None)
            return None
        if kind == "binary_expression":
            return self._binary(node, scope, order, depth)
        if kind == "call_expression":
            return self._call(node, scope, order)
        if kind == "member_expression" and self.times.classify(node, scope, order):
            return TypedTimestamp(TimestampType.NUMBER, node, "a number")
        return None

    def _through_local(self, node: TsNode, scope: Scope, order: int | None, depth: int,
                       library: str | None) -> TypedTimestamp | None:
        origin = self.semantic.origin(node, scope, order)
        if origin == node:
            if library is None:
                return None  # a parameter annotated `: Date`
            return TypedTimestamp(TimestampType.DATE_TEXT, node, _NAMES[library], source=node)
        found = self.classify(origin, self.semantic.scope_of(origin), origin.start_byte,
                              depth + 1)
        if found is not None and found.via is None:
            return replace(found, via=syntax.text(node))
        return found

    def _binary(self, node: TsNode, scope: Scope, order: int | None,
                depth: int) -> TypedTimestamp | None:
        op = syntax.operator(node)
        if op in _ARITHMETIC:
            if self._numeric(node.child_by_field_name("left"), scope, order) or self._numeric(
                node.child_by_field_name("right"), scope, order
            ):
                return TypedTimestamp(TimestampType.NUMBER, node, "a number")
            return None
        if op != "+":
            return None
        sides = [self.classify(node.child_by_field_name(side), scope, order, depth + 1)
                 for side in ("left", "right")]
        for side in sides:
            if side is not None and side.type in (TimestampType.DATE_TEXT, TimestampType.TEXT):
                return TypedTimestamp(TimestampType.TEXT, node, "a string")
        if all(side is not None and side.type is TimestampType.NUMBER for side in sides):
            return TypedTimestamp(TimestampType.NUMBER, node, "a number")
        return None

    def _numeric(self, node: TsNode | None, scope: Scope, order: int | None) -> bool:
        return number_value(node) is not None or self.times.classify(
            node, scope, order) is not None or self.times.is_seconds(node, scope, order)

    def _call(self, node: TsNode, scope: Scope, order: int | None) -> TypedTimestamp | None:
        if self.times.classify(node, scope, order) is not None or self.times.is_seconds(
            node, scope, order
        ):
            return TypedTimestamp(TimestampType.NUMBER, node, "a number")
        function = syntax.unwrap(node.child_by_field_name("function"))
        parts = syntax.member_parts(function) if function is not None else None
        if parts is None:
            name = self.times.name_of(function, scope, order)
            if name in ("Math.floor", "Math.round", "Math.trunc", "Math.ceil", "parseInt"):
                return TypedTimestamp(TimestampType.NUMBER, node, "a number")
            return None
        receiver, method = parts
        library = self.times.date_kind(receiver, scope, order)
        if method in _ISO_METHODS and (library is not None or method == "toISOString"):
            return TypedTimestamp(TimestampType.DATE_TEXT, node, "an ISO string",
                                  source=receiver)
        if library is None:
            return None
        if method in _DATE_FORMATS:
            return TypedTimestamp(TimestampType.DATE_TEXT, node, "a formatted date string",
                                  source=receiver)
        if method == "format":
            args = syntax.arguments(node)
            pattern = syntax.string_value(args[0]) if args else None
            if pattern in ("x", "X"):
                return TypedTimestamp(TimestampType.NUMERIC_TEXT, node, "a numeric string",
                                      source=receiver)
            return TypedTimestamp(TimestampType.DATE_TEXT, node, "a formatted date string",
                                  source=receiver)
        return None

    # -- what to send instead -----------------------------------------------------------
    def track_replacement(self, found: TypedTimestamp, scope: Scope, order: int) -> str:
        """The Unix seconds a Track payload should send instead of a date value."""
        node = cast(TsNode, found.node)
        if node.type in syntax.STRING_TYPES:
            seconds = iso_text_seconds(syntax.string_value(node) or "")
            return str(seconds) if seconds is not None else NOW_SECONDS
        source = syntax.unwrap(cast(TsNode, found.source)) if found.source is not None else None
        if source is not None:
            # ``x.toISOString()``: whatever ``x`` is shown to be, it is a ``Date``.
            library = self.times.date_kind(source, scope, order) or "Date"
            if library == "Date" and source.type == "new_expression" and not syntax.arguments(
                source
            ):
                return NOW_SECONDS
            return self.times.seconds_method(library, self.code(source), source)
        if found.type in (TimestampType.DATE_TEXT, TimestampType.TEXT):
            return f"Math.floor(new Date({self.code(node)}).getTime() / 1000)"
        return NOW_SECONDS

    def pipelines_replacement(self, found: TypedTimestamp, scope: Scope) -> str:
        """The ``Date`` a Pipelines ``timestamp`` number stands for, written out."""
        node = cast(TsNode, found.node)
        node = syntax.unwrap(node) or node
        order = node.start_byte
        unit = self.times.classify(node, scope, order)
        if unit is not None and unit.unit is TimeUnit.MILLISECONDS:
            if syntax.text(node) == "Date.now()":
                return "new Date()"
            function = node.child_by_field_name("function")
            parts = syntax.member_parts(function) if function is not None else None
            if parts is not None and parts[1] == "getTime" and self.times.date_kind(
                parts[0], scope, order
            ) == "Date":
                return self.code(parts[0])
            return f"new Date({self.code(node)})"
        if self.times.is_seconds(node, scope, order):
            milliseconds = self._seconds_source(node, scope, order)
            if milliseconds is not None:
                return milliseconds
        if node.type == "number" and found.type is TimestampType.NUMBER:
            return f"new Date({self.code(node)} * 1000)"
        return "new Date()"

    def _seconds_source(self, node: TsNode, scope: Scope, order: int) -> str | None:
        """``new Date(<ms>)`` for ``Math.floor(<ms> / 1000)``, ``.toDate()`` for ``.unix()``."""
        node = syntax.unwrap(node) or node
        if node.type == "call_expression":
            args = syntax.arguments(node)
            function = syntax.unwrap(node.child_by_field_name("function"))
            parts = syntax.member_parts(function) if function is not None else None
            if parts is not None and not args:
                library = self.times.date_kind(parts[0], scope, order)
                if library in ("dayjs", "moment"):
                    return f"{self.code(parts[0])}.toDate()"
                if library == "luxon.DateTime":
                    return f"{self.code(parts[0])}.toJSDate()"
            return self._seconds_source(args[0], scope, order) if len(args) == 1 else None
        if node.type == "binary_expression":
            left = syntax.unwrap(node.child_by_field_name("left"))
            if left is None:
                return None
            if syntax.operator(node) == "|":
                return self._seconds_source(left, scope, order)
            code = self.code(left)
            return "new Date()" if code == "Date.now()" else f"new Date({code})"
        return None


def _literal_type(node: TsNode) -> TypedTimestamp | None:
    text = syntax.string_value(node)
    if text is None:
        static = "".join(syntax.text(child) for child in node.named_children
                         if child.type == "string_fragment")
        if static.strip() and not static.strip().isdigit():
            return TypedTimestamp(TimestampType.TEXT, node, "a template string")
        return None
    if is_int_text(text):
        return TypedTimestamp(TimestampType.NUMERIC_TEXT, node, "a numeric string")
    if is_date_text(text):
        return TypedTimestamp(TimestampType.DATE_TEXT, node, "a date string literal")
    return TypedTimestamp(TimestampType.TEXT, node, "a string literal")

