"""What cio-lint knows about the Node SDKs, as data: how each call maps onto the neutral
operation of ``core.sdk`` that the rules reason about.

Read from ``customerio-node`` 0.5.0 to 5.2.0 and ``@customerio/cdp-analytics-node`` 0.5.9.
Node methods take positional arguments and one options object where Python takes
keywords: ``cio.track(id, {name, data, timestamp})`` is Python's ``track(id, name, data,
timestamp=...)``. Each table entry says which positional argument is which neutral
parameter and which keys of the object are; so ``call.event_name`` is the ``name:`` value,
whichever language wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cio_lint.core.client_kinds import ClientKind

#: In ``NodeCall.positional``: this argument is an options object whose keys are bound.
OBJECT = "{}"

TRACK_PACKAGE = "customerio-node"
CDP_PACKAGE = "@customerio/cdp-analytics-node"
#: Every package (and subpath) the Node SDKs are imported from.
NODE_PACKAGES: frozenset[str] = frozenset(
    {TRACK_PACKAGE, "customerio-node/api", "customerio-node/regions", "customerio-node/track",
     CDP_PACKAGE}
)


@dataclass(frozen=True)
class NodeCall:
    """How one Node method or constructor's arguments bind to a neutral signature."""

    #: The neutral name: a ``core.sdk.METHODS`` key, or the Python class for a constructor.
    operation: str
    #: The neutral parameter each positional argument is (``OBJECT``: an options object).
    positional: tuple[str, ...]
    #: For the options object: its keys as written in Node, mapped to neutral parameters.
    keys: dict[str, str] = field(default_factory=dict)
    #: Other keys of the options object are attributes (``identify``'s profile).
    extra: bool = False


_EVENT_KEYS = {"name": "name", "data": "data", "timestamp": "timestamp", "id": "id"}

#: ``TrackClient`` (and the 0.x-2.x default export) methods.
TRACK_CALLS: dict[str, NodeCall] = {
    "identify": NodeCall("identify", ("id", OBJECT), extra=True),
    "track": NodeCall("track", ("customer_id", OBJECT), _EVENT_KEYS),
    "trackAnonymous": NodeCall("track_anonymous", ("anonymous_id", OBJECT), _EVENT_KEYS),
    "trackPageView": NodeCall("pageview", ("customer_id", "page")),
    "addDevice": NodeCall(
        "add_device", ("customer_id", "device_id", "platform", OBJECT), extra=True
    ),
    "deleteDevice": NodeCall("delete_device", ("customer_id", "device_id")),
    "destroy": NodeCall("delete", ("customer_id",)),
    "suppress": NodeCall("suppress", ("customer_id",)),
    "unsuppress": NodeCall("unsuppress", ("customer_id",)),
    "mergeCustomers": NodeCall(
        "merge_customers",
        ("primary_id_type", "primary_id", "secondary_id_type", "secondary_id"),
    ),
    "batch": NodeCall("batch", ("operations",)),
}

#: ``APIClient`` methods: each takes one request object.
APP_CALLS: dict[str, NodeCall] = {
    node: NodeCall(python, ("request",))
    for node, python in (
        ("sendEmail", "send_email"),
        ("sendPush", "send_push"),
        ("sendSMS", "send_sms"),
        ("sendWhatsApp", "send_whatsapp"),
        ("sendInboxMessage", "send_inbox_message"),
        ("sendInApp", "send_in_app"),
    )
}

_CDP_COMMON = {
    "userId": "user_id",
    "anonymousId": "anonymous_id",
    "timestamp": "timestamp",
    "context": "context",
    "integrations": "integrations",
    "messageId": "message_id",
}

#: ``Analytics`` (CDP) and 5.x ``PipelinesClient`` methods: one object each.
PIPELINES_CALLS: dict[str, NodeCall] = {
    "identify": NodeCall("identify", (OBJECT,), {**_CDP_COMMON, "traits": "traits"}),
    "track": NodeCall(
        "track", (OBJECT,), {**_CDP_COMMON, "event": "event", "properties": "properties"}
    ),
    "page": NodeCall(
        "page", (OBJECT,),
        {**_CDP_COMMON, "category": "category", "name": "name", "properties": "properties"},
    ),
    "screen": NodeCall(
        "screen", (OBJECT,),
        {**_CDP_COMMON, "category": "category", "name": "name", "properties": "properties"},
    ),
    "group": NodeCall(
        "group", (OBJECT,), {**_CDP_COMMON, "groupId": "group_id", "traits": "traits"}
    ),
    "alias": NodeCall("alias", (OBJECT,), {**_CDP_COMMON, "previousId": "previous_id"}),
    "closeAndFlush": NodeCall("shutdown", (OBJECT,)),
}

NODE_METHODS: dict[ClientKind, dict[str, NodeCall]] = {
    ClientKind.TRACK: TRACK_CALLS,
    ClientKind.APP: APP_CALLS,
    ClientKind.PIPELINES: PIPELINES_CALLS,
}

_TRACK_CONSTRUCTOR = NodeCall(
    "CustomerIO", ("site_id", "api_key", OBJECT),
    {"region": "region", "url": "url", "timeout": "timeout", "retry": "retries"},
)
_APP_CONSTRUCTOR = NodeCall(
    "APIClient", ("key", OBJECT),
    {"region": "region", "url": "url", "timeout": "timeout", "retry": "retries"},
)

#: Client constructors by qualified name (package, then the exported name).
NODE_CONSTRUCTORS: dict[str, tuple[ClientKind, NodeCall]] = {
    f"{TRACK_PACKAGE}.TrackClient": (ClientKind.TRACK, _TRACK_CONSTRUCTOR),
    # 0.x-2.x: the package itself is the Track client class.
    TRACK_PACKAGE: (ClientKind.TRACK, _TRACK_CONSTRUCTOR),
    f"{TRACK_PACKAGE}.default": (ClientKind.TRACK, _TRACK_CONSTRUCTOR),
    "customerio-node/track": (ClientKind.TRACK, _TRACK_CONSTRUCTOR),
    f"{TRACK_PACKAGE}.APIClient": (ClientKind.APP, _APP_CONSTRUCTOR),
    "customerio-node/api.APIClient": (ClientKind.APP, _APP_CONSTRUCTOR),
    f"{TRACK_PACKAGE}.PipelinesClient": (
        ClientKind.PIPELINES, NodeCall("Client", ("write_key", OBJECT), {"url": "host"}),
    ),
    f"{CDP_PACKAGE}.Analytics": (
        ClientKind.PIPELINES,
        NodeCall(
            "Client", (OBJECT,),
            {"writeKey": "write_key", "host": "host", "path": "path",
             "maxRetries": "max_retries", "flushInterval": "upload_interval",
             "maxEventsInBatch": "upload_size", "httpRequestTimeout": "timeout"},
        ),
    ),
}
NODE_CONSTRUCTORS[f"{CDP_PACKAGE}.default"] = NODE_CONSTRUCTORS[f"{CDP_PACKAGE}.Analytics"]

#: Type names that mark a parameter or field as a client (``cio: TrackClient``).
CLIENT_TYPES: dict[str, ClientKind] = {
    name: kind
    for name, (kind, _) in NODE_CONSTRUCTORS.items()
    if "." in name.removeprefix("@")
}

_REQUEST_FIELDS = (
    "transactional_message_id", "to", "identifiers", "message_data", "send_at",
    "disable_message_retention", "send_to_unsubscribed", "queue_draft", "language",
)

#: Transactional request classes: each takes one object, bound by key. The constructor
#: copies a fixed list of keys and silently drops any other (``customer_id``, ``cc``,
#: ``attachments`` and 3.0's ``amp_body``/``plaintext_body`` included), so those land
#: in ``bound.unexpected``.
NODE_REQUESTS: dict[str, NodeCall] = {
    f"{TRACK_PACKAGE}.{name}": NodeCall(name, (OBJECT,), {key: key for key in keys})
    for name, keys in (
        ("SendEmailRequest", (*_REQUEST_FIELDS, "from", "headers", "preheader", "reply_to",
                              "bcc", "subject", "body", "body_plain", "body_amp", "fake_bcc",
                              "tracked", "disable_css_preprocessing")),
        ("SendPushRequest", (*_REQUEST_FIELDS, "title", "message", "image_url", "link",
                             "custom_data", "custom_payload", "device", "sound")),
        ("SendSMSRequest", _REQUEST_FIELDS),
        ("SendWhatsAppRequest", (*_REQUEST_FIELDS, "tracked")),
        ("SendInboxMessageRequest", _REQUEST_FIELDS),
        ("SendInAppRequest", _REQUEST_FIELDS),
    )
}
NODE_REQUESTS.update(
    {f"customerio-node/api.{name.rsplit('.', 1)[1]}": call
     for name, call in list(NODE_REQUESTS.items())}
)

#: Region objects by qualified name.
NODE_REGIONS: dict[str, str] = {
    f"{TRACK_PACKAGE}.RegionUS": "us",
    f"{TRACK_PACKAGE}.RegionEU": "eu",
    "customerio-node/regions.RegionUS": "us",
    "customerio-node/regions.RegionEU": "eu",
}

#: ``SendEmailRequest`` keys customerio-node copies nothing of (the request keeps a fixed
#: list of fields), and what carries that meaning instead.
NODE_DROPPED_REQUEST_KEYS: dict[str, str] = {
    "customer_id": "identifiers: { id }",
    "cc": "bcc",
    "attachments": ".attach(name, content)",
    "plaintext_body": "body_plain",
    "amp_body": "body_amp",
}
#: 3.x request keys that 4.0.0 renamed (the old name is dropped from 4.x on): old -> new.
NODE_RENAMED_REQUEST_KEYS: dict[str, str] = {
    "plaintext_body": "body_plain", "amp_body": "body_amp",
}
NODE_REQUEST_RENAME_MAJOR = 4

#: The request class each App API send method (neutral name) requires an instance of.
NODE_SEND_REQUESTS: dict[str, str] = {
    "send_email": "SendEmailRequest",
    "send_push": "SendPushRequest",
    "send_sms": "SendSMSRequest",
    "send_whatsapp": "SendWhatsAppRequest",
    "send_inbox_message": "SendInboxMessageRequest",
    "send_in_app": "SendInAppRequest",
}

#: Python and Ruby method names written on a Node client, and the Node method (None: none).
NODE_FOREIGN_METHODS: dict[ClientKind, dict[str, str | None]] = {
    ClientKind.TRACK: {
        "delete": "destroy",
        "pageview": "trackPageView",
        "page_view": "trackPageView",
        "add_device": "addDevice",
        "delete_device": "deleteDevice",
        "track_anonymous": "trackAnonymous",
        "merge_customers": "mergeCustomers",
        "backfill": None,
    },
    ClientKind.APP: {
        "send_email": "sendEmail",
        "send_push": "sendPush",
        "send_sms": "sendSMS",
        "trigger_broadcast": "triggerBroadcast",
    },
}
#: The Node client class of each kind, for messages.
NODE_CLIENT_CLASSES: dict[ClientKind, str] = {
    ClientKind.TRACK: "TrackClient", ClientKind.APP: "APIClient",
}

#: Python and Ruby names no customerio-node version exports, and the Node name meant.
NODE_FOREIGN_NAMES: dict[str, str] = {
    "CustomerIO": "TrackClient",
    "Regions": "RegionEU",
    "CustomerIOException": "CustomerIORequestError",
    "CustomerIOError": "CustomerIORequestError",
}
#: Named exports of ``customerio-node`` and the major that first has them (0.x-2.x export
#: the Track class itself, with the rest under ``/api`` and ``/regions``).
NODE_EXPORTS_FROM: dict[str, int] = {
    **{name: 3 for name in (
        "TrackClient", "APIClient", "RegionUS", "RegionEU", "Region", "SendEmailRequest",
        "SendPushRequest", "SendSMSRequest", "SendInboxMessageRequest", "SendInAppRequest",
        "SendWhatsAppRequest", "CustomerIORequestError", "IdentifierType",
    )},
    "PipelinesClient": 5,
    "MissingParamError": 5,
}
#: Where a 3.x name lived in 0.x-2.x: the default export or a subpath.
NODE_OLD_HOMES: dict[str, str] = {
    "TrackClient": TRACK_PACKAGE,
    **{name: "customerio-node/regions" for name in ("RegionUS", "RegionEU", "Region")},
    **{name: "customerio-node/api" for name in ("APIClient", "SendEmailRequest",
                                                 "SendPushRequest", "SendSMSRequest")},
}
#: Subpaths of 1.x/2.x, gone from 3.0.0 on: subpath -> the export of 3.x it became
#: (``""``: the subpath's names are exports of the package itself).
NODE_OLD_SUBPATHS: dict[str, str] = {
    "customerio-node/api": "",
    "customerio-node/regions": "",
    "customerio-node/track": "TrackClient",
}
#: The major whose ``exports`` map blocks deep imports (``customerio-node/dist/...``).
NODE_EXPORTS_MAP_MAJOR = 5
