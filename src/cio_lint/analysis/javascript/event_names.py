"""Event names in JavaScript/TypeScript code: which calls carry one, what text it always
has, and how a name built at run time is assembled.

A name is followed through ``const`` locals and module constants, and through a key of a
constant object (``EVENTS.SIGNED_UP`` of ``const EVENTS = {...} as const``), to the value
written; that value's text is evaluated when it is fixed at write time: string literals,
templates of constants, ``+`` and ``.concat`` of constants, ``[...].join`` of a literal
array. Anything else is built at run time, and ``built_name`` takes it apart into its
fixed text and the values interpolated between.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Sequence

from tree_sitter import Node as TsNode

from cio_lint.analysis.events import EVENT_METHODS, BuiltName, EventName, merged_pieces
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.summaries import ExternalConstant

#: How many names, constants or nested parts are followed before giving up.
MAX_DEPTH = 8

#: Fixed text, or the expression whose value is interpolated there.
JsPiece = str | TsNode


def event_names(semantic: JsSemantic, calls: Iterable[SdkCall]) -> list[EventName]:
    """The event name of each SDK call that sends one, in source order."""
    found = []
    for call in calls:
        arg = call.event_name
        if arg is None or call.method not in EVENT_METHODS.get(call.kind, ()):
            continue
        written: TsNode = arg  # type: ignore[assignment]
        scope: Scope = call.place  # type: ignore[assignment]
        value, via = follow(semantic, written, scope, call.order)
        text = static_text(semantic, value, scope, call.order)
        external = via is None and text is not None and value.type in (
            "identifier", "member_expression", "subscript_expression")
        if external:  # a constant of another module: named with its module's last part
            qualified = semantic.qualified(value, scope, call.order) or syntax.text(value)
            via = ".".join(qualified.rsplit(".", 2)[-2:])
        literal: TsNode | None = None
        if value.type in syntax.STRING_TYPES and syntax.string_value(value) is not None:
            literal = written if value.id == written.id else value
        via_line = (
            semantic.parsed.position(value.start_byte).line if via and not external else None
        )
        found.append(EventName(call, written, value, via, via_line, text, literal))
    return found


def follow(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None
) -> tuple[TsNode, str | None]:
    """The value a name or constant's key was given, and the name it came through."""
    current = syntax.unwrap(node) or node
    value = _member_value(semantic, current, scope, order, 0)
    if value is None:
        value = semantic.origin(current, scope, order)
    if value.id == current.id:
        return current, None
    return value, syntax.text(current)


def _member_value(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None, depth: int
) -> TsNode | None:
    """``EVENTS.SIGNED_UP``: the value written for that key of a constant object literal."""
    if depth > MAX_DEPTH or node.type not in ("member_expression", "subscript_expression"):
        return None
    parts = syntax.member_parts(node)
    if parts is None:
        return None
    owner, key = parts
    inner = syntax.unwrap(owner) or owner
    literal = _member_value(semantic, inner, scope, order, depth + 1)
    if literal is None:
        literal = semantic.origin(inner, scope, order)
    literal = syntax.unwrap(literal) or literal
    if literal.type == "identifier" and scope.holder(syntax.text(literal)) is None:
        return _enum_member(semantic, syntax.text(literal), key)
    if literal.type != "object" or literal.id == inner.id:
        return None
    for entry in literal.named_children:
        if entry.type == "pair" and syntax.property_key(entry) == key:
            value = syntax.unwrap(entry.child_by_field_name("value"))
            return value
    return None


def _enum_member(semantic: JsSemantic, name: str, key: str) -> TsNode | None:
    """``Events.SignedUp`` of a module-level ``enum Events { SignedUp = "signed_up" }``."""
    for statement in semantic.parsed.root.named_children:
        declaration = statement.child_by_field_name("declaration") \
            if statement.type == "export_statement" else statement
        if declaration is None or declaration.type != "enum_declaration":
            continue
        if syntax.text(declaration.child_by_field_name("name") or declaration) != name:
            continue
        body = declaration.child_by_field_name("body")
        for member in body.named_children if body is not None else []:
            if member.type == "enum_assignment" and syntax.property_key(member) == key:
                return syntax.unwrap(member.child_by_field_name("value"))
    return None


def external_text(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None
) -> str | None:
    """The text of a string constant another module of the project exports."""
    known = semantic.knowledge(semantic.qualified(node, scope, order))
    return known.value if isinstance(known, ExternalConstant) else None


def static_text(
    semantic: JsSemantic, node: TsNode | None, scope: Scope, order: int | None = None,
    depth: int = 0,
) -> str | None:
    """The string an expression always evaluates to, or None when it depends on run time."""
    node = syntax.unwrap(node)
    if node is None or depth > MAX_DEPTH:
        return None
    if node.type == "string":
        return syntax.string_value(node)
    if node.type == "template_string":
        pieces = template_pieces(semantic, node, scope, order, depth)
        if not all(isinstance(piece, str) for piece in pieces):
            return None
        return "".join(piece for piece in pieces if isinstance(piece, str))
    if node.type in ("identifier", "member_expression", "subscript_expression"):
        value, via = follow(semantic, node, scope, order)
        if via is None:
            return external_text(semantic, node, scope, order)
        return static_text(semantic, value, scope, None, depth + 1)
    if node.type == "binary_expression" and syntax.operator(node) == "+":
        return _joined(semantic, list(added(node)), scope, order, depth)
    method = _string_method(node)
    if method is not None:
        receiver, name, args = method
        if name == "concat":
            return _joined(semantic, [receiver, *args], scope, order, depth)
        items = array_items(receiver)
        if name == "join" and items is not None and len(args) <= 1:
            separator = static_text(semantic, args[0], scope, order, depth + 1) if args else ","
            return _joined(semantic, items, scope, order, depth, separator)
    return None


def _joined(
    semantic: JsSemantic, parts: Sequence[TsNode], scope: Scope, order: int | None,
    depth: int, separator: str | None = "",
) -> str | None:
    texts = [static_text(semantic, part, scope, order, depth + 1) for part in parts]
    if separator is None or any(text is None for text in texts):
        return None
    return separator.join(text for text in texts if text is not None)


def template_pieces(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None, depth: int
) -> list[JsPiece]:
    """Text and values of a template literal; a constant substitution counts as text."""
    pieces: list[JsPiece] = []
    for child in node.named_children:
        if child.type == "string_fragment":
            pieces.append(syntax.text(child))
        elif child.type == "escape_sequence":
            pieces.append(_unescaped(syntax.text(child)))
        elif child.type == "template_substitution":
            inner = [c for c in child.named_children if c.type != "comment"]
            if not inner:
                continue
            text = static_text(semantic, inner[0], scope, order, depth + 1)
            pieces.append(text if text is not None else inner[0])
    return pieces


def _unescaped(escape: str) -> str:
    """The character a template's escape sequence stands for (``\\n``, ``\\u00e9``)."""
    if escape.startswith("\\u{") and escape.endswith("}"):
        try:
            return chr(int(escape[3:-1], 16))
        except ValueError:
            return escape
    try:
        return codecs.decode(escape, "unicode_escape")
    except UnicodeDecodeError:
        return escape[1:]


def added(node: TsNode) -> list[TsNode]:
    """The operands of a chain of ``+``, left to right."""
    return syntax.added(node)


def array_items(node: TsNode | None) -> list[TsNode] | None:
    """The elements of an array literal without spreads or holes, else None."""
    node = syntax.unwrap(node)
    if node is None or node.type != "array":
        return None
    items = [child for child in node.named_children if child.type != "comment"]
    return None if any(item.type == "spread_element" for item in items) else items


def _string_method(node: TsNode) -> tuple[TsNode, str, list[TsNode]] | None:
    """``receiver.concat(...)`` / ``receiver.join(...)``: the receiver, method and arguments."""
    if node.type != "call_expression":
        return None
    function = syntax.unwrap(node.child_by_field_name("function"))
    parts = syntax.member_parts(function) if function is not None else None
    if parts is None or parts[1] not in ("concat", "join"):
        return None
    args = syntax.arguments(node)
    if any(arg.type == "spread_element" for arg in args):
        return None
    return parts[0], parts[1], args


def built_name(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int | None = None
) -> BuiltName | None:
    """How a name is assembled at run time, or None when it is fixed or not built here."""
    node = syntax.unwrap(node) or node
    if static_text(semantic, node, scope, order) is not None:
        return None
    pieces: list[JsPiece] | None = None
    how = ""
    if node.type == "template_string":
        how, pieces = "a template literal", template_pieces(semantic, node, scope, order, 0)
    elif node.type == "binary_expression" and syntax.operator(node) == "+":
        how, pieces = "`+` concatenation", _values(semantic, list(added(node)), scope, order)
    elif (method := _string_method(node)) is not None:
        receiver, name, args = method
        if name == "concat":
            how = "`.concat()`"
            pieces = _values(semantic, [receiver, *args], scope, order)
        elif (items := array_items(receiver)) is not None and len(args) <= 1:
            how = "`[...].join()`"
            separator = static_text(semantic, args[0], scope, order) if args else ","
            pieces = []
            for index, item in enumerate(items):
                if index and separator:
                    pieces.append(separator)
                pieces.extend(_values(semantic, [item], scope, order))
    if not pieces or all(isinstance(piece, str) for piece in pieces):
        return None
    return BuiltName(how, node, tuple(merged_pieces(pieces)))


def _values(
    semantic: JsSemantic, nodes: Sequence[TsNode], scope: Scope, order: int | None
) -> list[JsPiece]:
    pieces: list[JsPiece] = []
    for node in nodes:
        text = static_text(semantic, node, scope, order)
        pieces.append(text if text is not None else (syntax.unwrap(node) or node))
    return pieces

