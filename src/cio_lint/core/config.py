"""The settings of cio-lint and their validation (``config_files`` finds and reads them).

Every key is validated: an unknown key, a wrong type, a bad regex or an unknown
rule code is a ``ConfigError`` with a one-line message naming the key (and the
closest correct spelling), which the CLI turns into exit code 2. Nothing is
silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cio_lint.core.client_kinds import ClientKind
from cio_lint.core.sdk_version import SdkVersion, SdkVersions, configured_version
from cio_lint.core.suggest import did_you_mean, hint

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".env",
    "env",
    "__pycache__",
    "node_modules",
    "build",
    "dist",
    ".next",
    "out",
    # Node frameworks' and tools' build output and caches: generated, never hand-written.
    ".nuxt",
    ".output",
    ".svelte-kit",
    ".angular",
    ".expo",
    ".docusaurus",
    "storybook-static",
    ".turbo",
    ".parcel-cache",
    ".vercel",
    ".netlify",
    ".serverless",
    ".aws-sam",
    "cdk.out",
    ".yarn",
    "bower_components",
    "jspm_packages",
    ".nyc_output",
    "site-packages",
    ".eggs",
    "*.egg-info",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".cio_lint_cache",
)

DEFAULT_TRACK_KEY_PATTERNS: tuple[str, ...] = (r"track[_\-]?(api[_\-]?)?key",)
DEFAULT_APP_KEY_PATTERNS: tuple[str, ...] = (
    r"app[_\-]?(api[_\-]?)?key",
    r"transactional[_\-]?(api[_\-]?)?key",
)
DEFAULT_EVENT_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
#: Where top-level modules live, relative to the project root (as ruff's ``src``).
DEFAULT_SRC: tuple[str, ...] = (".", "src")
MAX_EVENTS = 10_000
#: A pyproject.toml larger than this is refused rather than read (``/dev/zero`` included).
MAX_CONFIG_BYTES = 4 << 20


@dataclass(frozen=True)
class ClientName:
    """A receiver name configured as a Customer.io client (``client-names``)."""

    name: str
    kind: ClientKind


class ConfigError(Exception):
    """A configuration problem the user must fix; the message is one line."""


@dataclass(frozen=True)
class Config:
    """The effective configuration for the files under one project root."""

    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    region: str | None = None
    id_kind: str = "id"
    event_name_pattern: str = DEFAULT_EVENT_NAME_PATTERN
    events: tuple[str, ...] | None = None
    client_names: tuple[ClientName, ...] = ()
    track_key_patterns: tuple[str, ...] = DEFAULT_TRACK_KEY_PATTERNS
    app_key_patterns: tuple[str, ...] = DEFAULT_APP_KEY_PATTERNS
    transactional: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Folders, relative to ``root``, that modules are named from (``src/app/x.py`` is
    #: ``app.x``): what ``from app.x import cio`` in another file refers to.
    src: tuple[str, ...] = DEFAULT_SRC
    #: The files ``source`` extends, nearest first (``extend``).
    extends: tuple[Path, ...] = ()
    #: For each key set by a file: which file (or files, for additive keys) set it.
    origins: tuple[tuple[str, str], ...] = ()
    #: ``sdk-version``, else what the project's dependency files say (config_resolver).
    sdk: SdkVersions = field(default_factory=SdkVersions)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def fingerprint(self) -> str:
        """A stable text of everything that can change findings (cache keys)."""
        fields = {k: v for k, v in self.__dict__.items() if k not in PROVENANCE_FIELDS}
        return repr(sorted(fields.items()))

    def transactional_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.transactional)


#: Fields that say where settings came from, not what they are: no part of a cache key.
PROVENANCE_FIELDS = frozenset({"root", "source", "extends", "origins"})

# -- validation -------------------------------------------------------------------------

_KNOWN_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "region",
    "id-kind",
    "event-name-pattern",
    "events",
    "client-names",
    "track-key-patterns",
    "app-key-patterns",
    "transactional",
    "extend",
    "sdk-version",
    "node-sdk-version",
    "src",
}


def parse_table(
    table: Mapping[str, Any], source: Path, known_codes: Iterable[str], where: str = ""
) -> Config:
    """Validate a table of settings into a ``Config`` (``where`` names it in errors)."""
    codes = frozenset(known_codes)
    where = where or f"{source}: [tool.cio-lint]"
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'{hint(unknown[0], _KNOWN_KEYS)}")

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
        return tuple(value)

    def codes_of(key: str) -> tuple[str, ...] | None:
        value = strings(key)
        if value is not None:
            for code in value:
                check_code(code, codes, f"{where}: '{key}'")
        return value

    config = Config(root=source.parent, source=source)
    changes: dict[str, Any] = {}
    select = codes_of("select")
    if select is not None:
        changes["select"] = select
    for key, attr in (("ignore", "ignore"), ("extend-select", "extend_select")):
        value = codes_of(key)
        if value is not None:
            changes[attr] = value
    for key, attr in (("exclude", "exclude"), ("extend-exclude", "extend_exclude")):
        value = strings(key)
        if value is not None:
            changes[attr] = value
    if "per-file-ignores" in table:
        changes["per_file_ignores"] = _per_file_ignores(table["per-file-ignores"], where, codes)
    if "region" in table:
        region = table["region"]
        if region not in ("us", "eu"):
            raise ConfigError(f"{where}: 'region' must be \"us\" or \"eu\", got {region!r}"
                              f"{_value_hint(region, ('us', 'eu'))}")
        changes["region"] = region
    if "id-kind" in table:
        kind = table["id-kind"]
        if kind not in ("id", "email"):
            raise ConfigError(f"{where}: 'id-kind' must be \"id\" or \"email\", got {kind!r}"
                              f"{_value_hint(kind, ('id', 'email'))}")
        changes["id_kind"] = kind
    if "event-name-pattern" in table:
        pattern = table["event-name-pattern"]
        if not isinstance(pattern, str):
            raise ConfigError(f"{where}: 'event-name-pattern' must be a string")
        changes["event_name_pattern"] = check_regex(pattern, f"{where}: 'event-name-pattern'")
    events = strings("events")
    if events is not None:
        if len(events) > MAX_EVENTS:
            raise ConfigError(f"{where}: 'events' lists {len(events)} names (at most {MAX_EVENTS})")
        changes["events"] = events
    if "client-names" in table:
        changes["client_names"] = _client_names(table["client-names"], where)
    for key, attr in (
        ("track-key-patterns", "track_key_patterns"),
        ("app-key-patterns", "app_key_patterns"),
    ):
        patterns = strings(key)
        if patterns is not None:
            changes[attr] = tuple(check_regex(p, f"{where}: '{key}'") for p in patterns)
    if "transactional" in table:
        changes["transactional"] = _transactional(table["transactional"], where)
    src = strings("src")
    if src is not None:
        changes["src"] = _source_roots(src, where)
    pinned = {attr: _pinned(table, key, where, examples) for key, attr, examples in _PINS
              if key in table}
    if pinned:
        changes["sdk"] = SdkVersions()._replace(**pinned)
    return replace(config, **changes)


#: Keys that pin an SDK version: key, ``SdkVersions`` field, (package, a release, a major).
_PINS = (
    ("sdk-version", "track", ("customerio", "2.1", "3")),
    ("node-sdk-version", "node_track", ("customerio-node", "4.5", "5")),
)


def _pinned(
    table: Mapping[str, Any], key: str, where: str, examples: tuple[str, ...]
) -> SdkVersion:
    """The version a pinning key sets; a value that is no release is a ConfigError."""
    version = configured_version(table[key], key)
    if version is None:
        package, release, major = examples
        raise ConfigError(f"{where}: '{key}' must be a {package} release such as "
                          f"\"{release}\" or a major such as \"{major}\", got {table[key]!r}")
    return version


def check_code(code: str, known: frozenset[str], where: str) -> str:
    """Accept a full code, a prefix of known codes (``CIO2``) or ``ALL``.

    Codes are upper case wherever they are written, as in ruff: ``cio201`` is refused
    in the configuration and on the command line alike, with the spelling that works.
    """
    if _is_code(code, known):
        return code
    suggestion = code.upper() if _is_code(code.upper(), known) else did_you_mean(
        code.upper(), known, cutoff=0.7
    )
    spelled = f" (did you mean '{suggestion}'?)" if suggestion else ""
    raise ConfigError(f"{where}: unknown rule code '{code}'{spelled}")


def _is_code(code: str, known: frozenset[str]) -> bool:
    return code == "ALL" or (code.startswith("CIO") and any(k.startswith(code) for k in known))


def _value_hint(value: object, allowed: Iterable[str]) -> str:
    """`` (did you mean "eu"?)`` for a string near an allowed value, else nothing."""
    if not isinstance(value, str):
        return ""
    suggestion = did_you_mean(value, allowed, cutoff=0.75)
    return f' (did you mean "{suggestion}"?)' if suggestion is not None else ""


def check_regex(pattern: str, where: str) -> str:
    """Compile-check a user pattern, and refuse what cannot be matched in linear time.

    Patterns are matched on every event name and key name of every file, with an
    automaton (``linear_regex``) whose cost no pattern can make more than linear.
    """
    from cio_lint.core.linear_regex import Unsupported, compile_linear  # with a pattern only

    try:
        re.compile(pattern)
        compile_linear(pattern)
    except re.error as error:
        raise ConfigError(f"{where}: invalid regular expression {pattern!r}: {error}") from None
    except Unsupported as unsupported:
        raise ConfigError(
            f"{where}: {pattern!r} cannot be matched in linear time ({unsupported}); "
            "write it without backreferences, lookarounds, atomic groups or possessive "
            "repeats"
        ) from None
    except (RecursionError, OverflowError, ValueError) as error:
        raise ConfigError(f"{where}: unusable regular expression {pattern!r}: {error}") from None
    return pattern


def _per_file_ignores(
    value: Any, where: str, codes: frozenset[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
    result = []
    for glob, listed in value.items():
        if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
            raise ConfigError(f"{where}: 'per-file-ignores.\"{glob}\"' must be a list of codes")
        for code in listed:
            check_code(code, codes, f"{where}: 'per-file-ignores.\"{glob}\"'")
        result.append((glob, tuple(listed)))
    return tuple(result)


_KINDS = {kind.value: kind for kind in ClientKind}


def _client_names(value: Any, where: str) -> tuple[ClientName, ...]:
    """``["cio", "mailer:app"]`` or ``{cio = "track", mailer = "app"}``."""
    pairs: list[tuple[str, str]] = []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        for item in value:
            name, _, kind = item.partition(":")
            pairs.append((name, kind or "track"))
    elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        pairs = list(value.items())
    else:
        raise ConfigError(
            f"{where}: 'client-names' must be a list of names (\"cio\", \"mailer:app\") "
            "or a table of name = \"track\"|\"app\"|\"pipelines\""
        )
    names = []
    for name, kind in pairs:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", name):
            raise ConfigError(f"{where}: 'client-names' entry {name!r} is not a dotted name")
        if kind not in _KINDS:
            raise ConfigError(
                f"{where}: 'client-names' kind {kind!r} for {name!r} must be track, app "
                f"or pipelines{_value_hint(kind, _KINDS)}"
            )
        names.append(ClientName(name, _KINDS[kind]))
    return tuple(names)


def _source_roots(value: tuple[str, ...], where: str) -> tuple[str, ...]:
    """``src`` folders: plain paths (``"."``, ``"src"``, ``"services/api"``), no globs."""
    for folder in value:
        if not folder.strip() or "\x00" in folder:
            raise ConfigError(f"{where}: 'src' entry {folder!r} is not a folder path")
        if any(char in folder for char in "*?[{"):
            raise ConfigError(f"{where}: 'src' entry {folder!r} is a glob; name each folder")
    return value


def _transactional(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'transactional' must be a table of message id = [keys]")
    result = []
    for message_id, keys in value.items():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise ConfigError(
                f"{where}: 'transactional.\"{message_id}\"' must be a list of message_data keys"
            )
        result.append((str(message_id), tuple(keys)))
    return tuple(result)
