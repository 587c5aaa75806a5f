"""Which configuration governs each file: ``--config``, else the nearest pyproject.toml.

Command-line selections (``--select`` and friends) apply on top of whichever file
is found, and so do the SDK versions the project's dependency files pin
(``sdk_detection``), unless ``sdk-version`` says which. Configurations are loaded
once per pyproject.toml and looked up once per directory, since a large tree asks
for every file.
"""

from __future__ import annotations

from pathlib import Path

from cio_lint.core.config import Config, find_pyproject, load_config
from cio_lint.core.sdk_version import SdkVersions
from cio_lint.engine.sdk_detection import detect_sdk_versions
from cio_lint.rules import REGISTRY


class ConfigResolver:
    """The configuration for each file: ``--config``, else the nearest pyproject.toml."""

    def __init__(self, explicit: Path | None, overrides: dict[str, tuple[str, ...]]) -> None:
        self.overrides = overrides
        self.explicit = self._load(explicit) if explicit is not None else None
        self._by_pyproject: dict[Path | None, Config] = {}
        self._by_directory: dict[Path, Config] = {}

    def _load(self, pyproject: Path | None) -> Config:
        config = load_config(pyproject, REGISTRY)
        changes: dict[str, object] = {"sdk": _with_detected_versions(config)}
        if self.overrides.get("select"):
            changes["select"] = self.overrides["select"]
        if self.overrides.get("extend_select"):
            changes["extend_select"] = (*config.extend_select, *self.overrides["extend_select"])
        if self.overrides.get("ignore"):
            changes["ignore"] = (*config.ignore, *self.overrides["ignore"])
        return config.with_overrides(**changes)

    def __call__(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        directory = path.absolute().parent if not path.is_dir() else path.absolute()
        if directory not in self._by_directory:
            pyproject = find_pyproject(directory)
            if pyproject not in self._by_pyproject:
                self._by_pyproject[pyproject] = self._load(pyproject)
            self._by_directory[directory] = self._by_pyproject[pyproject]
        return self._by_directory[directory]


def _with_detected_versions(config: Config) -> SdkVersions:
    """The configured ``sdk-version``, else the versions the project's files pin."""
    detected = detect_sdk_versions(config.root)
    if config.sdk.track.known:
        return SdkVersions(track=config.sdk.track, pipelines=detected.pipelines)
    return detected
