"""The JavaScript/TypeScript answers to ``RegionQueries`` (analysis/regions.py)."""

from __future__ import annotations

from cio_lint.analysis.javascript import region_fixes, regions
from cio_lint.analysis.javascript.queries.base import JsQueriesBase, scope, ts
from cio_lint.analysis.records import Argument, Node, Place, SdkCall
from cio_lint.analysis.regions import (
    ClientRegion,
    PipelinesSetting,
    Region,
    RegionsReference,
    RegionValue,
)


class JsRegionQueries(JsQueriesBase):
    def judge_region(self, node: Node, place: Place, order: int | None) -> RegionValue:
        return regions.judge_region(self.semantic, ts(node), scope(place), order)

    def construction_region(self, call: SdkCall) -> ClientRegion | None:
        return regions.construction_region(self.semantic, call)

    def host_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return regions.host_region(self.semantic, ts(node), scope(place), order)

    def write_key_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return None  # Node write keys carry no region prefix: the host decides

    def pipelines_settings(self) -> list[PipelinesSetting]:
        return []  # the Node SDKs have no module-level settings

    def regions_reference(
        self, place: Place, order: int, region: Region | None = None
    ) -> RegionsReference | None:
        return region_fixes.regions_reference(self.semantic, scope(place), order, region)

    def region_name_text(self, region: Region) -> str:
        return region_fixes.region_name(region)

    def option_text(self, name: str, value: str) -> str:
        return f"{name}: {value}"

    def region_rewrite_text(self, call: SdkCall, found: ClientRegion, region: Region) -> str:
        return region_fixes.region_rewrite_text(call, found, region)

    def is_last_positional(self, call: SdkCall, argument: Argument) -> bool:
        return False  # options are keys of an object, never positional

    def region_from_environment_text(self, node: Node, regions: str) -> str:
        return region_fixes.region_from_environment_text(ts(node), regions)

    def with_region_text(self, call: SdkCall, region: Region) -> str:
        return region_fixes.with_region_text(call, region)
