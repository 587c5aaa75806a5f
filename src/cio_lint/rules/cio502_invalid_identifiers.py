"""CIO502 invalid-identifiers: ``identifiers`` that is not one of ``id``/``email``/``cio_id``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.transactional import FieldValue, LiteralDict, TransactionalRequest

_PREFERENCE = ("id", "email", "cio_id")


class InvalidIdentifiers(Rule):
    code = "CIO502"
    name = "invalid-identifiers"
    severity = Severity.ERROR
    summary = "Transactional `identifiers` not a dict with exactly one of id, email, cio_id."
    why = (
        "The App API identifies the person a transactional message belongs to by an object "
        "holding one, and only one, of `id`, `email` or `cio_id`. A bare id string, an empty "
        "dict, a key such as `user_id`, or two identifiers at once are rejected with a 400, "
        "so the message is never sent (or, with the wrong key, cannot be attributed to the "
        "person's profile and activity)."
    )
    wrong_example = (
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        'api.send_email(SendEmailRequest(transactional_message_id="3", to=user.email,\n'
        "                                identifiers=str(user.id)))\n"
    )
    correct_example = (
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        'api.send_email(SendEmailRequest(transactional_message_id="3", to=user.email,\n'
        '                                identifiers={"id": str(user.id)}))\n'
    )
    node_wrong_example = (
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "3",\n'
        "  to: user.email,\n"
        "  identifiers: String(user.id),\n"
        "}));\n"
    )
    node_correct_example = (
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "3",\n'
        "  to: user.email,\n"
        "  identifiers: { id: String(user.id) },\n"
        "}));\n"
    )
    correct_pattern = 'identifiers={"id": str(user.id)}'

    def check(self, ctx: LintContext) -> None:
        for request in ctx.model.transactional_requests():
            value = ctx.model.field_value(request, "identifiers")
            if value is None:
                continue
            problem = _problem(ctx, request, value)
            if problem is not None:
                message, correct = problem
                ctx.report(self, value.node, message, correct=correct, anchor=request.node)


def _problem(
    ctx: LintContext, request: TransactionalRequest, value: FieldValue
) -> tuple[str, str] | None:
    model = ctx.model
    found = model.literal_dict(value.node, request.place, request.order)
    if found is not None:
        return _dict_problem(ctx, request, found)
    kind = _not_a_dict(ctx, value)
    if kind is None:
        return None
    via = f" via `{clip(value.name, 20)}`" if value.name is not None else ""
    key = "email" if "@" in (value.string or "") else "id"
    return (
        f'`identifiers` is {kind}{via}, not an object like {{"{key}": ...}}: the send gets 400',
        model.mapping_literal({key: model.code(value.origin)}),
    )


def _dict_problem(
    ctx: LintContext, request: TransactionalRequest, found: LiteralDict
) -> tuple[str, str] | None:
    from cio_lint.core.sdk import IDENTIFIER_TYPES

    via = f" (via `{clip(found.via, 20)}`)" if found.via else ""
    where = f"`identifiers`{via}"
    wrong = [key for key in found.entries if key not in IDENTIFIER_TYPES]
    if wrong:
        renamed = {key: _identifier_type(key) for key in wrong}
        names = ", ".join(f'"{key}"' for key in wrong)
        return (
            f"{where} uses {names}, not id, email or cio_id: the send gets 400",
            _rewrite(ctx, found, renamed),
        )
    if not found.closed:
        return None
    if not found.keys:
        return (
            f"{where} is empty, with no id, email or cio_id: the send gets 400",
            ctx.model.mapping_literal({"id": ctx.model.string_conversion("user.id")}),
        )
    if len(found.keys) > 1:
        names = ", ".join(sorted(found.keys))
        return (
            f"{where} gives {len(found.keys)} identifiers ({names}), not one: the send gets 400",
            _rewrite(ctx, found, {}),
        )
    return None


def _not_a_dict(ctx: LintContext, value: FieldValue) -> str | None:
    """What a value that is certainly not a dict is, in words."""
    from cio_lint.analysis.transactional import FieldValueKind

    kind = value.kind
    if kind is FieldValueKind.STRING:
        return f'the string "{clip(value.text or "", 30)}"'
    if kind is FieldValueKind.FORMATTED_STRING:
        return f"the string `{ctx.quote(value.origin, 30)}`"
    if kind in (FieldValueKind.INTEGER, FieldValueKind.FLOAT):
        return f"the bare number {value.text}"
    if kind is FieldValueKind.SEQUENCE:
        return "a sequence"
    if kind is FieldValueKind.CONVERSION:
        return f"the bare value `{ctx.quote(value.origin, 30)}`"
    return None


def _identifier_type(key: str) -> str:
    """The identifier type a wrong key most likely meant: ``user_id`` -> ``id``."""
    lowered = key.lower()
    if "mail" in lowered:
        return "email"
    if "cio" in lowered:
        return "cio_id"
    return "id"


def _rewrite(ctx: LintContext, found: LiteralDict, renamed: dict[str, str]) -> str:
    """The dict with one identifier, under its right name."""
    chosen: dict[str, str] = {}
    for key, entry in found.entries.items():
        name = renamed.get(key, key)
        chosen.setdefault(name, ctx.model.code(entry.value))
    for name in _PREFERENCE:
        if name in chosen:
            return ctx.model.mapping_literal({name: chosen[name]})
    return 'identifiers={"id": str(user.id)}'  # pragma: no cover - chosen is never empty


RULE = InvalidIdentifiers()
