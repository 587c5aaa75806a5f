"""The JavaScript/TypeScript answers to ``RegionQueries`` (analysis/regions.py)."""

from __future__ import annotations

from cio_lint.analysis.javascript.queries.base import JsQueriesBase
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
        return RegionValue(node)

    def construction_region(self, call: SdkCall) -> ClientRegion | None:
        return None

    def host_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return None

    def write_key_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return None

    def pipelines_settings(self) -> list[PipelinesSetting]:
        return []

    def regions_reference(self, place: Place, order: int) -> RegionsReference | None:
        return None

    def is_last_positional(self, call: SdkCall, argument: Argument) -> bool:
        return False

    def region_from_environment_text(self, node: Node, regions: str) -> str:
        return ""

    def with_region_text(self, call: SdkCall, region: Region) -> str:
        return ""
