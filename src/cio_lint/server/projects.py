"""The projects an editor has open: one ``LiveProject`` per workspace folder, and one per
folder of a file opened outside every workspace folder (linted alone, as a file named
on the command line would be).

The configuration is the CLI's: the nearest configuration file (or the one the editor
names), with the editor's select/ignore on top. A change to any file it was read from,
or to a file the SDK versions are read from, reloads it and analyses again.
"""

from __future__ import annotations

import os
from pathlib import Path

from cio_lint.core.config import ConfigError
from cio_lint.core.config_files import CONFIG_NAMES
from cio_lint.engine.budget import Budget
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.limits import default_jobs
from cio_lint.engine.live_project import LiveProject
from cio_lint.server.options import ServerOptions

#: Files at a project's root whose change can change any result: configuration, the
#: SDK versions (dependency and lock files) and what is ignored.
SETTINGS_FILES = frozenset({
    *CONFIG_NAMES, "setup.cfg", "poetry.lock", "uv.lock", "Pipfile.lock", "package.json",
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", ".gitignore",
})


def is_settings_file(path: Path) -> bool:
    name = path.name
    return name in SETTINGS_FILES or (name.startswith("requirements") and name.endswith(".txt"))


class Projects:
    """Every project of the editor's session, created when first needed."""

    def __init__(self, options: ServerOptions, budget: Budget, jobs: int | None = None
                 ) -> None:
        self.options = options
        self._budget = budget
        #: Worker processes for a big analysis (the first, after a reload): one per CPU.
        self._jobs = jobs or default_jobs()
        self._folders: list[Path] = []
        self._projects: dict[Path, LiveProject] = {}
        self._texts: dict[Path, bytes] = {}
        self._stamps: dict[Path, tuple[tuple[str, int, int], ...]] = {}
        #: What the user must be told (a configuration file that cannot be used).
        self.problems: list[str] = []

    def _new_resolver(self, root: Path) -> ConfigResolver:
        """The editor's configuration file, or (when it cannot be read) the nearest one;
        a file no configuration governs belongs to the project at ``root``, wherever
        the editor started the server."""
        overrides = dict(self.options.overrides)
        try:
            return ConfigResolver(self.options.configuration, overrides, root)
        except ConfigError as error:
            self.problems.append(str(error))
            return ConfigResolver(None, overrides, root)

    def set_folders(self, folders: list[Path]) -> None:
        """The workspace folders now open; projects of folders closed are dropped."""
        self._folders = sorted({folder.absolute() for folder in folders}, key=lambda p: -len(
            p.parts))
        for root in list(self._projects):
            if root not in self._folders and not self._loose(root):
                self._projects.pop(root).close()

    def reconfigure(self, options: ServerOptions) -> None:
        """New settings from the editor: every project is configured and analysed again."""
        self.options = options
        self.reload()

    def reload(self) -> None:
        """Read the configuration again and analyse every project from scratch."""
        for project in self._projects.values():
            project.close()
        self._projects.clear()
        self._stamps.clear()

    def project_for(self, path: Path) -> LiveProject:
        """The project ``path`` belongs to (created, and walked, on first use)."""
        path = path.absolute()
        root = self._folder_of(path)
        walk = root is not None
        root = root or path.parent
        project = self._projects.get(root)
        if project is None:
            project = LiveProject(root, self._new_resolver(root), self._budget, self._jobs,
                                  walk=walk)
            for opened, data in self._texts.items():
                if project.contains(opened) and self._owner(opened) == root:
                    project.set_text(opened, data)
            self._projects[root] = project
            self._stamps[root] = self._settings_stamp(project)
        return project

    def set_text(self, path: Path, data: bytes | None) -> LiveProject:
        """The editor's text of ``path`` (None: closed); the project it belongs to."""
        path = path.absolute()
        if data is None:
            self._texts.pop(path, None)
        else:
            self._texts[path] = data
        project = self.project_for(path)
        project.set_text(path, data)
        return project

    def settings_changed(self) -> bool:
        """Has a settings file of any project changed since it was read (then reload)?"""
        changed = any(self._settings_stamp(project) != self._stamps.get(project.root)
                      for project in self._projects.values())
        if changed:
            self.reload()
        return changed

    def close(self) -> None:
        for project in self._projects.values():
            project.close()
        self._projects.clear()

    def _folder_of(self, path: Path) -> Path | None:
        """The deepest workspace folder holding ``path`` (None: it is in none)."""
        return next((f for f in self._folders if f == path or f in path.parents), None)

    def _owner(self, path: Path) -> Path:
        return self._folder_of(path) or path.parent

    def _loose(self, root: Path) -> bool:
        return self._folder_of(root) is None

    def _settings_stamp(self, project: LiveProject) -> tuple[tuple[str, int, int], ...]:
        """Size and time of every settings file the project's results depend on."""
        paths = set(project.resolver.sources())
        for folder in {project.root, *project.config_roots()}:
            try:
                with os.scandir(folder) as entries:
                    paths.update(Path(e.path) for e in entries if is_settings_file(Path(e.name)))
            except OSError:
                continue
        stamp = []
        for path in sorted(paths):
            try:
                status = path.stat()
            except OSError:
                continue
            stamp.append((str(path), status.st_size, status.st_mtime_ns))
        return tuple(stamp)
