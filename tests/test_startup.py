"""What a command loads: the parsers and worker processes only when a file needs
analysing, and the analysis not at all to document rules, so a configuration error and a
run whose files all miss the prefilter or hit the cache start without a parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs the command line in this interpreter, then prints the heavy modules it loaded and
#: every module it loaded.
PROBE = """\
import sys
from cio_lint import cli
sys.argv = ["cio-lint", *sys.argv[1:]]
cli._leave = sys.exit  # the command line ends the process at once; here it must return
try:
    cli.main()
except SystemExit:
    pass
every = sorted(sys.modules)  # before this probe's own json
import json
heavy = ("libcst", "tree_sitter", "multiprocessing", "cio_lint.analysis", "pathspec",
         "importlib.metadata", "cio_lint.rules", "cio_lint.engine.linking")
print(json.dumps(sorted({m for m in every for h in heavy if m == h or m.startswith(h + ".")
                         if m.count(".") <= 1 or m.startswith("cio_lint.engine.")})),
      file=sys.stderr)
print(json.dumps(every), file=sys.stderr)
"""

USES_SDK = """\
import os

from customerio import CustomerIO

cio = CustomerIO(os.environ["SITE_ID"], os.environ["API_KEY"])
cio.identify(id="5", plan="pro")
"""


def loaded(cwd: Path, *args: str, every: bool = False) -> list[str]:
    """The heavy modules ``cio-lint ARGS`` loaded (its own output is dropped); ``every``:
    every module it loaded."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    modules: list[str] = json.loads(result.stderr.strip().splitlines()[-1 if every else -2])
    return modules


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("rule", "CIO201")])
def test_rule_documentation_needs_no_analysis(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert loaded(tmp_path, *args) == ([] if args == ("--version",) else ["cio_lint.rules"])


def parsers(cwd: Path, *args: str) -> list[str]:
    """The parsers and worker processes ``cio-lint ARGS`` loaded."""
    return [module for module in loaded(cwd, *args) if not module.startswith("cio_lint.")]


def test_a_replayed_run_loads_no_rule_and_no_pipeline(tmp_path: Path) -> None:
    """Nothing changed since the last run: its result is replayed without the rules, the
    pipeline or a parser (rule documentation loads for SARIF's rule table only)."""
    (tmp_path / "pyproject.toml").write_text('[tool.cio-lint]\n')
    (tmp_path / "app.py").write_text(USES_SDK)
    first = loaded(tmp_path, "check", ".")
    assert {"libcst", "cio_lint.rules", "cio_lint.engine.linking"} <= set(first)
    # (The engine's discovery knows the file suffixes of each language from its frontend.)
    assert [m for m in loaded(tmp_path, "check", ".") if m != "cio_lint.analysis"] == []
    assert [m for m in loaded(tmp_path, "check", "--output-format", "sarif", ".")
            if m != "cio_lint.analysis"] == ["cio_lint.rules"]


def test_a_configuration_error_loads_no_parser(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cio-lint]\nselect = ["BOGUS"]\n')
    (tmp_path / "app.py").write_text(USES_SDK)
    assert parsers(tmp_path, "check", "--no-cache") == []


def test_files_that_miss_the_prefilter_load_no_parser_and_no_rule(tmp_path: Path) -> None:
    """Walked or named (as pre-commit names them), files without Customer.io code are
    not parsed: no parser, no worker processes, and no rule (no file, so no project,
    has anything for a rule to judge)."""
    for index in range(3):
        (tmp_path / f"plain{index}.py").write_text(f"def add(a, b):\n    return a + b + {index}\n")
    for args in ([], ["plain0.py", "plain1.py", "plain2.py"]):
        modules = loaded(tmp_path, "check", "--no-cache", *(args or ["."]))
        assert [m for m in modules if not m.startswith("cio_lint.")] == []
        assert "cio_lint.rules" not in modules
        # Nor the stages that analyse, link or cache files, nor secret masking, nor what
        # hashes files or reads JSON: with no file to analyse and no cache, none of them
        # has anything to do.
        every = loaded(tmp_path, "check", "--no-cache", *(args or ["."]), every=True)
        assert "cio_lint.engine.pipeline" in every  # it did lint them
        for stage in ("linking", "file_run", "caching_analyzer", "project_phase", "workers",
                      "cache", "replay"):
            assert f"cio_lint.engine.{stage}" not in every
        assert not {"cio_lint.core.secrets", "hashlib", "json"} & set(every)


def test_files_that_miss_the_prefilter_load_no_record_they_cannot_use(tmp_path: Path) -> None:
    """Nor, every run paying for what it loads, the records of findings and rule pages,
    the code that shows a finding, the cache's manifest, the time budget, the Node
    dependency readers (no package.json), the SDK tables, the checker of configured
    patterns (none configured), difflib (another tool's table is no misspelling), the
    frontend protocol (for the type checker only) or the patterns that tell generated
    JavaScript (no JavaScript file walked)."""
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n")
    (tmp_path / "plain.py").write_text("def add(a, b):\n    return a + b\n")
    every = set(loaded(tmp_path, "check", "--no-cache", ".", every=True))
    assert "cio_lint.engine.pipeline" in every  # it did lint the file
    unused = {f"cio_lint.{name}" for name in (
        "core.findings", "core.file_errors", "core.rule_doc", "report.finding_text",
        "engine.manifest", "engine.budget", "engine.node_dependency_files",
        "core.npm_ranges", "core.sdk", "core.linear_regex", "analysis.comment",
        "analysis.frontend", "analysis.javascript.generated",
    )} | {"difflib"}
    assert sorted(unused & every) == []


def test_files_answered_by_the_cache_load_no_parser(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n')
    (tmp_path / "app.py").write_text(USES_SDK)
    (tmp_path / "plain.py").write_text("def add(a, b):\n    return a + b\n")
    assert "libcst" in parsers(tmp_path, "check", ".")  # the cold run parses app.py
    assert parsers(tmp_path, "check", ".") == []
    assert parsers(tmp_path, "check", "app.py", "plain.py") == []
