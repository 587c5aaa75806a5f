"""SDK calls: every client method call, constructor and request, with bound arguments;
and the same-module call graph."""

from __future__ import annotations

import libcst as cst

from cio_lint.analysis.python.clients import ClientResolution
from cio_lint.analysis.python.scopes import CallSite
from cio_lint.analysis.records import Argument, BoundArguments, Function, SdkCall
from cio_lint.core import sdk
from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk import Signature


class CallResolution(ClientResolution):
    """Finds the SDK calls of a module and the same-module call graph."""

    def sdk_calls(self) -> list[SdkCall]:
        """Every client method call of the module, in source order."""
        if self._sdk_calls is None:
            self._resolve_calls()
        assert self._sdk_calls is not None
        return self._sdk_calls

    def constructions(self) -> list[SdkCall]:
        """Every ``CustomerIO(...)``, ``APIClient(...)``, ``analytics.Client(...)``."""
        self.sdk_calls()
        return self._constructions

    def requests(self) -> list[SdkCall]:
        """Every ``Send*Request(...)``; ``method`` is the class name."""
        self.sdk_calls()
        return self._requests

    def _resolve_calls(self) -> None:
        calls: list[SdkCall] = []
        for site in self.call_sites:
            func = site.node.func
            if isinstance(func, cst.Attribute) and func.attr.value in sdk.ALL_METHOD_NAMES:
                kind = self.client_kind(func.value, site.scope, site.order)
                if kind is not None:
                    signature = sdk.METHODS[kind].get(func.attr.value)
                    if signature is not None and not self.overrides_differently(
                        func, site.scope, site.order, signature
                    ):
                        calls.append(
                            _sdk_call(site, kind, func.attr.value, signature, func.value)
                        )
                        continue
            qual = self.qualname(func, site.scope, site.order)
            if qual in sdk.CONSTRUCTORS:
                kind, signature = sdk.CONSTRUCTORS[qual]
                self._constructions.append(
                    _sdk_call(site, kind, qual.rsplit(".", 1)[1], signature)
                )
            elif qual in sdk.REQUESTS:
                signature = sdk.REQUESTS[qual]
                self._requests.append(
                    _sdk_call(site, ClientKind.APP, qual.rsplit(".", 1)[1], signature)
                )
            elif constructor := self.construction_of(site.node, site.scope, site.order, qual):
                # A project subclass of an SDK client, run as the SDK's constructor.
                kind, signature = sdk.CONSTRUCTORS[constructor]
                self._constructions.append(
                    _sdk_call(site, kind, constructor.rsplit(".", 1)[1], signature)
                )
        self._sdk_calls = calls

    def calls_in(self, function: Function | None) -> list[SdkCall]:
        return [c for c in self.sdk_calls() if c.context.function is function]

    def callers(self, function: Function) -> list[CallSite]:
        """Same-module call sites that call ``function`` (by name or as ``self.method``)."""
        return self._call_graph_index()[0].get(id(function.node), [])

    def callees(self, function: Function | None) -> list[Function]:
        """Same-module functions called directly from ``function`` (None: module level)."""
        key = id(function.node) if function is not None else 0
        return list(self._call_graph_index()[1].get(key, {}).values())

    def _call_graph_index(
        self,
    ) -> tuple[dict[int, list[CallSite]], dict[int, dict[int, Function]]]:
        """Callers by callee and callees by caller, built in one pass over the call sites."""
        if self._call_graph is None:
            callers: dict[int, list[CallSite]] = {}
            callees: dict[int, dict[int, Function]] = {}
            for site in self.call_sites:
                target = self.resolve_function(site.node.func, site.scope, site.order)
                if target is None:
                    continue
                callers.setdefault(id(target.node), []).append(site)
                caller = site.context.function
                key = id(caller.node) if caller is not None else 0
                callees.setdefault(key, {}).setdefault(id(target.node), target)
            self._call_graph = (callers, callees)
        return self._call_graph


def _sdk_call(
    site: CallSite, kind: ClientKind, method: str, signature: Signature,
    receiver: cst.BaseExpression | None = None,
) -> SdkCall:
    return SdkCall(site.node, site.scope, site.order, site.context, kind, method, signature,
                   bind_arguments(signature, site.node), receiver)


def _argument(arg: cst.Arg) -> Argument:
    keyword = arg.keyword
    return Argument(arg.value, arg, keyword.value if keyword is not None else None, keyword)


def bind_arguments(signature: Signature, call: cst.Call) -> BoundArguments:
    """Bind a call's arguments to a signature's parameter names, as Python would."""
    bound = BoundArguments()
    limit = len(signature.params) if signature.positional is None else signature.positional
    index = 0
    for arg in call.args:
        if arg.star == "*":
            bound.star_args = True
        elif arg.star == "**":
            bound.star_kwargs = True
        elif arg.keyword is None:
            if index < limit:
                bound.args[signature.params[index]] = _argument(arg)
            else:
                bound.excess_positional.append(_argument(arg))
            index += 1
        else:
            keyword = arg.keyword.value
            if keyword in signature.params:
                bound.args[keyword] = _argument(arg)
            elif signature.var_kwargs is not None:
                bound.extra[keyword] = _argument(arg)
            else:
                bound.unexpected[keyword] = _argument(arg)
    return bound


