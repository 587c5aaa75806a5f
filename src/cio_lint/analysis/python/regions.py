"""Which Customer.io region (data center) a value or a client points at.

A workspace lives in one region, US or EU, and every client must talk to it:
``Regions.US``/``Regions.EU`` for the Track and App clients (or a ``host``/``url``
that names a regional host), ``https://cdp[-eu].customer.io`` for Data Pipelines.
The region rules (CIO104 invalid values, CIO105 mismatches) share these judgements.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, expression, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.analysis.regions import (
    ClientRegion,
    Region,
    RegionValue,
    region_of_host,
    region_of_text,
    region_of_write_key,
)
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind

REGIONS_QUALNAME = "customerio.Regions"
_VALID = {f"{REGIONS_QUALNAME}.US": Region.US, f"{REGIONS_QUALNAME}.EU": Region.EU}
_STRING_METHODS = frozenset({"lower", "upper", "strip", "casefold", "title", "capitalize"})
_ENV_CALLS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault"})


def judge_region(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> RegionValue:
    """Judge an expression given as a ``region``: a real Region, a wrong value, or unknown."""
    origin = model.origin(expr, scope, order)
    via = model.code(expr) if origin is not expr else None
    qual = model.qualname(origin, scope)
    if qual in _VALID:
        return RegionValue(origin, region=_VALID[qual], via=via)
    if qual.startswith("customerio"):
        return _judge_sdk_name(origin, qual, via)
    problem = string_problem(model, origin, scope)
    if problem is not None:
        text = string_value(origin)
        return RegionValue(
            origin, problem=problem, intended=region_of_text(text), via=via,
            literal=isinstance(origin, (cst.SimpleString, cst.ConcatenatedString)),
        )
    if isinstance(origin, cst.Name) and origin.value == "None":
        return RegionValue(origin, problem="`None`", via=via)
    if isinstance(origin, (cst.Integer, cst.Float)):
        return RegionValue(origin, problem=f"the number `{origin.value}`", via=via)
    owner = _local_class_member(model, origin, scope)
    if owner is not None:
        assert isinstance(origin, cst.Attribute)
        return RegionValue(
            origin,
            problem=f"`{model.code(origin)}`, a member of this module's own class `{owner}`",
            intended=region_of_text(origin.attr.value),
            via=via,
        )
    return RegionValue(origin, via=via)


def _local_class_member(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope
) -> str | None:
    """``Regions.EU`` where ``Regions`` is a class defined in this module (an Enum of its own)."""
    if not (isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name)):
        return None
    name = expr.value.value
    bindings = model.lookup(name, scope)
    if len(bindings) != 1 or name not in model.classes:
        return None
    only = bindings[0]
    is_class = only.qualname is None and only.value is None and only.function is None
    return name if is_class else None


def _judge_sdk_name(origin: cst.BaseExpression, qual: str, via: str | None) -> RegionValue:
    head, _, last = qual.rpartition(".")
    replacement = sdk.MISSING_NAMES.get(f"customerio.{last}", "")
    if replacement.startswith(f"{REGIONS_QUALNAME}.") and (
        head == "customerio" or head in sdk.TRACK_SUBMODULES
    ):
        return RegionValue(
            origin,
            problem=f"`{last}`, a Node SDK name that the Python SDK does not have",
            intended=_VALID[replacement],
            via=via,
            node_name=True,
            nonexistent=True,
        )
    if qual == REGIONS_QUALNAME:
        return RegionValue(origin, problem="the `Regions` class itself", via=via)
    if head == REGIONS_QUALNAME:
        return RegionValue(
            origin,
            problem=f"`Regions.{last}`, which does not exist (only `Regions.US` and `Regions.EU`)",
            intended=region_of_text(last),
            via=via,
            nonexistent=True,
        )
    return RegionValue(origin, via=via)


def string_problem(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope
) -> str | None:
    """Why ``expr`` is surely a ``str`` (a literal, an env variable), or None."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return f"the string {model.code(expr)}"
    if isinstance(expr, cst.FormattedString):
        return "an f-string"
    if is_env_lookup(model, expr, scope):
        return f"`{model.code(expr)}`, an environment variable (always a `str`)"
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in _STRING_METHODS
    ):
        inner = model.origin(expr.func.value, scope)
        if string_problem(model, inner, scope) is not None:
            return f"`{model.code(expr)}`, a `str`"
    return None


def is_env_lookup(model: SemanticModel, expr: cst.BaseExpression, scope: Scope) -> bool:
    """``os.environ[...]``, ``os.getenv(...)``, ``os.environ.get(...)``: always strings."""
    if isinstance(expr, cst.Subscript):
        return model.qualname(expr.value, scope) == "os.environ"
    if isinstance(expr, cst.Call):
        return model.qualname(expr.func, scope) in _ENV_CALLS
    return False


def host_region(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> Region | None:
    """The region of a ``host``/``url`` value when it is a literal Customer.io host."""
    origin = model.origin(expr, scope, order)
    text = string_value(origin)
    if text is None and isinstance(origin, cst.FormattedString):
        text = "".join(
            part.value for part in origin.parts if isinstance(part, cst.FormattedStringText)
        )
    return region_of_host(text) if text else None


def write_key_region(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> Region | None:
    """The region a literal Pipelines write key picks by its prefix (SDK 1.1.0+)."""
    text = string_value(model.origin(expr, scope, order))
    return region_of_write_key(text) if text is not None else None


#: The argument that overrides the region, per client kind.
_HOST_PARAM = {ClientKind.TRACK: "host", ClientKind.APP: "url", ClientKind.PIPELINES: "host"}


def construction_region(model: SemanticModel, call: SdkCall) -> ClientRegion | None:
    """The region of ``CustomerIO(...)``/``APIClient(...)``/``analytics.Client(...)``.

    None when it cannot be told (a variable host, a computed region, ``**kwargs``).
    """
    if call.bound.star_kwargs or call.bound.star_args:
        return None
    scope, order = scope_of(call), call.order
    host = _value(call, _HOST_PARAM[call.kind])
    if host is not None and not _is_none(host):
        region = host_region(model, host, scope, order)
        return ClientRegion(region, _HOST_PARAM[call.kind], host) if region else None
    if call.kind is ClientKind.PIPELINES:
        key = _value(call, "write_key")
        region = write_key_region(model, key, scope, order) if key is not None else None
        if region is not None and key is not None:
            return ClientRegion(region, "write_key", key)
        return ClientRegion(Region.US, "default", call.node)
    value = _value(call, "region")
    if value is None:
        return ClientRegion(Region.US, "default", call.node)
    judged = judge_region(model, value, scope, order)
    return ClientRegion(judged.region, "region", value) if judged.region else None


def _value(call: SdkCall, param: str) -> cst.BaseExpression | None:
    value = call.value(param)
    return expression(value) if value is not None else None


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"
