"""CIO304's checks of argument values the SDK rejects (blank ids, unknown merge id
types): the same in every language, worded with the model's phrase for the rejection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.records import Node, SdkCall

#: Constants of ``customerio.constants`` that are valid identifier types.
_ID_TYPE_CONSTANTS = frozenset({"ID", "EMAIL", "CIOID"})
#: Track parameters that raise CustomerIOException when blank, per method.
_NON_BLANK: dict[str, tuple[str, ...]] = {
    "add_device": ("device_id", "platform"),
    "delete_device": ("device_id",),
    "merge_customers": ("primary_id", "secondary_id"),
}
_PIPELINES_NEED_ID = frozenset({"identify", "track", "page", "screen", "group"})


def message_label(ctx: LintContext, call: SdkCall) -> str:
    """``cio.track`` for a message: the receiver on one line, clipped."""
    if call.receiver is None:
        return call.written
    return f"{ctx.quote(call.receiver, 24)}.{call.written}"


def check_blank_ids(rule: Rule, ctx: LintContext, call: SdkCall) -> None:
    """Report ids the SDK rejects as blank (``""``)."""
    from cio_lint.core.client_kinds import ClientKind

    label = message_label(ctx, call)
    for param in _id_params(call):
        value = call.value(param)
        if value is None:
            continue
        origin = ctx.model.origin(value, call.place, call.order)
        if ctx.model.string_value(origin) != "":
            continue
        if call.kind is ClientKind.PIPELINES:
            consequence = "with no `anonymous_id`, the SDK raises AssertionError"
        else:
            consequence = ctx.model.rejection(call, param)
        through = f" (via `{ctx.quote(value, 20)}`)" if origin is not value else ""
        correct = f"<a non-blank {param.replace('_', ' ')}>"
        ctx.report(
            rule, value,
            f"`{param}` of `{label}` is a blank string{through}: {consequence}",
            correct=f"{param}={correct}" if ctx.model.keyword_signatures() else correct,
            anchor=call.node,
        )


def check_merge_types(rule: Rule, ctx: LintContext, call: SdkCall) -> None:
    """Report ``merge_customers`` id types that are not ``id``, ``email`` or ``cio_id``."""
    from cio_lint.core.findings import Fix

    for param in ("primary_id_type", "secondary_id_type"):
        value = call.value(param)
        if value is None:
            continue
        verdict = _merge_type(ctx, call, value)
        if verdict is None:
            continue
        shown, fixed = verdict
        fix = None
        if fixed is not None and value is ctx.model.origin(value, call.place, call.order):
            fix = Fix((ctx.replace(value, f'"{fixed}"'),), safe=True,
                      description=f'use the id type "{fixed}"')
        ctx.report(
            rule, value,
            f"`{param}` of `{call.written}` is {shown}, not an id type: "
            f"{ctx.model.rejection(call, param)}",
            correct=f'"{fixed}"' if fixed else '"id", "email" or "cio_id"',
            fix=fix, anchor=call.node,
        )


def _id_params(call: SdkCall) -> Iterator[str]:
    """Parameters of this call that must not be blank."""
    from cio_lint.core.client_kinds import ClientKind

    if call.kind is ClientKind.TRACK:
        if call.signature.customer_id is not None:
            yield call.signature.customer_id
        yield from _NON_BLANK.get(call.method, ())
    elif (
        call.kind is ClientKind.PIPELINES
        and call.method in _PIPELINES_NEED_ID
        and "anonymous_id" not in call.bound.args
        and not call.bound.star_kwargs
        and call.signature.customer_id is not None
    ):
        yield call.signature.customer_id


def _merge_type(ctx: LintContext, call: SdkCall, value: Node) -> tuple[str, str | None] | None:
    """How a merge id type is wrong and its fix, or None when it is fine or unknown."""
    from cio_lint.core.sdk import IDENTIFIER_TYPES

    model = ctx.model
    qualname = model.qualified_name(value, call.place, call.order)
    if qualname.startswith("customerio.constants."):
        name = qualname.rsplit(".", 1)[1]
        if name in _ID_TYPE_CONSTANTS:
            return None
        return f"`constants.{clip(name, 20)}`", None
    origin = model.origin(value, call.place, call.order)
    text = model.string_value(origin)
    if text is None or text in IDENTIFIER_TYPES:
        return None
    normal = text.strip().lower().replace("-", "_").replace(" ", "_")
    normal = "cio_id" if normal == "cioid" else normal
    return f'"{clip(text, 20)}"', normal if normal in IDENTIFIER_TYPES else None
