"""Credentials in Python code: which slot a value fills and what its name says it is.

The slots and names are found here; what a name means is judged by the neutral
``cio_lint.analysis.credentials``, so every frontend agrees.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.credentials import CredentialRole, CredentialUse
from cio_lint.analysis.python.scopes import as_scope, call_node, expression
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import dotted_name, string_value
from cio_lint.analysis.records import Argument, SdkCall
from cio_lint.core.client_kinds import ClientKind

_ENV_FUNCTIONS = frozenset({"getenv", "config", "env", "get_env", "env_var", "getenv_or_fail"})
_ENV_METHODS = frozenset({"get", "str", "get_value", "getenv", "__getitem__"})
#: The credential slots of each client constructor.
_SLOTS = {
    "CustomerIO": (("site_id", CredentialRole.SITE_ID), ("api_key", CredentialRole.TRACK_KEY)),
    "APIClient": (("key", CredentialRole.APP_KEY),),
    "Client": (("write_key", CredentialRole.WRITE_KEY),),
}


def credential_uses(model: SemanticModel) -> list[CredentialUse]:
    """Every credential slot the module fills: client constructors and ``analytics.write_key``."""
    uses: list[CredentialUse] = []
    for call in model.constructions():
        for param, role in _SLOTS.get(call.method, ()):
            arg = call.arg(param) or _spread_argument(model, call, param)
            if arg is not None:
                uses.append(
                    CredentialUse(role, arg.value, call.node, call.place, call.order, call,
                                  arg.keyword)
                )
    for target, value, scope, order, _ in model.attribute_assignments:
        if target.attr.value == "write_key" and model.client_kind(
            target.value, scope, order
        ) is ClientKind.PIPELINES:
            uses.append(CredentialUse(CredentialRole.WRITE_KEY, value, target, scope, order))
    return uses


def _spread_argument(model: SemanticModel, call: SdkCall, param: str) -> Argument | None:
    """``site_id`` of ``CustomerIO(**CONF)`` when ``CONF`` is a dict literal saying it."""
    if not call.bound.star_kwargs:
        return None
    syntax_call = call_node(call)
    scope = as_scope(call.place)
    for arg in syntax_call.args:
        if arg.star != "**":
            continue
        mapping = model.origin(arg.value, scope, call.order)
        if not isinstance(mapping, cst.Dict):
            continue
        for element in mapping.elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) == param:
                return Argument(element.value, element, param)
    return None


def credential_names(model: SemanticModel, use: CredentialUse) -> list[str]:
    """Names that tell what a credential value is, outermost first.

    ``os.environ["CIO_TRACK_KEY"]`` gives the variable name; ``settings.CIO_APP_KEY``
    the attribute; a local ``key = os.getenv("X")`` gives ``key`` then ``X``.
    """
    expr, scope, order = expression(use.value), as_scope(use.place), use.order
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


def literal_node(model: SemanticModel, use: CredentialUse) -> cst.BaseExpression | None:
    """The expression a credential slot's value was written as: through locals, a class
    attribute (``Settings.SITE_ID``) and the default of an environment lookup
    (``os.getenv("X", "...")`` hard-codes the credential all the same)."""
    scope = as_scope(use.place)
    value = model.origin(expression(use.value), scope, use.order)
    for _ in range(8):
        if isinstance(value, cst.Name):
            bindings = model.lookup(value.value, scope, use.order)
            if not bindings or bindings[0].value is None or bindings[0].value is value:
                return value
            value = bindings[0].value
        elif isinstance(value, cst.Attribute):
            assigned = _class_attribute(model, value)
            if assigned is None:
                return value
            value = assigned
        elif env_var_name(value) is not None and isinstance(value, cst.Call):
            default = _environment_default(value)
            if default is None:
                return value
            value = default
        else:
            return value
    return value


def _class_attribute(model: SemanticModel, expr: cst.Attribute) -> cst.BaseExpression | None:
    """The value of ``Settings.SITE_ID``: set in the class body or assigned to it."""
    if not isinstance(expr.value, cst.Name):
        return None
    klass = model.classes.get(expr.value.value)
    if klass is None:
        return None
    for bindings in (klass.bindings, klass.attributes):
        for binding in bindings.get(expr.attr.value, ()):
            if binding.value is not None:
                return binding.value
    return None


def _environment_default(call: cst.Call) -> cst.BaseExpression | None:
    """The fallback of ``os.getenv("X", default)`` or ``environ.get("X", default=...)``."""
    for position, arg in enumerate(call.args):
        if (arg.keyword is None and position == 1) or (
            arg.keyword is not None and arg.keyword.value == "default"
        ):
            return arg.value
    return None
