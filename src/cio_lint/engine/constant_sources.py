"""Which modules are read for their constants: what the files that use the SDK import,
followed through the modules that only pass a name on.

A module that never names Customer.io is still parsed when a file that sends something
imports from it (``from app.constants import EVENT``): its constants are what the file
sends. A module parsed for that reason is asked only for those names. It passes on the
ones it imports from elsewhere (``from app.base import EVENT``, ``from .events import *``)
and nothing else it imports: a project with a module named like one of the standard
library's (``os``, ``logging``) parses that module, not everything it imports in turn.

A module imported whole (``import app.constants as C``) passes on what it imports from
its own top-level package, where ``C.EVENT`` may come from; what it imports from other
packages it uses itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from cio_lint.engine.file_run import FileResult
from cio_lint.engine.project_phase import STAR, names_of


class WantedNames:
    """The imported names whose modules a run parses, as analysed files arrive."""

    def __init__(self, modules: Iterable[str]) -> None:
        #: The names of the project's modules, analysed or not.
        self._exist = set(modules)
        #: Every module analysed so far (by each of its names).
        self._modules: dict[str, FileResult] = {}
        self._asked: set[str] = set()
        #: The names asked, by the module that defines them: the one they name most
        #: closely (``app.constants`` for ``app.constants.EVENT``, not ``app``).
        self._asked_of: dict[str, list[str]] = defaultdict(list)

    def arrived(self, users: Iterable[FileResult], others: Iterable[FileResult] = ()
                ) -> list[str]:
        """The names newly wanted now that these files are analysed: every name the files
        that use the SDK (``users``) import, and what any module asked for a name passes
        on of it."""
        wanted: list[str] = []
        users, others = list(users), list(others)
        arrived = [(module, result) for result in (*users, *others)
                   for module in names_of(result) if module]
        self._modules.update(arrived)
        for result in users:
            for name in sorted(result.project_imports):
                self._ask(name, wanted)
        for module, result in arrived:
            for name in list(self._asked_of.get(module, ())):
                self._pass_on(module, result, name, wanted)
        return wanted

    def _ask(self, name: str, wanted: list[str]) -> None:
        if name in self._asked:
            return
        self._asked.add(name)
        wanted.append(name)
        parts = name.split(".")
        for size in range(len(parts), 0, -1):
            module = ".".join(parts[:size])
            if module in self._exist:
                self._asked_of[module].append(name)
                result = self._modules.get(module)
                if result is not None:
                    self._pass_on(module, result, name, wanted)
                return

    def _pass_on(self, module: str, result: FileResult, name: str, wanted: list[str]) -> None:
        """``name`` is asked of ``module``: ask in turn where it imports it from."""
        if name == module:
            package = module.split(".", 1)[0]
            for source in result.reexports.values():
                # Not the packages above it (``import app.helpers`` binds ``app``).
                if source.split(".", 1)[0] == package and not _at_or_below(module, source):
                    self._ask(source, wanted)
            return
        below = name[len(module) + 1:]
        first, _, rest = below.partition(".")
        target = result.reexports.get(first)
        star = result.reexports.get(STAR)
        if target is not None:
            if not _at_or_below(name, target):
                self._ask(f"{target}.{rest}" if rest else target, wanted)
        elif star is not None and not _at_or_below(name, star):
            self._ask(f"{star}.{below}", wanted)


def _at_or_below(name: str, target: str) -> bool:
    """Whether ``name`` is ``target`` or below it: already where a re-export points
    (``from .plans import plans`` in a package without the module ``plans``), where
    passing it on again would never end."""
    return name == target or name.startswith(f"{target}.")
