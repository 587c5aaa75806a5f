"""Which releases of a Node SDK an npm version range allows.

``package.json`` says ``^3.4.1``, ``~4.5``, ``>=3 <5``, ``3.x``, ``1.2.3 - 2.3.4`` or
``npm:customerio-node@^4``; a lock file says ``4.5.1``. npm reads a partial version as a
wildcard (``3`` is any 3.x, ``>1`` means 2.0.0 and up), where PEP 440 does not, so each
comparator is first rewritten into the clause text ``sdk_version`` interprets, whose
bound arithmetic then decides which released minors are allowed. What cannot be read (a
dist-tag such as ``latest``, a git, file or workspace dependency) allows every release:
cio-lint then claims nothing about the version.
"""

from __future__ import annotations

import re

from cio_lint.core.sdk_version import SdkVersion, Version, allowed_releases

#: ``npm:<package>@<range>``: a dependency installed under another name.
_ALIAS = re.compile(r"npm:((?:@[^/@\s]+/)?[^@\s]+)(?:@(.*))?", re.DOTALL)
#: Specs that name no registry version: paths, git, tarball URLs, workspace links.
_NOT_REGISTRY = re.compile(
    r"(file|link|portal|patch|exec|git|git\+[a-z]+|github|gitlab|bitbucket|gist|https?"
    r"|workspace):|[^\s@]+/[^\s@]+$|\.{0,2}/|~/", re.IGNORECASE,
)
_HYPHEN = re.compile(r"(\S+)\s+-\s+(\S+)")
_OPERATOR_SPACE = re.compile(r"(<=|>=|<|>|=|\^|~>?)\s+")
#: One comparator: operator, then up to three parts (each a number or a wildcard),
#: then a pre-release or build suffix, which does not change the minor version.
_COMPARATOR = re.compile(
    r"(<=|>=|<|>|=|\^|~>?)?v?=?\s*([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?"
    r"(?:[-+][0-9A-Za-z.+-]*)?"
)
_WILDCARDS = frozenset({"*", "x", "X", ""})


def npm_package_and_range(name: str, spec: str) -> tuple[str, str]:
    """The package a dependency entry installs and its range: ``("cio", "npm:customerio-
    node@^4")`` is ``customerio-node`` at ``^4``; other entries are what they say."""
    aliased = _aliased(spec)
    return (aliased[0] or name, aliased[1]) if aliased is not None else (name, spec)


def npm_allowed_releases(spec: str, package: str) -> tuple[Version, ...]:
    """The released minors of ``package`` an npm range (or an exact version) allows."""
    text = npm_clauses(spec)
    return allowed_releases(text, package) if text is not None else allowed_releases("", package)


def npm_versions_allowed(spec: str, package: str, source: str) -> SdkVersion:
    """What an npm range read from ``source`` allows, as an ``SdkVersion``."""
    releases = npm_allowed_releases(spec, package)
    return SdkVersion(tuple(sorted({r[0] for r in releases})), source, releases, package)


def npm_clauses(spec: str) -> str | None:
    """An npm range as ``sdk_version`` clause text (``||`` alternatives, spaces between
    clauses that all apply); None when it names no registry version."""
    aliased = _aliased(spec)
    text = (aliased[1] if aliased is not None else spec).strip()
    if _NOT_REGISTRY.match(text):
        return None
    alternatives: list[str] = []
    for alternative in text.split("||"):
        clauses = _alternative(alternative)
        if clauses is None:
            return None
        alternatives.append(" ".join(clauses) or "*")
    return " || ".join(alternatives)


def _aliased(spec: str) -> tuple[str | None, str] | None:
    """``npm:customerio-node@^4`` -> ``("customerio-node", "^4")``; yarn berry's
    ``npm:^4.1.0`` -> ``(None, "^4.1.0")``; None for a spec without ``npm:``."""
    alias = _ALIAS.fullmatch(spec.strip())
    if alias is None:
        return None
    if alias.group(2) is None and _alternative(alias.group(1)) is not None:
        return None, alias.group(1)
    return alias.group(1), alias.group(2) or "*"


def _alternative(text: str) -> list[str] | None:
    """The clauses of one ``||`` alternative: comparators that all apply."""
    text = _OPERATOR_SPACE.sub(r"\1", text.strip())
    hyphen = _HYPHEN.fullmatch(text)
    if hyphen is not None:
        low, high = _parts(hyphen.group(1)), _parts(hyphen.group(2))
        if low is None or high is None:
            return None
        return [*_comparator(">=", low), *_comparator("<=", high)]
    clauses: list[str] = []
    for word in text.split():
        match = _COMPARATOR.fullmatch(word)
        if match is None:
            return None
        parts = tuple(p for p in match.group(2, 3, 4) if p is not None)
        clauses.extend(_comparator(match.group(1) or "=", parts))
    return clauses


def _parts(word: str) -> tuple[str, ...] | None:
    match = _COMPARATOR.fullmatch(word)
    if match is None or match.group(1) is not None:
        return None
    return tuple(p for p in match.group(2, 3, 4) if p is not None)


def _comparator(operator: str, parts: tuple[str, ...]) -> list[str]:
    """One npm comparator as clauses; a partial version (``3``, ``3.x``) is a wildcard."""
    numbers: list[int] = []
    for part in parts:
        if part in _WILDCARDS:
            break
        numbers.append(int(part))
    exact = len(numbers) == 3
    version = ".".join(str(n) for n in numbers)
    if not numbers:  # ``*``, ``x``, ``>=*``: any version (``<*`` too: npm allows none)
        return []
    if operator == "~>":
        operator = "~"
    if operator == "=":
        return [f"=={version}"] if exact else [f"=={version}.*"]
    if operator in ("^", "~", ">=", "<"):
        return [f"{operator}{version}"]
    if operator == ">":  # >1.2 is >=1.3.0
        return [f">{version}"] if exact else [f">={_next(numbers)}"]
    # <=1.2 is <1.3.0
    return [f"<={version}"] if exact else [f"<{_next(numbers)}"]


def _next(numbers: list[int]) -> str:
    return ".".join(str(n) for n in (*numbers[:-1], numbers[-1] + 1))
