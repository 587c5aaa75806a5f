"""What a value *is*: credentials by name, time values by unit, emails by shape.

These are judgements several rules share (a key's role feeds CIO101, CIO102 and
CIO103; a time value's unit feeds the timestamp rules), so they live here, on
top of the semantic model, rather than inside any one rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol, TypeVar

import libcst as cst

from cio_lint.analysis.python.semantic import (
    Scope,
    SdkCall,
    SemanticModel,
    dotted_name,
    string_value,
)
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
                keyword = arg.keyword.value if arg.keyword is not None else None
                uses.append(
                    CredentialUse(role, arg.value, call.node, call.site.scope, call.order,
                                  call, keyword)
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


def mask_secrets(text: str, secrets: Sequence[str], *, keep_width: bool = False) -> str:
    """``text`` with every secret in it masked (see ``mask``); ``keep_width`` pads the
    mask with ``*`` so quoted source keeps its columns (carets stay aligned)."""
    for secret in secrets:
        if secret in text:
            masked = mask(secret)
            if keep_width:
                visible = masked.rstrip("…")
                masked = visible + "*" * (len(secret) - len(visible))
            text = text.replace(secret, masked)
    return text


def mask(secret: str) -> str:
    """At most the first four characters of a secret, then an ellipsis."""
    shown = secret[:4] if len(secret) > 8 else secret[:2] if len(secret) > 3 else ""
    return f"{shown}…"


_PLACEHOLDER = re.compile(
    r"^(your[_\- ].*|x{3,}|<.*>|\{.*\}|changeme|change[_\- ]me|placeholder|todo|fixme|"
    r"\.\.\.|\*+|test|dummy|example.*|replace[_\- ]?me.*|insert.*here|secret|api[_\- ]?key|"
    r"site[_\- ]?id|.*_here)$",
    re.IGNORECASE,
)


def is_placeholder(secret: str) -> bool:
    return bool(_PLACEHOLDER.match(secret.strip()))


# -- time values --------------------------------------------------------------------------

_SECONDS_CALLS = frozenset({"time.time", "time.mktime", "calendar.timegm"})
_MONOTONIC_CALLS = frozenset(
    {"time.monotonic", "time.perf_counter", "time.process_time", "time.thread_time"}
)
_NANO_CALLS = frozenset(
    {"time.time_ns", "time.monotonic_ns", "time.perf_counter_ns", "time.process_time_ns"}
)
_THOUSAND = frozenset({1000})  # 1000 == 1000.0: also matches 1e3
_MILLION = frozenset({1_000_000})  # also matches 1e6
_WRAPPERS = frozenset({"int", "round", "math.floor", "math.ceil", "math.trunc", "float"})


class Unit(str, Enum):
    SECONDS = "seconds"
    MILLISECONDS = "milliseconds"
    NANOSECONDS = "nanoseconds"
    MONOTONIC = "monotonic clock"


@dataclass(frozen=True)
class TimeValue:
    """A time expression and what cio-lint can say about it."""

    unit: Unit
    node: cst.BaseExpression  # the expression that produces the value
    seconds: str | None = None  # source of the seconds equivalent, when derivable
    plain: bool = False  # a plain conversion of a seconds source (safe to rewrite)
    via: str | None = None  # how it reached the sink: a variable or helper name


def number_value(node: cst.BaseExpression) -> float | None:
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0)
    if isinstance(node, cst.Float):
        try:
            return float(node.value.replace("_", ""))
        except ValueError:  # pragma: no cover - the parser guarantees a float
            return None
    return None


class _Traced(Protocol):
    @property
    def via(self) -> str | None: ...


Traced = TypeVar("Traced", bound=_Traced)


def through_local(
    model: SemanticModel,
    name: cst.Name,
    scope: Scope,
    order: int | None,
    classify: Callable[[cst.BaseExpression], Traced | None],
) -> Traced | None:
    """Classify the value a local name was assigned, noting the name it came through
    (messages say "through `ts`"); ``None`` when the name's value is not known."""
    origin = model.origin(name, scope, order)
    if origin is name:
        return None
    found = classify(origin)
    if found is not None and found.via is None:
        return replace(found, via=name.value)  # type: ignore[type-var]
    return found


class TimeAnalysis:
    """Classifies expressions by time unit, through locals and same-module helpers."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model

    def classify(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int = 0
    ) -> TimeValue | None:
        if depth > 6:
            return None
        model = self.model
        if isinstance(expr, cst.Name):
            return through_local(
                model, expr, scope, order,
                lambda value: self.classify(value, scope, None, depth + 1),
            )
        if isinstance(expr, cst.Integer):
            digits = len(expr.value.replace("_", "").lstrip("0"))
            if digits >= 19:
                value = int(expr.value.replace("_", ""), 0)
                return TimeValue(Unit.NANOSECONDS, expr, str(value // 1_000_000_000), True)
            if digits >= 13:
                value = int(expr.value.replace("_", ""), 0)
                return TimeValue(Unit.MILLISECONDS, expr, str(value // 1000), True)
            return None
        if isinstance(expr, cst.BinaryOperation):
            return self._binary(expr, scope, order, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, order, depth)
        return None

    def _binary(
        self, expr: cst.BinaryOperation, scope: Scope, order: int | None, depth: int
    ) -> TimeValue | None:
        model = self.model
        if isinstance(expr.operator, cst.Multiply):
            for source, factor in ((expr.left, expr.right), (expr.right, expr.left)):
                if number_value(factor) in _THOUSAND:
                    if self.is_seconds_source(source, scope, order):
                        seconds = model.code(source)
                        return TimeValue(Unit.MILLISECONDS, expr, f"int({seconds})", True)
                    inner = self.classify(source, scope, order, depth + 1)
                    if inner is not None and inner.unit is Unit.MONOTONIC:
                        return TimeValue(Unit.MONOTONIC, expr)
        if isinstance(expr.operator, (cst.FloorDivide, cst.Divide)):
            inner = self.classify(expr.left, scope, order, depth + 1)
            divisor = number_value(expr.right)
            if inner is not None and inner.unit is Unit.NANOSECONDS and divisor in _MILLION:
                left = model.code(expr.left)
                return TimeValue(Unit.MILLISECONDS, expr, f"{left} // 1_000_000_000", True)
            if inner is not None and inner.unit is Unit.MONOTONIC:
                return inner
        if isinstance(expr.operator, (cst.Add, cst.Subtract)):
            for side in (expr.left, expr.right):
                inner = self.classify(side, scope, order, depth + 1)
                if inner is not None and inner.unit is not Unit.SECONDS:
                    return TimeValue(inner.unit, expr)
        return None

    def _call(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> TimeValue | None:
        model = self.model
        name = model.qualname(call.func, scope, order) or dotted_name(call.func)
        if name in _NANO_CALLS:
            return TimeValue(
                Unit.NANOSECONDS, call, f"{model.code(call)} // 1_000_000_000", True
            )
        if name in _MONOTONIC_CALLS:
            return TimeValue(Unit.MONOTONIC, call)
        if name in _WRAPPERS and len(call.args) >= 1:
            inner = self.classify(call.args[0].value, scope, order, depth + 1)
            if inner is None or inner.unit is Unit.SECONDS:
                return None
            seconds = inner.seconds
            if seconds is not None and name != "float":
                core = seconds[4:-1] if seconds.startswith("int(") else seconds
                wrapper = "int" if name == "int" or seconds.startswith("int(") else name
                seconds = f"{wrapper}({core})" if not seconds.isdigit() else seconds
                if "//" in core:
                    seconds = core
            return TimeValue(inner.unit, call, seconds, inner.plain, inner.via)
        function = model.resolve_function(call.func, scope, order)
        if function is not None and not call.args:
            for value in function.scope.returns:
                found = self.classify(value, function.scope, None, depth + 1)
                if found is not None and found.unit is not Unit.SECONDS:
                    return TimeValue(found.unit, call, None, False, via=f"{function.name}()")
        return None

    def is_seconds_source(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None
    ) -> bool:
        """``time.time()``, ``dt.timestamp()``, ``calendar.timegm(...)``: Unix seconds."""
        expr = self.model.origin(expr, scope, order)
        if not isinstance(expr, cst.Call):
            return False
        name = self.model.qualname(expr.func, scope, order) or dotted_name(expr.func)
        if name in _SECONDS_CALLS:
            return True
        return isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "timestamp"


_DATE_KEY = re.compile(r"(_at|_time|_date|_ts|^timestamp|^date.*|^time$|^ts$)$", re.IGNORECASE)


def is_date_key(key: str) -> bool:
    """Attribute names Customer.io users compare as dates: ``*_at``, ``*_time``, ``date*``."""
    return bool(_DATE_KEY.search(key))


# -- timestamp types: strings, numbers, naive datetimes -------------------------------------


class TimestampType(str, Enum):
    """What kind of value a timestamp expression produces, as far as the source shows.

    The SDKs disagree on what a timestamp is: the Track SDK converts datetimes and
    int-like values and silently drops other strings; the Pipelines SDK accepts only
    a ``datetime``. The timestamp rules share this one classification.
    """

    DATE_TEXT = "date string"  # ISO-8601 / strftime / isoformat / str(datetime)
    TEXT = "string"  # some other non-numeric string
    NUMERIC_TEXT = "numeric string"  # "1704067200", strftime("%s")
    NUMBER = "number"  # int/float: literals, time.time(), int(...), dt.timestamp()
    NAIVE_DATETIME = "naive datetime"  # datetime.now()/utcnow()/today() without tz


@dataclass(frozen=True)
class TypedTimestamp:
    """A timestamp expression's type, with what a message or a fix needs to know."""

    type: TimestampType
    node: cst.BaseExpression  # the expression that produces the value
    how: str  # e.g. "an `.isoformat()` string", "a number literal"
    via: str | None = None  # the local variable it came through
    naive_call: cst.Call | None = None  # NAIVE_DATETIME: the now()/utcnow()/today() call
    source: cst.BaseExpression | None = None  # the datetime behind an isoformat/strftime


#: ``datetime.datetime`` constructors that return a naive value, and whether a tz can be given.
NAIVE_DATETIME_CALLS: dict[str, bool] = {
    "datetime.datetime.now": True,
    "datetime.datetime.today": False,
    "datetime.datetime.utcnow": False,
}
_TEXT_TYPES = frozenset({TimestampType.DATE_TEXT, TimestampType.TEXT})
#: (operator, left is naive, right is naive) -> the naive side of ``datetime +/- timedelta``.
_NAIVE_SHIFT: dict[tuple[type[cst.BaseBinaryOp], bool, bool], str] = {
    (cst.Add, True, False): "left",
    (cst.Subtract, True, False): "left",
    (cst.Add, False, True): "right",
}
_DATE_LITERAL = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{2}/\d{2}|"
    r"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4})",
)


def is_int_text(text: str) -> bool:
    """Would ``int(text)`` succeed? (the Track SDK's test for a usable timestamp string)"""
    try:
        int(text)
    except ValueError:
        return False
    return True


class TimestampTypes:
    """Classifies timestamp expressions by type, through local variables."""

    def __init__(self, model: SemanticModel) -> None:
        self.model = model
        self.times = TimeAnalysis(model)

    def classify(
        self, expr: cst.BaseExpression, scope: Scope, order: int | None, depth: int = 0
    ) -> TypedTimestamp | None:
        if depth > 6:
            return None
        if isinstance(expr, cst.Name):
            return through_local(
                self.model, expr, scope, order,
                lambda value: self.classify(value, scope, None, depth + 1),
            )
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            return _literal_type(expr)
        if isinstance(expr, cst.FormattedString):
            return _fstring_type(expr)
        if isinstance(expr, (cst.Integer, cst.Float)):
            return TypedTimestamp(TimestampType.NUMBER, expr, "a number literal")
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            inner = self.classify(expr.expression, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NUMBER:
                return replace(inner, node=expr)
            return None
        if isinstance(expr, cst.BinaryOperation):
            return self._binary(expr, scope, order, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, order, depth)
        return None

    def _binary(
        self, expr: cst.BinaryOperation, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        left = self.classify(expr.left, scope, order, depth + 1)
        right = self.classify(expr.right, scope, order, depth + 1)
        adding = isinstance(expr.operator, cst.Add)
        for side in (left, right):
            if adding and side is not None and side.type in _TEXT_TYPES:
                return replace(side, node=expr, via=None)  # "..." + "Z" is still a string
        naive = _NAIVE_SHIFT.get((
            type(expr.operator),
            left is not None and left.type is TimestampType.NAIVE_DATETIME,
            right is not None and right.type is TimestampType.NAIVE_DATETIME,
        ))
        if naive == "left" and left is not None and right is None:
            return replace(left, node=expr, via=None)  # naive + timedelta stays naive
        if naive == "right" and right is not None and left is None:
            return replace(right, node=expr, via=None)
        numbers = [side for side in (left, right) if side is not None]
        if numbers and all(side.type is TimestampType.NUMBER for side in numbers):
            return TypedTimestamp(TimestampType.NUMBER, expr, "a number")
        return None

    def _call(
        self, call: cst.Call, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        model = self.model
        name = model.qualname(call.func, scope, order) or dotted_name(call.func)
        if name in NAIVE_DATETIME_CALLS:
            takes_tz = NAIVE_DATETIME_CALLS[name]
            if takes_tz and any(_is_not_none(arg.value) for arg in call.args):
                return None
            return TypedTimestamp(TimestampType.NAIVE_DATETIME, call,
                                  f"`{model.code(call)}`", naive_call=call)
        if name == "time.strftime":
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "a `time.strftime()` string")
        if self._is_number_call(call, name, scope, order):
            return TypedTimestamp(TimestampType.NUMBER, call, "a number")
        if name == "str" and len(call.args) == 1:
            inner = self.classify(call.args[0].value, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NAIVE_DATETIME:
                return TypedTimestamp(TimestampType.DATE_TEXT, call,
                                      "a `str()` of a datetime", source=call.args[0].value)
            return None
        if isinstance(call.func, cst.Attribute):
            return self._method(call, call.func, scope, order, depth)
        return None

    def _is_number_call(
        self, call: cst.Call, name: str, scope: Scope, order: int | None
    ) -> bool:
        """``time.time()``, ``dt.timestamp()``, ``int(...)``, ``round(...)``: a number."""
        return (
            name in _SECONDS_CALLS
            or (name in _WRAPPERS and bool(call.args))
            or self.times.is_seconds_source(call, scope, order)
            or self.times.classify(call, scope, order) is not None
        )

    def _method(
        self, call: cst.Call, func: cst.Attribute, scope: Scope, order: int | None, depth: int
    ) -> TypedTimestamp | None:
        method = func.attr.value
        if method == "isoformat":
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "an `.isoformat()` string",
                                  source=func.value)
        if method == "strftime" and call.args:
            fmt = string_value(call.args[0].value)
            if fmt == "%s":
                return TypedTimestamp(TimestampType.NUMERIC_TEXT, call,
                                      'a `strftime("%s")` string', source=func.value)
            return TypedTimestamp(TimestampType.DATE_TEXT, call, "a `strftime()` string",
                                  source=func.value)
        if method == "replace" and not any(
            arg.keyword is not None and arg.keyword.value == "tzinfo" for arg in call.args
        ):
            inner = self.classify(func.value, scope, order, depth + 1)
            if inner is not None and inner.type is TimestampType.NAIVE_DATETIME:
                return replace(inner, node=call, via=None)
        return None


def _is_not_none(value: cst.BaseExpression) -> bool:
    return not (isinstance(value, cst.Name) and value.value == "None")


def _literal_type(expr: cst.SimpleString | cst.ConcatenatedString) -> TypedTimestamp | None:
    text = string_value(expr)
    if text is None:
        return None
    if is_int_text(text):
        return TypedTimestamp(TimestampType.NUMERIC_TEXT, expr, "a numeric string")
    if _DATE_LITERAL.match(text.strip()):
        return TypedTimestamp(TimestampType.DATE_TEXT, expr, "a date string literal")
    return TypedTimestamp(TimestampType.TEXT, expr, "a string literal")


def _fstring_type(expr: cst.FormattedString) -> TypedTimestamp | None:
    """An f-string is a date string when it formats with ``%`` codes; a string when it has
    non-digit text; unknown (maybe numeric) when it only interpolates."""
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringExpression) and part.format_spec:
            spec = "".join(
                p.value for p in part.format_spec if isinstance(p, cst.FormattedStringText)
            )
            if "%" in spec:
                return TypedTimestamp(TimestampType.DATE_TEXT, expr, "an f-string date",
                                      source=part.expression)
    text = "".join(p.value for p in expr.parts if isinstance(p, cst.FormattedStringText))
    if text.strip() and not text.strip().isdigit():
        return TypedTimestamp(TimestampType.TEXT, expr, "an f-string")
    return None


# -- emails --------------------------------------------------------------------------------

_EMAIL_LITERAL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMAIL_NAME = re.compile(r"(^|_)e_?mail(_?addr(ess)?)?$|[a-z]Email(Address)?$|^email", re.I)


def is_email_literal(text: str) -> bool:
    return bool(_EMAIL_LITERAL.match(text.strip()))


_EMBEDDED_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)


def embedded_email(text: str) -> str | None:
    """The first email address inside ``text`` (``"invited_jane@example.com"``), if any.

    Only a bounded window around each ``@`` is searched, so a huge literal costs
    linear time.
    """
    start = text.find("@")
    for _ in range(50):
        if start < 0:
            return None
        match = _EMBEDDED_EMAIL.search(text, max(0, start - 64), start + 640)
        if match is not None:
            return match.group(0)
        start = text.find("@", start + 1)
    return None


def is_email_name(name: str) -> bool:
    """``email``, ``user_email``, ``emailAddress``: a name that holds an email address."""
    return bool(_EMAIL_NAME.search(name))


def email_source(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> str | None:
    """Why ``expr`` is an email address, or None: a literal, ``user.email``, ``data["email"]``."""
    seen: list[cst.BaseExpression] = [expr]
    origin = model.origin(expr, scope, order)
    if origin is not expr:
        seen.append(origin)
    for node in seen:
        reason = _email_reason(node)
        if reason is not None:
            return reason
    return None


def _email_reason(node: cst.BaseExpression) -> str | None:
    text = string_value(node)
    if text is not None:
        return "an email address literal" if "@" in text else None
    if isinstance(node, cst.FormattedString):
        parts = "".join(
            p.value for p in node.parts if isinstance(p, cst.FormattedStringText)
        )
        return "an email address built by an f-string" if "@" in parts else None
    if isinstance(node, cst.Name):
        return f"the variable `{node.value}`" if is_email_name(node.value) else None
    if isinstance(node, cst.Attribute):
        name = node.attr.value
        return f"the `{name}` attribute" if is_email_name(name) else None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        element = node.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None and is_email_name(key):
                return f'the "{key}" field'
        return None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        method = node.func.attr.value
        if method in ("get", "getlist", "pop") and node.args:
            key = string_value(node.args[0].value)
            if key is not None and is_email_name(key):
                return f'the "{key}" field'
        if method in ("lower", "strip", "casefold"):
            return _email_reason(node.func.value)
    return None


def same_expression(model: SemanticModel, a: cst.CSTNode, b: cst.CSTNode) -> bool:
    """Are two expressions the same source text, ignoring whitespace?"""
    return normalized_code(model, a) == normalized_code(model, b)


def normalized_code(model: SemanticModel, node: cst.CSTNode) -> str:
    return re.sub(r"\s+", "", model.code(node))
