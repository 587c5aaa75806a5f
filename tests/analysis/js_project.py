"""JavaScript/TypeScript modules linked as the engine links a project: each analysed
with what the others export, until nothing new is learnt (no rules run)."""

from __future__ import annotations

from pathlib import Path

from cio_lint.analysis.javascript.frontend import JAVASCRIPT
from cio_lint.analysis.javascript.model import JavaScriptModel
from cio_lint.analysis.summaries import Knowledge
from cio_lint.core.config import Config
from cio_lint.engine.file_run import FileResult
from cio_lint.engine.project_phase import ExportTable
from cio_lint.engine.units import module_names_for

ROOT = Path("/project")


def linked(files: dict[str, str], rounds: int = 6) -> dict[str, JavaScriptModel]:
    """Each file's model (by path), analysed with what the other modules tell it."""
    names = {path: module_names_for(ROOT / path, (str(ROOT), str(ROOT / "src")))
             for path in files}
    external: dict[str, dict[str, Knowledge]] = {path: {} for path in files}
    models: dict[str, JavaScriptModel] = {}
    for _ in range(rounds):
        results = []
        for path, source in files.items():
            name, is_package, _ = names[path]
            model = JAVASCRIPT.analyse(source, Config(), path=path, module_name=name,
                                       is_package=is_package, external=external[path])
            assert isinstance(model, JavaScriptModel)
            models[path] = model
            result = FileResult(path, module_name=name, parsed=True)
            result.exports = model.exports()
            result.reexports = model.reexports()
            result.project_imports = model.project_imports()
            result.uses_sdk = bool(model.sdk_calls() or model.wrapper_calls())
            results.append(result)
        table = ExportTable()
        table.add(results)
        table.find_client_parameters()
        told = {r.path: table.needed_by(r) for r in results}
        if told == external:
            break
        external = told
    return models
