"""Lint a set of files as one project: read and prefilter them (``triage``), then
analyse, link and judge those worth it (``linking``).

The analysis (parsers, rules, worker processes, the result cache's entries) loads only
when some file is to be analysed: a run whose files all miss the prefilter, as most
pre-commit runs on a commit without Customer.io code do, never loads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cio_lint.core.results import RunResult
from cio_lint.engine.contents import Contents
from cio_lint.engine.triage import triage
from cio_lint.engine.units import Unit

if TYPE_CHECKING:
    from cio_lint.engine.cache import Cache
    from cio_lint.engine.file_run import Analyzer


def lint_units(
    units: Sequence[Unit],
    *,
    analyze_many: Analyzer | None = None,
    ignore_noqa: bool = False,
    cache: Cache | None = None,
    prefilter: bool = True,
    respect_gitignore: bool = True,
    contents: Contents | None = None,
    entries_used: list[str] | None = None,
) -> RunResult:
    """Lint every unit as one project phase.

    ``analyze_many`` runs analysis (in worker processes, say); ``cache`` answers for
    files whose bytes, configuration and context are unchanged; ``prefilter`` skips
    files that cannot produce a finding (standard input is always parsed);
    ``respect_gitignore`` applies to the other files a project rule may ask about;
    ``contents`` may have opened the units already (with the cache's manifest);
    ``entries_used`` is given the keys of the cache entries the run read or wrote.
    """
    if contents is None:  # the manifest is made before any file is stat-ed
        contents = Contents(cache)
    triaged = triage(units, prefilter, contents)
    if not triaged.first:
        contents.save()  # (the prefilter's verdicts)
        return triaged.unanalysed()
    from cio_lint.engine.linking import lint_triaged

    return lint_triaged(triaged, contents, analyze_many=analyze_many,
                        ignore_noqa=ignore_noqa, cache=cache,
                        respect_gitignore=respect_gitignore, entries_used=entries_used)
