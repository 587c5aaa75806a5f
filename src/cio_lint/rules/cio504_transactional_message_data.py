"""CIO504 transactional-message-data: an unknown template, or data its template needs missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import LintContext, Rule, clip, more

if TYPE_CHECKING:
    from cio_lint.analysis.transactional import FieldValue, TransactionalRequest

_TEMPLATE = "transactional_message_id"


class TransactionalMessageData(Rule):
    code = "CIO504"
    name = "transactional-message-data"
    severity = Severity.ERROR
    summary = (
        "A transactional message id not in the configured map, or `message_data` missing "
        "keys its template uses."
    )
    why = (
        "A transactional template renders `message_data` through Liquid: a key the template "
        "uses but the request does not send renders as an empty string, so the password "
        "reset email goes out with an empty link or 'Hi ,'. An id or trigger name that does "
        "not exist in the workspace makes the send fail. With `[tool.cio-lint.transactional]` "
        "listing each message id (or trigger name) and the keys its template uses, both are "
        "caught before deploy."
    )
    wrong_example = (
        '# pyproject.toml: [tool.cio-lint.transactional] password_reset = ["reset_url"]\n'
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        "api.send_email(SendEmailRequest(\n"
        '    transactional_message_id="password_reset", to=user.email,\n'
        '    identifiers={"id": str(user.id)}, message_data={"url": url},\n'
        "))\n"
    )
    correct_example = (
        '# pyproject.toml: [tool.cio-lint.transactional] password_reset = ["reset_url"]\n'
        "from customerio import APIClient, SendEmailRequest\n\n"
        "api = APIClient(app_api_key)\n"
        "api.send_email(SendEmailRequest(\n"
        '    transactional_message_id="password_reset", to=user.email,\n'
        '    identifiers={"id": str(user.id)}, message_data={"reset_url": url},\n'
        "))\n"
    )
    node_wrong_example = (
        '// pyproject.toml: [tool.cio-lint.transactional] password_reset = ["reset_url"]\n'
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "password_reset",\n'
        "  to: user.email,\n"
        "  identifiers: { id: String(user.id) },\n"
        "  message_data: { url },\n"
        "}));\n"
    )
    node_correct_example = (
        '// pyproject.toml: [tool.cio-lint.transactional] password_reset = ["reset_url"]\n'
        'import { APIClient, SendEmailRequest } from "customerio-node";\n'
        "\n"
        "const api = new APIClient(appApiKey);\n"
        "await api.sendEmail(new SendEmailRequest({\n"
        '  transactional_message_id: "password_reset",\n'
        "  to: user.email,\n"
        "  identifiers: { id: String(user.id) },\n"
        "  message_data: { reset_url: url },\n"
        "}));\n"
    )
    correct_pattern = 'message_data={"reset_url": url}  # every key the template uses'
    config_keys = ("transactional",)

    def check(self, ctx: LintContext) -> None:
        known = ctx.config.transactional_map()
        if not known:
            return
        by_name = {key.lower(): key for key in known}
        for request in ctx.model.transactional_requests():
            value = ctx.model.field_value(request, _TEMPLATE)
            if value is None:
                continue
            message_id = _literal_id(value)
            if message_id is None:
                continue
            key = by_name.get(message_id.lower())
            if key is None:
                self._unknown(ctx, request, value, message_id, list(known))
            else:
                self._check_data(ctx, request, key, known[key])

    def _unknown(
        self, ctx: LintContext, request: TransactionalRequest, value: FieldValue,
        message_id: str, known: list[str],
    ) -> None:
        import difflib  # only when a name is misspelt

        close = difflib.get_close_matches(message_id, known, n=1, cutoff=0.6)
        unknown = (
            f'unknown (did you mean "{clip(close[0], 30)}"?)' if close
            else "not in [tool.cio-lint.transactional]"
        )
        ctx.report(
            self,
            value.node,
            f'`{_TEMPLATE}` "{clip(message_id, 30)}" is {unknown}: the send fails',
            correct=f'"{close[0]}"' if close else f"one of: {', '.join(known)}",
            anchor=request.node,
        )

    def _check_data(
        self, ctx: LintContext, request: TransactionalRequest, key: str,
        required: tuple[str, ...],
    ) -> None:
        if not required or "message_data" in request.added_later:
            return
        value = request.value("message_data")
        if value is None:
            if request.closed:
                ctx.report(
                    self,
                    request.node,
                    f'template "{clip(key, 30)}" is sent without `message_data`: '
                    f"{_names(required)} render empty",
                    correct=ctx.model.request_with_fields(
                        request, {"message_data": _placeholder(ctx, required)}
                    ),
                )
            return
        found = ctx.model.literal_dict(value, request.place, request.order)
        if found is None or not found.closed:
            return
        missing = [name for name in required if name.split(".", 1)[0] not in found.keys]
        if not missing:
            return
        via = f" (via `{clip(found.via, 20)}`)" if found.via else ""
        ctx.report(
            self,
            value,
            f"`message_data`{via} has no {_names(missing)} for template "
            f'"{clip(key, 30)}": {"it renders" if len(missing) == 1 else "they render"} empty',
            correct=ctx.model.mapping_with_entries(found.node, {key: "..." for key in missing}),
            anchor=request.node,
        )


def _literal_id(value: FieldValue) -> str | None:
    """The message id or trigger name written as a literal (directly or via a constant)."""
    from cio_lint.analysis.transactional import FieldValueKind

    if value.kind is FieldValueKind.INTEGER:
        return str(value.integer)
    text = value.string
    return text.strip() if text is not None else None


def _names(keys: tuple[str, ...] | list[str]) -> str:
    return more([f'"{clip(key, 30)}"' for key in keys], shown=2)


def _placeholder(ctx: LintContext, keys: tuple[str, ...]) -> str:
    return ctx.model.mapping_literal({key: "..." for key in keys})


RULE = TransactionalMessageData()
