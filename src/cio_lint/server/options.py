"""The settings an editor passes: ``initializationOptions`` at start, and
``workspace/didChangeConfiguration`` (``settings["cio-lint"]``) later.

They are the CLI's options under editor names (``select``, ``extendSelect``, ``ignore``,
``configuration``), plus how long to wait after a keystroke before linting. A bad value
is refused with a one-line reason, as the CLI refuses it, and the rest still apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cio_lint.core.config import ConfigError, check_code
from cio_lint.rules import REGISTRY

#: Milliseconds to wait after an edit before linting: typing stays smooth, and a pause
#: shows the findings.
DEFAULT_DEBOUNCE_MS = 200

_CODE_LISTS = {"select": "select", "extendSelect": "extend_select", "ignore": "ignore"}


@dataclass(frozen=True)
class ServerOptions:
    """What the editor asked for; empty lists leave the project's configuration alone."""

    overrides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: A configuration file used instead of the nearest one (``--config``).
    configuration: Path | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS


def parse_options(raw: Any, workspace_root: Path | None) -> tuple[ServerOptions, list[str]]:
    """``raw`` (a JSON object, or nothing) as options, and a line for each value refused."""
    problems: list[str] = []
    if raw is None:
        return ServerOptions(), problems
    if isinstance(raw, Mapping) and isinstance(raw.get("cio-lint"), Mapping):
        raw = raw["cio-lint"]  # the settings of several tools, ours among them
    if not isinstance(raw, Mapping):
        return ServerOptions(), [f"cio-lint settings: expected an object, got {_kind(raw)}"]
    overrides: dict[str, tuple[str, ...]] = {}
    for name, key in _CODE_LISTS.items():
        codes = _codes(raw.get(name), name, problems)
        if codes:
            overrides[key] = codes
    configuration = _configuration(raw.get("configuration"), workspace_root, problems)
    debounce = raw.get("debounceMs", DEFAULT_DEBOUNCE_MS)
    if not isinstance(debounce, int) or isinstance(debounce, bool) or not 0 <= debounce <= 10_000:
        problems.append(f"debounceMs: expected milliseconds from 0 to 10000, got {debounce!r}")
        debounce = DEFAULT_DEBOUNCE_MS
    return ServerOptions(overrides, configuration, debounce), problems


def _codes(value: Any, name: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f"{name}: expected a list of rule codes, got {_kind(value)}")
        return ()
    codes: list[str] = []
    for item in value:
        code = item.strip()
        if not code:
            continue
        try:
            codes.append(check_code(code, frozenset(REGISTRY), name))
        except ConfigError as error:
            problems.append(str(error))
    return tuple(codes)


def _configuration(value: Any, root: Path | None, problems: list[str]) -> Path | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        problems.append(f"configuration: expected a path, got {_kind(value)}")
        return None
    path = Path(value).expanduser()
    if not path.is_absolute() and root is not None:
        path = root / path
    if not path.is_file():
        problems.append(f"configuration: {value}: no such file")
        return None
    return path


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
