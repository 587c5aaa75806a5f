"""CIO304 on Node: what each misshapen call costs, on the customerio-node versions in use.

The frontend finds the shapes (``MisshapenCall``) and the rewrites; this module words
them and decides, from the versions the project may run, whether a shape is wrong at all
and whether its rewrite is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cio_lint.rules import node_versions
from cio_lint.rules.base import LintContext, Rule, clip

if TYPE_CHECKING:
    from cio_lint.analysis.sdk_surface import MisshapenCall

_POSITIONAL = {
    "track": "{ userId, event, properties }",
    "identify": "{ userId, traits }",
}


def check(rule: Rule, ctx: LintContext) -> None:
    from cio_lint.core.findings import Fix

    for shape in ctx.model.misshapen_calls():
        verdict = _verdict(ctx, shape)
        if verdict is None:
            continue
        message, certain = verdict
        fix = None
        if shape.edits:
            fix = Fix(tuple(ctx.replace(e.node, e.text) for e in shape.edits), safe=certain,
                      description=_fix_description(shape))
        ctx.report(rule, shape.node, message, correct=shape.correct, fix=fix,
                   anchor=shape.call.node)


def _label(ctx: LintContext, shape: MisshapenCall) -> str:
    call = shape.call
    if call.receiver is None:
        return call.written
    return f"{ctx.quote(call.receiver, 24)}.{call.written}"


def _verdict(ctx: LintContext, shape: MisshapenCall) -> tuple[str, bool] | None:
    """The message, and whether the shape is wrong on every version the project runs."""
    from cio_lint.analysis.sdk_surface import Shape

    versions = ctx.config.sdk.node_track
    label = _label(ctx, shape)
    kind = shape.shape
    if kind is Shape.OBJECT_AS_ID:
        if versions.only_before(5):
            effect = f"{node_versions.running(versions)} files everyone under `[object Object]`"
        elif versions.only_from(5):
            effect = f"{node_versions.running(versions)} throws MissingParamError"
        else:
            effect = "one `[object Object]` profile for all (4.x) or MissingParamError (5.x)"
        return f"`{label}` gets an object as the id: {effect}", True
    if kind is Shape.NAME_AS_EVENT:
        return (f"`{label}` gets the event name where `{{ name, data }}` goes: it throws "
                "MissingParamError (`data.name`)"), True
    if kind is Shape.ANONYMOUS_WITHOUT_ID:
        where = node_versions.wrong_from(versions, 3)
        if where is None:
            return None
        return (f"`{label}(data)` is the 2.x form: {where[0]} throws (the id "
                "comes first)"), where[1]
    if kind is Shape.PLAIN_REQUEST:
        where = node_versions.wrong_from(versions, 3)
        if where is None:
            return None
        return (f"`{label}` gets a plain object: {where[0]} throws (it needs a "
                f"`{clip(shape.detail, 24)}`)"), where[1]
    if kind is Shape.DROPPED_KEY:
        return _dropped(ctx, shape, label)
    if kind is Shape.POSITIONAL_OBJECT_CALL:
        takes = _POSITIONAL.get(shape.call.method, "one object")
        return (f"`{label}` gets positional arguments: the Node SDK takes `{takes}` and "
                "throws"), True
    if kind is Shape.NUMERIC_USER_ID:
        return (f"`{label}` gets a number as the user id: the SDK throws ValidationError "
                "(ids must be strings)"), True
    if shape.detail:
        return (f"`{label}` has `{shape.detail}:` where the event name goes (`event`): the "
                "SDK throws"), True
    return f"`{label}` has no `event`: the SDK throws ValidationError", True


def _dropped(ctx: LintContext, shape: MisshapenCall, label: str) -> tuple[str, bool] | None:
    """A key the request class does not copy; a key 4.0 renamed is right on 3.x."""
    from cio_lint.core.sdk_node import NODE_RENAMED_REQUEST_KEYS, NODE_REQUEST_RENAME_MAJOR

    key = clip(shape.detail, 30)
    renamed = NODE_RENAMED_REQUEST_KEYS.get(shape.detail)
    if renamed is None:
        return (f"`{label}` drops `{key}`: customerio-node sends only the fields it "
                "knows"), True
    where = node_versions.wrong_from(ctx.config.sdk.node_track, NODE_REQUEST_RENAME_MAJOR)
    if where is None:
        return None
    return (f"`{label}` drops `{key}` on {where[0]} (renamed `{renamed}` in "
            f"{NODE_REQUEST_RENAME_MAJOR}.0)"), where[1]


def _fix_description(shape: MisshapenCall) -> str:
    from cio_lint.analysis.sdk_surface import Shape
    from cio_lint.core.sdk_node import NODE_RENAMED_REQUEST_KEYS

    kind = shape.shape
    if kind is Shape.OBJECT_AS_ID:
        return "pass the id first and the attributes second"
    if kind is Shape.NAME_AS_EVENT:
        return "pass the event as `{ name, data }`"
    if kind is Shape.PLAIN_REQUEST:
        return f"build a `{shape.detail}`"
    if kind is Shape.NUMERIC_USER_ID:
        return "send the id as a string"
    if kind is Shape.DROPPED_KEY:
        return f"use `{NODE_RENAMED_REQUEST_KEYS.get(shape.detail, shape.detail)}`"
    return "rename `name` to `event`"
