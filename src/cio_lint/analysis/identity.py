"""The analysis interface for identity: customer ids, emails and the identify-before-track order.

The judgements on plain strings (is this text an email address, is this name one
that holds an email) live here so every frontend reads identity the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Function, Node, Place, SdkCall

_EMAIL_LITERAL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMAIL_NAME = re.compile(r"(^|_)e_?mail(_?addr(ess)?)?$|[a-z]Email(Address)?$|^email", re.I)
_EMBEDDED_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)


#: ``identify`` functions of analytics libraries a project may forward to Customer.io as
#: a destination: Segment's analytics-python (``import analytics`` up to 1.x,
#: ``segment.analytics`` from 2.0) and RudderStack's rudder-sdk-python
#: (``rudderstack.analytics``, once ``rudder_analytics``). Customer.io's own
#: ``customerio.analytics`` is an SDK call already.
FORWARDED_IDENTIFY = frozenset({
    "analytics.identify",
    "segment.analytics.identify",
    "rudderstack.analytics.identify",
    "rudder_analytics.identify",
})
#: Those libraries' client classes: ``Client(write_key).identify(...)`` forwards the same.
FORWARDING_CLIENTS = frozenset({
    "analytics.Client",
    "analytics.client.Client",
    "segment.analytics.Client",
    "segment.analytics.client.Client",
    "rudderstack.analytics.Client",
    "rudderstack.analytics.client.Client",
})
#: The Node libraries' client classes, by the qualified name an import gives them:
#: Segment's ``@segment/analytics-node`` (``new Analytics({writeKey})``) and its older
#: ``analytics-node`` (the default export), RudderStack's ``@rudderstack/rudder-sdk-node``.
FORWARDING_NODE_CLIENTS = frozenset({
    "@segment/analytics-node.Analytics",
    "@segment/analytics-node.default",
    "analytics-node",
    "analytics-node.default",
    "@rudderstack/rudder-sdk-node",
    "@rudderstack/rudder-sdk-node.default",
})


def is_email_literal(text: str) -> bool:
    """``"jane@example.com"``: the whole text is one email address."""
    return bool(_EMAIL_LITERAL.match(text.strip()))


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


#: Function names (snake_cased) that create people: sign-up, registration, onboarding.
_CREATING_FUNCTION = re.compile(
    r"(^|_)(sign_?up|register|registration|onboard|onboarding|enroll|"
    r"create_(user|account|customer|profile|member|person)|"
    r"new_(user|account|customer|member))($|_)"
)
#: Generic handler names that create when their class is about people or sign-ups.
_GENERIC_CREATORS = frozenset({"create", "perform_create", "post", "form_valid", "save"})
_PEOPLE_CLASS = re.compile(
    r"(user|account|customer|member|profile|person|signup|sign_?up|registration|register)",
    re.IGNORECASE,
)


def snake_cased(name: str) -> str:
    """``createUserAccount`` -> ``create_user_account``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def creates_people(function_name: str, class_name: str | None) -> bool:
    """A function that creates people by its name: ``sign_up``, ``createUser``, or a
    generic handler (``post``, ``perform_create``) of a class about users or sign-ups."""
    if _CREATING_FUNCTION.search(snake_cased(function_name)):
        return True
    return (
        function_name in _GENERIC_CREATORS
        and class_name is not None
        and _PEOPLE_CLASS.search(class_name) is not None
    )


def route_creates_people(path: str) -> bool:
    """``/api/auth/sign-up``, ``/users/register``: a route path that names a sign-up."""
    return creates_people(re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_"), None)


class EmailEvidence(Enum):
    """What shows that a value is an email address."""

    LITERAL = "literal"  # a string literal with an ``@``
    TEMPLATE = "template"  # a string built from parts whose fixed text has an ``@``
    VARIABLE = "variable"  # a variable named like an email
    ATTRIBUTE = "attribute"  # an attribute named like an email (``user.email``)
    FIELD = "field"  # a mapping field named like an email (``data["email"]``)


@dataclass(frozen=True)
class EmailSource:
    """Why a value is an email address: the evidence and the name that carries it."""

    evidence: EmailEvidence
    name: str = ""

    def describe(self) -> str:
        """The reason as a message says it: ``the `email` attribute``."""
        if self.evidence is EmailEvidence.LITERAL:
            return "an email address literal"
        if self.evidence is EmailEvidence.TEMPLATE:
            return f"an email address built by {self.name or 'an f-string'}"
        if self.evidence is EmailEvidence.VARIABLE:
            return f"the variable `{self.name}`"
        if self.evidence is EmailEvidence.ATTRIBUTE:
            return f"the `{self.name}` attribute"
        return f'the "{self.name}" field'


@dataclass(frozen=True)
class PropertyRead:
    """``user.email`` read as the owner's text (``user``) and the property's name (``email``)."""

    owner: str
    name: str


#: What the Track API's customer-id path takes to address a person by cio_id.
CIO_PREFIX = "cio_"
_CIO_ID_NAME = re.compile(r"(^|_)cio_?(id|identifier)$")


def is_cio_id_name(name: str) -> bool:
    """``cio_id``, ``cioId``, ``user_cio_id``, ``cio_identifier``: a name that holds the id
    Customer.io generated for a person (not ``cio_id_prefixed``, not ``prefixed_cio_id``)."""
    snake = snake_cased(name)
    return bool(_CIO_ID_NAME.search(snake)) and "prefix" not in snake


class NamedBy(Enum):
    """What names a value: a variable, an attribute of an object, a field of a mapping."""

    VARIABLE = "variable"  # ``cio_id``
    ATTRIBUTE = "attribute"  # ``user.cio_id``
    FIELD = "field"  # ``row["cio_id"]``, ``data.get("cio_id")``


@dataclass(frozen=True)
class CioIdSource:
    """Why a value is a bare cio_id: the name that carries it."""

    named_by: NamedBy
    name: str

    def describe(self) -> str:
        """The reason as a message says it: ``the `cio_id` attribute``."""
        if self.named_by is NamedBy.VARIABLE:
            return f"the variable `{self.name}`"
        if self.named_by is NamedBy.ATTRIBUTE:
            return f"the `{self.name}` attribute"
        return f'the "{self.name}" field'


class IdentityQueries(Protocol):
    """Questions about identity that rules ask the model."""

    def email_source(self, value: Node, place: Place, order: int | None) -> EmailSource | None:
        """Why ``value`` (or the local value it was last given) is an email address, if it is."""

    def cio_id_source(self, value: Node, place: Place, order: int | None) -> CioIdSource | None:
        """Why ``value`` is a cio_id without the ``cio_`` prefix, if it is: it (or the local
        value it was last given) is named ``cio_id``/``cioId``/``cio_identifier`` and
        neither it nor that local value starts with the prefix (``f"cio_{cio_id}"``,
        ``"cio_" + cio_id``, a literal ``"cio_..."``)."""

    def prefixed_cio_id(self, value: Node) -> str | None:
        """The text of ``value`` with the ``cio_`` prefix put in front (``f"cio_{cio_id}"``
        in Python, a template literal in JavaScript), when ``value`` is a plain name or
        attribute read; None for anything else."""

    def expression_key(self, node: Node) -> str:
        """``node``'s text without whitespace: equal keys name the same customer."""

    def customer_id_name(self, call: SdkCall) -> str | None:
        """The name the customer id goes by in ``call`` as written (``id``, ``userId``), or
        None when the language passes it by position only (Node's ``track(id, ...)``)."""

    def handled_route(self, function: Function) -> str | None:
        """The path of the HTTP route (``/signup``) an anonymous handler receives POST or PUT
        requests of (``router.post("/signup", async (req, res) => ...)``), if it is one."""

    def property_read(self, node: Node) -> PropertyRead | None:
        """``node`` as a property read (``user.email``); None for any other expression."""

    def forwarded_identify_calls(self) -> list[Node]:
        """``identify`` calls through Segment's or RudderStack's analytics library (resolved
        by import, never by the method's name alone), which a project may forward to
        Customer.io as a destination: profiles are created there too."""

    def with_added_attribute(
        self, call: SdkCall, key: str, value_text: str
    ) -> str | None:
        """The text of ``call`` also sending the profile attribute ``key`` (next to the id),
        None when the language cannot write it."""
