"""Which releases of the Customer.io SDKs a project may run, read from version text.

Advice depends on the version: ``track(..., price=1)`` is how ``customerio`` 2.x sends
event data and a TypeError in 3.x; ``cc=`` came in 3.2, ``merge_customers`` in 1.3. A pin
(``==2.1``), a range (``>=2,<4``), a Poetry constraint (``^2.1``) or a locked version each
allow a set of released minor versions (and so of majors); rules ask that set. Reading a
project's files is the engine's job (``engine/sdk_detection.py``); this module only
interprets the text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

TRACK_PACKAGE = "customerio"
PIPELINES_PACKAGE = "customerio-cdp-analytics"
#: The Node packages (npm names); ``npm_ranges`` reads their version text.
NODE_TRACK_PACKAGE = "customerio-node"
NODE_PIPELINES_PACKAGE = "@customerio/cdp-analytics-node"
Version = tuple[int, ...]

#: Minor versions released so far (``(3, 2)`` is 3.2.x): a range allows those it admits.
#: Each stands for every version up to the next one listed, the last of a major up to the
#: next major, so a release not listed yet (3.3) counts as the latest minor of its major.
RELEASED: dict[str, tuple[Version, ...]] = {
    TRACK_PACKAGE: (
        (0, 1), (0, 2), (0, 3), (0, 4), (0, 5),
        (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6),
        (2, 0), (2, 1), (2, 2), (2, 3), (2, 4),
        (3, 0), (3, 1), (3, 2),
    ),
    PIPELINES_PACKAGE: ((1, 0), (1, 1)),
    NODE_TRACK_PACKAGE: (
        (0, 1), (0, 2), (0, 4), (0, 5),
        (1, 0), (1, 1),
        (2, 0), (2, 1),
        (3, 0), (3, 1), (3, 2), (3, 3), (3, 4), (3, 5),
        (4, 1), (4, 2), (4, 3), (4, 4), (4, 5),
        (5, 0), (5, 2),
    ),
    NODE_PIPELINES_PACKAGE: ((0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5)),
}
#: Major versions released so far.
RELEASED_MAJORS: dict[str, tuple[int, ...]] = {
    package: tuple(sorted({major for major, _ in releases}))
    for package, releases in RELEASED.items()
}
Bound = tuple[Version, bool]  # (version, inclusive)

#: Patterns as text: ``re`` compiles (and keeps) each when first used, so a project
#: that names no version never compiles them.
_VERSION = r"v?(\d+(?:\.\d+)*)(\.\*)?(?:[-_.+]?[A-Za-z+][A-Za-z0-9.+_-]*)?"
_CLAUSE = r"(===|~=|==|!=|<=|>=|<|>|\^|~|=)?(.*)"
_SPACE_AFTER_OPERATOR = r"(===|~=|==|!=|<=|>=|<|>|\^|~|=)\s+"
#: ``sdk-version`` in the configuration: a release such as ``"2.1"`` or a major, ``"3"``.
_CONFIGURED = r"\d+(\.\d+){0,2}"


class SdkVersion(NamedTuple):
    """The versions of one SDK a project may run (``None``: not found), and where that was
    read, relative to the project root (``requirements.txt``).

    ``releases`` holds the released minors allowed (``(3, 1)``); without them (a version
    built from majors alone) every minor of each major counts. (A named tuple, as is
    ``SdkVersions``: every run's configuration defines both, and a frozen dataclass
    costs three times more to define.)"""

    majors: tuple[int, ...] | None = None
    source: str | None = None
    releases: tuple[Version, ...] | None = None
    package: str = TRACK_PACKAGE

    @property
    def known(self) -> bool:
        return self.majors is not None

    def allowed(self) -> tuple[Version, ...]:
        """The released minors the project may run (empty when not known)."""
        if self.releases is not None:
            return self.releases
        majors = self.majors or ()
        return tuple(r for r in RELEASED[self.package] if r[0] in majors)

    def only_before(self, release: int | Version) -> bool:
        """True when every version the project may run is older than ``release``
        (a major, ``2``, or a minor, ``(3, 2)``)."""
        first = (release,) if isinstance(release, int) else release
        return self.known and all(r < first for r in self.allowed())

    def only_from(self, release: int | Version) -> bool:
        """True when every version the project may run is ``release`` or newer."""
        first = (release,) if isinstance(release, int) else release
        return self.known and all(r >= first for r in self.allowed())

    def releases_text(self, joiner: str = " or ") -> str:
        """``2.x or 3.x``, or ``3.0 or 3.1`` when only some minors of a major are allowed."""
        allowed = self.allowed()
        parts: list[str] = []
        for major in sorted({r[0] for r in allowed}):
            minors = [r for r in allowed if r[0] == major]
            every = [r for r in RELEASED[self.package] if r[0] == major]
            if minors == every:
                parts.append(f"{major}.x")
            else:
                parts.extend(f"{m}.{n}" for m, n in minors)
        return joiner.join(parts)

    def described(self) -> str:
        """``customerio 2.x (requirements.txt)``, for messages."""
        return f"{self.package} {self.releases_text()} ({self.source})"


class SdkVersions(NamedTuple):
    """The versions of the Python SDKs in use under one project root, and of the Node
    SDKs for the package a file belongs to (``node_track``: ``customerio-node``,
    ``node_pipelines``: ``@customerio/cdp-analytics-node``)."""

    track: SdkVersion = SdkVersion()
    pipelines: SdkVersion = SdkVersion(package=PIPELINES_PACKAGE)
    node_track: SdkVersion = SdkVersion(package=NODE_TRACK_PACKAGE)
    node_pipelines: SdkVersion = SdkVersion(package=NODE_PIPELINES_PACKAGE)


#: The configuration key that pins each package, and the package it pins.
CONFIGURED_KEYS: dict[str, str] = {
    "sdk-version": TRACK_PACKAGE,
    "node-sdk-version": NODE_TRACK_PACKAGE,
}


def configured_version(text: object, key: str = "sdk-version") -> SdkVersion | None:
    """The version ``key`` (``sdk-version``, ``node-sdk-version``) sets, or None when
    ``text`` is not a release of its package (``"2.1"``) or a major of it (``"3"``)."""
    package = CONFIGURED_KEYS[key]
    if not isinstance(text, str) or not re.fullmatch(_CONFIGURED, text):
        return None
    major = int(text.split(".")[0])
    if major not in RELEASED_MAJORS[package]:
        return None
    spec = f"=={text}" if "." in text else f"=={major}.*"
    return versions_allowed(spec, package, key)


def versions_allowed(spec: str, package: str, source: str) -> SdkVersion:
    """What a constraint read from ``source`` allows, as an ``SdkVersion``."""
    releases = allowed_releases(spec, package)
    majors = tuple(sorted({r[0] for r in releases}))
    return SdkVersion(majors, source, releases, package)


def allowed_majors(spec: str, package: str) -> tuple[int, ...]:
    """The released majors of ``package`` a PEP 440 or Poetry constraint allows."""
    return tuple(sorted({r[0] for r in allowed_releases(spec, package)}))


def allowed_releases(spec: str, package: str) -> tuple[Version, ...]:
    """The released minors of ``package`` a PEP 440 or Poetry constraint allows (npm
    ranges are first translated into such text by ``npm_ranges``).

    ``||`` separates alternatives (Poetry); commas or spaces separate clauses that all
    apply. Text that cannot be read allows every release: cio-lint then claims nothing.
    """
    released = RELEASED[package]
    text = re.sub(_SPACE_AFTER_OPERATOR, r"\1", spec.strip())
    allowed: set[Version] = set()
    for alternative in text.split("||"):
        clauses = [c for c in re.split(r"[,\s]+", alternative) if c]
        intervals = _intervals(clauses, released)
        if intervals is None:
            return released
        allowed.update(intervals)
    # A constraint no release meets says nothing useful either.
    return tuple(sorted(allowed)) or released


def normalized_name(name: str) -> str:
    """A distribution name as PEP 503 compares it (``Customer_IO`` is ``customer-io``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _intervals(clauses: list[str], released: tuple[Version, ...]) -> set[Version] | None:
    """The released minors in whose span some version meets every clause; None when a
    clause is unreadable."""
    excluded: set[int] = set()
    low: Bound = ((), True)
    high: Bound | None = None
    for clause in clauses:
        match = re.fullmatch(_CLAUSE, clause)
        version = re.fullmatch(_VERSION, match.group(2)) if match else None
        if clause == "*":
            continue
        if match is None or version is None:
            return None
        operator = match.group(1) or "=="
        parts = tuple(int(p) for p in version.group(1).split("."))
        wildcard = version.group(2) is not None
        if operator == "!=":
            if wildcard and len(parts) == 1:
                excluded.add(parts[0])
            continue
        bounds = _bounds(operator, parts, wildcard)
        if bounds is None:
            return None
        new_low, new_high = bounds
        if new_low is not None and _later_low(new_low, low):
            low = new_low
        if new_high is not None and (high is None or _earlier_high(new_high, high)):
            high = new_high
    return {
        release for release, start, end in _spans(released)
        if release[0] not in excluded and _meets((start, True), (end, False), low, high)
    }


def _spans(released: tuple[Version, ...]) -> list[tuple[Version, Version, Version]]:
    """Each release with the versions it stands for, ``[start, end)``: from its minor (the
    major itself for the first) to the next minor listed, or to the next major."""
    spans: list[tuple[Version, Version, Version]] = []
    for index, release in enumerate(released):
        major = release[0]
        following = released[index + 1] if index + 1 < len(released) else None
        first = index == 0 or released[index - 1][0] != major
        start = _norm((major,)) if first else release
        end = following if following is not None and following[0] == major else (major + 1,)
        spans.append((release, start, end))
    return spans


def _bounds(
    operator: str, parts: Version, wildcard: bool
) -> tuple[Bound | None, Bound | None] | None:
    """The (lower, upper) bounds one clause sets; None for a clause that makes no sense."""
    if wildcard or operator in ("==", "===", "="):
        upper = (_bump(parts), False) if wildcard else (parts, True)
        return (parts, True), upper
    if operator == ">=":
        return (parts, True), None
    if operator == ">":
        return (parts, False), None
    if operator == "<=":
        return None, (parts, True)
    if operator == "<":
        return None, (parts, False)
    if operator == "~=":
        return ((parts, True), (_bump(parts[:-1]), False)) if len(parts) > 1 else None
    if operator == "~":  # Poetry: ~1.2.3 and ~1.2 allow 1.2.*, ~1 allows 1.*
        return (parts, True), (_bump(parts[:2]), False)
    # Poetry's caret: up to the next release of the first non-zero component.
    nonzero = next((i for i, p in enumerate(parts) if p), len(parts) - 1)
    return (parts, True), (_bump(parts[: nonzero + 1]), False)


def _bump(parts: Version) -> Version:
    return (*parts[:-1], parts[-1] + 1)


def _norm(version: Version) -> Version:
    """``2.0.0`` and ``2`` are one version: drop trailing zeros."""
    end = len(version)
    while end and version[end - 1] == 0:
        end -= 1
    return version[:end]


def _later_low(a: Bound, b: Bound) -> bool:
    return _norm(a[0]) > _norm(b[0]) or (_norm(a[0]) == _norm(b[0]) and not a[1])


def _earlier_high(a: Bound, b: Bound) -> bool:
    return _norm(a[0]) < _norm(b[0]) or (_norm(a[0]) == _norm(b[0]) and not a[1])


def _meets(major_low: Bound, major_high: Bound, low: Bound, high: Bound | None) -> bool:
    """Whether [major_low, major_high) and the clauses' [low, high] share a version."""
    start = low if _later_low(low, major_low) else major_low
    end = major_high if high is None or _earlier_high(major_high, high) else high
    first, last = _norm(start[0]), _norm(end[0])
    return first < last or (first == last and start[1] and end[1])
