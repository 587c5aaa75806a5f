"""The analysis interface for the SDK surface:
names that do not exist and signatures that do not fit.

A rule decides what is wrong and says it; the frontend finds the names and
keywords in its syntax and writes the replacement text in its language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Node, Place, SdkCall
from cio_lint.core.findings import Edit


def package_relative(qualified: str) -> str:
    """``Regions.EU`` for ``customerio.Regions.EU``; ``customerio`` stays as it is."""
    return qualified.split(".", 1)[1] if qualified.count(".") else qualified


@dataclass(frozen=True)
class Replacement:
    """One edit of a fix: ``node``'s text becomes ``text``."""

    node: Node
    text: str


@dataclass(frozen=True)
class RewrittenCall:
    """A call as it reads after a fix, and the edits that make it: only the tokens that
    change, so the comments and line breaks around them stay where they are."""

    text: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class MissingSdkName:
    """One place that imports or uses a name the SDK does not have.

    ``node`` is what to report (an imported name, a module path, an attribute chain);
    ``missing`` the qualified name that does not exist, ``instead`` what does.
    """

    node: Node
    missing: str
    instead: str
    #: ``node``'s text as written.
    written: str
    #: The import statement, for imports (None for attribute uses).
    statement: Node | None = None
    #: The imported name itself, when one name of an import is what is missing.
    imported: Node | None = None
    #: The import gives the name another local name (``import X as Y``).
    renamed_on_import: bool = False
    #: The statement imports names from a module (``from m import n``).
    from_import: bool = False
    #: For ``analytics.endpoint = value``: the value assigned (None when only read).
    assigned_value: Node | None = None
    #: The property name at the end of an attribute chain (what a rename edits).
    member: Node | None = None
    #: Where an attribute use sits, for resolving its names.
    place: Place | None = None
    #: Missing only from this SDK major on (the 0.x-2.x default export on 3.x); None: always.
    missing_from: int | None = None
    #: Missing only before this SDK major (``TrackClient`` before 3.x); None: always.
    missing_before: int | None = None

    @property
    def last(self) -> str:
        return self.missing.rsplit(".", 1)[-1]

    @property
    def is_region_name(self) -> bool:
        return self.instead.startswith("customerio.Regions.")

    @property
    def assigned(self) -> bool:
        return self.assigned_value is not None


@dataclass(frozen=True)
class PassedKeyword:
    """A keyword a call passes: ``name=value``, or a key of a spread mapping literal."""

    name: str
    #: Where to report: the keyword, the mapping key, or the spread.
    node: Node
    #: What a rename edits: the keyword name or the mapping key literal.
    key: Node
    value: Node
    #: The argument it travels in.
    argument: Node
    #: The keyword is a key of a spread mapping (``**{"from_": ...}``).
    spread: bool
    #: The spread mapping, when it is not written at the call (``**fields``).
    via: Node | None = None

    @property
    def inline(self) -> bool:
        """Written at the call, so editing it changes only this call."""
        return self.via is None


class Shape(str, Enum):
    """How a call's arguments do not have the shape the SDK takes (positional SDKs)."""

    #: An object where the customer id goes (``identify({id, email})``).
    OBJECT_AS_ID = "object-as-id"
    #: A string where the event object goes (``track(id, "name", data)``).
    NAME_AS_EVENT = "name-as-event"
    #: One event object and no id: the 1.x/2.x ``trackAnonymous(data)``.
    ANONYMOUS_WITHOUT_ID = "anonymous-without-id"
    #: A plain object where a request class instance goes (``sendEmail({...})``).
    PLAIN_REQUEST = "plain-request"
    #: A request key the SDK copies nothing of (``detail`` names it).
    DROPPED_KEY = "dropped-key"
    #: Positional arguments where the call takes one object (Segment-browser style).
    POSITIONAL_OBJECT_CALL = "positional-object-call"
    #: A number as the user id, where the SDK requires a string.
    NUMERIC_USER_ID = "numeric-user-id"
    #: A Pipelines ``track`` without its event name (``detail``: a misnamed key for it).
    MISSING_EVENT = "missing-event"


@dataclass(frozen=True)
class MisshapenCall:
    """One call whose arguments do not have the shape the SDK takes."""

    shape: Shape
    call: SdkCall
    #: What to report.
    node: Node
    #: What the shape names: a dropped key, the request class a send method needs.
    detail: str = ""
    #: The call or argument as it should read, in the module's language, when known.
    correct: str | None = None
    #: The edits that make it read so, when they are mechanical.
    edits: tuple[Replacement, ...] = ()


class SdkSurfaceQueries(Protocol):
    """Questions about the SDK surface that rules ask the model."""

    def callee_text(self, call: SdkCall) -> str:
        """What ``call`` calls, as written (``cio.identify``; a function passed by
        reference, ``notify_account``)."""

    def qualified_name(self, node: Node, place: Place, order: int | None = None) -> str:
        """The SDK or library name ``node`` refers to through imports, ``""`` when unknown."""

    # -- names that do not exist ----------------------------------------------------------

    def missing_sdk_names(self) -> list[MissingSdkName]:
        """Every import and use of a name the SDK does not have, in source order, each once."""

    def rename_import(
        self, imported: Node, new_name: str, use_text: str | None = None
    ) -> list[Replacement] | None:
        """Rename an imported name to ``new_name`` and each of its uses to ``use_text``
        (default ``new_name``); None when that is not mechanical (the name is rebound,
        ``new_name`` means something else, an alias's uses would need rewriting)."""

    def missing_module_import_fix(self, missing: MissingSdkName) -> list[Replacement] | None:
        """Import from the package what an import from a missing submodule meant
        (names mapped to what exists); None when some name has no counterpart."""

    def existing_name_rewrite(self, missing: MissingSdkName) -> str | None:
        """The same attribute chain, from the same package name, naming what exists."""

    # -- signatures -----------------------------------------------------------------------

    def keyword_signatures(self) -> bool:
        """True where SDK calls bind arguments by keyword (Python), so keyword, positional
        and required-argument checks apply; False where calls take positions and options
        objects (Node), whose mistakes ``misshapen_calls`` finds."""

    def misshapen_calls(self) -> list[MisshapenCall]:
        """Calls of a positional SDK whose arguments have the wrong shape, in source order."""

    def rejection(self, call: SdkCall, param: str) -> str:
        """How the SDK rejects a bad value of ``param`` (a blank id, an unknown id type),
        for a message: ``the SDK raises CustomerIOException``."""

    def passed_keywords(self, call: SdkCall) -> list[PassedKeyword]:
        """Every keyword ``call`` passes: written ones and keys of spread mapping literals."""

    def keyword_text(self, name: str, value: Node) -> str:
        """A named argument ``name`` with ``value``, as this language writes it."""

    def written_keyword(self, keyword: PassedKeyword) -> str:
        """The keyword as written: ``price=23.45``, or ``"price": 23.45`` in a mapping."""

    def renamed_key_text(self, keyword: PassedKeyword, name: str) -> str:
        """What replaces ``keyword.key`` to rename it to ``name`` (a quoted key stays quoted)."""

    def mapping_argument_text(self, container: str, keywords: list[PassedKeyword]) -> str:
        """The argument ``container`` holding ``keywords`` as a mapping literal."""

    def moved_into_rewrite(
        self, call: SdkCall, keywords: list[PassedKeyword], container: str
    ) -> RewrittenCall | None:
        """``call`` with ``keywords`` folded into the mapping argument ``container``; None
        when that is not mechanical or would drop a comment or a line break."""
