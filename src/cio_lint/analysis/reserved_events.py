"""Customer.io's own event names: exact names that Data Pipelines gives a meaning.

A ``track`` call named ``Device Created or Updated`` registers a device, ``User
Deleted`` deletes the person, ``Order Completed`` is the e-commerce event that
destinations map. The meaning hangs on the exact spelling, so a rename to fit a
naming convention silently turns the action into a plain custom event. Rules never
flag, rename or propose these names on the strength of a convention alone.

Sources: Customer.io's "Customer.io events" (semantic events that perform actions in
Journeys), its e-commerce semantic events and mobile lifecycle events (the Pipelines
API reference), which follow the Segment specs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from cio_lint.analysis.events import normalized


class ReservedKind(Enum):
    """What sending the name does."""

    #: Performs an action in the workspace (registers a device, deletes or suppresses
    #: a person, removes a relationship): not an event a campaign triggers on.
    ACTION = "action"
    #: A specification event (e-commerce, mobile lifecycle): an ordinary event that
    #: destinations recognise by name and map.
    SPEC = "spec"


@dataclass(frozen=True)
class ReservedEvent:
    name: str
    kind: ReservedKind
    effect: str  # what Customer.io does with it, for messages

    def describe(self) -> str:
        """``Customer.io's reserved event "User Deleted" (deletes the person)``."""
        return f'Customer.io\'s reserved event "{self.name}" ({self.effect})'


_ACTIONS = {
    "Device Created or Updated": "adds or updates the person's device",
    "Device Deleted": "removes the person's device",
    "User Deleted": "deletes the person",
    "User Suppressed": "deletes and suppresses the person",
    "User Unsuppressed": "lifts the person's suppression",
    "Object Deleted": "deletes the object",
    "Group Deleted": "deletes the object",
    "Relationship Deleted": "removes a person's relationship to an object",
    "Object Relationship Created": "relates the person to an object",
    "Report Delivery Event": "records a message delivery metric",
    "Report Content Event": "records a content metric",
}

_ECOMMERCE = (
    "Products Searched", "Product List Viewed", "Product List Filtered",
    "Promotion Viewed", "Promotion Clicked",
    "Product Clicked", "Product Viewed", "Product Added", "Product Removed",
    "Cart Viewed", "Checkout Started", "Checkout Step Viewed", "Checkout Step Completed",
    "Payment Info Entered", "Order Completed", "Order Updated", "Order Refunded",
    "Order Cancelled",
    "Coupon Entered", "Coupon Applied", "Coupon Denied", "Coupon Removed",
    "Product Added to Wishlist", "Product Removed from Wishlist",
    "Wishlist Product Added to Cart",
    "Product Shared", "Cart Shared", "Product Reviewed",
)

_MOBILE = (
    "Application Installed", "Application Opened", "Application Updated",
    "Application Backgrounded", "Application Foregrounded", "Application Uninstalled",
    "Application Crashed",
)

#: Every reserved name, by its exact spelling.
RESERVED_EVENTS: dict[str, ReservedEvent] = {
    **{name: ReservedEvent(name, ReservedKind.ACTION, effect) for name, effect in _ACTIONS.items()},
    **{
        name: ReservedEvent(name, ReservedKind.SPEC, "an e-commerce spec event")
        for name in _ECOMMERCE
    },
    **{
        name: ReservedEvent(name, ReservedKind.SPEC, "a mobile lifecycle event")
        for name in _MOBILE
    },
}


def reserved_event(text: str) -> ReservedEvent | None:
    """The reserved event spelled exactly ``text`` (the meaning is case-sensitive)."""
    return RESERVED_EVENTS.get(text)


def is_reserved(text: str) -> bool:
    return text in RESERVED_EVENTS


@lru_cache(maxsize=1)
def _by_form() -> dict[str, ReservedEvent]:
    return {normalized(name): event for name, event in RESERVED_EVENTS.items()}


def reserved_look_alike(text: str) -> ReservedEvent | None:
    """The reserved event ``text`` spells differently (``order completed``), if any.

    Such a name is a plain custom event: the meaning needs the exact spelling.
    """
    if text in RESERVED_EVENTS:
        return None
    return _by_form().get(normalized(text))
