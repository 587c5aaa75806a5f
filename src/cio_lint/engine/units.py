"""A unit of work: one file of the run with its configuration, rules and module name.

Units are made once per file while collecting the run; every later stage (reading,
prefilter, cache, analysis, fixing) takes them, so what a file is linted with is
decided in one place.

A module is named as Python would import it: by its path below the deepest ``src``
folder that holds it (``src/app/jobs/clients.py`` is ``app.jobs.clients``), whether or
not its folders hold an ``__init__.py`` (PEP 420 namespace packages). Code is also run
from folders that are packages of their own (``services/api/app/__init__.py`` imported
as ``app``), so the name the ``__init__.py`` chain gives, when it differs, is an alias.

A JavaScript/TypeScript module is named the same way, as the JavaScript frontend
resolves ``import`` specifiers: ``src/lib/customerio.ts`` is ``lib.customerio``, a
folder's ``index.ts`` is the folder (a package, as ``__init__.py`` is), and a file name
keeps its dashes and inner dots (``./customer-io`` is ``lib.customer-io``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cio_lint.core import probes
from cio_lint.core.config import Config
from cio_lint.core.languages import NODE_SUFFIXES as JS_SUFFIXES
from cio_lint.engine.digests import digest_of
from cio_lint.engine.discovery import SourceFile
from cio_lint.engine.selection import codes_for

if TYPE_CHECKING:
    from cio_lint.analysis.summaries import Knowledge


@dataclass
class Unit:
    """One file of the run with its configuration and module identity."""

    source: SourceFile
    config: Config
    codes: frozenset[str]
    data: bytes | None = None
    module_name: str = ""
    is_package: bool = False
    #: Other names the module is imported by (the ``__init__`` chain's, when it differs).
    module_aliases: tuple[str, ...] = ()
    from_stdin: bool = False
    #: Named on the command line (or stdin) rather than found by walking a directory:
    #: the run may then see only part of its project.
    named: bool = False
    #: What other project modules tell this file about the names it uses (clients,
    #: constants, function summaries), known after the first analysis of every file.
    external: dict[str, Knowledge] = field(default_factory=dict)
    #: SHA-256 of the bytes that were linted (``content_digest``), or of the bytes the
    #: cache's manifest knows the file by when they were not read.
    digest: str = ""

    def content_digest(self) -> str:
        """``digest``, computed from the bytes read when first asked: only a cache, a run
        record and an editor's memo key files by it."""
        if not self.digest and self.data is not None:
            self.digest = digest_of(self.data)
        return self.digest


def make_unit(source: SourceFile, config: Config, data: bytes | None = None) -> Unit:
    """A unit for ``source``; ``data`` is its content when it was not read from disk."""
    codes = codes_for(config, source.path)
    # A walked file's folder is known absolute: its path needs no working directory.
    absolute = os.path.join(source.folder, source.path.name) if source.folder else None
    name, is_package, aliases = module_names_for(source.path, _roots(config.root, config.src),
                                                 absolute)
    from_stdin = data is not None
    return Unit(source, config, codes, data, name, is_package, aliases,
                from_stdin=from_stdin, named=source.explicit or from_stdin)


def source_roots(config: Config) -> tuple[str, ...]:
    """The absolute folders of ``config``'s ``src`` setting, relative to its root."""
    return _roots(config.root, config.src)


@functools.lru_cache(maxsize=256)
def _roots(root: Path, src: tuple[str, ...]) -> tuple[str, ...]:
    # Once per configuration, not per file: ``abspath`` asks for the working directory.
    return tuple(os.path.abspath(os.path.join(root, folder)) for folder in src)


def module_names_for(
    path: Path, roots: Sequence[str] = (), absolute: str | None = None
) -> tuple[str, bool, tuple[str, ...]]:
    """A file's dotted module name, whether it is a package, and its other names.

    The name is the path below the deepest of ``roots`` that holds the file; a file
    under none (or whose path there is no dotted name) is named by the ``__init__.py``
    chain above it. That chain's name is an alias when the file's folder is a regular
    package; a bare file name is not one (every ``clients.py`` of the project has it).
    ``absolute`` is the path made absolute, when the caller knows it.
    """
    absolute = absolute or os.path.abspath(path)  # once: every name below is made from it
    file_name = os.path.basename(absolute)
    if file_name.endswith(JS_SUFFIXES):
        return _javascript_name(absolute, file_name, roots)
    is_package = file_name in ("__init__.py", "__init__.pyi")
    folder = os.path.dirname(absolute)
    package = _package_of(folder)
    stem = os.path.splitext(file_name)[0]  # ``Path.stem``, as ``module_name_for`` takes it
    chained = package if is_package else ".".join(p for p in (package, stem) if p)
    rooted = _rooted_name(absolute, roots, is_package)
    if rooted is None:
        return chained, is_package, ()
    aliased = chained != rooted and bool(package)
    return rooted, is_package, (chained,) if aliased else ()


def _rooted_name(path: str, roots: Sequence[str], is_package: bool) -> str | None:
    """The dotted name of ``path`` below the deepest root that holds it, if it has one."""
    folder = os.path.dirname(path)
    holding = [root for root in roots if folder == root or folder.startswith(_slashed(root))]
    if not holding:
        return None
    parts = _below(folder, max(holding, key=len))
    if not is_package:
        parts.append(os.path.basename(path).partition(".")[0])
        if os.path.basename(path).count(".") != 1:
            return None
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts)


def is_javascript(path: Path) -> bool:
    """Is ``path`` a JavaScript or TypeScript module (named as its imports name it)?"""
    return path.name.endswith(JS_SUFFIXES)


def javascript_stem(file_name: str) -> str:
    """A JavaScript file's name without its suffix (``cio.server.ts``: ``cio.server``;
    a declaration file ``cio.d.ts``: ``cio``)."""
    for suffix in JS_SUFFIXES:
        if file_name.endswith(suffix):
            file_name = file_name[: -len(suffix)]
            break
    return file_name[:-2] if file_name.endswith(".d") else file_name


def _javascript_name(absolute: str, file_name: str,
                     roots: Sequence[str]) -> tuple[str, bool, tuple[str, ...]]:
    """``lib/customerio.ts`` below the deepest root: ``lib.customerio``; ``lib/index.ts``:
    the package ``lib``. Outside every root a file is known by its own name only."""
    folder = os.path.dirname(absolute)
    holding = [root for root in roots if folder == root or folder.startswith(_slashed(root))]
    parts = _below(folder, max(holding, key=len)) if holding else []
    stem = javascript_stem(file_name)
    is_package = stem == "index" and bool(parts)
    if not is_package:
        parts.append(stem)
    if not all(parts) or any("." in part for part in parts[:-1]):
        return "", False, ()  # a folder no import specifier names as a dotted path
    return ".".join(parts), is_package, ()


def _below(folder: str, root: str) -> list[str]:
    """The folder names from ``root`` down to ``folder`` (both absolute and normalised,
    ``folder`` at or under ``root``): ``os.path.relpath`` without its ``getcwd`` calls."""
    return [] if folder == root else folder[len(_slashed(root)):].split(os.sep)


def _slashed(folder: str) -> str:
    return folder if folder.endswith(os.sep) else folder + os.sep


def module_name_for(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file, from the packages (``__init__.py``) above it."""
    path = path.absolute()
    is_package = path.name in ("__init__.py", "__init__.pyi")
    package = _package_of(str(path.parent))
    name = package if is_package else ".".join(p for p in (package, path.stem) if p)
    return name, is_package


def script_name(path: Path, module_name: str) -> tuple[str, ...]:
    """The bare name a neighbouring script imports ``path`` by, when its folder is no
    package and that is not already its module name (``scripts/helpers.py``: ``helpers``)."""
    stem = path.name.partition(".")[0]
    if is_javascript(path):
        return ()  # a bare specifier names a package, never a neighbouring file
    if path.name.startswith("__init__.") or stem == module_name or not stem.isidentifier():
        return ()
    return () if in_package(path) else (stem,)


def in_package(path: Path) -> bool:
    """Is ``path``'s folder a regular package (one holding an ``__init__``)?"""
    return bool(_package_of(str(path.absolute().parent)))


@probes.remembered(maxsize=4096)
def _package_of(directory: str) -> str:
    """The dotted package a directory is (``""`` when it holds no ``__init__``)."""
    folder = Path(directory)
    if not (probes.exists(folder / "__init__.py") or probes.exists(folder / "__init__.pyi")):
        return ""
    if folder.parent == folder:
        return folder.name
    parent = _package_of(str(folder.parent))
    return f"{parent}.{folder.name}" if parent else folder.name
