"""A unit of work: one file of the run with its configuration, rules and module name.

Units are made once per file while collecting the run; every later stage (reading,
prefilter, cache, analysis, fixing) takes them, so what a file is linted with is
decided in one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import Config
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.selection import codes_for


@dataclass
class Unit:
    """One file of the run with its configuration and module identity."""

    source: SourceFile
    config: Config
    codes: frozenset[str]
    data: bytes | None = None
    module_name: str = ""
    is_package: bool = False
    from_stdin: bool = False
    #: Named on the command line (or stdin) rather than found by walking a directory:
    #: the run may then see only part of its project.
    named: bool = False
    #: What other project modules tell this file about the names it uses (clients,
    #: constants, function summaries), known after the first analysis of every file.
    external: dict[str, Knowledge] = field(default_factory=dict)
    #: SHA-256 of the bytes that were linted: a fixer must not write over newer content.
    digest: str = ""


def make_unit(source: SourceFile, config: Config, data: bytes | None = None) -> Unit:
    """A unit for ``source``; ``data`` is its content when it was not read from disk."""
    codes = codes_for(config, source.path)
    name, is_package = module_name_for(source.path)
    from_stdin = data is not None
    return Unit(source, config, codes, data, name, is_package, from_stdin=from_stdin,
                named=source.explicit or from_stdin)


def module_name_for(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file, from the packages (``__init__.py``) above it."""
    path = path.absolute()
    is_package = path.name in ("__init__.py", "__init__.pyi")
    package = _package_of(str(path.parent))
    name = package if is_package else ".".join(p for p in (package, path.stem) if p)
    return name, is_package


@functools.lru_cache(maxsize=4096)
def _package_of(directory: str) -> str:
    """The dotted package a directory is (``""`` when it holds no ``__init__``)."""
    folder = Path(directory)
    if not ((folder / "__init__.py").exists() or (folder / "__init__.pyi").exists()):
        return ""
    if folder.parent == folder:
        return folder.name
    parent = _package_of(str(folder.parent))
    return f"{parent}.{folder.name}" if parent else folder.name
