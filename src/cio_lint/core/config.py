"""``[tool.cio-lint]`` in pyproject.toml: loading, validation and rule selection.

Every key is validated: an unknown key, a wrong type, a bad regex or an unknown
rule code is a ``ConfigError`` with a one-line message naming the key, which
the CLI turns into exit code 2. Nothing is silently ignored.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cio_lint.analysis.python.semantic import ClientName
from cio_lint.core.sdk import ClientKind

if sys.version_info >= (3, 11):
    from re import _parser as _sre_parse

    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import sre_parse as _sre_parse

    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

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
MAX_EVENTS = 10_000


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

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def fingerprint(self) -> str:
        """A stable text of everything that can change findings (cache keys)."""
        fields = {k: v for k, v in self.__dict__.items() if k not in ("root", "source")}
        return repr(sorted(fields.items()))

    def transactional_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.transactional)


# -- loading ----------------------------------------------------------------------------

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
}


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.cio-lint]`` table at or above ``start``."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = pyproject.read_bytes()
    except OSError:
        return False
    # Bytes, not text: a table in a file that is not UTF-8 must be reported, not skipped.
    return b"cio-lint" in data


def load_config(pyproject: Path | None, known_codes: Iterable[str]) -> Config:
    """Read and validate ``[tool.cio-lint]`` (defaults when ``pyproject`` is None)."""
    if pyproject is None:
        return Config()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{pyproject}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{pyproject}: not UTF-8: {error.reason}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: invalid TOML: {error}") from error
    table = data.get("tool", {}).get("cio-lint", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.cio-lint] must be a table")
    return parse_table(table, pyproject, known_codes)


def parse_table(table: Mapping[str, Any], source: Path, known_codes: Iterable[str]) -> Config:
    """Validate a ``[tool.cio-lint]`` table into a ``Config``."""
    codes = frozenset(known_codes)
    where = f"{source}: [tool.cio-lint]"
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'")

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
            raise ConfigError(f"{where}: 'region' must be \"us\" or \"eu\", got {region!r}")
        changes["region"] = region
    if "id-kind" in table:
        kind = table["id-kind"]
        if kind not in ("id", "email"):
            raise ConfigError(f"{where}: 'id-kind' must be \"id\" or \"email\", got {kind!r}")
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
    return replace(config, **changes)


def check_code(code: str, known: frozenset[str], where: str) -> str:
    """Accept a full code, a prefix of known codes (``CIO2``) or ``ALL``."""
    if code == "ALL" or (any(k.startswith(code) for k in known) and code.startswith("CIO")):
        return code
    raise ConfigError(f"{where}: unknown rule code '{code}'")


def check_regex(pattern: str, where: str) -> str:
    """Compile-check a user pattern and refuse ones prone to catastrophic backtracking.

    Patterns are matched on every event name of every file, on a worker thread where
    no timer can interrupt ``re``; so a pattern must be safe by construction.
    """
    try:
        re.compile(pattern)
    except re.error as error:
        raise ConfigError(f"{where}: invalid regular expression {pattern!r}: {error}") from None
    except (RecursionError, OverflowError, ValueError) as error:
        raise ConfigError(f"{where}: unusable regular expression {pattern!r}: {error}") from None
    problem = backtracking_problem(pattern)
    if problem is not None:
        raise ConfigError(
            f"{where}: {pattern!r} can backtrack catastrophically ({problem}); write it so "
            "each repetition can match a text only one way, e.g. '^[a-z]+(_[a-z0-9]+)*$'"
        )
    return pattern


# -- regular expressions that backtrack exponentially --------------------------------------
#
# Python's own parser turns the pattern into a tree. Inside a repetition that can run
# many times, the match is exponential when one text can be matched in several ways
# per iteration: a repeated part that can match nothing ((a*)*), an inner repetition
# whose characters can also start the next iteration ((a+)+, (\w+\s?)*), two adjacent
# repetitions over common characters ((a+a+)*), or alternatives that can match the
# same text ((a|a)*, (a|ab)*). Character sets are compared on a sample alphabet (all
# of ASCII and representative non-ASCII characters), which over-approximates overlap.

_ALPHABET = frozenset(
    [chr(code) for code in range(128)]
    + list("\u00a0\u00e9\u00c9\u00df\u0663\u2028\u4e2d\U0001f600")
)
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
#: A repetition allowed more times than this is a loop that can blow up.
_MANY = 8


@dataclass(frozen=True)
class _Shape:
    """What a part of a pattern can do, as far as backtracking is concerned."""

    first: frozenset[str]  # characters that can start a non-empty match
    nullable: bool  # can match the empty string
    tail: frozenset[str]  # characters a repetition at its end can go on absorbing
    ambiguous: str | None = None  # why one text can match in several ways


class _Unsafe(Exception):
    pass


def backtracking_problem(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time, or None when it cannot."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # already compiled once: only a parser difference ends up here
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE) or "(?" in pattern
    try:
        _sequence(list(parsed.data), ignore_case)
    except _Unsafe as unsafe:
        return str(unsafe)
    except RecursionError:
        return "it nests too deeply to analyse"
    return None


def _sequence(items: list[Any], ignore_case: bool) -> _Shape:
    shapes = [_node(item, ignore_case) for item in items]
    first: set[str] = set()
    for shape in shapes:
        first |= shape.first
        if not shape.nullable:
            break
    tail: set[str] = set()
    for shape in reversed(shapes):
        tail |= shape.tail
        if not shape.nullable:
            break
    ambiguous = next((s.ambiguous for s in shapes if s.ambiguous), None)
    for index, shape in enumerate(shapes):
        for following in shapes[index + 1:]:
            if ambiguous is None and shape.tail & following.first:
                ambiguous = "two neighbouring repetitions can match the same characters"
            if not following.nullable:
                break
    return _Shape(frozenset(first), all(s.nullable for s in shapes), frozenset(tail), ambiguous)


def _node(item: tuple[Any, Any], ignore_case: bool) -> _Shape:
    op, av = item
    name = str(op)
    if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
        chars = _characters(name, av, ignore_case)
        return _Shape(chars, False, frozenset())
    if name == "SUBPATTERN":
        return _sequence(list(av[-1]), ignore_case)
    if name == "ATOMIC_GROUP":  # no backtracking into it once matched
        inner = _sequence(list(av), ignore_case)
        return _Shape(inner.first, inner.nullable, frozenset())
    if name == "BRANCH":
        return _branch([_sequence(list(alt), ignore_case) for alt in av[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        return _repeat(low, high, _sequence(list(body), ignore_case), name)
    if name in ("ASSERT", "ASSERT_NOT"):
        _sequence(list(av[1]), ignore_case)  # raises on an unsafe lookaround
        return _Shape(frozenset(), True, frozenset())
    if name == "GROUPREF_EXISTS":
        _, yes, no = av
        alternatives = [_sequence(list(yes), ignore_case)]
        alternatives.append(_sequence(list(no), ignore_case) if no else _empty())
        return _branch(alternatives)
    if name == "GROUPREF":  # a backreference may be any text
        return _Shape(_ALPHABET, True, frozenset())
    return _empty()  # AT (anchors) and anything else that consumes nothing


def _empty() -> _Shape:
    return _Shape(frozenset(), True, frozenset())


def _branch(alternatives: list[_Shape]) -> _Shape:
    ambiguous = next((a.ambiguous for a in alternatives if a.ambiguous), None)
    for index, one in enumerate(alternatives):
        for other in alternatives[index + 1:]:
            if ambiguous is None and (one.first & other.first or (one.nullable and other.nullable)):
                ambiguous = "alternatives can match the same text"
    first = frozenset().union(*(a.first for a in alternatives))
    tail = frozenset().union(*(a.tail for a in alternatives))
    return _Shape(first, any(a.nullable for a in alternatives), tail, ambiguous)


def _repeat(low: int, high: int, body: _Shape, name: str) -> _Shape:
    loops = high == _sre_parse.MAXREPEAT or high > _MANY
    if loops and name != "POSSESSIVE_REPEAT":
        if body.nullable and body.first:
            raise _Unsafe("a repeated part can also match nothing")
        if body.ambiguous:
            raise _Unsafe(f"inside a repetition, {body.ambiguous}")
        if body.tail & body.first:
            raise _Unsafe("a repetition inside a repetition can match the same characters")
    tail = body.tail | body.first if high > 1 else body.tail
    if name == "POSSESSIVE_REPEAT":
        tail = frozenset()
    return _Shape(body.first, low == 0 or body.nullable, tail, body.ambiguous)


def _characters(name: str, av: Any, ignore_case: bool) -> frozenset[str]:
    if name == "LITERAL":
        chars = {chr(av)}
    elif name == "NOT_LITERAL":
        chars = set(_ALPHABET) - {chr(av)}
    elif name == "ANY":
        chars = set(_ALPHABET)
    else:
        chars = _in_set(av)
    if ignore_case:
        chars |= {c.swapcase() for c in chars} | {c.lower() for c in chars}
        chars |= {c.upper() for c in chars if len(c.upper()) == 1}
    return frozenset(chars)


def _in_set(items: Sequence[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE":
            low, high = av
            chars |= {c for c in _ALPHABET if low <= ord(c) <= high}
            chars.add(chr(low))
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            category = re.compile(_CATEGORIES[str(av)])
            chars |= {c for c in _ALPHABET if category.fullmatch(c)}
        else:  # an unknown member: assume it may match anything
            chars |= _ALPHABET
    return set(_ALPHABET) - chars if negate else chars


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
                "or pipelines"
            )
        names.append(ClientName(name, _KINDS[kind]))
    return tuple(names)


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


# -- rule selection ---------------------------------------------------------------------


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
    from cio_lint.engine.discovery import matches_glob

    return [
        code
        for glob, codes in config.per_file_ignores
        if matches_glob(path, glob, config.root)
        for code in codes
    ]


def _specificity(selector: str, code: str) -> int:
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1
