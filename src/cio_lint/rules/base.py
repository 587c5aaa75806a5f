"""What a rule is: documented metadata plus a check over one module's model.

A rule never reads files, never prints and knows nothing of output formats:
it asks ``LintContext.model`` (the language-neutral ``analysis.model``) and calls
``LintContext.report``; a project rule also records ``LintContext.fact`` and judges
the facts of a whole project in ``check_project``.

A rule module imports the analysis helpers it checks with inside its functions (types
only for checking), so its documentation is there without the analysis:
``cio-lint rules``, ``rule`` and a run whose files all miss the prefilter or the cache
never load it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from cio_lint.core.languages import is_node_path
from cio_lint.core.rule_meta import Severity

if TYPE_CHECKING:
    from cio_lint.analysis.front_end_identity import IdentitySource
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.analysis.records import Link, Node, SdkCall, Via
    from cio_lint.core.config import Config
    from cio_lint.core.facts import Fact, FactValue
    from cio_lint.core.findings import Edit, Finding, Fix, Position, Related
    from cio_lint.core.rule_doc import RuleDoc
    from cio_lint.core.secrets import SecretLiteral

#: The longest code a message quotes: enough to recognise it, short enough to read.
QUOTE_WIDTH = 40


def clip(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` cut to ``width`` characters, the last one ``…`` when anything is cut;
    a line break or other control character (a string's value may hold one) escaped."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


#: A path longer than this is shortened in a message to its last parts (``…/b.py``).
PATH_WIDTH = 24


def short_path(path: str, parts: int = 1) -> str:
    """``a/b.py`` for a message, or ``…/b.py`` (the last ``parts`` parts) when the path is
    long: the finding's own location already says where the project is."""
    if len(path) > PATH_WIDTH:
        path = "…/" + "/".join(path.replace("\\", "/").split("/")[-parts:])
    return path


def short_place(fact: Fact, parts: int = 1) -> str:
    """``a/b.py:3`` (or ``…/b.py:3``) for a message: where ``fact`` was seen."""
    return f"{short_path(fact.path, parts)}:{fact.start.line}"


def via_suffix(via: Via) -> str:
    """What a message made through project functions ends with, naming the chain:
    ``; via `record_signup()` -> `cio.track` at app/events.py:42``. The caller's own
    call has no place of its own (the finding's location is it)."""
    from cio_lint.core.findings import VIA

    if not via.chain:
        return ""
    return VIA + " -> ".join(_link_text(link) for link in via.chain)


def via_related(via: Via) -> tuple[Related, ...]:
    """One related location per link of the chain that has a place: a reviewer checks
    each call of the chain without searching for it."""
    from cio_lint.core.findings import Related

    return tuple(
        Related(link.path, link.start, link.end, f"`{clip(link.text)}` called here")
        for link in via.chain
        if link.path
    )


def placed(via: Via, path: str) -> Via:
    """``via`` with ``path`` on the links its own module left without one."""
    return replace(via, chain=tuple(
        replace(link, path=path) if link.start.line and not link.path else link
        for link in via.chain
    ))


def _link_text(link: Link) -> str:
    text = f"`{clip(link.text)}`"
    return f"{text} at {short_path(link.path)}:{link.start.line}" if link.path else text


def more(places: Sequence[str], shown: int = 1) -> str:
    """The first ``shown`` places and how many others: "a.py:3 and 4 more"."""
    listed = ", ".join(places[:shown])
    rest = len(places) - shown
    return f"{listed} and {rest} more" if rest > 0 else listed


class FixAvailability(str, Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Rule:
    """Base class of every rule. Subclasses fill in the documentation and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]  # one line: what it catches
    why: ClassVar[str]  # the real consequence
    wrong_example: ClassVar[str]
    correct_example: ClassVar[str]
    #: The same mistake and its correction in TypeScript (``customerio-node``), for rules
    #: that apply to Node; None where the rule has no Node case.
    node_wrong_example: ClassVar[str | None] = None
    node_correct_example: ClassVar[str | None] = None
    #: The language the examples are written in (a Markdown fence name): Python, unless
    #: the mistake cannot be made in Python and the examples show the Node form.
    example_language: ClassVar[str] = "python"
    #: One-line correct pattern shown when no concrete rewrite can be derived.
    correct_pattern: ClassVar[str]
    #: The same for JavaScript/TypeScript code (None: ``correct_pattern`` reads right there).
    node_correct_pattern: ClassVar[str | None] = None
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    fix_safety: ClassVar[str] = "This rule has no automatic fix."
    config_keys: ClassVar[tuple[str, ...]] = ()
    #: Project-wide rules see every file's facts; see ``ProjectRule``.
    project_wide: ClassVar[bool] = False

    def pattern_for(self, path: str) -> str:
        """The correct pattern in the language of the file at ``path``."""
        if self.node_correct_pattern is not None and is_node_path(path):
            return self.node_correct_pattern
        return self.correct_pattern

    @property
    def default_enabled(self) -> bool:
        return self.severity is not Severity.INFO

    def doc(self) -> RuleDoc:
        """The documentation reports show, as plain data."""
        from cio_lint.core.rule_doc import RuleDoc

        return RuleDoc(
            code=self.code,
            name=self.name,
            severity=self.severity,
            summary=self.summary,
            why=self.why,
            wrong_example=self.wrong_example,
            correct_example=self.correct_example,
            node_wrong_example=self.node_wrong_example,
            node_correct_example=self.node_correct_example,
            fix_safety=self.fix_safety,
            default_enabled=self.default_enabled,
            example_language=self.example_language,
        )

    def check(self, ctx: LintContext) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Project:
    """One project of a run: its root, its configuration, and whether every file of it
    was linted. Only a complete project may be told "never calls X anywhere": when
    pre-commit names a few staged files, the call may sit in a file not shown."""

    root: str
    config: Config
    complete: bool
    #: Where the project identifies people outside its Python code (templates, front-end
    #: or mobile code calling Customer.io's SDKs). The engine searches the project's files
    #: on the first call only: a rule asks just before it would say "never".
    identity_sources: Callable[[], Sequence[IdentitySource]] = field(default=lambda: ())


class ProjectRule(Rule):
    """A rule that needs the whole project: per-file facts, then a check per project.

    Its findings are made from its facts (``finding``), so a project none of whose files
    recorded a fact is not judged at all."""

    project_wide: ClassVar[bool] = True

    def check_project(self, facts: Sequence[Fact], project: Project) -> list[Finding]:
        """Findings from the facts of one project (all of this rule's facts in it)."""
        raise NotImplementedError

    def finding(self, fact: Fact, message: str, correct: str | None = None) -> Finding:
        from cio_lint.core.findings import Finding

        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            path=fact.path,
            start=fact.start,
            end=fact.end,
            message=message,
            wrong=fact.wrong,
            correct=correct or self.pattern_for(fact.path),
            suppression_lines=(fact.start.line,),
        )


class LintContext:
    """Everything a rule may look at for one file, and the one way to report."""

    def __init__(
        self, path: str, model: ModuleModel, config: Config, imported_as: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        self.model = model
        self.config = config
        #: Other names modules may import this one by (``services.api.app.x`` is also
        #: ``app.x``; a script's neighbour is imported by its bare name), for facts that
        #: other modules look up by the name they import.
        self.imported_as = imported_as
        self.findings: list[Finding] = []
        self.facts: list[Fact] = []
        #: Where a rule already reported a call of a project function (rule code, span).
        self._reported_via: set[tuple[str, Position, Position]] = set()
        self._facts_seen: set[Fact] = set()

    def calls(self) -> list[SdkCall]:
        """Every SDK call of the module: its own, then the calls of project functions that
        reach the SDK, each seen as the SDK call it makes (``SdkCall.via``)."""
        return [*self.model.sdk_calls(), *self.model.wrapper_calls()]

    @property
    def secrets(self) -> list[SecretLiteral]:
        """The module's secret literals (computed once, when first needed)."""
        return self.model.secret_literals()

    @cached_property
    def secret_values(self) -> tuple[str, ...]:
        """The texts ``mask_secrets`` replaces for this module (computed once: every
        finding's texts are masked with them)."""
        from cio_lint.core.secrets import secret_values

        return secret_values(self.secrets)

    def report(
        self,
        rule: Rule,
        node: Node,
        message: str,
        *,
        correct: str | None = None,
        fix: Fix | None = None,
        anchor: Node | None = None,
        wrong: str | None = None,
        via: Via | None = None,
    ) -> None:
        """Record a finding at ``node``; ``anchor`` (the enclosing call) widens noqa lines;
        ``via`` (a call of a project function that reaches the SDK) names the chain in the
        message and gives its places as related locations."""
        from cio_lint.core.findings import Finding

        start, end = self.model.span(node)
        if via is not None:
            # A function that passes one argument to several SDK calls: the caller's
            # argument is one mistake, reported once (on the first way to the SDK).
            spot = (rule.code, start, end)
            if spot in self._reported_via:
                return
            self._reported_via.add(spot)
            via = placed(via, self.path)
        lines = {start.line}
        if anchor is not None:
            anchor_start, anchor_end = self.model.span(anchor)
            lines.update((anchor_start.line, anchor_end.line))
        self.findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                path=self.path,
                start=start,
                end=end,
                message=message + via_suffix(via) if via is not None else message,
                wrong=wrong if wrong is not None else self.model.source_text(node).strip(),
                correct=correct if correct is not None else rule.pattern_for(self.path),
                fix=fix,
                suppression_lines=tuple(sorted(lines)),
                related=via_related(via) if via is not None else (),
            )
        )

    def fact(self, rule: Rule, node: Node, key: FactValue, value: FactValue) -> None:
        """Hand an observation at ``node`` to ``rule``'s project phase."""
        from cio_lint.core.facts import Fact
        from cio_lint.core.secrets import mask_secrets

        start, end = self.model.span(node)
        # A project rule quotes this text in its finding, and facts are cached: no secret.
        wrong = mask_secrets(self.model.source_text(node).strip(), self.secret_values)
        fact = Fact(rule.code, key, value, self.path, start, end, wrong, str(self.config.root))
        if fact not in self._facts_seen:  # an argument reaching several SDK calls: once
            self._facts_seen.add(fact)
            self.facts.append(fact)

    def span(self, node: Node) -> tuple[Position, Position]:
        return self.model.span(node)

    def quote(self, node: Node, width: int = QUOTE_WIDTH) -> str:
        """``node``'s code for a message: one line, at most ``width`` characters (clipped
        with ``…``). Secrets are masked before clipping: a clipped one is no longer found."""
        from cio_lint.core.secrets import mask_secrets

        return clip(mask_secrets(self.model.snippet(node), self.secret_values), width)

    def replace(self, node: Node, replacement: str) -> Edit:
        """An edit replacing ``node``'s source with ``replacement``."""
        from cio_lint.core.findings import Edit

        start, end = self.model.span(node)
        return Edit(start, end, replacement)


RuleTable = Mapping[str, Rule]


def group_by_key(facts: Sequence[Fact]) -> dict[FactValue, list[Fact]]:
    """Facts by key, each list in source order (path, line, column)."""
    grouped: dict[FactValue, list[Fact]] = {}
    for fact in sorted(facts, key=lambda f: (f.path, f.start, f.end)):
        grouped.setdefault(fact.key, []).append(fact)
    return grouped
