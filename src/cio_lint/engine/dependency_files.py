"""What one dependency file says about the Customer.io packages, from its text.

Each reader takes a file's text and returns ``{package: constraint}`` for the packages
cio-lint cares about (a constraint is PEP 440 or Poetry text, ``""`` when the file names
the package without a version, ``"*"``-like). Nothing here opens files: ``sdk_detection``
does, within the project and within size limits.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from cio_lint.core.sdk_version import PIPELINES_PACKAGE, TRACK_PACKAGE, normalized_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

PACKAGES = (TRACK_PACKAGE, PIPELINES_PACKAGE)
#: What a URL requirement (``customerio @ git+https://...``) allows: any version.
ANY_VERSION = "*"

Constraints = dict[str, list[str]]

#: Patterns as text: ``re`` compiles (and keeps) each when first used, so a project
#: without dependency files never compiles them.
_REQUIREMENT = r"(?s)\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)"
_INCLUDE = r"(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=\S))(\S+)"
_COMMENT = r"(^|\s)#.*"
_OPTION_TAIL = r"\s+-.*"


def requirement(text: str) -> tuple[str, str] | None:
    """``(package, constraint)`` of a PEP 508 requirement naming a Customer.io package."""
    match = re.fullmatch(_REQUIREMENT, text)
    if match is None:
        return None
    package = normalized_name(match.group(1))
    if package not in PACKAGES:
        return None
    spec = match.group(3).split(";", 1)[0].strip()
    if spec.startswith("@"):
        return package, ANY_VERSION
    return package, spec.strip("()").strip()


def requirements_file(text: str) -> tuple[Constraints, list[str]]:
    """The constraints of a requirements file and the files it includes (``-r``/``-c``)."""
    found: Constraints = {}
    includes: list[str] = []
    for line in _logical_lines(text):
        include = re.match(_INCLUDE, line)
        if include is not None:
            includes.append(include.group(1))
            continue
        if line.startswith("-"):
            continue
        parsed = requirement(re.sub(_OPTION_TAIL, "", line))
        if parsed is not None:
            found.setdefault(parsed[0], []).append(parsed[1])
    return found, includes


def _logical_lines(text: str) -> Iterator[str]:
    """Lines without comments, backslash continuations joined (as pip reads them)."""
    pending = ""
    for raw in text.splitlines():
        line = re.sub(_COMMENT, "", raw)
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line:
            yield line
    if pending.strip():
        yield pending.strip()


def pyproject(text: str) -> Constraints:
    """PEP 621 (and optional) dependencies, dependency groups and Poetry's tables."""
    data = tomllib.loads(text)
    found: Constraints = {}
    project = _table(data, "project")
    strings: list[Any] = list(_list(project, "dependencies"))
    for extra in _table(project, "optional-dependencies").values():
        strings.extend(extra if isinstance(extra, list) else ())
    for group in _table(data, "dependency-groups").values():
        strings.extend(group if isinstance(group, list) else ())
    for item in strings:
        parsed = requirement(item) if isinstance(item, str) else None
        if parsed is not None:
            found.setdefault(parsed[0], []).append(parsed[1])
    poetry = _table(_table(data, "tool"), "poetry")
    tables = [_table(poetry, "dependencies"), _table(poetry, "dev-dependencies")]
    tables.extend(_table(g, "dependencies") for g in _table(poetry, "group").values()
                  if isinstance(g, dict))
    for table in tables:
        for name, value in table.items():
            package = normalized_name(name)
            if package in PACKAGES:
                found.setdefault(package, []).extend(_poetry_constraints(value))
    return found


def _poetry_constraints(value: Any) -> Iterable[str]:
    """``"^2.1"``, ``{version = "^2.1"}``, or a list of such tables (one per marker)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            version = item.get("version")
            yield version if isinstance(version, str) else ANY_VERSION


def toml_lock(text: str) -> Constraints:
    """``[[package]]`` name and version entries: poetry.lock and uv.lock alike."""
    found: Constraints = {}
    packages = tomllib.loads(text).get("package", [])
    for entry in packages if isinstance(packages, list) else ():
        if not isinstance(entry, dict):
            continue
        name, version = entry.get("name"), entry.get("version")
        if isinstance(name, str) and isinstance(version, str):
            package = normalized_name(name)
            if package in PACKAGES:
                found.setdefault(package, []).append(f"=={version}")
    return found


def pipfile_lock(text: str) -> Constraints:
    """``{"default": {"customerio": {"version": "==3.2.0"}}, "develop": {...}}``."""
    import json  # (loaded by the first project that has one)

    found: Constraints = {}
    data = json.loads(text)
    if not isinstance(data, dict):
        return found
    for section in ("default", "develop"):
        entries = data.get(section)
        for name, entry in entries.items() if isinstance(entries, dict) else ():
            package = normalized_name(str(name))
            if package in PACKAGES and isinstance(entry, dict):
                version = entry.get("version")
                found.setdefault(package, []).append(
                    version if isinstance(version, str) else ANY_VERSION
                )
    return found


def _table(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []
