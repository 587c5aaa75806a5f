"""The architecture is a rule, not a convention: layers, a parser-free rule layer, small modules.

The import contracts live in pyproject.toml (``[tool.importlinter]``); this runs them,
so a rule that imports LibCST or a reporter that reaches into the engine fails CI
with import-linter's explanation of the offending chain.
"""

from __future__ import annotations

import os
import tokenize
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "cio_lint"
#: Small modules with one job: past this a module is doing two things.
MAX_MODULE_LINES = 400
CONTRACTS = (
    "layers",
    "core-is-plain",
    "rules-speak-no-parser",
    "interface-is-neutral",
    "reports-read-core",
    "only-the-server-speaks-lsp",
)


@pytest.mark.parametrize("contract", CONTRACTS)
def test_import_contract_is_kept(
    contract: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT / "src"))
    status = lint_imports(
        config_filename=str(ROOT / "pyproject.toml"),
        limit_to_contracts=(contract,),
        no_cache=True,
    )
    output = capsys.readouterr().out
    assert status == 0, output
    assert "1 kept, 0 broken" in output


def test_every_contract_is_tested() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = {
        line.split("=", 1)[1].strip().strip('"')
        for line in text.splitlines()
        if line.startswith("id = ")
    }
    assert declared == set(CONTRACTS)


def _code_lines(path: Path) -> int:
    with tokenize.open(path) as handle:
        return sum(1 for _ in handle)


def test_no_module_is_oversized() -> None:
    sizes = {
        os.path.relpath(path, PACKAGE): _code_lines(path) for path in PACKAGE.rglob("*.py")
    }
    assert sizes, "no modules found"
    oversized = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert oversized == {}
