"""Which file configures a directory, and reading it (``extend`` chains included).

As in ruff, a directory's configuration is the first of ``.cio-lint.toml``,
``cio-lint.toml`` and a ``pyproject.toml`` *with a* ``[tool.cio-lint]`` *table* found
in it or the nearest directory above. A pyproject.toml without the table (one that
only lists cio-lint as a dependency, say) is passed over. ``extend`` names another
file (relative to the one that says it) whose settings this one builds on.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cio_lint.core import probes
from cio_lint.core.bounded_read import RefusedFile, read_regular_file
from cio_lint.core.config import MAX_CONFIG_BYTES, Config, ConfigError, parse_table
from cio_lint.core.suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

#: In one directory, the first of these that configures cio-lint wins.
CONFIG_NAMES = (".cio-lint.toml", "cio-lint.toml", "pyproject.toml")
TABLE = "cio-lint"
#: Keys whose values add to those of the extended file rather than replace them.
ADDITIVE_KEYS = ("extend-select", "extend-exclude")


def find_config(start: Path, passed_over: list[Path] | None = None) -> Path | None:
    """The file that configures ``start`` (a file or directory), or None for defaults.

    Each pyproject.toml on the way up that does not configure cio-lint is added to
    ``passed_over`` (``--verbose`` says why it was not used).
    """
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        found = config_in(candidate, passed_over)
        if found is not None:
            return found
    return None


def config_in(directory: Path, passed_over: list[Path] | None = None) -> Path | None:
    """The file in ``directory`` itself that configures cio-lint, if any (``find_config``
    asks each directory on the way up)."""
    for name in CONFIG_NAMES:
        path = directory / name
        if not probes.is_file(path):
            continue
        if name != "pyproject.toml" or _has_table(path):
            return path
        if passed_over is not None:
            passed_over.append(path)
    return None


def _has_table(pyproject: Path) -> bool:
    """Does this pyproject.toml configure cio-lint (or try to, with a misspelt table)?

    Every directory of a tree asks about the same few files: each is parsed once
    while it is unchanged.
    """
    try:
        status = os.stat(pyproject)
    except OSError:
        return False
    return _has_table_cached(pyproject, status.st_mtime_ns, status.st_size)


@probes.remembered(maxsize=256)
def _has_table_cached(pyproject: Path, mtime_ns: int, size: int) -> bool:
    try:
        data = read_regular_file(pyproject, MAX_CONFIG_BYTES)
    except RefusedFile:
        return True  # a pyproject.toml that cannot be read safely is reported, not skipped
    except OSError:
        return False
    try:
        tool = tomllib.loads(_toml_text(data, pyproject)).get("tool", {})
    except (ConfigError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        # Broken: reported if it mentions cio-lint, else not this tool's business.
        text = data.replace(b"\x00", b"").lower()
        return b"cio-lint" in text or b"cio_lint" in text
    return isinstance(tool, dict) and (TABLE in tool or _misspelt_table(tool) is not None)


def _misspelt_table(tool: Mapping[str, Any]) -> str | None:
    if TABLE in tool:
        return None
    return next((key for key in tool if did_you_mean(key, [TABLE], cutoff=0.75)), None)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data; every way it can be unreadable is a one-line ``ConfigError``."""
    try:
        data: dict[str, Any] = tomllib.loads(
            _toml_text(read_regular_file(path, MAX_CONFIG_BYTES), path)
        )
        return data
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8: {error.reason}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def settings_table(path: Path, data: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The cio-lint settings in a file's data, and how errors name where they are."""
    if path.name != "pyproject.toml":
        if "tool" in data and isinstance(data["tool"], dict) and TABLE in data["tool"]:
            raise ConfigError(
                f"{path}: settings go at the top level of {path.name}, "
                f"without a [tool.{TABLE}] table"
            )
        return dict(data), str(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    misspelt = _misspelt_table(tool)
    if misspelt is not None:
        raise ConfigError(
            f"{path}: [tool.{misspelt}] is not read (did you mean [tool.{TABLE}]?)"
        )
    table = tool.get(TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table")
    return dict(table), f"{path}: [tool.{TABLE}]"


def load_config(path: Path | None, known_codes: Iterable[str]) -> Config:
    """The configuration in ``path`` and the files it extends (defaults when None)."""
    if path is None:
        return Config()
    codes = frozenset(known_codes)
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    chain = _chain(path, codes)
    for file, table in reversed(chain):
        for key, value in table.items():
            if key in ADDITIVE_KEYS and key in merged:
                merged[key] = [*merged[key], *value]
                origins[key] = f"{origins[key]} + {file}"
            else:
                merged[key] = value
                origins[key] = str(file)
    merged.pop("extend", None)
    origins.pop("extend", None)
    config = parse_table(merged, path, codes, where=_where(path))
    return config.with_overrides(
        extends=tuple(file for file, _ in chain[1:]), origins=tuple(sorted(origins.items()))
    )


def _chain(path: Path, codes: frozenset[str]) -> list[tuple[Path, dict[str, Any]]]:
    """``path`` and every file it extends, each validated on its own, nearest first."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: list[str] = []
    current: Path | None = path
    while current is not None:
        key = os.path.realpath(current)
        if key in seen:
            names = " -> ".join(str(file) for file, _ in chain)
            raise ConfigError(f"{path}: 'extend' makes a cycle: {names} -> {current}")
        seen.append(key)
        table, where = settings_table(current, read_toml(current))
        parse_table(table, current, codes, where=where)
        chain.append((current, table))
        current = _extended(current, table, where)
    return chain


def _extended(path: Path, table: Mapping[str, Any], where: str) -> Path | None:
    if "extend" not in table:
        return None
    value = table["extend"]
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: 'extend' must be the path of a configuration file")
    target = Path(os.path.normpath(path.parent / os.path.expanduser(value)))
    if not probes.is_file(target):
        raise ConfigError(f"{where}: 'extend' file {target} does not exist")
    return target


def _where(path: Path) -> str:
    return f"{path}: [tool.{TABLE}]" if path.name == "pyproject.toml" else str(path)


def _toml_text(data: bytes, source: Path) -> str:
    """The text of a TOML file: UTF-8 as TOML requires, a UTF-8 byte order mark allowed."""
    encoding = _foreign_encoding(data)
    if encoding is not None:
        raise ConfigError(f"{source}: encoded as {encoding}; TOML must be UTF-8, re-save it so")
    return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")


def _foreign_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, told by a byte order mark or by NUL bytes in every other place."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32-LE"), (codecs.BOM_UTF32_BE, "UTF-32-BE"),
                      (codecs.BOM_UTF16_LE, "UTF-16-LE"), (codecs.BOM_UTF16_BE, "UTF-16-BE")):
        if data.startswith(bom):
            return name
    start = data[:64]
    if len(start) >= 2 and b"\x00" in start:
        if not start[1::2].strip(b"\x00"):
            return "UTF-16-LE"
        if not start[0::2].strip(b"\x00"):
            return "UTF-16-BE"
    return None
