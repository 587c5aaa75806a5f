"""What cio-lint knows about the Customer.io SDKs, as data.

Everything here is read from the SDK sources (``customerio`` 3.2.0 and
``customerio-cdp-analytics`` 1.1.0). Rules never hard-code a signature; they ask
this table, so that ``identify("5")`` and ``identify(id="5")`` look the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cio_lint.core.client_kinds import ClientKind


@dataclass(frozen=True)
class Signature:
    """A callable's parameters in declaration order.

    ``positional`` is how many leading parameters may be passed positionally
    (``None``: all of them); ``var_kwargs`` names the ``**kwargs`` bucket, if any.
    ``customer_id`` names the parameter that identifies the person, ``event_name``
    the event name, ``attributes`` where profile attributes / event data travel.
    """

    params: tuple[str, ...]
    positional: int | None = None
    var_kwargs: str | None = None
    customer_id: str | None = None
    event_name: str | None = None
    timestamp: str | None = None
    attributes: str | None = None
    required: tuple[str, ...] = ()
    optional_dict: tuple[str, ...] = field(default=())

    def accepts(self, name: str) -> bool:
        return name in self.params or self.var_kwargs is not None


#: ``customerio.CustomerIO`` (Track API) methods.
TRACK_METHODS: dict[str, Signature] = {
    "identify": Signature(
        ("id",), var_kwargs="attributes", customer_id="id", attributes="attributes",
        required=("id",),
    ),
    "track": Signature(
        ("customer_id", "name", "data", "id", "timestamp"),
        customer_id="customer_id", event_name="name", timestamp="timestamp",
        attributes="data", required=("customer_id", "name"),
    ),
    "track_anonymous": Signature(
        ("anonymous_id", "name", "data", "id", "timestamp"),
        event_name="name", timestamp="timestamp", attributes="data",
        required=("anonymous_id", "name"),
    ),
    "pageview": Signature(
        ("customer_id", "page"), var_kwargs="data", customer_id="customer_id",
        attributes="data", required=("customer_id", "page"),
    ),
    "backfill": Signature(
        ("customer_id", "name", "timestamp"), var_kwargs="data",
        customer_id="customer_id", event_name="name", timestamp="timestamp",
        attributes="data", required=("customer_id", "name", "timestamp"),
    ),
    "delete": Signature(("customer_id",), customer_id="customer_id", required=("customer_id",)),
    "add_device": Signature(
        ("customer_id", "device_id", "platform"), var_kwargs="data",
        customer_id="customer_id", attributes="data",
        required=("customer_id", "device_id", "platform"),
    ),
    "delete_device": Signature(
        ("customer_id", "device_id"), customer_id="customer_id",
        required=("customer_id", "device_id"),
    ),
    "suppress": Signature(("customer_id",), customer_id="customer_id", required=("customer_id",)),
    "unsuppress": Signature(
        ("customer_id",), customer_id="customer_id", required=("customer_id",)
    ),
    "merge_customers": Signature(
        ("primary_id_type", "primary_id", "secondary_id_type", "secondary_id"),
        required=("primary_id_type", "primary_id", "secondary_id_type", "secondary_id"),
    ),
    "batch": Signature(("operations",), required=("operations",)),
    "close": Signature(()),
}

#: ``customerio.APIClient`` (App API) methods: each takes one request.
APP_METHODS: dict[str, Signature] = {
    name: Signature(("request",), required=("request",))
    for name in (
        "send_email",
        "send_push",
        "send_sms",
        "send_whatsapp",
        "send_inbox_message",
        "send_in_app",
    )
}
APP_METHODS["close"] = Signature(())

_PIPELINES_COMMON = ("context", "timestamp", "anonymous_id", "integrations", "message_id")

#: ``customerio.analytics`` module functions and ``analytics.Client`` methods.
PIPELINES_METHODS: dict[str, Signature] = {
    "identify": Signature(
        ("user_id", "traits", *_PIPELINES_COMMON), customer_id="user_id",
        timestamp="timestamp", attributes="traits",
    ),
    "track": Signature(
        ("user_id", "event", "properties", *_PIPELINES_COMMON),
        customer_id="user_id", event_name="event", timestamp="timestamp",
        attributes="properties",
    ),
    "page": Signature(
        ("user_id", "category", "name", "properties", *_PIPELINES_COMMON),
        customer_id="user_id", timestamp="timestamp", attributes="properties",
    ),
    "screen": Signature(
        ("user_id", "category", "name", "properties", *_PIPELINES_COMMON),
        customer_id="user_id", timestamp="timestamp", attributes="properties",
    ),
    "group": Signature(
        ("user_id", "group_id", "traits", *_PIPELINES_COMMON),
        customer_id="user_id", timestamp="timestamp", attributes="traits",
    ),
    "alias": Signature(
        ("previous_id", "user_id", "context", "timestamp", "integrations", "message_id"),
        customer_id="user_id", timestamp="timestamp",
    ),
    "flush": Signature(()),
    "join": Signature(()),
    "shutdown": Signature(()),
}

METHODS: dict[ClientKind, dict[str, Signature]] = {
    ClientKind.TRACK: TRACK_METHODS,
    ClientKind.APP: APP_METHODS,
    ClientKind.PIPELINES: PIPELINES_METHODS,
}

#: Every method name of any client: the cheap first filter for call sites.
ALL_METHOD_NAMES: frozenset[str] = frozenset(
    name for table in METHODS.values() for name in table
)

_REQUEST_COMMON = ("disable_message_retention", "queue_draft", "message_data", "send_at",
                   "language")

#: Client constructors, keyed by the qualified name of the class.
#: The top-level packages both Python SDKs import as (``customerio.analytics`` too).
SDK_PACKAGES: frozenset[str] = frozenset({"customerio"})

CONSTRUCTORS: dict[str, tuple[ClientKind, Signature]] = {
    "customerio.CustomerIO": (
        ClientKind.TRACK,
        Signature(
            ("site_id", "api_key", "host", "region", "port", "url_prefix", "json_encoder",
             "retries", "timeout", "backoff_factor", "use_connection_pooling"),
        ),
    ),
    "customerio.APIClient": (
        ClientKind.APP,
        Signature(
            ("key", "url", "region", "retries", "timeout", "backoff_factor",
             "use_connection_pooling"),
        ),
    ),
    "customerio.analytics.Client": (
        ClientKind.PIPELINES,
        Signature(
            ("write_key", "host", "debug", "max_queue_size", "send", "on_error", "gzip",
             "max_retries", "sync_mode", "timeout", "proxies", "thread", "upload_size",
             "upload_interval"),
        ),
    ),
}

#: Transactional request classes (all keyword arguments), keyed by qualified name.
REQUESTS: dict[str, Signature] = {
    "customerio.SendEmailRequest": Signature(
        ("transactional_message_id", "to", "identifiers", "_from", "headers", "reply_to", "cc",
         "bcc", "subject", "preheader", "body", "body_plain", "body_amp", "fake_bcc",
         "disable_message_retention", "send_to_unsubscribed", "tracked", "queue_draft",
         "message_data", "attachments", "disable_css_preprocessing", "send_at", "language"),
        positional=0,
    ),
    "customerio.SendPushRequest": Signature(
        ("transactional_message_id", "to", "identifiers", "title", "message",
         "disable_message_retention", "send_to_unsubscribed", "queue_draft", "message_data",
         "send_at", "language", "image_url", "link", "custom_data", "custom_payload",
         "device", "sound"),
        positional=0,
    ),
    "customerio.SendSMSRequest": Signature(
        ("transactional_message_id", "to", "identifiers", "disable_message_retention",
         "send_to_unsubscribed", "queue_draft", "message_data", "send_at", "language"),
        positional=0,
    ),
    "customerio.SendWhatsAppRequest": Signature(
        ("transactional_message_id", "to", "identifiers", "tracked",
         "disable_message_retention", "send_to_unsubscribed", "queue_draft", "message_data",
         "send_at", "language"),
        positional=0,
    ),
    "customerio.SendInboxMessageRequest": Signature(
        ("transactional_message_id", "identifiers", *_REQUEST_COMMON), positional=0,
    ),
    "customerio.SendInAppRequest": Signature(
        ("transactional_message_id", "identifiers", *_REQUEST_COMMON), positional=0,
    ),
}

#: Public names a ``customerio`` import may bind, mapped to their canonical qualified name.
#: Submodule paths (``customerio.track.CustomerIO``) canonicalise to the package export.
PUBLIC_NAMES: dict[str, str] = {
    "customerio.CustomerIO": "customerio.CustomerIO",
    "customerio.track.CustomerIO": "customerio.CustomerIO",
    "customerio.APIClient": "customerio.APIClient",
    "customerio.api.APIClient": "customerio.APIClient",
    "customerio.Regions": "customerio.Regions",
    "customerio.regions.Regions": "customerio.Regions",
    "customerio.regions.Region": "customerio.regions.Region",
    "customerio.CustomerIOException": "customerio.CustomerIOException",
    "customerio.client_base.CustomerIOException": "customerio.CustomerIOException",
    "customerio.analytics": "customerio.analytics",
    "customerio.analytics.Client": "customerio.analytics.Client",
    "customerio.analytics.client.Client": "customerio.analytics.Client",
    **{name: name for name in REQUESTS},
    **{name.replace("customerio.", "customerio.api."): name for name in REQUESTS},
}

#: Module-level settings of ``customerio.analytics``.
PIPELINES_SETTINGS: frozenset[str] = frozenset(
    {"write_key", "host", "on_error", "debug", "send", "sync_mode", "max_queue_size", "gzip",
     "timeout", "max_retries"}
)

#: Hosts per region, for region checks.
US_HOSTS: frozenset[str] = frozenset({"track.customer.io", "api.customer.io", "cdp.customer.io"})
EU_HOSTS: frozenset[str] = frozenset(
    {"track-eu.customer.io", "api-eu.customer.io", "cdp-eu.customer.io"}
)

#: Identifier types accepted by ``merge_customers`` and transactional ``identifiers``.
IDENTIFIER_TYPES: frozenset[str] = frozenset({"id", "email", "cio_id"})

#: Names people reach for that the Python SDKs do not have (Node SDK names, outdated docs),
#: keyed by the qualified name written, mapped to the Python name that does the job.
MISSING_NAMES: dict[str, str] = {
    "customerio.errors": "customerio",
    "customerio.CustomerIOError": "customerio.CustomerIOException",
    "customerio.CustomerIORequestError": "customerio.CustomerIOException",
    "customerio.MissingParamError": "customerio.CustomerIOException",
    "customerio.RegionEU": "customerio.Regions.EU",
    "customerio.RegionUS": "customerio.Regions.US",
    "customerio.TrackClient": "customerio.CustomerIO",
    "customerio.analytics.endpoint": "customerio.analytics.host",
}

#: Submodules of the Track SDK package; a missing name looked up in one of them is just as missing.
TRACK_SUBMODULES: frozenset[str] = frozenset(
    {"customerio.track", "customerio.api", "customerio.client_base", "customerio.regions"}
)
