"""Lint one file: decode, parse once, build the models, run every rule.

``analyze`` is a pure function of its (picklable) arguments, so it can run in a
worker process and its result can be cached by content hash.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cio_lint.analysis.frontends import frontend_for
from cio_lint.analysis.records import Damage
from cio_lint.analysis.summaries import Knowledge
from cio_lint.analysis.unparsable import Unparsable
from cio_lint.core.config import Config
from cio_lint.core.facts import Fact
from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Position
from cio_lint.core.secrets import SecretLiteral
from cio_lint.engine.budget import DEFAULT_BUDGET, Budget, OverBudget, within_time
from cio_lint.engine.quoting import quoted_lines, redact_finding
from cio_lint.engine.stack import run_with_large_stack
from cio_lint.engine.suppressions import Suppression, find_suppressions, is_suppressed
from cio_lint.engine.units import Unit, script_name
from cio_lint.engine.unparsable import decoded_or_unparsable, unparsable

if TYPE_CHECKING:  # the rules load with the first file analysed, not with the pipeline
    from cio_lint.analysis.model import ModuleModel
    from cio_lint.rules.base import LintContext


@dataclass
class FileResult:
    """What one file contributes to a run."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    exports: dict[str, Knowledge] = field(default_factory=dict)
    reexports: dict[str, str] = field(default_factory=dict)
    project_imports: frozenset[str] = frozenset()
    suppressions: dict[int, list[Suppression]] = field(default_factory=dict)
    module_name: str = ""
    #: The module's other names (``Unit.module_aliases``): its exports are known by each.
    module_aliases: tuple[str, ...] = ()
    parsed: bool = False
    #: Source lines the findings point at, secrets masked (for reporters that quote code).
    lines: dict[int, str] = field(default_factory=dict)
    #: The secrets written in the file, so the run masks them in every file's output;
    #: never cached (a result that has any is not stored).
    secrets: list[SecretLiteral] = field(default_factory=list)
    #: Analysis stopped at the file's budget: the result says so and is never cached,
    #: since another machine or budget would analyse the file.
    over_budget: bool = False
    #: The module calls the SDK, itself or through project functions: only then do the
    #: constants of other modules change what it reports.
    uses_sdk: bool = False
    #: The secrets this result's texts are masked with (``project_secrets``).
    masked_with: tuple[str, ...] = ()
    #: Analysed in this process (not sent by a worker or read from the cache) and
    #: shared there with the rest of its batch: the run's interner leaves its findings
    #: and facts be, and what it exports holds this process's texts already, so copying
    #: it to share across files would only cost time and memory (``compact_results``).
    built_here: bool = False


#: A unit to analyse, with the clients it imports from other project modules.
BatchItem = tuple[Unit, dict[str, Knowledge]]
#: Units to analyse.
Batch = list[BatchItem]
#: Analyses a batch (in this process, in workers, from a cache): results in batch order.
Analyzer = Callable[[Batch], list[FileResult]]


def analyze_unit(
    unit: Unit,
    external: dict[str, Knowledge],
    data: bytes | None = None,
    budget: Budget = DEFAULT_BUDGET,
) -> FileResult:
    """Lint a unit's bytes (or ``data``, a new version of them) with its configuration,
    within ``budget``."""
    content = data if data is not None else unit.data
    assert content is not None
    display = unit.source.display

    def analysis() -> FileResult:
        return analyze(
            display,
            content,
            unit.config,
            unit.codes,
            module_name=unit.module_name,
            is_package=unit.is_package,
            module_aliases=unit.module_aliases,
            imported_as=(*unit.module_aliases, *script_name(unit.source.path, unit.module_name)),
            external=external,
        )

    frontend_for(display).load()
    return analyze_within(display, budget, analysis)


def analyze_within(display: str, budget: Budget, analysis: Callable[[], FileResult]) -> FileResult:
    """``analysis()`` on a large stack (deep but valid code), stopped at ``budget``: then
    the file's result is the CIO000 finding that says why, and the run goes on."""
    try:
        return run_with_large_stack(lambda: within_time(budget.seconds, analysis))
    except OverBudget:
        reason = budget.over_time()
    except MemoryError:
        reason = budget.over_memory()
    result = FileResult(display, over_budget=True)
    result.findings.append(unparsable(display, Position(1, 1), reason))
    return result


def analyze_batch(batch: Batch, budget: Budget = DEFAULT_BUDGET) -> list[FileResult]:
    """The ``Analyzer`` that works in this process, one unit after another."""
    results = []
    for unit, external in batch:
        with collector_paused():
            results.append(analyze_unit(unit, external, budget=budget))
    return results


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one file is analysed; it runs after the file.

    A file's tree and model are built, read and dropped in one go, and they are what the
    collector would traverse again and again mid-file (with every result held so far):
    measured on 300 dense modules, a third of the run. The model breaks its own cycles
    when the file is done (``release``), so the tree is freed at once; a young collection
    after the file frees the few small cycles left, so memory stays bounded by one file.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def analyze(
    display: str,
    data: bytes,
    config: Config,
    codes: frozenset[str],
    *,
    module_name: str = "",
    is_package: bool = False,
    module_aliases: tuple[str, ...] = (),
    imported_as: tuple[str, ...] = (),
    external: Mapping[str, Knowledge] | None = None,
) -> FileResult:
    """Lint the bytes of one file with the rules named by ``codes``; ``module_aliases`` are
    the names its exports are known by besides ``module_name``, ``imported_as`` every name
    other modules may import it by (rules record facts under each)."""
    result = FileResult(display, module_name=module_name, module_aliases=module_aliases)
    source = decoded_or_unparsable(display, data)
    if isinstance(source, Finding):
        result.findings.append(source)
        return result
    try:
        model = frontend_for(display).analyse(
            source, config, path=display, module_name=module_name, is_package=is_package,
            external=external,
        )
    except Unparsable as reason:
        result.findings.append(unparsable(display, reason.position, reason.message))
        return result
    result.parsed = True
    try:
        return _lint_model(result, model, source, config, codes, imported_as)
    finally:
        model.release()


def _lint_model(
    result: FileResult, model: ModuleModel, source: str, config: Config, codes: frozenset[str],
    imported_as: tuple[str, ...],
) -> FileResult:
    """Run the rules on one parsed module and fill ``result`` with what they found."""
    from cio_lint.rules.base import LintContext

    display = result.path

    ctx = LintContext(display, model, config, imported_as)
    result.errors.extend(_run_rules(ctx, codes))
    damage = model.damage()
    if damage:
        ctx.findings[:] = [f for f in ctx.findings if not _inside(f.start, damage)]
        ctx.findings.extend(unparsable(display, d.start, d.message) for d in damage)
    try:
        result.exports = model.exports()
        result.reexports = model.reexports()
    except RecursionError:  # pragma: no cover - extreme nesting only
        pass
    result.project_imports = model.project_imports()
    result.uses_sdk = bool(
        model.sdk_calls() or model.constructions() or model.requests() or model.wrapper_calls()
    )
    result.facts = ctx.facts
    if ctx.findings or ctx.facts or "noqa" in source or "cio-lint:" in source:
        result.suppressions = find_suppressions(source, display)
    secrets = result.secrets = ctx.secrets
    for finding in sorted(ctx.findings, key=Finding.sort_key):
        finding = redact_finding(finding, ctx.secret_values)
        if is_suppressed(finding, result.suppressions):
            result.suppressed.append(finding)
        else:
            result.findings.append(finding)
    if ctx.facts or result.findings or result.suppressions:
        located: list[Finding | Fact] = [*result.findings, *ctx.facts]
        spans = [(item.start.line, item.end.line) for item in located]
        spans.extend((line, line) for line in result.suppressions)
        result.lines = quoted_lines(source, spans, secrets)
    return result


def _inside(position: Position, damage: list[Damage]) -> bool:
    """Is ``position`` in a region the parser could not read?"""
    at = (position.line, position.column)
    return any(
        (d.start.line, d.start.column) <= at <= (d.end.line, d.end.column) for d in damage
    )


def _run_rules(ctx: LintContext, codes: frozenset[str]) -> list[FileError]:
    """Run each rule of ``codes`` on one file; a rule that fails costs only its findings."""
    from cio_lint.rules import REGISTRY

    errors = []
    for code in sorted(codes):
        rule = REGISTRY.get(code)
        if rule is None:
            continue
        try:
            rule.check(ctx)
        except RecursionError:
            errors.append(
                FileError(ctx.path, f"{code}: code nests too deeply to analyse", internal=True)
            )
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            errors.append(
                FileError(
                    ctx.path,
                    f"internal error in {code}: {type(error).__name__}: {error} "
                    f"({Path(where.filename).name}:{where.lineno})",
                    internal=True,
                )
            )
    return errors
