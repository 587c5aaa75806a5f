"""Credentials in JavaScript/TypeScript code: which slot a value fills and what its name says.

The slots are the client constructors' key arguments (``new TrackClient(siteId, key)``,
``new APIClient(key)``, ``new PipelinesClient(key)``, ``new Analytics({ writeKey })``); the
names are read through every way Node code reaches a setting: ``process.env.X``,
``import.meta.env.X``, t3-env ``env.X``, ``config.get('X')``, ``Env.get('X')``,
``functions.config().customerio.app_key``, ``const { X } = process.env`` and locals
assigned from those. What a name means is judged by the neutral
``cio_lint.analysis.credentials``, so every frontend agrees.
"""

from __future__ import annotations

from tree_sitter import Node as TsNode

from cio_lint.analysis.credentials import CredentialRole, CredentialUse
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.queries.base import scope as as_scope
from cio_lint.analysis.javascript.queries.base import ts
from cio_lint.analysis.javascript.scopes import BindingKind, Scope
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import SdkCall
from cio_lint.core.client_kinds import ClientKind

#: The credential slots of each client kind (neutral parameter names, see ``core.sdk_node``).
_SLOTS = {
    ClientKind.TRACK: (("site_id", CredentialRole.SITE_ID), ("api_key", CredentialRole.TRACK_KEY)),
    ClientKind.APP: (("key", CredentialRole.APP_KEY),),
    ClientKind.PIPELINES: (("write_key", CredentialRole.WRITE_KEY),),
}
#: ``config.get("X")``, ``Env.get("X")``, ``configService.getOrThrow("X")``: a setting by name.
_LOOKUP_METHODS = frozenset({"get", "getOrThrow", "getString", "require", "str", "string"})
#: ``getEnv("X")``, ``requireEnv("X")``: a setting read by a project helper.
_LOOKUP_FUNCTIONS = frozenset(
    {"env", "getEnv", "getenv", "requireEnv", "mustGetEnv", "getEnvVar", "readEnv", "envVar",
     "getConfig", "getSecret", "getRequiredEnv", "requiredEnv"}
)
#: Wrappers that leave a credential as it is (``String(process.env.X)``).
_PASS_THROUGH = frozenset({"String", "decodeURIComponent"})
_FALLBACKS = frozenset({"||", "??"})
_MAX_STEPS = 8


def credential_uses(semantic: JsSemantic, constructions: list[SdkCall]) -> list[CredentialUse]:
    """Every credential slot the module's client constructions fill."""
    uses: list[CredentialUse] = []
    for call in constructions:
        for param, role in _SLOTS[call.kind]:
            arg = call.arg(param)
            if arg is not None:
                uses.append(CredentialUse(role, arg.value, call.node, call.place, call.order,
                                          call, arg.keyword))
    return uses


def credential_names(semantic: JsSemantic, use: CredentialUse) -> list[str]:
    """Names that tell what a credential value is, outermost first.

    ``process.env.CIO_TRACK_KEY`` gives the variable; ``settings.cioAppKey`` the property;
    a local ``const key = process.env.X`` gives ``key`` then ``X``.
    """
    node: TsNode | None = ts(use.value)
    scope, order = as_scope(use.place), use.order
    names: list[str] = []
    for _ in range(_MAX_STEPS):
        node = _without_fallback(syntax.unwrap(node))
        if node is None:
            return names
        setting = setting_name(node)
        if setting is not None:
            names.append(setting)
            return names
        if node.type in ("identifier", "shorthand_property_identifier"):
            name = syntax.text(node)
            names.append(name)
            binding = semantic.binding(name, scope, order)
            if binding is None:
                return names
            if binding.kind is BindingKind.DESTRUCTURED:
                if binding.keys and binding.keys[-1] != name:
                    names.append(binding.keys[-1])
                return names
            if binding.value is None or binding.kind not in (
                BindingKind.CONST, BindingKind.LET, BindingKind.ASSIGN
            ):
                return names
            node = binding.value
            scope, order = semantic.scope_of(node), binding.order
            continue
        parts = syntax.member_parts(node)
        if parts is not None:
            names.append(parts[1])
        return names
    return names


def setting_name(node: TsNode) -> str | None:
    """``X`` from ``process.env.X``, ``import.meta.env.X``, ``env.X``, ``config.get("X")``."""
    parts = syntax.member_parts(node)
    if parts is not None:
        base = syntax.dotted(parts[0]) or syntax.text(parts[0])
        if base.endswith(("process.env", "import.meta.env")) or base in ("env", "Env"):
            return parts[1]
        return None
    if node.type != "call_expression":
        return None
    function = syntax.unwrap(node.child_by_field_name("function"))
    args = syntax.arguments(node)
    if function is None or not args:
        return None
    called = syntax.member_parts(function)
    name = called[1] if called is not None else syntax.identifier_name(function)
    if called is None and name in _PASS_THROUGH:
        inner = _without_fallback(syntax.unwrap(args[0]))
        return setting_name(inner) if inner is not None else None
    if (called is not None and name in _LOOKUP_METHODS) or (
        called is None and name in _LOOKUP_FUNCTIONS
    ):
        return syntax.string_value(args[0])
    return None


def _without_fallback(node: TsNode | None) -> TsNode | None:
    """``process.env.X`` of ``process.env.X || "..."`` / ``?? "..."`` (the name is on the
    left) and of `` `${process.env.X}` `` (a template of one value)."""
    while node is not None:
        if node.type == "binary_expression" and syntax.operator(node) in _FALLBACKS:
            node = syntax.unwrap(node.child_by_field_name("left"))
        elif node.type == "template_string" and [c.type for c in node.named_children] == [
            "template_substitution"
        ]:
            inner = node.named_children[0].named_children
            node = syntax.unwrap(inner[0]) if inner else None
        else:
            return node
    return node


def literal_nodes(semantic: JsSemantic, use: CredentialUse) -> list[TsNode]:
    """The string literals a credential slot may receive: the value itself, through locals,
    and the fallback of ``process.env.X || "..."`` (a hard-coded key all the same)."""
    found: list[TsNode] = []
    pending: list[tuple[TsNode | None, Scope, int | None]] = [
        (ts(use.value), as_scope(use.place), use.order)
    ]
    steps = 0
    while pending and steps < 4 * _MAX_STEPS:
        steps += 1
        node, scope, order = pending.pop()
        node = syntax.unwrap(node)
        if node is None:
            continue
        if node.type in syntax.STRING_TYPES or (
            node.type == "binary_expression" and syntax.operator(node) == "+"
        ):
            if syntax.string_value(node) is not None:
                found.append(node)
            continue
        if node.type == "binary_expression" and syntax.operator(node) in _FALLBACKS:
            pending.append((node.child_by_field_name("right"), scope, order))
            pending.append((node.child_by_field_name("left"), scope, order))
            continue
        if node.type in ("identifier", "shorthand_property_identifier"):
            bindings = semantic.bindings(syntax.text(node), scope, order)
            if len(bindings) == 1 and bindings[0].value is not None and bindings[0].kind in (
                BindingKind.CONST, BindingKind.LET, BindingKind.ASSIGN
            ):
                value = bindings[0].value
                pending.append((value, semantic.scope_of(value), bindings[0].order))
    return sorted(found, key=lambda n: n.start_byte)
