"""Objects of project classes whose ``__init__`` builds a client, created at a call.

``Tracker()`` where ``Tracker.__init__`` runs ``self.cio = CustomerIO(...)`` builds a
client each time it is called: in a view, once per request. So does ``Signup()`` whose
``__init__`` creates a ``Tracker``. The call is seen as the
construction it makes, at the caller's call, with ``via`` naming the chain.
"""

from __future__ import annotations

from collections.abc import Callable

from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.python.summarising import Summariser
from cio_lint.analysis.records import BoundArguments, Link, SdkCall, Via
from cio_lint.analysis.summaries import MAX_CHAIN, FunctionSummary, Operation
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk import Signature

#: The methods creating an object runs, in order.
_CREATION = ("__new__", "__init__", "__post_init__")


def wrapper_constructions(
    model: SemanticModel,
    summariser: Summariser,
    summary_of: Callable[[str], FunctionSummary | None],
    local: Callable[[str], bool],
) -> list[SdkCall]:
    """Every call creating an object of a project class that builds a client each time."""
    found: list[SdkCall] = []
    for site in model.call_sites:
        target = summariser.target(site)
        if not target:
            continue
        first = Link(f"{model.code(site.node.func)}()")
        for construction, chain in _built(target, summary_of):
            signature = _signature(construction.kind, construction.method)
            if signature is not None:
                via = Via((first, *chain), escapes=False, local=local(target))
                found.append(SdkCall(
                    site.node, site.scope, site.order, site.context, construction.kind,
                    construction.method, signature,
                    BoundArguments(star_args=True, star_kwargs=True), None, via,
                ))
    return found


def _built(
    target: str, summary_of: Callable[[str], FunctionSummary | None], depth: int = 1
) -> list[tuple[Operation, tuple[Link, ...]]]:
    """The clients creating an object of ``target`` builds, each with its chain: those
    of its constructor, and those of the objects its constructor creates in turn."""
    found: list[tuple[Operation, tuple[Link, ...]]] = []
    for method in _CREATION:
        summary = summary_of(f"{target}.{method}")
        if summary is None:
            continue
        found.extend((construction, construction.chain) for construction in summary.constructions)
        if depth < MAX_CHAIN:
            for call in summary.calls:
                found.extend(
                    (construction, (call.link, *chain))
                    for construction, chain in _built(call.target, summary_of, depth + 1)
                )
    return found


def _signature(kind: ClientKind, name: str) -> Signature | None:
    for qualified, (constructed, signature) in sdk.CONSTRUCTORS.items():
        if constructed is kind and qualified.rsplit(".", 1)[1] == name:
            return signature
    return None
