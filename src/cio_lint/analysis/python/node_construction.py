"""Faster constructors for LibCST's nodes, in place of those ``dataclasses`` wrote.

A parse builds every node through its class's ``__init__``. LibCST's node classes are
frozen dataclasses with slots, whose generated ``__init__`` sets each field with
``object.__setattr__(self, "name", value)``: a lookup by name for every field of every
node. Each class here gets an ``__init__`` with the same parameters and the very same
defaults (default factories included) that stores each field through its slot and then
calls ``__post_init__`` (LibCST's checks of the fields) as before, unless the node is
built ``unchecked``: the same nodes for about a tenth less of a parse. Installed once, when
the Python frontend loads (else by the first parse); a class whose constructor is not the
plain one this expects keeps its own, and always checks.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import CodeType, FunctionType, MemberDescriptorType
from typing import Any

import libcst as cst

from cio_lint.core.once import once


class _Checks:
    """Whether nodes built now check their fields."""

    __slots__ = ("on",)

    def __init__(self) -> None:
        self.on = True


_CHECKS = _Checks()
#: Held while nodes are built unchecked (the switch is one for the whole process).
_UNCHECKED = threading.Lock()


@contextmanager
def unchecked() -> Iterator[None]:
    """Nodes built meanwhile skip LibCST's checks of their fields: for a tree its parser
    builds from code CPython accepted, valid by construction (a seventh of a parse)."""
    install()
    with _UNCHECKED:
        _CHECKS.on = False
        try:
            yield
        finally:
            _CHECKS.on = True


def _give_constructors() -> None:
    for cls in _node_classes(cst.CSTNode):
        constructor = _constructor(cls)
        if constructor is not None:
            cls.__init__ = constructor  # type: ignore[misc]


#: Give every LibCST node class its faster constructor (once: later calls return).
install = once(_give_constructors)


def _node_classes(base: type) -> Iterator[type]:
    cls: type
    for cls in base.__subclasses__():
        yield cls
        yield from _node_classes(cls)


def _constructor(cls: type) -> Callable[..., None] | None:
    """An ``__init__`` for ``cls`` equivalent to its dataclass one, or None when its
    own is not what ``dataclasses`` writes for plain positional fields with slots."""
    original = cls.__dict__.get("__init__")
    if original is None or "__slots__" not in cls.__dict__ or not dataclasses.is_dataclass(cls):
        return None
    fields = dataclasses.fields(cls)
    names = [field.name for field in fields]
    code = original.__code__
    if (
        any(not field.init or getattr(field, "kw_only", False) is True for field in fields)
        or code.co_argcount != len(names) + 1
        or code.co_kwonlyargcount
        or list(code.co_varnames[1:len(names) + 1]) != names
    ):
        return None
    defaults: tuple[Any, ...] = original.__defaults__ or ()
    first_default = len(names) - len(defaults)
    namespace: dict[str, Any] = {"_cio_checks": _CHECKS}
    made = []
    for index, field in enumerate(fields):
        slot = _slot(cls, field.name)
        if slot is None:
            return None
        namespace[f"_cio_set_{index}"] = slot.__set__
        if field.default_factory is not dataclasses.MISSING and index >= first_default:
            # The original's default is the marker it replaces by the factory's value.
            namespace[f"_cio_unset_{index}"] = defaults[index - first_default]
            namespace[f"_cio_make_{index}"] = field.default_factory
            made.append(index)
    # The code of every class with as many fields, made by the same ones, is the same
    # but for its parameters' names: compiled once (a tenth of the time of one each).
    code = _shaped(len(names), tuple(made)).replace(co_varnames=("self", *names))
    constructor = FunctionType(code, namespace, "__init__", original.__defaults__)
    constructor.__qualname__ = original.__qualname__
    constructor.__module__ = original.__module__
    return constructor


@cache
def _shaped(count: int, made: tuple[int, ...]) -> CodeType:
    """The code of a constructor of ``count`` fields, those at ``made`` by a default
    factory, with parameters named by position (``_cio_0``...)."""
    lines = []
    for index in range(count):
        value = f"_cio_{index}"
        if index in made:
            value = f"_cio_make_{index}() if {value} is _cio_unset_{index} else {value}"
        lines.append(f"    _cio_set_{index}(self, {value})")
    source = (
        f"def __init__(self, {', '.join(f'_cio_{index}' for index in range(count))}):\n"
        + "\n".join(lines) + "\n    if _cio_checks.on:\n        self.__post_init__()\n"
    )
    # Made of numbers alone: no text of the code being linted (nor LibCST's) is run.
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    code: CodeType = namespace["__init__"].__code__
    return code


def _slot(cls: type, name: str) -> MemberDescriptorType | None:
    """The slot that stores field ``name`` of ``cls`` (declared by it or a base)."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, MemberDescriptorType):
            return slot
    return None
