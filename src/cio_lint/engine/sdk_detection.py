"""Which Customer.io SDK versions a project runs, read from its dependency files.

Read statically from the project root, never by importing or installing anything:
lock files first (poetry.lock, uv.lock, Pipfile.lock: what is installed), then
requirements files (``requirements*.txt``, ``requirements/*.txt`` and the files they
include with ``-r``/``-c``; pip-tools output is one of them), then pyproject.toml
(PEP 621, dependency groups, Poetry). The first of these that names a package decides
its versions; several files of that kind allow the union of what each allows. Every
read is bounded (size, number of files) and stays inside the project root: a
repository is not trusted input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cio_lint.core.sdk_version import (
    PIPELINES_PACKAGE,
    TRACK_PACKAGE,
    SdkVersion,
    SdkVersions,
    Version,
    allowed_releases,
)
from cio_lint.engine import dependency_files
from cio_lint.engine.dependency_files import Constraints
from cio_lint.engine.node_sdk_detection import detect_node_versions
from cio_lint.engine.project_files import inside as _inside
from cio_lint.engine.project_files import text_of as _text

#: Lock files can be large; requirements and pyproject.toml files are small.
MAX_LOCK_BYTES = 16 << 20
MAX_FILE_BYTES = 1 << 20
#: Requirements files read per project, includes counted.
MAX_REQUIREMENTS_FILES = 64

_LOCKS: tuple[tuple[str, Callable[[str], Constraints]], ...] = (
    ("poetry.lock", dependency_files.toml_lock),
    ("uv.lock", dependency_files.toml_lock),
    ("Pipfile.lock", dependency_files.pipfile_lock),
)

Found = list[tuple[str, Constraints]]  # (file relative to the root, what it says)


def detect_sdk_versions(root: Path) -> SdkVersions:
    """The SDK versions the project at ``root`` runs, as far as its files tell (the
    Node ones as ``node_sdk_detection`` reads them for the root's own package)."""
    try:
        base = root.resolve()
    except (OSError, RuntimeError):
        return SdkVersions()
    tiers = (_locks(base), _requirements(base), _pyproject(base))
    node_track, node_pipelines = detect_node_versions(base)
    return SdkVersions(
        track=_decide(tiers, TRACK_PACKAGE),
        pipelines=_decide(tiers, PIPELINES_PACKAGE),
        node_track=node_track,
        node_pipelines=node_pipelines,
    )


def _decide(tiers: tuple[Found, ...], package: str) -> SdkVersion:
    for found in tiers:
        naming = [(source, c[package]) for source, c in found if c.get(package)]
        if not naming:
            continue
        releases: set[Version] = set()
        for _, constraints in naming:
            for constraint in constraints:
                releases.update(allowed_releases(constraint, package))
        majors = tuple(sorted({r[0] for r in releases}))
        sources = ", ".join(source for source, _ in naming)
        return SdkVersion(majors, sources, tuple(sorted(releases)), package)
    return SdkVersion(package=package)


def _parsed(path: Path, limit: int, reader: Callable[[str], Constraints]) -> Constraints | None:
    text = _text(path, limit)
    if text is None:
        return None
    try:
        return reader(text)
    except (ValueError, RecursionError):  # TOMLDecodeError and JSONDecodeError included
        return None


def _locks(base: Path) -> Found:
    found: Found = []
    for name, reader in _LOCKS:
        constraints = _parsed(base / name, MAX_LOCK_BYTES, reader)
        if constraints:
            found.append((name, constraints))
    return found


def _pyproject(base: Path) -> Found:
    constraints = _parsed(base / "pyproject.toml", MAX_FILE_BYTES, dependency_files.pyproject)
    return [("pyproject.toml", constraints)] if constraints else []


def _requirements(base: Path) -> Found:
    """``requirements*.txt`` and ``requirements/*.txt``, following includes in the root."""
    pending = _listed(base, base, "requirements*.txt") + _listed(base, base / "requirements",
                                                                 "*.txt")
    seen: set[Path] = set()
    found: Found = []
    while pending and len(seen) < MAX_REQUIREMENTS_FILES:
        path = pending.pop(0)
        if path in seen:
            continue
        seen.add(path)
        text = _text(path, MAX_FILE_BYTES)
        if text is None:
            continue
        constraints, includes = dependency_files.requirements_file(text)
        if constraints:
            found.append((path.relative_to(base).as_posix(), constraints))
        for include in includes:
            inside = _inside(base, path.parent / include)
            if inside is not None:
                pending.append(inside)
    return found


def _listed(base: Path, directory: Path, pattern: str) -> list[Path]:
    """Matching files of ``directory`` in name order, those that resolve inside the root."""
    try:
        names = sorted(directory.glob(pattern))[:MAX_REQUIREMENTS_FILES]
    except OSError:
        return []
    return [p for p in (_inside(base, n) for n in names) if p is not None]

