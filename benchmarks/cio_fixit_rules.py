"""Two Customer.io rules written the way a Fixit 2 author would, for the benchmark.

They mirror cio-lint's CIO201 (millisecond timestamp) and CIO302 (email as customer id)
closely enough to be a fair comparison: a call only counts when its receiver is shown to
be a Customer.io client -- an imported ``customerio.analytics`` function, or a name bound
to ``CustomerIO(...)``/``APIClient(...)``/``analytics.Client(...)`` -- which needs the
QualifiedNameProvider and ScopeProvider metadata, and a value is followed through one
local assignment, as cio-lint does. Fixit loads this module by name (``enable =
["cio_fixit_rules"]`` in the corpus's pyproject, with this directory on PYTHONPATH).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import libcst as cst
import libcst.matchers as m
from fixit import Invalid, LintRule, Valid
from libcst.metadata import (
    Assignment,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

CLIENT_CLASSES = frozenset(
    {"customerio.CustomerIO", "customerio.APIClient", "customerio.analytics.Client"}
)
TRACK_METHODS = frozenset(
    {"identify", "track", "track_anonymous", "pageview", "backfill", "add_device",
     "delete", "delete_device", "suppress", "unsuppress"}
)
PIPELINES_METHODS = frozenset({"identify", "track", "page", "screen", "group", "alias"})
SECONDS_SOURCES = frozenset({"time.time"})
MILLISECOND_FACTORS = frozenset({"1000", "1e3", "1_000", "1000.0"})
ID_KEYWORDS = frozenset({"id", "customer_id", "user_id"})


class CustomerIOCalls:
    """Shared receiver and value resolution (a mixin, so Fixit does not run it as a rule).

    ``get_metadata`` comes from LintRule, which every user of this mixin also inherits.
    """

    get_metadata: Any

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        names = self.get_metadata(QualifiedNameProvider, node, set())
        return {name.name for name in names}  # type: ignore[attr-defined]

    def assigned_value(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value of the single assignment that binds ``name`` where it is used."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        assignments = [a for a in scope[name.value] if isinstance(a, Assignment)]  # type: ignore[index]
        if len(assignments) != 1:
            return None
        target = assignments[0].node
        parent = self.get_metadata(ParentNodeProvider, target, None)
        if isinstance(parent, cst.AssignTarget):
            statement = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(statement, cst.Assign):
                return statement.value
        if isinstance(parent, cst.AnnAssign) and parent.target is target:
            return parent.value
        return None

    def follow(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        """Follow a local name to the expression it was assigned, once (not named
        ``resolve``: LibCST uses that name for metadata resolution)."""
        if isinstance(expr, cst.Name):
            value = self.assigned_value(expr)
            if value is not None:
                return value
        return expr

    def is_client(self, expr: cst.BaseExpression) -> bool:
        value = self.follow(expr)
        return isinstance(value, cst.Call) and bool(
            self.qualified_names(value.func) & CLIENT_CLASSES
        )

    def sdk_method(self, call: cst.Call) -> str | None:
        """The SDK method a call invokes, or None when the receiver is not Customer.io's."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        method = func.attr.value
        if method in PIPELINES_METHODS and any(
            name == f"customerio.analytics.{method}" for name in self.qualified_names(func)
        ):
            return method
        if method in TRACK_METHODS | PIPELINES_METHODS and self.is_client(func.value):
            return method
        return None

    def customer_id(self, call: cst.Call) -> cst.BaseExpression | None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ID_KEYWORDS:
                return arg.value
        first = call.args[0] if call.args else None
        if first is not None and first.keyword is None and not first.star:
            return first.value
        return None


def _values(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """An argument and, for a dict literal, the values inside it (event data, traits)."""
    yield expr
    if isinstance(expr, cst.Dict):
        for element in expr.elements:
            if isinstance(element, cst.DictElement):
                yield element.value


class MillisecondTimestampRule(CustomerIOCalls, LintRule):
    """Customer.io expects Unix seconds; milliseconds put the date thousands of years out."""

    METADATA_DEPENDENCIES = (
        PositionProvider, QualifiedNameProvider, ScopeProvider, ParentNodeProvider,
    )
    MESSAGE = "Millisecond timestamp sent to Customer.io, which expects seconds"
    VALID: ClassVar[list[str | Valid]] = [
        Valid("from customerio import CustomerIO\nimport time\n"
              "cio = CustomerIO('s', 'k')\ncio.track(1, 'paid', timestamp=int(time.time()))\n"),
        Valid("import time\nstatsd.timing('x', time.time() * 1000)\n"),
    ]
    INVALID: ClassVar[list[str | Invalid]] = [
        Invalid("from customerio import CustomerIO\nimport time\n"
                "cio = CustomerIO('s', 'k')\n"
                "cio.track(1, 'paid', timestamp=int(time.time() * 1000))\n"),
        Invalid("import time\nfrom customerio import analytics\n"
                "ts = time.time() * 1000\nanalytics.identify('1', {'created_at': ts})\n"),
    ]

    def is_milliseconds(self, expr: cst.BaseExpression) -> bool:
        expr = self.follow(expr)
        if m.matches(expr, m.Call(func=m.Name("int") | m.Name("round"), args=[m.Arg()])):
            expr = self.follow(expr.args[0].value)  # type: ignore[attr-defined]
        if isinstance(expr, cst.Call):
            return "time.time_ns" in self.qualified_names(expr.func)
        if not m.matches(expr, m.BinaryOperation(operator=m.Multiply())):
            return False
        assert isinstance(expr, cst.BinaryOperation)
        for source, factor in ((expr.left, expr.right), (expr.right, expr.left)):
            if (
                isinstance(factor, (cst.Integer, cst.Float))
                and factor.value in MILLISECOND_FACTORS
                and isinstance(source, cst.Call)
                and (
                    self.qualified_names(source.func) & SECONDS_SOURCES
                    or m.matches(source.func, m.Attribute(attr=m.Name("timestamp")))
                )
            ):
                return True
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if self.sdk_method(node) is None:
            return
        for arg in node.args:
            for value in _values(self.follow(arg.value)):
                if self.is_milliseconds(value):
                    self.report(value)


class EmailAsIdRule(CustomerIOCalls, LintRule):
    """An email as the customer id makes a second profile when the address changes."""

    METADATA_DEPENDENCIES = (
        PositionProvider, QualifiedNameProvider, ScopeProvider, ParentNodeProvider,
    )
    MESSAGE = "Email address used as the Customer.io customer id"
    VALID: ClassVar[list[str | Valid]] = [
        Valid("from customerio import CustomerIO\ncio = CustomerIO('s', 'k')\n"
              "cio.identify(user.pk, email=user.email)\n"),
        Valid("orm.identify(user.email)\n"),
    ]
    INVALID: ClassVar[list[str | Invalid]] = [
        Invalid("from customerio import CustomerIO\ncio = CustomerIO('s', 'k')\n"
                "cio.identify(user.email, first_name='A')\n"),
        Invalid("from customerio import analytics\nanalytics.identify('a@example.com', {})\n"),
    ]

    def is_email(self, expr: cst.BaseExpression) -> bool:
        expr = self.follow(expr)
        return (
            m.matches(expr, m.Attribute(attr=m.Name("email")) | m.Name("email"))
            or m.matches(expr, m.Subscript(slice=[m.SubscriptElement(
                slice=m.Index(value=m.SimpleString('"email"') | m.SimpleString("'email'")))]))
            or m.matches(expr, m.Call(
                func=m.Attribute(attr=m.Name("get")),
                args=[m.Arg(value=m.SimpleString('"email"') | m.SimpleString("'email'")),
                      m.ZeroOrMore()]))
            or (isinstance(expr, cst.SimpleString) and "@" in expr.value)
        )

    def visit_Call(self, node: cst.Call) -> None:
        if self.sdk_method(node) is None:
            return
        customer_id = self.customer_id(node)
        if customer_id is not None and self.is_email(customer_id):
            self.report(customer_id)
