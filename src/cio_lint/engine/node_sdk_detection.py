"""Which Node SDK versions (``customerio-node``, ``@customerio/cdp-analytics-node``) the
code of one package of a project runs, read from its dependency files.

A package is a folder with a package.json naming an SDK; the code of a file belongs to
the nearest such folder at or above it, up to the project root (the root itself when
none names one). What is installed decides: the nearest lock file at or above the
package (npm-shrinkwrap.json, package-lock.json, yarn.lock, pnpm-lock.yaml) gives the
version that folder resolves. Without one, the package's package.json ranges decide; at
the root, when its package.json names no SDK, the workspace packages' do, together.
Every read is bounded (size, number of files) and stays inside the project root.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from cio_lint.core.sdk_version import (
    NODE_PIPELINES_PACKAGE,
    NODE_TRACK_PACKAGE,
    SdkVersion,
    Version,
)
from cio_lint.engine.project_files import inside, text_inside

if TYPE_CHECKING:  # the readers load only for a project that has a Node dependency file
    from cio_lint.engine.node_dependency_files import Constraints, Locked

MAX_LOCK_BYTES = 16 << 20
MAX_PACKAGE_BYTES = 1 << 20
#: Workspace package.json files read at most, per project.
MAX_WORKSPACES = 256

#: The lock files, in the order they decide.
_LOCKS = ("npm-shrinkwrap.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml")
Found = list[tuple[str, list[str]]]  # (file relative to the root, versions or ranges)
T = TypeVar("T")


def detect_node_versions(root: Path) -> tuple[SdkVersion, SdkVersion]:
    """``(customerio-node, cdp-analytics-node)`` for the project root's own package."""
    return NodeProject(root).versions("")


class NodeProject:
    """The Node dependency files of one project root, each read at most once."""

    def __init__(self, root: Path) -> None:
        try:
            self.base: Path | None = root.resolve()
        except (OSError, RuntimeError):
            self.base = None
        self._manifests: dict[str, tuple[Constraints, list[str]]] = {}
        self._locks: dict[str, list[tuple[str, Locked]]] = {}
        self._folders: dict[Path, str] = {}

    def versions(self, folder: str) -> tuple[SdkVersion, SdkVersion]:
        """What the package in ``folder`` (relative to the root, ``""`` for the root) runs."""
        return self._decide(folder, NODE_TRACK_PACKAGE), self._decide(folder,
                                                                       NODE_PIPELINES_PACKAGE)

    def package_folder(self, directory: Path) -> str:
        """The folder, relative to the root, of the nearest package.json at or above
        ``directory`` that names a Node SDK; ``""`` (the root) when none does."""
        if self.base is None:
            return ""
        if directory not in self._folders:
            found = ""
            resolved = inside(self.base, directory)
            if resolved is not None and resolved != self.base:
                # Below the root (``inside`` said so): its folders, as text, from there.
                parts = str(resolved)[len(str(self.base)):].strip(os.sep).split(os.sep)
                for end in range(len(parts), 0, -1):
                    folder = "/".join(parts[:end])
                    if any(self._manifest(folder)[0].values()):
                        found = folder
                        break
            self._folders[directory] = found
        return self._folders[directory]

    def _decide(self, folder: str, package: str) -> SdkVersion:
        ranges = self._ranges(folder, package)
        for found in (self._locked(folder, package, ranges), ranges):
            if found:
                from cio_lint.core.npm_ranges import npm_allowed_releases

                releases: set[Version] = set()
                for _, specs in found:
                    for spec in specs:
                        releases.update(npm_allowed_releases(spec, package))
                majors = tuple(sorted({r[0] for r in releases}))
                source = ", ".join(dict.fromkeys(source for source, _ in found))
                return SdkVersion(majors, source, tuple(sorted(releases)), package)
        return SdkVersion(package=package)

    def _ranges(self, folder: str, package: str) -> Found:
        """The package.json ranges: the folder's own; at the root, the workspaces' when
        the root's package.json names no SDK."""
        own = self._manifest(folder)[0].get(package)
        if own:
            return [(_join(folder, "package.json"), own)]
        if folder:
            return []
        found: Found = []
        for workspace in self._workspaces():
            listed = self._manifest(workspace)[0].get(package)
            if listed:
                found.append((_join(workspace, "package.json"), listed))
        return found

    def _locked(self, folder: str, package: str, ranges: Found) -> Found:
        """The versions the nearest lock file naming ``package`` installs for ``folder``."""
        wanted = {spec for _, specs in ranges for spec in specs}
        path = PurePosixPath(folder)
        for directory in (path, *path.parents):
            where = "" if str(directory) == "." else directory.as_posix()
            place = path.relative_to(directory).as_posix() if where else folder
            place = "" if place == "." else place
            found: Found = []
            for name, locked in self._locks_in(where):
                versions = _versions(locked, place, package, wanted)
                if versions:
                    found.append((_join(where, name), versions))
            if found:
                return found
        return []

    def _locks_in(self, folder: str) -> list[tuple[str, Locked]]:
        if folder not in self._locks:
            parsed: list[tuple[str, Locked]] = []
            for name in _LOCKS:
                text = self._text(_join(folder, name), MAX_LOCK_BYTES)
                locked = _parsed(text, _lock_reader(name)) if text is not None else None
                if locked:
                    parsed.append((name, locked))
            self._locks[folder] = parsed
        return self._locks[folder]

    def _manifest(self, folder: str) -> tuple[Constraints, list[str]]:
        if folder not in self._manifests:
            text = self._text(_join(folder, "package.json"), MAX_PACKAGE_BYTES)
            manifest = None
            if text is not None:
                from cio_lint.engine.node_dependency_files import package_json

                manifest = _parsed(text, package_json)
            self._manifests[folder] = manifest if manifest is not None else ({}, [])
        return self._manifests[folder]

    def _workspaces(self) -> list[str]:
        """The workspace folders (package.json ``workspaces``, pnpm-workspace.yaml)."""
        if self.base is None:
            return []
        patterns = self._manifest("")[1]
        text = self._text("pnpm-workspace.yaml", MAX_PACKAGE_BYTES)
        if text:
            from cio_lint.engine.node_dependency_files import workspace_patterns

            patterns = [*patterns, *workspace_patterns(text)]
        folders: dict[str, None] = {}
        for pattern in patterns:
            if pattern.startswith("!"):
                continue
            try:
                matches = sorted(self.base.glob(pattern.replace("**", "*").rstrip("/")))
            except (OSError, ValueError, NotImplementedError):
                continue
            for match in matches[:MAX_WORKSPACES]:
                resolved = inside(self.base, match)
                if resolved is not None and resolved != self.base and "node_modules" not in \
                        resolved.relative_to(self.base).parts:
                    folders[resolved.relative_to(self.base).as_posix()] = None
                if len(folders) >= MAX_WORKSPACES:
                    return list(folders)
        return list(folders)

    def _text(self, relative: str, limit: int) -> str | None:
        return text_inside(self.base, self.base / relative, limit) if self.base else None


def _versions(locked: Locked, place: str, package: str, wanted: set[str]) -> list[str]:
    """The versions ``locked`` installs for code in ``place``: those of the place or the
    nearest folder above it (as Node resolves ``node_modules``); at the root with none of
    its own, every folder's; in yarn.lock, those of the package.json's ranges."""
    path = PurePosixPath(place)
    for directory in (path, *path.parents):
        key = "" if str(directory) == "." else directory.as_posix()
        versions = locked.places.get(key, {}).get(package)
        if versions:
            return versions
    if not place:
        every = [v for by_package in locked.places.values() for v in by_package.get(package, [])]
        if every:
            return every
    entries = locked.ranges.get(package, [])
    matching = [version for ranges, version in entries if wanted & set(ranges)]
    return matching or [version for _, version in entries]


def _lock_reader(name: str) -> Callable[[str], Locked]:
    from cio_lint.engine.node_dependency_files import package_lock, pnpm_lock, yarn_lock

    return {"yarn.lock": yarn_lock, "pnpm-lock.yaml": pnpm_lock}.get(name, package_lock)


def _parsed(text: str, reader: Callable[[str], T]) -> T | None:
    try:
        return reader(text)
    except (ValueError, RecursionError):  # JSONDecodeError included
        return None


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
