"""Small questions about tree-sitter JavaScript/TypeScript nodes, shared by the frontend.

Type-only wrappers (``x as T``, ``x!``, ``<T>x``, ``x satisfies T``) and parentheses never
change a value, so ``unwrap`` sees through them wherever a value is judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node as TsNode

_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression",
     "type_assertion"}
)
FUNCTION_TYPES = frozenset(
    {"function_declaration", "function_expression", "function", "arrow_function",
     "method_definition", "generator_function_declaration", "generator_function"}
)
LOOP_TYPES = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
CLASS_TYPES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
#: ``node.type`` of a string whose value is known (a template without substitutions too).
STRING_TYPES = frozenset({"string", "template_string"})


def unwrap(node: TsNode | None) -> TsNode | None:
    """``node`` without parentheses and type-only wrappers."""
    while node is not None and node.type in _WRAPPERS:
        inner = [child for child in node.named_children if child.type != "comment"]
        node = inner[0] if inner else None
    return node


def text(node: TsNode) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def string_value(node: TsNode | None) -> str | None:
    """The value of a string literal or a template without substitutions, else None."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(text(child)))
        return "".join(parts)
    if node.type == "template_string":
        if any(child.type == "template_substitution" for child in node.named_children):
            return None
        raw = text(node)[1:-1]
        return raw
    if node.type == "binary_expression" and _operator(node) == "+":
        texts = []
        for operand in added(node):
            value = string_value(operand) if operand.type != "binary_expression" else None
            if value is None:
                return None
            texts.append(value)
        return "".join(texts)
    return None


def added(node: TsNode) -> list[TsNode]:
    """The operands of a chain of ``+``, left to right (without recursion: a generated file
    may chain thousands)."""
    operands: list[TsNode] = []
    stack = [node]
    while stack:
        popped = stack.pop()
        current = unwrap(popped) or popped
        if current.type == "binary_expression" and _operator(current) == "+":
            left = current.child_by_field_name("left")
            right = current.child_by_field_name("right")
            if left is not None and right is not None:
                stack.extend((right, left))
                continue
        operands.append(current)
    return operands


def _unescape(escape: str) -> str:
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}
    body = escape[1:]
    if body in simple:
        return simple[body]
    if body.startswith("u{") and body.endswith("}"):
        try:
            return chr(int(body[2:-1], 16))
        except ValueError:
            return escape
    if body.startswith(("u", "x")) and len(body) > 1:
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return escape
    return body


def _operator(node: TsNode) -> str:
    operator = node.child_by_field_name("operator")
    return text(operator) if operator is not None else ""


def operator(node: TsNode) -> str:
    """The operator of a binary, unary or assignment expression."""
    return _operator(node)


def identifier_name(node: TsNode | None) -> str | None:
    node = unwrap(node)
    if node is not None and node.type in ("identifier", "shorthand_property_identifier",
                                          "property_identifier", "type_identifier"):
        return text(node)
    return None


def member_parts(node: TsNode) -> tuple[TsNode, str] | None:
    """``(object, property)`` of ``a.b``, ``a?.b`` or ``a["b"]``; None for other nodes."""
    if node.type == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if obj is not None and prop is not None:
            return obj, text(prop)
    if node.type == "subscript_expression":
        obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
        key = string_value(index)
        if obj is not None and key is not None:
            return obj, key
    return None


def dotted(node: TsNode | None) -> str | None:
    """``a.b.c`` as text for a chain of plain names (``this`` included), else None."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type in ("identifier", "this", "property_identifier"):
        return text(node)
    parts = member_parts(node)
    if parts is not None:
        head = dotted(parts[0])
        return f"{head}.{parts[1]}" if head is not None else None
    return None


def property_key(pair: TsNode) -> str | None:
    """The key of an object entry (``a: 1``, ``"a": 1``, ``a``, ``a() {}``), if fixed."""
    if pair.type in ("shorthand_property_identifier", "shorthand_property_identifier_pattern"):
        return text(pair)
    key = pair.child_by_field_name("key") or pair.child_by_field_name("name")
    if key is None:
        return None
    if key.type in ("property_identifier", "identifier", "private_property_identifier"):
        return text(key)
    if key.type == "number":
        return text(key)
    if key.type == "computed_property_name":
        inner = key.named_children
        return string_value(inner[0]) if inner else None
    return string_value(key)


def arguments(call: TsNode) -> list[TsNode]:
    """The argument nodes of a call or ``new`` expression (comments left out)."""
    args = call.child_by_field_name("arguments")
    if args is None or args.type == "template_string":
        return []
    return [child for child in args.named_children if child.type != "comment"]


def walk(node: TsNode) -> Iterator[TsNode]:
    """Every named descendant of ``node``, in source order, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def enclosing_function(node: TsNode) -> TsNode | None:
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_TYPES:
        parent = parent.parent
    return parent
