"""Modules parsed for their constants: what SDK-using files import, and no further than
the names they ask for."""

from __future__ import annotations

from pathlib import Path

from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.engine.constant_sources import WantedNames
from cio_lint.engine.file_run import FileResult

from .test_cli import write

MODULES = ("app", "app.track", "app.constants", "app.base", "app.plans", "app.billing",
           "lib.track", "lib.constants", "lib.constants.events", "os", "posixpath", "stat")


def _module(name: str, reexports: dict[str, str] | None = None,
            imports: tuple[str, ...] = ()) -> FileResult:
    return FileResult(f"{name}.py", module_name=name, reexports=reexports or {},
                      project_imports=frozenset(imports))


def test_a_user_asks_for_everything_it_imports() -> None:
    wanted = WantedNames(MODULES)
    user = _module("app.track", imports=("app.constants.EVENT", "os", "billing.models.User"))
    assert wanted.arrived([user]) == ["app.constants.EVENT", "billing.models.User", "os"]
    assert wanted.arrived([user]) == []  # each name once


def test_a_module_read_for_constants_passes_on_only_the_names_asked_of_it() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("app.track", imports=("app.constants.EVENT",))])
    constants = _module(
        "app.constants", reexports={"EVENT": "app.base.EVENT", "json": "json"},
        imports=("app.base.EVENT", "json", "app.unrelated.THING"),
    )
    assert wanted.arrived([], [constants]) == ["app.base.EVENT"]
    base = _module("app.base", reexports={"logging": "logging"}, imports=("logging",))
    assert wanted.arrived([], [base]) == []  # defines EVENT itself


def test_a_name_asked_later_of_a_module_already_read_is_passed_on() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("app.track", imports=("app.constants.EVENT",))])
    constants = _module("app.constants", reexports={"PLAN": "app.plans.PLAN"})
    assert wanted.arrived([], [constants]) == []
    later = _module("app.billing", imports=("app.constants.PLAN.name",))
    assert wanted.arrived([later]) == ["app.constants.PLAN.name", "app.plans.PLAN.name"]


def test_a_star_import_passes_on_what_the_module_does_not_import_by_name() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("lib.track", imports=("lib.constants.EVENT",))])
    barrel = _module("lib.constants", reexports={"*": "lib.constants.events"})
    assert wanted.arrived([], [barrel]) == ["lib.constants.events.EVENT"]


def test_a_module_imported_whole_passes_on_only_its_own_packages_names() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("app.track", imports=("app.constants", "os"))])
    constants = _module("app.constants", reexports={"EVENT": "app.base.EVENT", "sys": "sys"})
    os_copy = _module("os", reexports={"path": "posixpath", "st": "stat", "abc": "abc"})
    assert wanted.arrived([], [constants, os_copy]) == ["app.base.EVENT"]


def test_a_name_is_answered_by_the_module_that_names_it_most_closely() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("lib.track", imports=("lib.constants.events.EVENT",))])
    barrel = _module("lib.constants", reexports={"events": "elsewhere.events"})
    assert wanted.arrived([], [barrel]) == []  # ``lib.constants.events`` is a module


def test_a_re_export_pointing_below_itself_is_passed_on_once() -> None:
    wanted = WantedNames(MODULES)
    wanted.arrived([_module("app.track", imports=("app.plans_of",))])
    package = _module("app", reexports={"plans_of": "app.plans_of.plans_of", "*": "app.gone"})
    assert wanted.arrived([], [package]) == ["app.plans_of.plans_of"]
    wanted.arrived([_module("app.billing", imports=("app.gone.x",))])
    assert wanted.arrived([], [_module("app.base")]) == []


def test_a_run_reads_the_chain_to_a_constant_and_not_what_its_modules_import(
    tmp_path: Path,
) -> None:
    for name, text in {
        "pyproject.toml": "[tool.cio-lint]\n",
        "app/__init__.py": "",
        "app/base.py": 'import app.deep\nEVENT = "Signed Up"\n',
        "app/deep.py": "import app.deeper\n",
        "app/deeper.py": "X = 1\n",
        "app/constants.py": "import app.helpers\nfrom app.base import EVENT\n",
        "app/helpers.py": "import app.deeper\n",
        "app/track.py": (
            "import os\nfrom customerio import CustomerIO\nimport app.constants as C\n"
            "from app.constants import EVENT\n"
            "cio = CustomerIO(os.environ['S'], os.environ['K'])\n"
            "cio.identify(id=1)\ncio.track(1, EVENT)\ncio.track(1, C.EVENT)\n"
        ),
    }.items():
        write(tmp_path, name, text)
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": ("CIO401",)}), None)
    assert [(f.path.rsplit("/", 1)[-1], f.line, f.message[:47]) for f in run.findings] == [
        ("track.py", 7, 'event name "Signed Up" (through `app.constants.'),
        ("track.py", 8, 'event name "Signed Up" (through `app.constants.'),
    ]
    assert sorted(p.rsplit("/", 1)[-1] for p in run.not_parsed) == [
        "__init__.py", "deep.py", "deeper.py", "helpers.py",
    ]
