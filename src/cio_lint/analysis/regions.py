"""The analysis interface for regions: which data centre a client is configured for.

A workspace lives in one region, US or EU, and every client must talk to it. A
frontend judges the values written where a region, host or write key belongs; what a
text (``"eu"``, ``https://track-eu.customer.io``, ``sk_eu_...``) means is judged here,
once for every language (CIO104 invalid values, CIO105 mismatches).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cio_lint.analysis.records import Argument, Node, Place, SdkCall
from cio_lint.core import sdk


class Region(str, Enum):
    """A Customer.io data center."""

    US = "us"
    EU = "eu"

    @property
    def label(self) -> str:
        return self.value.upper()

    @property
    def other(self) -> Region:
        return Region.EU if self is Region.US else Region.US


#: Default Pipelines host of each region.
PIPELINES_HOST = {Region.US: "https://cdp.customer.io", Region.EU: "https://cdp-eu.customer.io"}
#: Write-key prefixes (SDK 1.1.0+) that pick a region by themselves.
_KEY_PREFIXES = {Region.US: ("pk_us_", "sk_us_"), Region.EU: ("pk_eu_", "sk_eu_")}


def region_of_text(text: str | None) -> Region | None:
    """``"eu"``/``"EU"``/``"europe"`` mean EU, ``"us"`` means US; hosts count too."""
    if text is None:
        return None
    cleaned = text.strip().lower()
    if cleaned in ("eu", "europe"):
        return Region.EU
    if cleaned in ("us", "usa"):
        return Region.US
    return region_of_host(text)


def region_of_host(text: str) -> Region | None:
    """The region of a URL or host naming a Customer.io endpoint (``track-eu.customer.io``)."""
    host = text.strip().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    if host in sdk.EU_HOSTS:
        return Region.EU
    if host in sdk.US_HOSTS:
        return Region.US
    return None


def region_of_write_key(text: str) -> Region | None:
    """The region a Pipelines write key picks by its prefix, if it has one."""
    for region, prefixes in _KEY_PREFIXES.items():
        if text.startswith(prefixes):
            return region
    return None


@dataclass(frozen=True)
class RegionValue:
    """What a value passed where a ``Region`` belongs really is.

    ``region`` is set for a real ``Regions.US``/``Regions.EU``; ``problem`` says why
    anything else is not a ``Region`` (the SDK raises); both are None when unknown.
    ``intended`` is the region a wrong value clearly means (``"eu"`` means EU).
    ``node`` is the value itself, after following locals; ``via`` the name it came
    through, if any.
    """

    node: Node
    region: Region | None = None
    problem: str | None = None
    intended: Region | None = None
    via: str | None = None
    #: The value names the Node SDK's region constant (``RegionEU``, ``customerio.RegionEU``).
    node_name: bool = False
    #: The value names an SDK attribute that does not exist (AttributeError, not a bad value).
    nonexistent: bool = False
    #: The value is a string literal: it says its region outright.
    literal: bool = False
    #: The value may be missing (``undefined``): the SDK then silently uses the US region.
    silent: bool = False


@dataclass(frozen=True)
class ClientRegion:
    """The region a client construction talks to, and what decides it.

    ``source`` is ``"region"``, ``"host"``, ``"url"``, ``"write_key"`` or ``"default"``
    (nothing given: the SDK's US default); ``node`` is that argument, or the call.
    """

    region: Region
    source: str
    node: Node


@dataclass(frozen=True)
class RegionsReference:
    """How to write the SDK's ``Regions`` at a place; when it must be imported first,
    ``statement`` is the import to replace with ``statement_text``."""

    text: str
    statement: Node | None = None
    statement_text: str = ""
    #: How each region is spelled when it is a name of its own (Node's ``RegionEU``).
    names: tuple[tuple[Region, str], ...] = ()
    #: The spelling exists in every SDK version the code can be running (it extends an
    #: import that only works on a version that has it).
    proven: bool = False

    def name_of(self, region: Region) -> str:
        """``Regions.EU``, or the region's own name when the SDK has one."""
        return dict(self.names).get(region, f"{self.text}.{region.label}")


@dataclass(frozen=True)
class PipelinesSetting:
    """``analytics.<setting> = value``: a module-level setting of the Pipelines SDK.

    ``name`` is the setting's name as written (what an edit renames), ``module`` how
    the SDK module is spelled there.
    """

    target: Node
    setting: str
    name: Node
    module: str
    value: Node
    place: Place
    order: int


class RegionQueries(Protocol):
    """Questions about regions that rules ask the model."""

    def judge_region(self, node: Node, place: Place, order: int | None) -> RegionValue:
        """Judge a value given as a region: a real Region, a wrong value, or unknown."""

    def construction_region(self, call: SdkCall) -> ClientRegion | None:
        """The region a client construction talks to; None when it cannot be told."""

    def host_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        """The region of a host or URL value when it is a literal Customer.io host."""

    def write_key_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        """The region a literal Pipelines write key picks by its prefix."""

    def pipelines_settings(self) -> list[PipelinesSetting]:
        """Every assignment to a setting of the Pipelines SDK module, in source order."""

    def regions_reference(
        self, place: Place, order: int, region: Region | None = None
    ) -> RegionsReference | None:
        """How to spell ``Regions`` (or ``region`` itself) at ``place``; None when no safe
        spelling exists."""

    def region_name_text(self, region: Region) -> str:
        """The SDK's name of ``region`` as this language writes it (``Regions.EU``)."""

    def option_text(self, name: str, value: str) -> str:
        """A client option as this language writes it: ``region=...`` or ``region: ...``."""

    def region_rewrite_text(self, call: SdkCall, found: ClientRegion, region: Region) -> str:
        """The concrete change that puts the client of ``call`` (now on ``found``) on
        ``region``."""

    def is_last_positional(self, call: SdkCall, argument: Argument) -> bool:
        """Is ``argument`` the last positional argument written at ``call``?"""

    def region_from_environment_text(self, node: Node, regions: str) -> str:
        """A region argument choosing EU or US from the environment value ``node``."""

    def with_region_text(self, call: SdkCall, region: Region) -> str:
        """``call`` written again with the region argument ``region`` added."""
