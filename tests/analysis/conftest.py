"""Shared helpers for the analysis tests: models built from source snippets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from cio_lint.analysis.python.model import PythonModel
from cio_lint.analysis.python.semantic import SemanticModel
from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import ClientName, Config


def semantic_of(
    src: str,
    *,
    module_name: str = "",
    is_package: bool = False,
    client_names: Sequence[ClientName] = (),
    external: Mapping[str, Knowledge] | None = None,
) -> SemanticModel:
    """The Python frontend's semantic model of ``src``, parsed the way the engine parses it."""
    return SemanticModel(
        cst.parse_module(src),
        module_name=module_name,
        is_package=is_package,
        client_names=client_names,
        external=external,
        source=src,
    )


def model_of(
    src: str,
    *,
    module_name: str = "",
    is_package: bool = False,
    client_names: Sequence[ClientName] = (),
    external: Mapping[str, Knowledge] | None = None,
) -> PythonModel:
    """The ``ModuleModel`` rules see for ``src``."""
    semantic = semantic_of(
        src,
        module_name=module_name,
        is_package=is_package,
        client_names=client_names,
        external=external,
    )
    return PythonModel(semantic, Config())
