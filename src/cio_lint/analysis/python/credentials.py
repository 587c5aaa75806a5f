"""Credentials in Python code: which slot a value fills and what its name says it is.

A key's role feeds CIO101, CIO102 and CIO103, so it is judged once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, call_node, expression, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.core.config import Config
from cio_lint.core.sdk import ClientKind

# -- credentials --------------------------------------------------------------------------


class Role(str, Enum):
    """What a credential is, judged from its name or from where it is passed."""

    SITE_ID = "site ID"
    TRACK_KEY = "Track API key"
    APP_KEY = "App API key"
    WRITE_KEY = "Pipelines write key"


_SITE_ID = re.compile(r"site[_\-]?id", re.IGNORECASE)
_WRITE_KEY = re.compile(r"(write[_\-]?key|cdp[_\-]?(api[_\-]?)?key|pipelines?[_\-]?key)", re.I)
_ENV_FUNCTIONS = frozenset({"getenv", "config", "env", "get_env", "env_var", "getenv_or_fail"})
_ENV_METHODS = frozenset({"get", "str", "get_value", "getenv", "__getitem__"})


@dataclass(frozen=True)
class CredentialUse:
    """A value handed to the SDK as a credential, and the role of that slot."""

    slot: Role
    value: cst.BaseExpression  # the expression as written at the slot
    anchor: cst.CSTNode  # the call or assignment, for noqa lines
    scope: Scope
    order: int
    call: SdkCall | None = None
    keyword: str | None = None


def credential_uses(model: SemanticModel) -> list[CredentialUse]:
    """Every credential slot the module fills: client constructors and ``analytics.write_key``."""
    uses: list[CredentialUse] = []
    slots = {
        "CustomerIO": (("site_id", Role.SITE_ID), ("api_key", Role.TRACK_KEY)),
        "APIClient": (("key", Role.APP_KEY),),
        "Client": (("write_key", Role.WRITE_KEY),),
    }
    for call in model.constructions():
        for param, role in slots.get(call.method, ()):
            arg = call.arg(param)
            if arg is not None:
                uses.append(
                    CredentialUse(role, expression(arg.value), call_node(call), scope_of(call),
                                  call.order, call, arg.keyword)
                )
    for target, value, scope, order, _ in model.attribute_assignments:
        if target.attr.value == "write_key" and model.client_kind(
            target.value, scope, order
        ) is ClientKind.PIPELINES:
            uses.append(CredentialUse(Role.WRITE_KEY, value, target, scope, order))
    return uses


def credential_names(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int
) -> list[str]:
    """Names that tell what a credential value is, outermost first.

    ``os.environ["CIO_TRACK_KEY"]`` gives the variable name; ``settings.CIO_APP_KEY``
    the attribute; a local ``key = os.getenv("X")`` gives ``key`` then ``X``.
    """
    names: list[str] = []
    for _ in range(8):
        env = env_var_name(expr)
        if env is not None:
            names.append(env)
            return names
        if isinstance(expr, cst.Name):
            names.append(expr.value)
            origin = model.origin(expr, scope, order)
            if origin is expr:
                bindings = model.lookup(expr.value, scope, order)
                value = bindings[0].value if bindings else None
                if value is None or value is expr:
                    return names
                origin = value
            expr = origin
            continue
        if isinstance(expr, cst.Attribute):
            names.append(expr.attr.value)
            return names
        return names
    return names


def env_var_name(expr: cst.BaseExpression) -> str | None:
    """``X`` from ``os.environ["X"]``, ``os.getenv("X")``, ``environ.get("X")``, ``config("X")``."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        base = dotted_name(expr.value)
        element = expr.slice[0].slice
        if base.endswith("environ") and isinstance(element, cst.Index):
            return string_value(element.value)
        return None
    if isinstance(expr, cst.Call) and expr.args and expr.args[0].keyword is None:
        name = dotted_name(expr.func)
        last = name.rsplit(".", 1)[-1]
        head = name.rsplit(".", 1)[0] if "." in name else ""
        if (
            (not head and last in _ENV_FUNCTIONS)
            or (head.endswith("environ") and last in _ENV_METHODS)
            or (head in ("os", "env", "environ", "config", "decouple") and last in
                _ENV_FUNCTIONS | _ENV_METHODS)
        ):
            return string_value(expr.args[0].value)
    return None


def role_of_name(name: str, config: Config) -> Role | None:
    """The credential role a name shows, per the configured key-name patterns."""
    if any(re.search(p, name, re.IGNORECASE) for p in config.track_key_patterns):
        return Role.TRACK_KEY
    if any(re.search(p, name, re.IGNORECASE) for p in config.app_key_patterns):
        return Role.APP_KEY
    if _WRITE_KEY.search(name):
        return Role.WRITE_KEY
    if _SITE_ID.search(name):
        return Role.SITE_ID
    return None


def role_of_value(
    model: SemanticModel, use: CredentialUse, config: Config
) -> tuple[Role, str] | None:
    """The role the value's names show (innermost wins) and the name that shows it."""
    for name in reversed(credential_names(model, use.value, use.scope, use.order)):
        role = role_of_name(name, config)
        if role is not None:
            return role, name
    return None


def is_generic_key_name(name: str) -> bool:
    """``api_key``, ``key``, ``token``: a key of some kind, not a site ID."""
    return bool(re.search(r"(key|token|secret)$", name, re.IGNORECASE))


def literal_secret(
    model: SemanticModel, use: CredentialUse
) -> cst.SimpleString | cst.ConcatenatedString | None:
    """The non-empty string literal a credential slot receives, directly or via a name."""
    value = model.origin(use.value, use.scope, use.order)
    if isinstance(value, cst.Name):
        bindings = model.lookup(value.value, use.scope, use.order)
        if bindings and bindings[0].value is not None:
            value = bindings[0].value
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        text = string_value(value)
        if text:
            return value
    return None


def credential_literals(model: SemanticModel) -> list[str]:
    """The credential string literals of a module, longest first: text no output may show."""
    found = set()
    for use in credential_uses(model):
        literal = literal_secret(model, use)
        if literal is not None:
            text = string_value(literal)
            if text:
                found.add(text)
    return sorted(found, key=len, reverse=True)


