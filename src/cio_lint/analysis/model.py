"""The analysis interface: every question a rule may ask about one module.

Rules see a ``ModuleModel`` and the neutral records of ``analysis.records``; a
frontend (``analysis.python`` today) implements it. Each family of questions is
its own small protocol, next to the neutral types and judgements it uses.
"""

from __future__ import annotations

from typing import Protocol

from cio_lint.analysis.attributes import AttributeQueries
from cio_lint.analysis.clients import ClientQueries
from cio_lint.analysis.credentials import CredentialQueries
from cio_lint.analysis.events import EventQueries
from cio_lint.analysis.execution import ExecutionQueries
from cio_lint.analysis.identity import IdentityQueries
from cio_lint.analysis.records import (
    Attribute,
    Damage,
    ExternalClient,
    Function,
    Node,
    Place,
    SdkCall,
)
from cio_lint.analysis.regions import RegionQueries
from cio_lint.analysis.sdk_surface import SdkSurfaceQueries
from cio_lint.analysis.summaries import Knowledge
from cio_lint.analysis.time_values import TimeQueries
from cio_lint.analysis.transactional import TransactionalQueries
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position


class CoreQueries(Protocol):
    """What every rule needs: the SDK calls, where things are, what a value is."""

    @property
    def module_name(self) -> str: ...

    def sdk_calls(self) -> list[SdkCall]:
        """Every client method call of the module, in source order."""

    def constructions(self) -> list[SdkCall]:
        """Every client construction (``CustomerIO(...)``, ``APIClient(...)``, ...)."""

    def requests(self) -> list[SdkCall]:
        """Every transactional request construction; ``method`` is the class name."""

    def functions(self) -> list[Function]:
        """Every function and method of the module, in source order."""

    def wrapper_calls(self) -> list[SdkCall]:
        """Calls of project functions (of this module or others) that reach the SDK, each
        as the SDK call it makes: the caller's arguments bound to the SDK parameters they
        reach, ``via`` naming the chain. What the function supplies itself is unknown
        here (``star_args``/``star_kwargs`` are set)."""

    def calls_in(self, function: Function | None) -> list[SdkCall]:
        """The SDK calls made directly in ``function`` (None: at module level)."""

    def span(self, node: Node) -> tuple[Position, Position]:
        """Where ``node`` starts and ends (1-based lines and columns)."""

    def source_text(self, node: Node) -> str:
        """``node``'s text exactly as written."""

    def code(self, node: Node) -> str:
        """``node``'s text as the frontend prints it (the same as written, for parsed code)."""

    def snippet(self, node: Node) -> str:
        """``node``'s code on one line, as a message quotes it: comments dropped and
        whitespace runs collapsed, so it never holds a line break."""

    def string_value(self, node: Node | None) -> str | None:
        """The value of a plain string literal (concatenations included), else None."""

    def client_kind(self, node: Node, place: Place, order: int | None = None) -> ClientKind | None:
        """The kind of Customer.io client ``node`` evaluates to at ``place``, if shown."""

    def origin(self, node: Node, place: Place, order: int | None = None) -> Node:
        """The value a local name was last given before ``order`` (``node`` itself if none)."""

    def attributes(self, call: SdkCall) -> list[Attribute]:
        """The profile attributes or event data a call sends, as key/value pairs."""

    def unpacked_attributes(self, call: SdkCall) -> list[Attribute]:
        """Entries of spread mappings (``**profile``) whose mapping is a known literal."""

    def attributes_complete(self, call: SdkCall) -> bool:
        """Does ``attributes(call)`` list every key the call sends?"""

    def dict_items(self, node: Node, place: Place, order: int | None = None) -> list[Attribute]:
        """String-keyed entries of a mapping literal (through a local)."""

    def damage(self) -> list[Damage]:
        """The regions of the file its parser could not read (none for Python, which is
        parsed whole or not at all)."""

    def credential_literals(self) -> list[str]:
        """Secret literals of the module, to be masked wherever text is quoted."""

    def exported_clients(self) -> dict[str, ExternalClient]:
        """Module-level names that are clients or client factories, for other modules."""

    def exports(self) -> dict[str, Knowledge]:
        """What this module tells the rest of the program, by name relative to it
        (``cio``, ``record_signup``, ``Tracker.send``, ``EVENTS.SIGNUP``): clients and
        factories, string constants, and the summary of every function."""

    def reexports(self) -> dict[str, str]:
        """Module-level names bound by import: ``name -> qualified name``."""

    def project_imports(self) -> frozenset[str]:
        """Names imported from other project modules (for the project phase)."""

    def release(self) -> None:
        """Break the reference cycles the model holds, once the file is done with it, so
        its syntax tree is freed as soon as the model is dropped instead of waiting for
        the cyclic collector (which would traverse the whole tree to find it)."""


class ModuleModel(
    CoreQueries,
    ClientQueries,
    CredentialQueries,
    RegionQueries,
    TimeQueries,
    IdentityQueries,
    SdkSurfaceQueries,
    EventQueries,
    AttributeQueries,
    TransactionalQueries,
    ExecutionQueries,
    Protocol,
):
    """Everything a rule may ask about one module, whatever its language."""
