"""Which configuration governs each file: ``--config``, else the nearest configuration
file (``.cio-lint.toml``, ``cio-lint.toml``, or a pyproject.toml with ``[tool.cio-lint]``).

Command-line selections (``--select`` and friends) apply on top of whichever file
is found, and so do the SDK versions the project's dependency files pin
(``sdk_detection``), unless ``sdk-version`` (``node-sdk-version``) says which. The Node
versions are those of the package a file belongs to (the nearest package.json naming a
Node SDK), so each package of a monorepo is checked against its own. Configurations are
loaded once per configuration file and looked up once per directory, since a large tree
asks for every file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cio_lint.core import probes
from cio_lint.core.config import Config
from cio_lint.core.config_files import config_in, load_config
from cio_lint.core.rule_catalogue import DEFAULT_ENABLED
from cio_lint.core.sdk_version import SdkVersions
from cio_lint.engine.upward import nearest

if TYPE_CHECKING:
    from cio_lint.engine.node_sdk_detection import NodeProject


class ConfigResolver:
    """The configuration for each file: ``--config``, else the nearest configuration file."""

    def __init__(self, explicit: Path | None, overrides: dict[str, tuple[str, ...]],
                 default_root: Path | None = None) -> None:
        self.overrides = overrides
        #: The project root of a file no configuration file governs (the working
        #: directory's, unless an editor names its workspace folder).
        self.default_root = default_root
        self.explicit = self._load(explicit) if explicit is not None else None
        self._by_source: dict[Path | None, Config] = {}
        self._by_directory: dict[str, Config] = {}
        self._config_files: dict[Path, Path | None] = {}
        self._passed_over: dict[Path, None] = {}
        self._node_projects: dict[Path, NodeProject] = {}
        self._by_package: dict[tuple[int, str], Config] = {}

    def _load(self, pyproject: Path | None) -> Config:
        config = load_config(pyproject, DEFAULT_ENABLED)
        if pyproject is None and self.default_root is not None:
            config = config.with_overrides(root=self.default_root)
        changes: dict[str, object] = {"sdk": _with_detected_versions(config)}
        origins = dict(config.origins)
        if self.overrides.get("select"):
            changes["select"] = self.overrides["select"]
            origins["select"] = "--select"
        for key, option in (("extend_select", "--extend-select"), ("ignore", "--ignore")):
            if self.overrides.get(key):
                changes[key] = (*getattr(config, key), *self.overrides[key])
                name = key.replace("_", "-")
                origins[name] = f"{origins[name]} + {option}" if name in origins else option
        return config.with_overrides(**changes, origins=tuple(sorted(origins.items())))

    @property
    def passed_over(self) -> list[Path]:
        """pyproject.toml files met on the way up that configure nothing (``--verbose``)."""
        return list(self._passed_over)

    def sources(self) -> list[Path]:
        """Every configuration file read so far, with the files they extend (an editor
        reloads when one changes)."""
        configs = [*self._by_source.values(), *([self.explicit] if self.explicit else [])]
        found = {path for config in configs for path in (config.source, *config.extends)}
        return sorted(path for path in found if path is not None)

    def __call__(self, path: Path) -> Config:
        directory = path.absolute().parent if not probes.is_dir(path) else path.absolute()
        return self.for_directory(str(directory))

    def for_directory(self, directory: str) -> Config:
        """The configuration of the files in the absolute ``directory``."""
        found = self._by_directory.get(directory)
        if found is None:
            folder = Path(directory)
            if self.explicit is not None:
                found = self._in_package(self.explicit, folder)
            else:
                source = self._config_file(folder)
                if source not in self._by_source:
                    self._by_source[source] = self._load(source)
                found = self._in_package(self._by_source[source], folder)
            self._by_directory[directory] = found
        return found

    def _config_file(self, directory: Path) -> Path | None:
        """The file configuring ``directory``: each directory is probed once, however
        many below it ask (a walk asks for every directory of the tree)."""

        def probe(candidate: Path) -> Path | None:
            passed_over: list[Path] = []
            found = config_in(candidate, passed_over)
            self._passed_over.update(dict.fromkeys(passed_over))
            return found

        return nearest(directory, self._config_files, probe)

    def _in_package(self, config: Config, directory: Path) -> Config:
        """``config`` with the Node SDK versions of the package ``directory`` is in, when
        that is a package of its own below the project root."""
        project = self._node_projects.get(config.root)
        if project is None:  # (the dependency files' readers load once a config is sound)
            from cio_lint.engine.node_sdk_detection import NodeProject

            project = self._node_projects[config.root] = NodeProject(config.root)
        folder = project.package_folder(directory)
        if not folder:
            return config
        key = (id(config), folder)
        if key not in self._by_package:
            track, pipelines = project.versions(folder)
            if config.sdk.node_track.source == "node-sdk-version":
                track = config.sdk.node_track
            sdk = config.sdk._replace(node_track=track, node_pipelines=pipelines)
            self._by_package[key] = config.with_overrides(sdk=sdk)
        return self._by_package[key]


def _with_detected_versions(config: Config) -> SdkVersions:
    """The configured ``sdk-version`` and ``node-sdk-version``, else the versions the
    project's files pin."""
    from cio_lint.engine.sdk_detection import detect_sdk_versions

    detected = detect_sdk_versions(config.root)
    pinned = {name: getattr(config.sdk, name) for name in ("track", "node_track")
              if getattr(config.sdk, name).known}
    return detected._replace(**pinned)
