"""Parameters that are clients because every call in the project passes one.

``def notify(cio, user): cio.track(...)`` is Customer.io code only if ``cio`` is a
client; when every project call of ``notify`` gives it one, the module that defines
it is analysed again knowing so. A default that is a client (``cio=CustomerIO(...)``)
counts as one more such value. A call through ``*args`` or ``**kwargs``, a parameter
left to any other default, or one call passing something else (``None``, another
library's client) keeps the parameter unknown: never a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from cio_lint.analysis.summaries import (
    ClientParameter,
    FunctionSummary,
    ProjectCall,
    bind,
)
from cio_lint.core.client_kinds import ClientKind

#: Passes over the call graph: a client handed on from parameter to parameter.
_PASSES = 4


def client_parameters(summaries: Mapping[str, FunctionSummary]) -> dict[str, ClientParameter]:
    """``{"app.jobs.notify(cio)": ClientParameter(TRACK)}`` for every such parameter of
    the raw ``summaries`` (keyed by qualified function name)."""
    known: dict[tuple[str, str], ClientKind] = {}
    for _ in range(_PASSES):
        passed: dict[tuple[str, str], set[ClientKind | None]] = defaultdict(set)
        for caller, summary in summaries.items():
            for call in summary.calls:
                _record(summaries, caller, call, known, passed)
        found: dict[tuple[str, str], ClientKind] = {}
        for key, kinds in passed.items():
            callee = summaries[key[0]]
            default = dict(callee.client_defaults).get(key[1])
            if default is not None:
                kinds.add(default)
            elif key[1] in callee.defaults:
                continue
            kind = next(iter(kinds))
            if len(kinds) == 1 and kind is not None:
                found[key] = kind
        if found == known:
            break
        known = found
    return {f"{function}({param})": ClientParameter(kind)
            for (function, param), kind in sorted(known.items())}


def _record(
    summaries: Mapping[str, FunctionSummary],
    caller: str,
    call: ProjectCall,
    known: Mapping[tuple[str, str], ClientKind],
    passed: dict[tuple[str, str], set[ClientKind | None]],
) -> None:
    """What ``call`` passes for each receiver parameter of the function it calls."""
    target = call.target if call.target in summaries else f"{call.target}.__init__"
    callee = summaries.get(target)
    if callee is None or not callee.receivers:
        return
    arguments = bind(call, callee)
    for param in callee.receivers:
        argument = arguments.get(param)
        kind: ClientKind | None = None
        if argument is not None and not call.star:
            kind = argument.client
            if kind is None and argument.param is not None:
                kind = known.get((caller, argument.param))
        elif argument is None and not call.star:
            kind = dict(callee.client_defaults).get(param)  # left to its default
        passed[(target, param)].add(kind)
