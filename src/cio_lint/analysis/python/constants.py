"""String constants: module names and class attributes whose value is fixed where written.

Real code keeps event names, regions and hosts in ``class Events: SIGNED_UP = "..."``,
``class EventName(str, Enum)``, dataclass defaults and module constants of a
``constants`` module. A value is followed to one only when nothing can change it: a
single assignment in the class body (or at module level) and no other assignment
anywhere in the module (``self.X = ...``, ``Events.X = ...``, ``global X``). A class
with a base the module does not define (other than ``str`` and ``enum``) is not
followed: its metaclass may turn attributes into anything.

Constants of other project modules arrive as ``ExternalConstant`` knowledge; the value
stands in as a string literal placed where the constant is used, so every judgement
that reads a literal after following names reads it too.
"""

from __future__ import annotations

import json
import re
from enum import Enum

import libcst as cst

from cio_lint.analysis.python.clients import ClientResolution
from cio_lint.analysis.python.scopes import Binding, Scope, StandIn
from cio_lint.analysis.python.syntax import string_value
from cio_lint.analysis.summaries import ExternalConstant
from cio_lint.core.secrets import is_secret_value

_ENUMS = frozenset({"enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag"})
_STR_ENUMS = frozenset({"enum.StrEnum"})
_DATACLASS = frozenset({"dataclasses.dataclass"})
#: Class-body values that nothing can change in place (names and attributes are
#: followed further, as locals are).
_IMMUTABLE = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer,
              cst.Float, cst.Name, cst.Attribute, cst.BinaryOperation)
#: Names of constants never exported, whatever their value looks like.
_SECRET_NAME = re.compile(r"key|token|secret|passw|credential|auth|site_?id", re.IGNORECASE)


class ClassKind(Enum):
    """What reading an attribute of a class gives."""

    PLAIN = "plain"  # the value assigned in the body
    ENUM = "enum"  # a member: its ``.value`` is the value
    STR_ENUM = "str_enum"  # a member that is a ``str`` equal to its value


# -- what a class is ----------------------------------------------------------------------


def class_kind(model: ClientResolution, klass: Scope, depth: int = 0) -> ClassKind | None:
    """PLAIN, ENUM or STR_ENUM; None when a base or decorator may change its attributes."""
    node = klass.node
    if not isinstance(node, cst.ClassDef) or depth > 8 or node.keywords:
        return None
    if any(_decorator_name(model, d) not in _DATACLASS for d in node.decorators):
        return None
    kinds: set[ClassKind] = set()
    has_str = False
    for base in node.bases:
        if base.keyword is not None or base.star:
            return None
        value = base.value
        if isinstance(value, cst.Name) and value.value in ("str", "object"):
            has_str = has_str or value.value == "str"
            continue
        qual = model.qualname(value, model.root)
        if qual in _ENUMS or qual in _STR_ENUMS:
            kinds.add(ClassKind.STR_ENUM if qual in _STR_ENUMS else ClassKind.ENUM)
            continue
        parent = _local_class(model, value.value) if isinstance(value, cst.Name) else None
        inherited = class_kind(model, parent, depth + 1) if parent is not None else None
        if inherited is None:
            return None
        kinds.add(inherited)
    if ClassKind.STR_ENUM in kinds or (has_str and ClassKind.ENUM in kinds):
        return ClassKind.STR_ENUM
    return ClassKind.ENUM if ClassKind.ENUM in kinds else ClassKind.PLAIN


def _decorator_name(model: ClientResolution, decorator: cst.Decorator) -> str:
    """``dataclasses.dataclass`` for ``@dataclass`` and ``@dataclass(frozen=True)``; with
    ``slots`` (which takes the defaults off the class) or ``**options``, ``""``."""
    target = decorator.decorator
    if isinstance(target, cst.Call):
        if any(arg.keyword is None or arg.keyword.value == "slots" for arg in target.args):
            return ""
        target = target.func
    return model.qualname(target, model.root)


def _local_class(model: ClientResolution, name: str) -> Scope | None:
    """The module-level class called ``name``, when the name is bound to nothing else."""
    klass = model.classes.get(name)
    if klass is None or len(model.root.bindings.get(name, [])) != 1:
        return None
    return klass


# -- the one value of an attribute -------------------------------------------------------


def class_value(
    model: ClientResolution, klass: Scope, attr: str, *, on_instance: bool = False
) -> cst.BaseExpression | None:
    """The value the class body gives ``attr``, when it is the only assignment to it.

    ``on_instance`` (``self.X``): an annotated assignment may be a field that the
    constructor sets, and a subclass of the module may assign it again.
    """
    bindings = klass.bindings.get(attr, [])
    if len(bindings) != 1 or klass.attributes.get(attr):
        return None
    only = bindings[0]
    if only.value is None or only.function is not None or only.qualname is not None:
        return None
    if not isinstance(only.value, _IMMUTABLE):
        return None  # a dict or list in the class body may be filled in anywhere
    if on_instance and (only.annotation is not None or _overridden(model, klass, attr)):
        return None
    return only.value


def _overridden(model: ClientResolution, klass: Scope, attr: str) -> bool:
    """Does a class of the module derived from ``klass`` assign ``attr`` too?"""
    return any(
        other is not klass
        and (attr in other.bindings or attr in other.attributes)
        and any(klass is base for base in model._class_chain(other))
        for other in model.classes.values()
    )


def attribute_value(
    model: ClientResolution, expr: cst.Attribute, scope: Scope
) -> tuple[cst.BaseExpression, Scope] | None:
    """``Events.SIGNED_UP``, ``EventName.SIGNUP.value`` or ``self.EVENT`` of a class of this
    module, to the expression assigned in the class body (and that body, where its names
    are looked up); None when it may be anything."""
    member = expr
    enum_value = False
    if expr.attr.value == "value" and isinstance(expr.value, cst.Attribute):
        member, enum_value = expr.value, True
    owner = member.value
    if not isinstance(owner, cst.Name):
        return None
    klass = _local_class(model, owner.value)
    bindings = model.lookup(owner.value, scope)
    on_instance = False
    if klass is None or not bindings or bindings[0] is not model.root.bindings[owner.value][0]:
        # ``self.EVENT`` / ``cls.EVENT`` in a method of the class
        klass = model._owner_class(owner.value, scope) if owner.value in ("self", "cls") else None
        on_instance = True
    kind = class_kind(model, klass) if klass is not None else None
    if klass is None or kind is None or (on_instance and kind is not ClassKind.PLAIN):
        return None
    if enum_value != (kind is ClassKind.ENUM) and kind is not ClassKind.STR_ENUM:
        return None  # a plain class's attribute has no ``.value``; an Enum member is no str
    value = class_value(model, klass, member.attr.value, on_instance=on_instance)
    return (value, klass) if value is not None else None


# -- constants of other modules ------------------------------------------------------------


def imported_constant(
    model: ClientResolution, written: cst.BaseExpression, qualname: str
) -> cst.BaseExpression | None:
    """A string literal standing in for the constant ``qualname`` of another module, placed
    at ``written`` (its positions are ``written``'s); None when it is not one."""
    known = model.stand_ins.get(id(written))
    if known is not None:
        return known.literal
    external = model.external.get(qualname)
    if not isinstance(external, ExternalConstant):
        return None
    literal = cst.SimpleString(json.dumps(external.value, ensure_ascii=False))
    if string_value(literal) != external.value:
        return None
    stand_in = StandIn(literal, written, qualname)
    model.stand_ins[id(written)] = model.stand_ins[id(literal)] = stand_in
    return literal


# -- what this module tells the others -----------------------------------------------------


def exported_constants(model: ClientResolution) -> dict[str, ExternalConstant]:
    """Module constants and class attributes holding a plain string, by name relative to
    the module (``EVENT_SIGNUP``, ``Events.SIGNED_UP``, ``EventName.SIGNUP.value``).

    Never a value that looks like a key (or is named like one): it would travel to other
    files and the cache.
    """
    rebound = {name for f in model.functions for name in _scope_globals(f.place)}
    exports: dict[str, ExternalConstant] = {}
    for name, bindings in model.root.bindings.items():
        if name in rebound or len(bindings) != 1:
            continue
        text = _constant_text(name, bindings[0])
        if text is not None:
            exports[name] = ExternalConstant(text)
    for class_name, klass in model.classes.items():
        kind = class_kind(model, klass)
        if _local_class(model, class_name) is None or kind is None:
            continue
        for attr in klass.bindings:
            if kind is not ClassKind.PLAIN and attr.startswith("_"):
                continue  # ``_ignore_``, ``_order_``: an Enum's settings, not members
            value = class_value(model, klass, attr)
            text = string_value(value)
            if text is None or _may_be_secret(attr, text):
                continue
            if kind is not ClassKind.ENUM:
                exports[f"{class_name}.{attr}"] = ExternalConstant(text)
            if kind is not ClassKind.PLAIN:
                exports[f"{class_name}.{attr}.value"] = ExternalConstant(text)
    return exports


def _scope_globals(place: object) -> set[str]:
    return place.globals if isinstance(place, Scope) else set()


def _constant_text(name: str, binding: Binding) -> str | None:
    if binding.qualname is not None or binding.function is not None:
        return None
    text = string_value(binding.value)
    return None if text is None or _may_be_secret(name, text) else text


def _may_be_secret(name: str, text: str) -> bool:
    """A key's name, or a value that looks like a key (no space: ``"Signed Up"`` is not)."""
    if _SECRET_NAME.search(name):
        return True
    return is_secret_value(text) and not any(c.isspace() for c in text)
