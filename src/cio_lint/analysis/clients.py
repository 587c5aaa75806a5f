"""The analysis interface for client construction:
where clients are built (once, per call, per request) and how they are cached.

Whether a function body runs once (module level, constructors, entry points, cached
factories, lazy singletons) is a question about the language and its frameworks, so
the frontend answers it; the rule (CIO106) only words the finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cio_lint.analysis.records import Function, Node, SdkCall


@dataclass(frozen=True)
class PerCallConstruction:
    """Why a client construction runs on every call instead of once.

    ``function`` builds the client. When it is a factory that returns the client,
    ``factory`` is that function and ``caller`` / ``caller_node`` the same-module
    function and call that run it again and again (``caller`` None: the module).
    """

    function: Function
    factory: Function | None = None
    caller: Function | None = None
    caller_node: Node | None = None
    #: The client is kept on per-request storage (Flask ``g``): built once per request.
    per_request: bool = False
    #: ``function`` is a property: it runs on every attribute access.
    accessor: bool = False


class ClientQueries(Protocol):
    """Questions about client construction that rules ask the model."""

    def constructor_text(self, call: SdkCall) -> str:
        """How the constructor of ``call`` is spelled (``CustomerIO``, ``analytics.Client``)."""

    def per_call_construction(self, call: SdkCall) -> PerCallConstruction | None:
        """Why the construction ``call`` runs per call; None when it runs once."""

    def wrapper_constructions(self) -> list[SdkCall]:
        """Calls creating an object of a project class whose constructor builds a new
        client each time (``Tracker()``, its ``__init__`` builds ``CustomerIO(...)``),
        each as that construction (``method``: the client class), at the caller's call,
        ``via`` naming the chain. ``per_call_construction`` judges them like any other."""

    def build_once_text(self, call: SdkCall, verdict: PerCallConstruction) -> str:
        """The concrete way, in this language, to build the client of ``call`` once."""

    def construction_cost_text(self, call: SdkCall) -> str:
        """What each construction of ``call``'s client costs in this SDK, for messages."""
