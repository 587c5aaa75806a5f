"""Personal data in JavaScript/TypeScript event names: values read from personal fields.

Judged, as for Python, by the names a value is read from (``user.email``,
``form["phone"]``, ``getBirthday()``), through one ``const``, and by email addresses
written in the name's own text.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.events import EventName, PersonalData, email_in_name, pii_kind
from cio_lint.analysis.identity import embedded_email
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.event_names import MAX_DEPTH, built_name
from cio_lint.analysis.javascript.scopes import Scope
from cio_lint.analysis.javascript.semantic import JsSemantic

#: String methods and functions that return (a form of) the value they are given.
_STRING_METHODS = frozenset(
    {"toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "normalize", "replace",
     "replaceAll", "slice", "substring", "split", "padStart", "padEnd", "toString",
     "toLocaleLowerCase", "toLocaleUpperCase"}
)
_PASS_THROUGH_FUNCTIONS = frozenset(
    {"String", "encodeURIComponent", "encodeURI", "slugify", "escape", "JSON.stringify"}
)


def last_name(node: TsNode | None) -> str:
    """The last name written in ``a.b.c`` (``c``), or ``a`` for a plain name."""
    node = syntax.unwrap(node)
    if node is None:
        return ""
    if node.type in ("identifier", "property_identifier", "this"):
        return syntax.text(node)
    parts = syntax.member_parts(node)
    return parts[1] if parts is not None else ""


def pii_reason(node: TsNode | None, depth: int = 0) -> str | None:
    """Why the value of ``node`` is personal data, judged by the names it is read from."""
    node = syntax.unwrap(node)
    if node is None or depth > MAX_DEPTH:
        return None
    if node.type == "identifier":
        return pii_kind(syntax.text(node))
    if node.type in ("member_expression", "subscript_expression"):
        parts = syntax.member_parts(node)
        if parts is None:
            obj = node.child_by_field_name("object")
            return pii_reason(obj, depth + 1)
        return pii_kind(parts[1], last_name(parts[0])) or (
            pii_reason(parts[0], depth + 1) if node.type == "subscript_expression" else None
        )
    if node.type == "call_expression":
        return _call_reason(node, depth)
    if node.type == "template_string":
        for child in node.named_children:
            if child.type == "template_substitution" and child.named_children:
                reason = pii_reason(child.named_children[0], depth + 1)
                if reason is not None:
                    return reason
    return None


def _call_reason(node: TsNode, depth: int) -> str | None:
    function = syntax.unwrap(node.child_by_field_name("function"))
    if function is None:
        return None
    args = syntax.arguments(node)
    if syntax.dotted(function) in _PASS_THROUGH_FUNCTIONS and args:
        return pii_reason(args[0], depth + 1)
    parts = syntax.member_parts(function)
    if parts is not None and parts[1] in _STRING_METHODS:
        return pii_reason(parts[0], depth + 1)
    if parts is not None and parts[1] == "get" and args:
        key = syntax.string_value(args[0])
        return pii_kind(key, last_name(parts[0])) if key is not None else None
    name = last_name(function)
    if name.startswith("get") and name[3:4].isupper():
        return pii_kind(name, last_name(parts[0]) if parts is not None else "")
    return None


def personal_data_in_name(semantic: JsSemantic, event: EventName) -> list[PersonalData]:
    """The personal data the name carries: an email in its text, or personal values."""
    if event.text is not None:
        email = embedded_email(event.text)
        return [email_in_name(email)] if email else []
    scope: Scope = event.call.place  # type: ignore[assignment]
    value: TsNode = event.value  # type: ignore[assignment]
    built = built_name(semantic, value, scope, event.call.order)
    pieces = built.pieces if built is not None else (value,)
    found: list[PersonalData] = []
    for piece in pieces:
        if isinstance(piece, str):
            email = embedded_email(piece)
            if email is not None:
                found.append(email_in_name(email))
            continue
        node: TsNode = piece  # type: ignore[assignment]
        reason = _through_origin(semantic, node, scope, event.call.order)
        if reason is not None:
            found.append(PersonalData(f"`{semantic.parsed.text(node)}`", reason, node))
    return found




def _through_origin(
    semantic: JsSemantic, node: TsNode, scope: Scope, order: int
) -> str | None:
    """Personal data by the expression's own name, else by the local it was given."""
    reason = pii_reason(node)
    if reason is not None or node.type != "identifier":
        return reason
    origin = semantic.origin(node, scope, order)
    if origin.id == node.id:
        return None
    reason = pii_reason(origin)
    return f"{reason}, from `{semantic.parsed.text(origin)}`" if reason is not None else None
