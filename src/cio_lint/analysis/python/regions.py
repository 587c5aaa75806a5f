"""Which Customer.io region (data center) a value or a client points at.

A workspace lives in one region, US or EU, and every client must talk to it:
``Regions.US``/``Regions.EU`` for the Track and App clients (or a ``host``/``url``
that names a regional host), ``https://cdp[-eu].customer.io`` for Data Pipelines.
The region rules (CIO104 invalid values, CIO105 mismatches) share these judgements.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import libcst as cst

from cio_lint.analysis.python.scopes import Scope, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.core import sdk
from cio_lint.core.sdk import ClientKind


class Region(str, Enum):
    """A Customer.io data center."""

    US = "us"
    EU = "eu"

    @property
    def label(self) -> str:
        return self.value.upper()

    @property
    def other(self) -> Region:
        return Region.EU if self is Region.US else Region.US


_REGIONS_QUALNAME = "customerio.Regions"
_VALID = {f"{_REGIONS_QUALNAME}.US": Region.US, f"{_REGIONS_QUALNAME}.EU": Region.EU}
_STRING_METHODS = frozenset({"lower", "upper", "strip", "casefold", "title", "capitalize"})
_ENV_CALLS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault"})

#: Default Pipelines host of each region, and the write-key prefixes (SDK 1.1.0+) that
#: pick a region by themselves.
PIPELINES_HOST = {Region.US: "https://cdp.customer.io", Region.EU: "https://cdp-eu.customer.io"}
_KEY_PREFIXES = {Region.US: ("pk_us_", "sk_us_"), Region.EU: ("pk_eu_", "sk_eu_")}


@dataclass(frozen=True)
class RegionValue:
    """What a value passed where a ``Region`` belongs really is.

    ``region`` is set for a real ``Regions.US``/``Regions.EU``; ``problem`` says why
    anything else is not a ``Region`` (the SDK raises); both are None when unknown.
    ``intended`` is the region a wrong value clearly means (``"eu"`` means EU).
    """

    node: cst.BaseExpression
    region: Region | None = None
    problem: str | None = None
    intended: Region | None = None
    via: str | None = None
    #: The value names a Node-only region constant (``RegionEU``) bound by an import.
    node_name_import: bool = False
    #: The value names an SDK attribute that does not exist (AttributeError, not a bad value).
    nonexistent: bool = False


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
        return RegionValue(origin, problem=problem, intended=region_of_text(text), via=via)
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
    if replacement.startswith(f"{_REGIONS_QUALNAME}.") and (
        head == "customerio" or head in sdk.TRACK_SUBMODULES
    ):
        return RegionValue(
            origin,
            problem=f"`{last}`, a Node SDK name that the Python SDK does not have",
            intended=_VALID[replacement],
            via=via,
            node_name_import=isinstance(origin, cst.Name),
            nonexistent=True,
        )
    if qual == _REGIONS_QUALNAME:
        return RegionValue(origin, problem="the `Regions` class itself", via=via)
    if head == _REGIONS_QUALNAME:
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


def region_of_text(text: str | None) -> Region | None:
    """``"eu"``/``"EU"``/``"europe"`` mean EU, ``"us"`` means US; hosts count too."""
    if text is None:
        return None
    cleaned = text.strip().lower()
    if cleaned in ("eu", "europe"):
        return Region.EU
    if cleaned in ("us", "usa"):
        return Region.US
    return region_of_host(text)


def region_of_host(text: str) -> Region | None:
    """The region of a URL or host naming a Customer.io endpoint (``track-eu.customer.io``)."""
    host = text.strip().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    if host in sdk.EU_HOSTS:
        return Region.EU
    if host in sdk.US_HOSTS:
        return Region.US
    return None


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
    if text is None:
        return None
    for region, prefixes in _KEY_PREFIXES.items():
        if text.startswith(prefixes):
            return region
    return None


@dataclass(frozen=True)
class ClientRegion:
    """The region a client construction talks to, and what decides it.

    ``source`` is ``"region"``, ``"host"``, ``"url"``, ``"write_key"`` or ``"default"``
    (nothing given: the SDK's US default); ``node`` is that argument, or the call.
    """

    region: Region
    source: str
    node: cst.CSTNode


#: The argument that overrides the region, per client kind.
_HOST_PARAM = {ClientKind.TRACK: "host", ClientKind.APP: "url", ClientKind.PIPELINES: "host"}


def construction_region(model: SemanticModel, call: SdkCall) -> ClientRegion | None:
    """The region of ``CustomerIO(...)``/``APIClient(...)``/``analytics.Client(...)``.

    None when it cannot be told (a variable host, a computed region, ``**kwargs``).
    """
    if call.bound.star_kwargs or call.bound.star_args:
        return None
    scope, order = scope_of(call), call.order
    host = call.value(_HOST_PARAM[call.kind])
    if host is not None and not _is_none(host):
        region = host_region(model, host, scope, order)
        return ClientRegion(region, _HOST_PARAM[call.kind], host) if region else None
    if call.kind is ClientKind.PIPELINES:
        key = call.value("write_key")
        region = write_key_region(model, key, scope, order) if key is not None else None
        if region is not None and key is not None:
            return ClientRegion(region, "write_key", key)
        return ClientRegion(Region.US, "default", call.node)
    value = call.value("region")
    if value is None:
        return ClientRegion(Region.US, "default", call.node)
    judged = judge_region(model, value, scope, order)
    return ClientRegion(judged.region, "region", value) if judged.region else None


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


@dataclass(frozen=True)
class RegionsReference:
    """How to write ``Regions`` at a place; when it must be imported first, ``statement``
    is the ``from customerio import ...`` to replace with ``statement_text``."""

    text: str
    statement: cst.ImportFrom | None = None
    statement_text: str = ""


def regions_reference(model: SemanticModel, scope: Scope, order: int) -> RegionsReference | None:
    """``Regions`` (already imported), ``customerio.Regions``, or ``Regions`` added to an
    existing ``from customerio import ...``; None when no safe spelling exists."""
    bindings = model.lookup("Regions", scope, order)
    if bindings:
        qual = bindings[0].qualname
        if qual is not None and sdk.PUBLIC_NAMES.get(qual, qual) == _REGIONS_QUALNAME:
            return RegionsReference("Regions")
    for name, module_bindings in model.root.bindings.items():
        only_sdk = len(module_bindings) == 1 and module_bindings[0].qualname == "customerio"
        if only_sdk and not _shadowed(model, name, scope, order):
            return RegionsReference(f"{name}.Regions")
    if bindings or "Regions" in model.root.bindings:
        return None
    statement = _module_customerio_import(model)
    if statement is None or isinstance(statement.names, cst.ImportStar):
        return None
    return RegionsReference("Regions", statement, model.code(_with_alias(statement, "Regions")))


def _with_alias(statement: cst.ImportFrom, name: str) -> cst.ImportFrom:
    """``statement`` importing ``name`` too, in the statement's own layout."""
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    last = names[-1]
    added = cst.ImportAlias(cst.Name(name))
    if isinstance(last.comma, cst.Comma):
        # Trailing-comma layout (one name per line): the new name takes the last comma.
        before = names[-2].comma if len(names) > 1 else cst.Comma(
            whitespace_after=cst.SimpleWhitespace(" ")
        )
        names[-1] = last.with_changes(comma=before)
        names.append(added.with_changes(comma=last.comma))
    else:
        names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        names.append(added)
    return statement.with_changes(names=names)


def _shadowed(model: SemanticModel, name: str, scope: Scope, order: int) -> bool:
    bindings = model.lookup(name, scope, order)
    return not bindings or bindings[0].qualname != "customerio"


def _module_customerio_import(model: SemanticModel) -> cst.ImportFrom | None:
    """The first top-level ``from customerio import ...`` statement of the module."""
    for statement in model.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and not small.relative
                and small.module is not None
                and model.code(small.module) == "customerio"
            ):
                return small
    return None
