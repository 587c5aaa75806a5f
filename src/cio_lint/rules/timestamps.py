"""Where a Track SDK call carries values Customer.io may read as times.

Shared by the timestamp rules (CIO201, CIO202, CIO203): the event ``timestamp`` and
every profile attribute or event-data value, each with the slot it travels in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cio_lint.rules.base import clip

if TYPE_CHECKING:
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.records import Node, SdkCall
    from cio_lint.analysis.time_values import TypedTimestamp

#: Track methods whose ``timestamp`` argument sets the event time.
TIMESTAMP_METHODS = frozenset({"track", "track_anonymous", "backfill"})


@dataclass(frozen=True)
class PayloadValue:
    """One value a Track call sends: its slot (``timestamp`` or the attribute key)."""

    slot: str
    value: Node
    is_timestamp: bool


def payload(model: ModuleModel, call: SdkCall) -> Iterator[PayloadValue]:
    """The Track event timestamp and every attribute / event-data value of a Track or
    Pipelines call (App requests carry message data, not profile or event data)."""
    from cio_lint.core.client_kinds import ClientKind

    if call.kind is ClientKind.APP:
        return
    if call.kind is ClientKind.TRACK and call.method in TIMESTAMP_METHODS:
        value = call.value("timestamp")
        if value is not None:
            yield PayloadValue("timestamp", value, True)
    for attribute in model.attributes(call):
        yield PayloadValue(attribute.key, attribute.value, False)


def track_payload(model: ModuleModel, call: SdkCall) -> Iterator[PayloadValue]:
    """The event timestamp and every attribute / event-data value of a Track call."""
    from cio_lint.core.client_kinds import ClientKind

    if call.kind is ClientKind.TRACK:
        yield from payload(model, call)


def through(found: TypedTimestamp) -> str:
    """`` via `ts``` when the value reached the call in a variable (inside a quote's
    parentheses: ``(`f"{d}"` via `ts`)``)."""
    return f" via `{clip(found.via, 20)}`" if found.via else ""


def passed_as(call: SdkCall, slot: str, value: str, assign: str = "=") -> str:
    """``timestamp=<value>`` (``timestamp: <value>`` in an object) for the correct line;
    only the value for a call of a project function, whose caller passes it to a
    parameter of its own (or positionally)."""
    return value if call.via is not None else f"{slot}{assign}{value}"
