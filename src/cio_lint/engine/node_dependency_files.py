"""What one Node dependency file says about the Customer.io packages, from its text.

``package.json`` gives ranges; lock files (package-lock.json and npm-shrinkwrap.json
v1-v3, yarn.lock classic and berry, pnpm-lock.yaml v5-v9) give installed versions, each
for the folder whose code resolves it where the file says so (``Locked.places``).
Nothing here opens files: ``node_sdk_detection`` does, within the project and within
size limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cio_lint.core.npm_ranges import npm_package_and_range
from cio_lint.core.sdk_version import NODE_PIPELINES_PACKAGE, NODE_TRACK_PACKAGE

NODE_PACKAGES = (NODE_TRACK_PACKAGE, NODE_PIPELINES_PACKAGE)
DEPENDENCY_TABLES = ("dependencies", "devDependencies", "peerDependencies",
                     "optionalDependencies")
#: Where a lock file's version is not from the registry: a folder, a link, a workspace.
_LOCAL = re.compile(r"(link|file|portal|workspace|patch):")

Constraints = dict[str, list[str]]


@dataclass
class Locked:
    """Installed versions: ``places`` maps a folder relative to the lock file (``""``
    for its own, ``packages/api``) to the versions its code resolves; ``ranges`` holds
    versions known only by the ranges they satisfy (yarn.lock), each with those ranges."""

    places: dict[str, Constraints] = field(default_factory=dict)
    ranges: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def add(self, place: str, package: str, version: str) -> None:
        if package in NODE_PACKAGES and version and not _LOCAL.match(version):
            self.places.setdefault(place, {}).setdefault(package, []).append(version)

    def __bool__(self) -> bool:
        return bool(self.places or self.ranges)


def package_json(text: str) -> tuple[Constraints, list[str]]:
    """The ranges of the four dependency tables, and the ``workspaces`` patterns."""
    import json  # (loaded by the first project that has one)

    data = json.loads(text)
    found: Constraints = {}
    if not isinstance(data, dict):
        return found, []
    for table in DEPENDENCY_TABLES:
        entries_ = data.get(table)
        for name, spec in entries_.items() if isinstance(entries_, dict) else ():
            if isinstance(spec, str):
                package, spec_range = npm_package_and_range(str(name), spec)
                if package in NODE_PACKAGES:
                    found.setdefault(package, []).append(spec_range)
    workspaces = data.get("workspaces")
    if isinstance(workspaces, dict):  # yarn classic: {"packages": [...], "nohoist": [...]}
        workspaces = workspaces.get("packages")
    patterns = [p for p in workspaces if isinstance(p, str)] if isinstance(workspaces, list) else []
    return found, patterns


def package_lock(text: str) -> Locked:
    """package-lock.json / npm-shrinkwrap.json: ``packages`` (v2, v3), else the top-level
    ``dependencies`` (v1)."""
    import json  # (loaded by the first project that has one)

    data = json.loads(text)
    locked = Locked()
    if not isinstance(data, dict):
        return locked
    packages = data.get("packages")
    if isinstance(packages, dict):
        for key, entry in packages.items():
            head, marker, name = str(key).rpartition("node_modules/")
            place = head.rstrip("/")
            if not marker or not isinstance(entry, dict) or "node_modules" in place.split("/"):
                continue  # the project itself, a workspace folder, or a dependency's own
            real = entry.get("name")
            version = entry.get("version")
            if isinstance(version, str) and not entry.get("link"):
                locked.add(place, real if isinstance(real, str) else name, version)
        return locked
    dependencies = data.get("dependencies")
    for name, entry in dependencies.items() if isinstance(dependencies, dict) else ():
        version = entry.get("version") if isinstance(entry, dict) else None
        if isinstance(version, str):  # an alias: "npm:customerio-node@4.5.1"
            locked.add("", *npm_package_and_range(str(name), version))
    return locked


def yarn_lock(text: str) -> Locked:
    """yarn.lock: blocks headed by the ranges they satisfy (``customerio-node@^4.1.0,
    customerio-node@^4.2.0:``), with ``version "4.5.1"`` (classic) or ``version: 4.5.1``
    and ``resolution: "customerio-node@npm:4.5.1"`` (berry)."""
    locked = Locked()
    header: list[tuple[str, str]] = []
    fields: dict[str, str] = {}
    for line in [*text.splitlines(), "end:"]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            _yarn_block(locked, header, fields)
            # ``a@1, a@2:`` (classic) or ``"a@npm:1, a@npm:2":`` (berry quotes them all)
            parts = line.rstrip().rstrip(":").split(",")
            header = [_descriptor(part.strip().strip("\"'")) for part in parts]
            fields = {}
            continue
        match = re.fullmatch(r" {2}(version|resolution):?\s+(.*)", line.rstrip())
        if match is not None:
            fields[match.group(1)] = _unquoted(match.group(2))
    return locked


def _yarn_block(locked: Locked, header: list[tuple[str, str]], fields: dict[str, str]) -> None:
    version = fields.get("version", "")
    resolution = fields.get("resolution")
    if not version:
        return
    if resolution is not None:  # berry names what was installed
        package, resolved = _descriptor(resolution)
        if _LOCAL.match(resolved) or _LOCAL.match(version):
            return
        packages = {package}
    else:
        packages = {package for package, _ in header}
    for package in packages & set(NODE_PACKAGES):
        ranges = tuple(spec for name, spec in header if name == package)
        locked.ranges.setdefault(package, []).append((ranges, version))


def _descriptor(text: str) -> tuple[str, str]:
    """``customerio-node@npm:^4.1.0`` -> (package, range), aliases followed."""
    text = _unquoted(text.strip())
    at = text.find("@", 1)
    name, spec = (text, "*") if at < 0 else (text[:at], text[at + 1:])
    return npm_package_and_range(name, spec)


def pnpm_lock(text: str) -> Locked:
    """pnpm-lock.yaml: the versions each importer (``.``, ``packages/api``) resolves
    (``dependencies: customerio-node: 4.5.1`` in v5, ``{specifier, version}`` from v6),
    else those of ``packages:`` (``/customerio-node/4.5.1``, ``/customerio-node@4.5.1``,
    ``customerio-node@4.5.1``)."""
    locked = Locked()
    listed = Locked()
    from cio_lint.engine.lock_yaml import entries  # only a pnpm lock file needs YAML

    for path, value in entries(text):
        if path[0] == "importers" and len(path) > 3:
            place, path = ("" if path[1] == "." else path[1].strip("/")), path[2:]
        elif path[0] in ("packages", "snapshots"):
            if len(path) == 2:
                reference = _pnpm_reference(path[1])
                if reference is not None:
                    listed.add("", *reference)
            continue
        else:
            place = ""
        if path[0] not in DEPENDENCY_TABLES or len(path) not in (2, 3):
            continue
        if (len(path) == 3 and path[2] != "version") or (len(path) == 2 and not value):
            continue
        reference = None if value[:1].isdigit() else _pnpm_reference(value)
        package, version = reference or (path[1], value)
        locked.add(place, package, re.split(r"[(_]", version, maxsplit=1)[0])
    return locked if locked else listed


def _pnpm_reference(key: str) -> tuple[str, str] | None:
    """``/customerio-node/4.5.1``, ``/@scope/name@1.0.0(peer@2)`` -> (package, version)."""
    text = key.strip().lstrip("/").split("(", 1)[0]
    start = text.find("/") + 1 if text.startswith("@") else 0
    at = text.find("@", start)
    cut = at if at > 0 else text.find("/", start)
    if cut <= 0 or _LOCAL.match(text):
        return None
    return text[:cut], text[cut + 1:].split("_", 1)[0]


def _unquoted(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text


def workspace_patterns(text: str) -> list[str]:
    """The ``packages:`` list of pnpm-workspace.yaml (``- 'packages/*'``)."""
    patterns: list[str] = []
    inside = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            inside = line.rstrip() == "packages:"
            continue
        item = re.fullmatch(r"\s+-\s+(.*?)\s*(#.*)?", line)
        if inside and item is not None:
            patterns.append(_unquoted(item.group(1)))
    return patterns
