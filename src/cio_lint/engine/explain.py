"""Telling the user what a run will do and why: ``--show-settings``, ``--verbose`` and
the summary of a run that found no file to check.

Settings are shown as the TOML that would produce them, each with the file (or
option) it came from, so a surprising value can be traced to the line that set it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from cio_lint.core.config import PROVENANCE_FIELDS, ClientName, Config
from cio_lint.core.sdk_version import SdkVersions
from cio_lint.engine.discovery import Skipped
from cio_lint.engine.selection import codes_for
from cio_lint.engine.units import Unit

#: Config fields written in TOML as a table of key = [values].
_TABLES = frozenset({"per_file_ignores", "transactional"})
#: The order in which ``nothing_checked`` lists reasons; other reasons follow, sorted.
_ORDER = {"excluded by `exclude`": 0, "excluded by `extend-exclude`": 1,
          "ignored by .gitignore": 2}


def describe_settings(config: Config, path: Path) -> str:
    """The resolved settings for ``path``, where each came from, and the rules it gets."""
    lines = [f"Resolved settings for: {path.as_posix()}"]
    if config.source is None:
        lines.append("Settings file: none found (defaults)")
    else:
        lines.append(f"Settings file: {config.source}")
    lines.extend(f"Extends: {extended}" for extended in config.extends)
    lines.append(f"Project root: {config.root}")
    lines.append("")
    origins = dict(config.origins)
    for item in fields(config):
        if item.name in PROVENANCE_FIELDS:
            continue
        key = item.name.replace("_", "-")
        value = getattr(config, item.name)
        origin = origins.get(key, "default")
        if item.name == "sdk":
            lines.append(_sdk_line(value, origins.get("sdk-version", "default")))
            lines.extend(_node_sdk_lines(value, origins.get("node-sdk-version", "default")))
        elif value is None:
            lines.append(f"# {key} is not set ({origin})")
        elif item.name in _TABLES:
            pairs = (f"{json.dumps(k)} = {_toml(v)}" for k, v in value)
            lines.append(f"{key} = {{ {', '.join(pairs)} }}  # {origin}")
        else:
            lines.append(f"{key} = {_toml(value)}  # {origin}")
    lines.append("")
    codes = sorted(codes_for(config, path))
    lines.append(f"Rules enabled for this path ({len(codes)}): {', '.join(codes) or 'none'}")
    return "\n".join(lines)


def _sdk_line(versions: SdkVersions, origin: str) -> str:
    """The ``customerio`` versions the rules follow: ``sdk-version``, else the project's
    dependency files, as a comment (what they allow is not always one setting's value)."""
    track = versions.track
    if not track.known:
        return "# sdk-version is not set, and the project pins no customerio version"
    if track.source == "sdk-version":
        return f"# sdk-version: customerio {track.releases_text()} ({origin})"
    return f"# sdk-version is not set: {track.source} allows customerio {track.releases_text()}"


def _node_sdk_lines(versions: SdkVersions, origin: str) -> list[str]:
    """The Node SDK versions the rules follow for this path: ``node-sdk-version``, else
    what its package's dependency files say (``@customerio/cdp-analytics-node`` when
    they name it)."""
    track = versions.node_track
    if not track.known:
        line = "# node-sdk-version is not set, and the project pins no customerio-node version"
    elif track.source == "node-sdk-version":
        line = f"# node-sdk-version: customerio-node {track.releases_text()} ({origin})"
    else:
        line = (f"# node-sdk-version is not set: {track.source} allows customerio-node "
                f"{track.releases_text()}")
    lines = [line]
    pipelines = versions.node_pipelines
    if pipelines.known:
        lines.append(f"# {pipelines.source} allows {pipelines.package} "
                     f"{pipelines.releases_text()}")
    return lines


def _toml(value: object) -> str:
    """A setting as TOML would write it."""
    if isinstance(value, ClientName):
        return json.dumps(f"{value.name}:{value.kind.value}")
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


def configuration_lines(units: Sequence[Unit], explicit: bool) -> list[str]:
    """For ``--verbose``: which configuration file governs how many of the files."""
    counts: Counter[str] = Counter()
    extends: dict[str, tuple[Path, ...]] = {}
    for unit in units:
        source = str(unit.config.source) if unit.config.source else ""
        counts[source] += 1
        extends[source] = unit.config.extends
    lines = []
    for source, count in sorted(counts.items()):
        files = f"{count} file{'s' if count != 1 else ''}"
        if not source:
            lines.append(f"{files}: no configuration file found, using the defaults")
            continue
        how = "given with --config" if explicit else "the nearest configuration file"
        chain = "".join(f", extending {extended}" for extended in extends[source])
        lines.append(f"{files}: configured by {source} ({how}{chain})")
    return lines


def sdk_lines(units: Sequence[Unit]) -> list[str]:
    """For ``--verbose``: the SDK versions the rules follow, and for how many files
    (``3 files: following customerio-node 4.5 (package-lock.json)``)."""
    counts: Counter[str] = Counter()
    for unit in units:
        sdk = unit.config.sdk
        known = [v for v in (sdk.track, sdk.pipelines, sdk.node_track, sdk.node_pipelines)
                 if v.known]
        if known:
            counts["; ".join(v.described() for v in known)] += 1
    return [f"{count} file{'s' if count != 1 else ''}: following {described}"
            for described, count in sorted(counts.items())]


def passed_over_lines(passed_over: Sequence[Path]) -> list[str]:
    """For ``--verbose``: the pyproject.toml files that were not used, and why."""
    return [f"passed over {path}: it has no [tool.cio-lint] table" for path in passed_over]


def skipped_lines(skipped: Sequence[Skipped]) -> list[str]:
    """For ``--verbose``: every path passed over while collecting files, with the reason."""
    return [f"skipped {entry.display}: {entry.reason}" for entry in skipped]


def not_parsed_lines(not_parsed: Sequence[str]) -> list[str]:
    """For ``--verbose``: the files read but not parsed, since no rule could flag them."""
    return [f"not parsed {display}: no Customer.io code in it" for display in not_parsed]


def nothing_checked(skipped: Sequence[Skipped]) -> str:
    """Why a run checked no file: ``0 files checked: 3 excluded by `exclude`, ...``."""
    counts = Counter(entry.reason for entry in skipped)
    if not counts:
        return "0 files checked: no Python files under the given paths"
    order = sorted(counts, key=lambda reason: (_ORDER.get(reason, len(_ORDER)), reason))
    reasons = ", ".join(f"{counts[reason]} {reason}" for reason in order)
    return f"0 files checked: {reasons}"
