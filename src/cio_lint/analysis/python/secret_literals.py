"""The secrets written in a Python module: each credential literal, where it is and its value.

A report must never show a key, however it is written: ``"sk_" "live_..."``,
``"sk_" + "live_..."``, ``b"..."``, escapes, the constant part of an f-string, the
default of ``os.getenv("X", "...")``. The engine masks quoted source by the spans
reported here and every other text by the values.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

import libcst as cst

from cio_lint.analysis.attributes import Namespace, SentEntry, sensitive_content
from cio_lint.analysis.credentials import CredentialUse
from cio_lint.analysis.python.attributes import all_entries
from cio_lint.analysis.python.credentials import credential_uses, literal_node
from cio_lint.analysis.python.scopes import as_scope, expression
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.records import SdkCall
from cio_lint.core.findings import Position
from cio_lint.core.secrets import SecretLiteral, is_secret_value

#: ``"a" + "b" + ...`` deeper than this is not followed (cost stays linear).
_MAX_PARTS = 64
@lru_cache(maxsize=4096)
def _names_a_secret(key: str, namespace: Namespace) -> bool:
    """``sensitive_content`` for a key, once per key: a dense file repeats its keys."""
    return sensitive_content(key, namespace) is not None


def literal_value(node: cst.BaseExpression) -> str | None:
    """The text a string literal evaluates to, or None when it is not one.

    Bytes are decoded as Latin-1 (every byte is a character, so the text is exact);
    an f-string gives its longest constant piece when that looks like a secret.
    """
    parts: list[cst.BaseExpression] = [node]
    pieces: list[str] = []
    while parts:
        if len(pieces) > _MAX_PARTS:
            return None
        part = parts.pop()
        if isinstance(part, cst.ConcatenatedString) or (
            isinstance(part, cst.BinaryOperation) and isinstance(part.operator, cst.Add)
        ):
            parts.extend((part.right, part.left))
        elif isinstance(part, cst.SimpleString):
            try:
                value = part.evaluated_value
            except (ValueError, SyntaxError):  # pragma: no cover - the parser rejects these
                return None
            pieces.append(value.decode("latin-1") if isinstance(value, bytes) else value)
        elif isinstance(part, cst.FormattedString):
            constant = _fstring_constant(part)
            if constant is None:
                return None
            pieces.append(constant)
        else:
            return None
    return "".join(pieces)


def _fstring_constant(node: cst.FormattedString) -> str | None:
    """The longest constant piece of an f-string, if it is long enough to be a key and
    has no spaces (``f"Bearer {token}"`` is a template, not a credential)."""
    texts = [p.value for p in node.parts if isinstance(p, cst.FormattedStringText)]
    longest = max(texts, key=len, default="")
    if not is_secret_value(longest) or any(c.isspace() for c in longest):
        return None
    return longest


def literal_secret(model: SemanticModel, use: CredentialUse) -> str | None:
    """The non-empty literal text a credential slot receives, directly or via a name."""
    node = literal_node(model, use)
    value = literal_value(node) if node is not None else None
    return value or None


def secret_literals(
    model: SemanticModel, entries_of: Callable[[SdkCall], list[SentEntry]] | None = None
) -> list[SecretLiteral]:
    """Every secret written in the module: credential literals (CIO103) and literal values
    sent under a secret's name (CIO701's ``token="sk_live_..."``), in source order.

    ``entries_of`` reads a call's entries (the model's, which the rules have read already).
    """
    if entries_of is None:
        entries_of = partial(all_entries, model)
    found: dict[tuple[int, int, int, int], SecretLiteral] = {}
    nodes = [literal_node(model, use) for use in credential_uses(model)]
    for call in model.sdk_calls():
        for entry in entries_of(call):
            if _names_a_secret(entry.key, entry.namespace):
                nodes.append(
                    model.origin(expression(entry.value), as_scope(entry.call.place),
                                 entry.call.order)
                )
    for node in nodes:
        value = literal_value(node) if node is not None else None
        if node is None or not value:
            continue
        span = model.range(node)
        key = (span.start.line, span.start.column, span.end.line, span.end.column)
        found[key] = SecretLiteral(
            value,
            model.source_text(node),
            Position(span.start.line, span.start.column + 1),
            Position(span.end.line, span.end.column + 1),
        )
    return [found[key] for key in sorted(found)]
