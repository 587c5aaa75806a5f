"""Function summaries and the rest of what modules export, as JSON: the cache stores
what a file exports, and keys each result on the knowledge it was analysed with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cio_lint.analysis.records import ExternalClient, Link
from cio_lint.analysis.summaries import (
    Argument,
    ClientParameter,
    ExternalConstant,
    FunctionSummary,
    Knowledge,
    Operation,
    ProjectCall,
)
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.findings import Position
from cio_lint.core.sdk import CONSTRUCTORS


def encode(knowledge: Knowledge) -> list[Any]:
    """``knowledge`` as JSON-ready lists, tagged by type."""
    if isinstance(knowledge, ExternalClient):
        tail = [knowledge.constructor, knowledge.instance_of]
        while tail and tail[-1] is None:
            tail.pop()
        return ["client", knowledge.kind.value, knowledge.factory, *tail]
    if isinstance(knowledge, ExternalConstant):
        return ["constant", knowledge.value]
    if isinstance(knowledge, ClientParameter):
        return ["parameter", knowledge.kind.value]
    return ["function", _summary_json(knowledge)]


def decode(document: Any) -> Knowledge:
    """The inverse of ``encode``; anything else raises ``ValueError``/``TypeError``/..."""
    tag = document[0]
    if tag == "client":
        constructor, instance_of = [*document[3:], None, None][:2]
        if constructor is not None and constructor not in CONSTRUCTORS:
            raise ValueError(f"unknown constructor {constructor!r}")
        return ExternalClient(ClientKind(document[1]), bool(document[2]), constructor,
                              None if instance_of is None else _text(instance_of))
    if tag == "constant":
        return ExternalConstant(_text(document[1]))
    if tag == "parameter":
        return ClientParameter(ClientKind(document[1]))
    if tag == "function":
        return _summary(document[1])
    raise ValueError(f"unknown knowledge {tag!r}")


def fingerprint(knowledge: Mapping[str, Knowledge]) -> str:
    """One string that changes whenever any of ``knowledge`` does (for cache keys)."""
    import json

    return json.dumps([[name, encode(knowledge[name])] for name in sorted(knowledge)],
                      separators=(",", ":"))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _link_json(link: Link) -> list[Any]:
    return [link.text, link.path, link.start.line, link.start.column, link.end.line,
            link.end.column]


def _link(value: Any) -> Link:
    text, path, line, column, end_line, end_column = value
    return Link(_text(text), _text(path), Position(int(line), int(column)),
                Position(int(end_line), int(end_column)))


def _argument_json(argument: Argument) -> list[Any]:
    return [argument.param, argument.client.value if argument.client else None]


def _argument(value: Any) -> Argument:
    param, client = value
    return Argument(None if param is None else _text(param),
                    None if client is None else ClientKind(client))


def _operation_json(op: Operation) -> list[Any]:
    return [op.kind.value, op.method, [list(p) for p in op.params], op.forwards_kwargs,
            op.escapes, [_link_json(link) for link in op.chain]]


def _operation(value: Any) -> Operation:
    kind, method, params, forwards, escapes, chain = value
    return Operation(ClientKind(kind), _text(method),
                     tuple((_text(a), _text(b)) for a, b in params), bool(forwards),
                     bool(escapes), tuple(_link(link) for link in chain))


def _summary_json(summary: FunctionSummary) -> dict[str, Any]:
    return {
        "params": list(summary.params), "keyword_only": list(summary.keyword_only),
        "instance_method": summary.instance_method,
        "defaults": list(summary.defaults),
        "receivers": list(summary.receivers),
        "client_defaults": [[name, kind.value] for name, kind in summary.client_defaults],
        "async": summary.is_async,
        "paces": summary.paces, "builds": summary.builds_client,
        "operations": [_operation_json(op) for op in summary.operations],
        "constructions": [_operation_json(op) for op in summary.constructions],
        "calls": [
            [call.target, _link_json(call.link),
             [_argument_json(a) for a in call.positional],
             [[name, _argument_json(a)] for name, a in call.keywords],
             call.star, call.forwards_kwargs, call.caught]
            for call in summary.calls
        ],
    }


def _summary(value: Any) -> FunctionSummary:
    return FunctionSummary(
        params=tuple(_text(p) for p in value["params"]),
        keyword_only=tuple(_text(p) for p in value["keyword_only"]),
        instance_method=bool(value["instance_method"]),
        defaults=tuple(_text(p) for p in value["defaults"]),
        receivers=tuple(_text(p) for p in value["receivers"]),
        client_defaults=tuple(
            (_text(name), ClientKind(kind)) for name, kind in value["client_defaults"]
        ),
        is_async=bool(value["async"]),
        paces=bool(value["paces"]),
        builds_client=bool(value["builds"]),
        operations=tuple(_operation(op) for op in value["operations"]),
        constructions=tuple(_operation(op) for op in value["constructions"]),
        calls=tuple(
            ProjectCall(_text(target), _link(link), tuple(_argument(a) for a in positional),
                        tuple((_text(name), _argument(a)) for name, a in keywords),
                        bool(star), bool(forwards), bool(caught))
            for target, link, positional, keywords, star, forwards, caught in value["calls"]
        ),
    )
