"""What a script's ``import helpers`` means: ``python scripts/job.py`` puts ``scripts/``
first on ``sys.path``, so a bare import there names the neighbouring ``scripts/helpers.py``.

Only a file whose folder is no regular package is read so (a package's modules are
imported by their package's name, where ``import helpers`` is absolute), and only for a
name that no module of the project starts with: a project module ``helpers`` would make
the import ambiguous, and the project's own name is the one followed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.units import Unit, in_package


class ScriptFolders:
    """The modules of the run by folder, to resolve a script's import of a neighbour."""

    def __init__(self, units: Iterable[Unit]) -> None:
        #: The first part of every name (or alias) a module of the run has.
        self._top_names: set[str] = set()
        #: (folder, file stem) -> that file's module name.
        self._neighbours: dict[tuple[str, str], str] = {}
        for unit in units:
            for name in (unit.module_name, *unit.module_aliases):
                if name:
                    self._top_names.add(name.partition(".")[0])
            if unit.module_name and not unit.is_package:
                folder, name = _place(unit.source)
                self._neighbours[(folder, name.partition(".")[0])] = unit.module_name

    def neighbour(self, unit: Unit, imported: str) -> tuple[str, str] | None:
        """For ``imported`` (``helpers`` or ``helpers.cio``) in ``unit``: the name as
        imported (``helpers``) and the module it means (``scripts.helpers``), if a
        neighbour."""
        head = imported.partition(".")[0]
        if head in self._top_names:
            return None
        module = self._neighbours.get((_place(unit.source)[0], head))
        if module is None or in_package(unit.source.path):
            return None
        return head, module


def _place(source: SourceFile) -> tuple[str, str]:
    """A file's absolute folder and name (a walked file's known without joining them)."""
    if source.folder:
        return source.folder, source.path.name
    folder, name = os.path.split(source.absolute())
    return folder, name
