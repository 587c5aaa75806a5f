"""Python answers to ``cio_lint.analysis.regions.RegionQueries``."""

from __future__ import annotations

from cio_lint.analysis.python import region_fixes, regions
from cio_lint.analysis.python.queries.base import PythonQueriesBase
from cio_lint.analysis.python.scopes import as_scope, call_node, expression, syntax
from cio_lint.analysis.records import Argument, Node, Place, SdkCall
from cio_lint.analysis.regions import (
    ClientRegion,
    PipelinesSetting,
    Region,
    RegionsReference,
    RegionValue,
)

_PIPELINES_MODULE = "customerio.analytics"


class PythonRegionQueries(PythonQueriesBase):
    """Implements ``RegionQueries`` on the Python semantic model."""

    def judge_region(self, node: Node, place: Place, order: int | None) -> RegionValue:
        return regions.judge_region(self.semantic, expression(node), as_scope(place), order)

    def construction_region(self, call: SdkCall) -> ClientRegion | None:
        return regions.construction_region(self.semantic, call)

    def host_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return regions.host_region(self.semantic, expression(node), as_scope(place), order)

    def write_key_region(self, node: Node, place: Place, order: int | None) -> Region | None:
        return regions.write_key_region(self.semantic, expression(node), as_scope(place), order)

    def pipelines_settings(self) -> list[PipelinesSetting]:
        model = self.semantic
        return [
            PipelinesSetting(
                target, target.attr.value, target.attr, model.code(target.value), value, scope,
                order,
            )
            for target, value, scope, order, _ in model.attribute_assignments
            if model.qualname(target.value, scope) == _PIPELINES_MODULE
        ]


    def regions_reference(
        self, place: Place, order: int, region: Region | None = None
    ) -> RegionsReference | None:
        return region_fixes.regions_reference(self.semantic, as_scope(place), order)

    def region_name_text(self, region: Region) -> str:
        return f"Regions.{region.label}"

    def option_text(self, name: str, value: str) -> str:
        return f"{name}={value}"

    def region_rewrite_text(self, call: SdkCall, found: ClientRegion, region: Region) -> str:
        return region_fixes.region_rewrite_text(self.semantic, call, found, region)

    def is_last_positional(self, call: SdkCall, argument: Argument) -> bool:
        positional = [a for a in call_node(call).args if a.keyword is None and not a.star]
        return bool(positional) and positional[-1] is argument.node

    def region_from_environment_text(self, node: Node, regions: str) -> str:
        return region_fixes.region_from_environment_text(self.semantic, syntax(node), regions)

    def with_region_text(self, call: SdkCall, region: Region) -> str:
        return region_fixes.with_region_text(self.semantic, call, region)
