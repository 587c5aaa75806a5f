"""Which rules run on which file: select, extend-select, ignore and per-file-ignores.

Selection follows ruff: for each code the most specific selector wins, and on a
tie ``ignore`` wins. It is computed once per configuration, and per file only
when ``per-file-ignores`` could make files of one configuration differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cio_lint.core.config import Config
from cio_lint.core.rule_catalogue import DEFAULT_ENABLED
from cio_lint.engine.globs import matches_glob


def selected_codes(
    config: Config,
    all_codes: Mapping[str, bool],
    path: str | None = None,
) -> frozenset[str]:
    """The rule codes enabled for ``path``, ruff style.

    ``all_codes`` maps each code to whether it is on by default. For each code the
    most specific matching entry of select/extend-select and ignore wins; on a tie,
    ignore wins. ``per-file-ignores`` then removes codes for matching paths.
    """
    chosen: set[str] = set()
    selectors = config.select if config.select is not None else ()
    ignores = list(config.ignore)
    if path is not None:
        ignores.extend(per_file_ignored(config, path))
    for code, default_on in all_codes.items():
        select_len = max((_specificity(s, code) for s in (*selectors, *config.extend_select)),
                         default=-1)
        if config.select is None and default_on:
            select_len = max(select_len, 0)
        ignore_len = max((_specificity(s, code) for s in ignores), default=-1)
        if select_len >= 0 and select_len > ignore_len:
            chosen.add(code)
    return frozenset(chosen)


def per_file_ignored(config: Config, path: str) -> list[str]:
    """The codes ``per-file-ignores`` turns off for ``path`` (``!glob``: paths it misses)."""
    return [
        code
        for glob, codes in config.per_file_ignores
        if (not matches_glob(path, glob[1:], config.root) if glob.startswith("!")
            else matches_glob(path, glob, config.root))
        for code in codes
    ]


def _specificity(selector: str, code: str) -> int:
    """How closely ``selector`` names ``code`` (its length), or -1 when it does not."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


_CODES_BY_CONFIG: dict[int, tuple[Config, frozenset[str]]] = {}


def codes_for(config: Config, path: Path) -> frozenset[str]:
    """The rules enabled for ``path``: per configuration, unless per-file-ignores apply."""
    if config.per_file_ignores:
        return selected_codes(config, DEFAULT_ENABLED, path.as_posix())
    cached = _CODES_BY_CONFIG.get(id(config))
    if cached is None or cached[0] is not config:
        cached = (config, selected_codes(config, DEFAULT_ENABLED))
        _CODES_BY_CONFIG[id(config)] = cached
    return cached[1]
