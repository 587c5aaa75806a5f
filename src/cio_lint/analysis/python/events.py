"""What cio-lint knows about event names, shared by the CIO4xx rules.

Which SDK calls carry an event name, what that name is when it is fixed at
write time (through locals, module and class constants, ``+`` of constants),
how it is built when it is not (f-string, ``%``, ``.format()``, ``+``,
``str.join``), the snake_case and normalised forms the naming rules compare,
and which interpolated values are personal data.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

import libcst as cst

from cio_lint.analysis.python.identity import is_email_name
from cio_lint.analysis.python.scopes import Scope, scope_of
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.records import SdkCall
from cio_lint.core.sdk import ClientKind

#: The calls whose event name campaigns trigger on. ``pageview`` is exempt: its
#: "name" is a URL or path, not an event name.
EVENT_METHODS: dict[ClientKind, frozenset[str]] = {
    ClientKind.TRACK: frozenset({"track", "track_anonymous", "backfill"}),
    ClientKind.PIPELINES: frozenset({"track"}),
}

#: The Track API rejects longer names ("event name cannot be longer than 100 bytes").
MAX_EVENT_NAME_BYTES = 100

_MAX_DEPTH = 8

Literal = Union[cst.SimpleString, cst.ConcatenatedString]
Piece = Union[str, cst.BaseExpression]


@dataclass(frozen=True)
class EventName:
    """The event name of one SDK call and what is known about it."""

    call: SdkCall
    arg: cst.BaseExpression  # the expression written in the name slot
    value: cst.BaseExpression  # what it evaluates to, after locals and constants
    via: str | None  # the variable or constant the name came through
    text: str | None  # the name, when it is fixed at write time
    literal: Literal | None  # the one string literal that spells it, if any

    @property
    def parameter(self) -> str:
        """``name`` (Track) or ``event`` (Pipelines)."""
        return self.call.signature.event_name or "name"

    @property
    def scope(self) -> Scope:
        return scope_of(self.call)

    @property
    def at_call(self) -> bool:
        """Is the literal written in the call itself (not in a variable or constant)?"""
        return self.literal is self.arg


@dataclass(frozen=True)
class BuiltName:
    """An event name assembled at run time, as fixed text and interpolated values."""

    how: str  # "an f-string", "`%` formatting", ...
    node: cst.BaseExpression  # the expression that builds it
    pieces: tuple[Piece, ...]

    @property
    def values(self) -> tuple[cst.BaseExpression, ...]:
        return tuple(p for p in self.pieces if not isinstance(p, str))

    @property
    def fixed_text(self) -> tuple[str, ...]:
        return tuple(p for p in self.pieces if isinstance(p, str))

    def fixed_name(self) -> str:
        """The fixed part as one snake_case name (``viewed`` for ``f"viewed_{slug}"``)."""
        words = [snake_case(text) for text in self.fixed_text]
        return "_".join(word for word in words if word)


def event_names(model: SemanticModel) -> list[EventName]:
    """Every event name sent by the module, in source order."""
    found = []
    for call in model.sdk_calls():
        arg = call.event_name
        if arg is None or call.method not in EVENT_METHODS.get(call.kind, ()):
            continue
        value, via = follow(model, arg, scope_of(call), call.order)
        text = static_text(model, value, scope_of(call), call.order)
        literal = (
            value
            if isinstance(value, (cst.SimpleString, cst.ConcatenatedString))
            and string_value(value) is not None
            else None
        )
        found.append(EventName(call, arg, value, via, text, literal))
    return found


# -- values through names --------------------------------------------------------------


def follow(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> tuple[cst.BaseExpression, str | None]:
    """Follow locals, module constants and class constants to the assigned value."""
    via: str | None = None
    for _ in range(_MAX_DEPTH):
        if isinstance(expr, cst.Name):
            origin = model.origin(expr, scope, order)
            if origin is expr:
                break
            via = via or expr.value
            expr, order = origin, None
            continue
        constant = _class_constant(model, expr)
        if constant is None:
            break
        via = via or model.code(expr)
        expr, order = constant, None
    return expr, via


def _class_constant(model: SemanticModel, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """``Events.SIGNED_UP`` (or ``Event.SIGNED_UP.value``) of a same-module class."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == "value":
        inner = _class_constant(model, expr.value)
        if inner is not None:
            return inner
    if not (isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name)):
        return None
    klass = model.classes.get(expr.value.value)
    if klass is None:
        return None
    bindings = klass.bindings.get(expr.attr.value, [])
    if len(bindings) != 1 or bindings[0].value is None:
        return None
    return bindings[0].value


def static_text(
    model: SemanticModel,
    expr: cst.BaseExpression,
    scope: Scope,
    order: int | None = None,
    depth: int = 0,
) -> str | None:
    """The string an expression always evaluates to, or None when it depends on run time."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, cst.SimpleString):
        return string_value(expr)
    if isinstance(expr, cst.ConcatenatedString):
        return _joined(model, (expr.left, expr.right), scope, order, depth)
    if isinstance(expr, (cst.Name, cst.Attribute)):
        value, _ = follow(model, expr, scope, order)
        return None if value is expr else static_text(model, value, scope, None, depth + 1)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _joined(model, (expr.left, expr.right), scope, order, depth)
    if isinstance(expr, cst.FormattedString):
        pieces = _fstring_pieces(model, expr, scope, order, depth)
        if pieces is None or not all(isinstance(p, str) for p in pieces):
            return None
        return "".join(p for p in pieces if isinstance(p, str))
    join = _join_parts(expr)
    if join is not None and join[1] is not None:
        return _joined(model, join[1], scope, order, depth,
                       static_text(model, join[0], scope, order, depth + 1))
    return None


def _joined(
    model: SemanticModel,
    parts: Sequence[cst.BaseExpression],
    scope: Scope,
    order: int | None,
    depth: int,
    separator: str | None = "",
) -> str | None:
    texts = [static_text(model, part, scope, order, depth + 1) for part in parts]
    if separator is None or any(t is None for t in texts):
        return None
    return separator.join(t for t in texts if t is not None)


def _fstring_pieces(
    model: SemanticModel,
    node: cst.FormattedString,
    scope: Scope,
    order: int | None,
    depth: int,
) -> list[Piece] | None:
    """Text and values of an f-string; None when its text cannot be evaluated."""
    pieces: list[Piece] = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            text = _fstring_text(node, part.value)
            if text is None:
                return None
            pieces.append(text)
            continue
        assert isinstance(part, cst.FormattedStringExpression)
        text = None
        if part.conversion is None and part.format_spec is None:
            text = static_text(model, part.expression, scope, order, depth + 1)
        pieces.append(text if text is not None else part.expression)
    return pieces


def _fstring_text(node: cst.FormattedString, raw: str) -> str | None:
    """The value of an f-string's literal text (escapes and ``{{`` resolved)."""
    if "\\" in raw:
        quote = node.end
        plain = node.start[: -len(quote)].replace("f", "").replace("F", "")
        try:
            value = ast.literal_eval(f"{plain}{quote}{raw}{quote}")
        except (SyntaxError, ValueError):
            return None
        if not isinstance(value, str):
            return None
        raw = value
    return raw.replace("{{", "{").replace("}}", "}")


def _join_parts(
    expr: cst.BaseExpression,
) -> tuple[cst.BaseExpression, Sequence[cst.BaseExpression] | None] | None:
    """``sep.join(items)``: the separator and the listed items (None if not a literal list)."""
    if not (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "join"
        and len(expr.args) == 1
        and isinstance(expr.func.value, (cst.SimpleString, cst.ConcatenatedString))
    ):
        return None
    items = expr.args[0].value
    if isinstance(items, (cst.List, cst.Tuple)) and all(
        isinstance(e, cst.Element) for e in items.elements
    ):
        return expr.func.value, [e.value for e in items.elements]
    return expr.func.value, None


# -- names built at run time -----------------------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


def built_name(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None = None
) -> BuiltName | None:
    """How a name is assembled at run time, or None when it is fixed or not built here."""
    if static_text(model, expr, scope, order) is not None:
        return None
    pieces: list[Piece] | None = None
    how = ""

    def values(exprs: Sequence[cst.BaseExpression]) -> list[Piece]:
        return [_static_or_expr(model, e, scope, order) for e in exprs]

    if isinstance(expr, cst.FormattedString):
        how, pieces = "an f-string", _fstring_pieces(model, expr, scope, order, 0)
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
        template = static_text(model, expr.left, scope, order)
        if template is not None:
            how = "`%` formatting"
            pieces = _interleave(_PERCENT_SPEC.split(template.replace("%%", "%")),
                                 values(_percent_operands(expr.right)))
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        how, pieces = "`+` concatenation", values(list(_added(expr)))
    elif _is_format_call(expr):
        assert isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute)
        template = static_text(model, expr.func.value, scope, order)
        if template is not None:
            how = "`.format()`"
            texts = _FORMAT_FIELD.split(template.replace("{{", "\0").replace("}}", "\1"))
            texts = [t.replace("\0", "{").replace("\1", "}") for t in texts]
            pieces = _interleave(texts, values([a.value for a in expr.args if not a.star]))
            pieces.extend(a.value for a in expr.args if a.star)
    else:
        how, pieces = "`str.join`", _join_pieces(model, expr, scope, order)
    if not pieces or all(isinstance(p, str) for p in pieces):
        return None
    return BuiltName(how, expr, tuple(_merged(pieces)))


def _static_or_expr(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> Piece:
    text = static_text(model, expr, scope, order)
    return text if text is not None else expr


def _merged(pieces: Sequence[Piece]) -> Iterator[Piece]:
    """Adjacent texts joined into one."""
    text = ""
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
            continue
        if text:
            yield text
            text = ""
        yield piece
    if text:
        yield text


def _added(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The operands of a chain of ``+``, left to right."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        yield from _added(expr.left)
        yield from _added(expr.right)
    else:
        yield expr


def _percent_operands(right: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(right, cst.Tuple):
        return [e.value for e in right.elements]
    if isinstance(right, cst.Dict):
        return [e.value for e in right.elements if isinstance(e, cst.DictElement)]
    return [right]


def _is_format_call(expr: cst.BaseExpression) -> bool:
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
    )


def _interleave(texts: Sequence[str], values: Sequence[Piece]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, text in enumerate(texts):
        if text:
            pieces.append(text)
        if index < len(texts) - 1 and index < len(values):
            pieces.append(values[index])
    pieces.extend(values[len(texts) - 1:])
    return pieces


def _join_pieces(
    model: SemanticModel, expr: cst.BaseExpression, scope: Scope, order: int | None
) -> list[Piece] | None:
    join = _join_parts(expr)
    if join is None:
        return None
    separator = static_text(model, join[0], scope, order) or ""
    if join[1] is None:
        assert isinstance(expr, cst.Call)
        return [expr.args[0].value]
    pieces: list[Piece] = []
    for index, element in enumerate(join[1]):
        if index and separator:
            pieces.append(separator)
        pieces.append(_static_or_expr(model, element, scope, order))
    return pieces


# -- data keys for the variable part ---------------------------------------------------


def fixed_name_rewrite(
    model: SemanticModel,
    event: EventName,
    built: BuiltName,
    drop: Collection[cst.BaseExpression] = (),
) -> str | None:
    """The call with a fixed name and the variable part moved into the event data.

    ``cio.track(uid, f"viewed_{product.slug}")`` becomes
    ``cio.track(uid, "viewed", data={"product": product.slug})``; the call's own data
    (a dict literal, a variable spread with ``**``, backfill keywords) is kept. Values
    in ``drop`` (personal data) are left out instead of moved.
    """
    fixed = built.fixed_name()
    if not fixed:
        return None
    call = event.call
    entries = _moved_entries(model, [v for v in built.values if v not in drop])
    container = call.signature.attributes or "data"
    container_found = None if call.signature.var_kwargs else call.arg(container)
    container_arg = container_found.node if container_found is not None else None
    name_found = call.arg(call.signature.event_name)
    name_arg = name_found.node if name_found is not None else None
    args: list[str] = []
    for arg in call.node.args:
        if arg is name_arg:
            args.append(_arg_text(arg, f'"{fixed}"'))
        elif arg is container_arg:
            args.append(_arg_text(arg, _merged_dict(model, arg.value, entries)))
        else:
            args.append(_arg_text(arg, model.code(arg.value)))
    if entries and call.signature.var_kwargs is not None:  # backfill(..., **data)
        args.extend(
            f"{key}={code}" if key.isidentifier() else f'**{{"{key}": {code}}}'
            for key, code in entries
        )
    elif entries and container_arg is None:
        args.append(f"{container}={_merged_dict(model, None, entries)}")
    return f"{model.code(call.node.func)}({', '.join(args)})"


def _moved_entries(
    model: SemanticModel, values: Sequence[cst.BaseExpression]
) -> list[tuple[str, str]]:
    """``(key, source)`` for each value cut out of the name, with distinct keys."""
    entries: list[tuple[str, str]] = []
    taken: set[str] = set()
    for value in values:
        key = data_key(value) or "value"
        if key in taken:
            key = f"{key}_{len(taken) + 1}"
        taken.add(key)
        entries.append((key, model.code(value)))
    return entries


def _arg_text(arg: cst.Arg, value: str) -> str:
    if arg.keyword is not None:
        return f"{arg.keyword.value}={value}"
    return f"{arg.star}{value}"


def _merged_dict(
    model: SemanticModel, existing: cst.BaseExpression | None, entries: Sequence[tuple[str, str]]
) -> str:
    """A dict literal holding ``existing`` (kept as written) and the moved entries."""
    items = [f'"{key}": {code}' for key, code in entries]
    if isinstance(existing, cst.Dict):
        items.extend(
            model.code(element).strip().rstrip(",").strip() for element in existing.elements
        )
    elif existing is not None:
        items.append(f"**{model.code(existing)}")
    return "{" + ", ".join(items) + "}"


def data_key(expr: cst.BaseExpression) -> str | None:
    """A sensible event-data key (a Python identifier) for a value cut out of a name."""
    key = _data_key(expr)
    return key if key is not None and key.isidentifier() else None

#: Attributes that identify their owner: ``product.slug`` is best keyed "product".
_IDENTIFYING_ATTRIBUTES = frozenset(
    {"slug", "id", "pk", "uuid", "name", "key", "code", "handle", "title", "sku", "value"}
)
_STRING_METHODS = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "title", "casefold", "capitalize",
     "replace", "split", "rsplit", "partition", "rpartition", "removeprefix", "removesuffix"}
)
_PASS_THROUGH_FUNCTIONS = frozenset({"str", "slugify", "quote", "quote_plus", "repr"})


def _data_key(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return snake_case(expr.value) or None
    if isinstance(expr, cst.Attribute):
        attribute = expr.attr.value
        if attribute in _IDENTIFYING_ATTRIBUTES:
            owner = _last_name(expr.value)
            if owner and owner not in ("self", "cls", "request"):
                return snake_case(owner) or None
        return snake_case(attribute) or None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        element = expr.slice[0].slice
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None:
                return snake_case(key) or None
        return _data_key(expr.value)
    if isinstance(expr, cst.Call):
        inner = _passed_through(expr)
        if inner is not None:
            return _data_key(inner)
        name = _last_name(expr.func)
        if name:
            return snake_case(re.sub(r"^get_", "", name)) or None
    return None


def _last_name(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return ""


def _passed_through(call: cst.Call) -> cst.BaseExpression | None:
    """The value a string method or a pass-through function transforms, if that is all."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in _STRING_METHODS:
        return func.value
    if isinstance(func, cst.Name) and func.value in _PASS_THROUGH_FUNCTIONS and call.args:
        return call.args[0].value
    return None


# -- personal data ---------------------------------------------------------------------

_PII_WORDS: dict[str, str] = {
    "phone": "a phone number",
    "telephone": "a phone number",
    "msisdn": "a phone number",
    "ssn": "a social security number",
    "dob": "a date of birth",
    "birthday": "a date of birth",
    "birthdate": "a date of birth",
    "birth": "a date of birth",
    "passport": "a passport number",
    "surname": "a person's name",
    "firstname": "a person's name",
    "lastname": "a person's name",
    "fullname": "a person's name",
    "postcode": "a postal address",
    "zipcode": "a postal address",
}
_NAME_QUALIFIERS = frozenset(
    {"first", "last", "full", "given", "family", "middle", "maiden", "legal", "real",
     "customer", "person", "contact", "patient", "sur"}
)
_NOT_PERSONAL_ADDRESS = frozenset(
    {"wallet", "contract", "mac", "memory", "web", "server", "node", "bind", "listen", "host",
     "base", "return", "reply"}
)
_PEOPLE = frozenset(
    {"user", "customer", "person", "member", "profile", "contact", "owner", "recipient",
     "subscriber", "lead", "patient", "employee", "buyer", "author", "student", "guest",
     "applicant", "attendee", "visitor", "shopper", "invitee", "referrer", "sender"}
)


def pii_kind(identifier: str, owner: str = "") -> str | None:
    """What personal data a name suggests (``user_email``, ``firstName``, ``user.name``)."""
    if is_email_name(identifier):
        return "an email address"
    words = snake_case(identifier).split("_")
    if words and words[0] == "get":
        words = words[1:]
    if not words or not words[-1]:
        return None
    for word in words:
        if word in _PII_WORDS:
            return _PII_WORDS[word]
    if "social" in words and "security" in words:
        return "a social security number"
    if words[-1] == "address" and (len(words) == 1 or words[-2] not in _NOT_PERSONAL_ADDRESS):
        return "an address"
    if words[-1] == "name":
        qualifier = words[-2] if len(words) > 1 else ""
        owner_words = snake_case(owner).split("_")
        if qualifier in _NAME_QUALIFIERS or (not qualifier and owner_words[-1] in _PEOPLE):
            return "a person's name"
    return None


def pii_reason(expr: cst.BaseExpression, depth: int = 0) -> str | None:
    """Why the value of ``expr`` is personal data, judged by the names it is read from."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, cst.Name):
        return pii_kind(expr.value)
    if isinstance(expr, cst.Attribute):
        return pii_kind(expr.attr.value, _last_name(expr.value))
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        element = expr.slice[0].slice
        key = string_value(element.value) if isinstance(element, cst.Index) else None
        if key is not None:
            return pii_kind(key, _last_name(expr.value)) or pii_reason(expr.value, depth + 1)
        return pii_reason(expr.value, depth + 1)
    if isinstance(expr, cst.Call):
        inner = _passed_through(expr)
        if inner is not None:
            return pii_reason(inner, depth + 1)
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("get", "pop", "getlist"):
            key = string_value(expr.args[0].value) if expr.args else None
            return pii_kind(key, _last_name(func.value)) if key is not None else None
        name = _last_name(func)
        if name.startswith("get_"):
            owner = _last_name(func.value) if isinstance(func, cst.Attribute) else ""
            return pii_kind(name, owner)
    if isinstance(expr, cst.FormattedString):
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                reason = pii_reason(part.expression, depth + 1)
                if reason is not None:
                    return reason
    return None


# -- spelling ----------------------------------------------------------------------------


def snake_case(text: str) -> str:
    """``SignedUp``, ``signed-up``, ``Signed Up`` -> ``signed_up`` (ASCII, may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    split = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", ascii_text)
    split = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", split)
    return "_".join(word.lower() for word in re.findall(r"[A-Za-z0-9]+", split))


def normalized(text: str) -> str:
    """The form under which spellings count as the same event (case, ``-``, space, ``_``)."""
    return re.sub(r"[\s_\-]+", "", text).casefold()


def byte_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def matches_pattern(text: str, pattern: str) -> bool:
    """Does the whole name match the configured pattern?

    Names over ``MAX_EVENT_NAME_BYTES`` are never matched (they are reported for their
    length). The configuration refuses patterns that can backtrack catastrophically
    (``config.check_regex``), so matching needs no time limit.
    """
    if byte_length(text) > MAX_EVENT_NAME_BYTES:
        return False
    return _compiled(pattern).fullmatch(text) is not None


def short(text: str, limit: int = 40) -> str:
    """A name for a message: control characters escaped, long names cut."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)[1:-1]


def quoted_like(literal: cst.BaseExpression | None, text: str) -> str:
    """``text`` as a string literal in the quote style of ``literal`` (double by default)."""
    quote = literal.quote if isinstance(literal, cst.SimpleString) else '"'
    if len(quote) == 1 and re.fullmatch(r"[A-Za-z0-9_ .:\-]*", text):
        return f"{quote}{text}{quote}"
    return json.dumps(text, ensure_ascii=False)


# -- known names (config ``events``) -----------------------------------------------------


@lru_cache(maxsize=8)
def _known(events: tuple[str, ...]) -> tuple[frozenset[str], dict[str, str]]:
    """The configured names, and each normalised form mapped to its first spelling."""
    by_form: dict[str, str] = {}
    for event in events:
        by_form.setdefault(normalized(event), event)
    return frozenset(events), by_form


def is_known(text: str, events: tuple[str, ...]) -> bool:
    return text in _known(events)[0]


def closest_known(text: str, events: tuple[str, ...]) -> str | None:
    """The configured name ``text`` most likely means: same normalised form, else closest."""
    _, by_form = _known(events)
    form = normalized(text)
    if form in by_form:
        return by_form[form]
    if not form or len(form) > 4 * MAX_EVENT_NAME_BYTES:
        return None
    matches = difflib.get_close_matches(form, list(by_form), n=1, cutoff=0.6)
    return by_form[matches[0]] if matches else None


def origin_note(model: SemanticModel, event: EventName) -> str:
    """`` (through `EVENT`, line 12)`` when the name is not written at the call."""
    if event.via is None:
        return ""
    line = model.range(event.value).start.line
    return f" (through `{event.via}`, line {line})"
