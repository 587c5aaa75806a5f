"""CIO703 inconsistent-attribute-type: one attribute sent as a string here, a number there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from cio_lint.core.rule_meta import Severity
from cio_lint.rules.base import (
    LintContext,
    Project,
    ProjectRule,
    clip,
    group_by_key,
    more,
    short_place,
)

if TYPE_CHECKING:
    from cio_lint.analysis.attributes import LiteralType
    from cio_lint.core.facts import Fact
    from cio_lint.core.findings import Finding


#: How many other places a message names before summarising the rest.
_MAX_NAMED = 5


#: On a tie the type that keeps numeric/boolean segment operators wins.
@cache
def _preference() -> dict[LiteralType, int]:
    from cio_lint.analysis.attributes import LiteralType

    return {LiteralType.NUMBER: 0, LiteralType.BOOLEAN: 1, LiteralType.STRING: 2}


@cache
def _article() -> dict[LiteralType, str]:
    from cio_lint.analysis.attributes import LiteralType

    return {LiteralType.STRING: "a string", LiteralType.NUMBER: "a number",
                LiteralType.BOOLEAN: "a boolean"}


class InconsistentAttributeType(ProjectRule):
    code = "CIO703"
    name = "inconsistent-attribute-type"
    severity = Severity.WARNING
    summary = (
        "The same attribute or event-data key sent as a string in one place and as a number "
        "or boolean in another."
    )
    why = (
        "Customer.io keeps the JSON type of every value. Segment and trigger conditions "
        "compare types: `plan is greater than 2` never matches a person whose `plan` is the "
        "string \"3\", and `is_vip equals true` misses people sent the string \"true\". Sent "
        "with two types from two code paths, the attribute splits the audience silently."
    )
    wrong_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def on_signup(user):  # signup form\n"
        '    cio.identify(id=user.id, plan="3", is_vip="true")\n\n'
        "def on_payment(user):  # billing\n"
        "    cio.identify(id=user.id, plan=3, is_vip=True)\n"
    )
    correct_example = (
        "from customerio import CustomerIO\n\n"
        "cio = CustomerIO(site_id, api_key)\n\n"
        "def on_signup(user):  # signup form\n"
        "    cio.identify(id=user.id, plan=3, is_vip=True)\n\n"
        "def on_payment(user):  # billing\n"
        "    cio.identify(id=user.id, plan=3, is_vip=True)\n"
    )
    node_wrong_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function onSignup(user: { id: string }) {\n"
        '  await cio.identify(user.id, { plan: "3", is_vip: "true" });\n'
        "}\n\n"
        "export async function onPayment(user: { id: string }) {\n"
        "  await cio.identify(user.id, { plan: 3, is_vip: true });\n"
        "}\n"
    )
    node_correct_example = (
        'import { TrackClient } from "customerio-node";\n\n'
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, "
        "process.env.CUSTOMERIO_API_KEY!);\n\n"
        "export async function onSignup(user: { id: string }) {\n"
        "  await cio.identify(user.id, { plan: 3, is_vip: true });\n"
        "}\n\n"
        "export async function onPayment(user: { id: string }) {\n"
        "  await cio.identify(user.id, { plan: 3, is_vip: true });\n"
        "}\n"
    )
    correct_pattern = (
        "send each attribute with one type everywhere (numbers as numbers, booleans as "
        "booleans)"
    )

    def check(self, ctx: LintContext) -> None:
        for call in ctx.calls():
            for entry in ctx.model.sent_entries(call):
                typed = ctx.model.literal_type(entry)
                if typed is None:
                    continue
                converted = tuple((other.value, text) for other, text in typed.converted)
                ctx.fact(self, entry.value, (entry.namespace.value, entry.key),
                         (typed.type.value, typed.text, converted))

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        findings: list[Finding] = []
        for group in group_by_key(facts).values():
            typed = sorted(((fact, _type(fact)) for fact in group),
                           key=lambda item: (item[0].path, item[0].start))
            types = Counter(kind for _, kind in typed)
            if len(types) < 2:
                continue
            usual = min(types, key=lambda t: (-types[t], _preference()[t]))
            # What each occurrence's message says of the others depends only on its own
            # type: said once per type, so a key sent from thousands of places is linear.
            said = {mine: _elsewhere(mine, typed) for mine in types}
            unusual = _places([fact for fact, kind in typed if kind is not usual],
                              with_values=False)
            findings.extend(self._finding(fact, mine, said[mine], usual, unusual)
                            for fact, mine in typed)
        return findings

    def _finding(self, fact: Fact, mine: LiteralType, elsewhere: str, usual: LiteralType,
                 unusual: str) -> Finding:
        _, key = _key(fact)
        message = (f"`{clip(key, 30)}` is {_article()[mine]} here but {elsewhere}: "
                   "segments split by type")
        correct: str | None
        if mine is usual:
            correct = (
                f"keep `{_text(fact)}` here; send `{key}` as {_article()[usual]} at {unusual}"
            )
        else:
            correct = _converted(fact, usual)
        return self.finding(fact, message, correct=correct)


def _elsewhere(mine: LiteralType, typed: list[tuple[Fact, LiteralType]]) -> str:
    """``a string at a.py:3 and 4 more``: the other types and where they are sent."""
    others = [(fact, kind) for fact, kind in typed if kind is not mine]
    named = more([short_place(fact, parts=2) for fact, _ in others])
    other_types = [_article()[t] for t in sorted({kind for _, kind in others},
                                                key=_preference().__getitem__)]
    return f"{' and '.join(other_types)} at {named}"


def _places(facts: list[Fact], *, with_values: bool, shown: int = _MAX_NAMED) -> str:
    """``a.py:3 (`"3"`), b.py:9 (`3`)``, at most ``shown``, then a count."""
    return more([
        f"{fact.path}:{fact.start.line}" + (f" (`{clip(_text(fact), 20)}`)" if with_values else "")
        for fact in facts
    ], shown)


def _key(fact: Fact) -> tuple[str, str]:
    key = fact.key
    assert isinstance(key, tuple)
    return str(key[0]), str(key[1])


def _type(fact: Fact) -> LiteralType:
    from cio_lint.analysis.attributes import LiteralType

    value = fact.value
    assert isinstance(value, tuple)
    return LiteralType(value[0])


def _text(fact: Fact) -> str:
    value = fact.value
    assert isinstance(value, tuple)
    return str(value[1])


def _converted(fact: Fact, usual: LiteralType) -> str | None:
    """This occurrence's literal rewritten to the usual type, as the frontend wrote it."""
    value = fact.value
    assert isinstance(value, tuple) and isinstance(value[2], tuple)
    for other in value[2]:
        assert isinstance(other, tuple)
        if other[0] == usual.value:
            return str(other[1]) if other[1] is not None else None
    return None


RULE = InconsistentAttributeType()
