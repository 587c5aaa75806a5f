"""Every file is named as Python imports it: below the deepest `src` folder, namespace
packages included, with the `__init__` chain's name as an alias, so a client imported from
another module is followed whatever the project's layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cio_lint.analysis.javascript.imports import ImportReader
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.engine.units import module_names_for, script_name

from .conftest import run_cli

CLIENT = (
    "import os\n\nfrom customerio import CustomerIO\n\n"
    'cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])\n'
)
#: A millisecond timestamp on line 5, column 54: CIO201 once `cio` is known to be a client.
USES = (
    "import time\n\n{imports}\n\n"
    'cio.track("user-1", "nightly_digest_sent", timestamp=int(time.time() * 1000))\n'
)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def project(root: Path, files: dict[str, str], settings: str = "") -> None:
    write(root, {"pyproject.toml": f"[tool.cio-lint]\n{settings}", **files})


def flagged(root: Path) -> list[tuple[str, int, int, str]]:
    """(path below ``root``, line, column, code) of every finding of a run over ``root``."""
    run = lint_paths([root], ConfigResolver(None, {"select": ("CIO201",)}), None)
    assert not run.errors, run.errors
    return sorted(
        (Path(os.path.relpath(f.path, root)).as_posix(), f.line, f.column, f.code)
        for f in run.findings
    )


def names(path: Path, *roots: Path) -> tuple[str, bool, tuple[str, ...]]:
    return module_names_for(path, [str(root) for root in roots])


# -- names ------------------------------------------------------------------------------


def test_a_file_below_a_root_is_named_by_its_path_with_or_without_init(tmp_path: Path) -> None:
    write(tmp_path, {"jobs/clients.py": "", "shop/__init__.py": "", "shop/orders.py": ""})
    assert names(tmp_path / "jobs/clients.py", tmp_path) == ("jobs.clients", False, ())
    assert names(tmp_path / "shop/orders.py", tmp_path) == ("shop.orders", False, ())
    assert names(tmp_path / "shop/__init__.py", tmp_path) == ("shop", True, ())
    assert names(tmp_path / "top.py", tmp_path) == ("top", False, ())


def test_the_deepest_root_holding_the_file_wins(tmp_path: Path) -> None:
    write(tmp_path, {"src/app/jobs/clients.py": ""})
    path = tmp_path / "src/app/jobs/clients.py"
    assert names(path, tmp_path, tmp_path / "src") == ("app.jobs.clients", False, ())
    assert names(path, tmp_path / "src", tmp_path) == ("app.jobs.clients", False, ())
    assert names(path, tmp_path) == ("src.app.jobs.clients", False, ())


def test_a_package_of_its_own_is_also_known_by_its_init_chain(tmp_path: Path) -> None:
    write(tmp_path, {"services/api/app/__init__.py": "", "services/api/app/clients.py": ""})
    app = tmp_path / "services/api/app"
    assert names(app / "clients.py", tmp_path) == (
        "services.api.app.clients", False, ("app.clients",)
    )
    assert names(app / "__init__.py", tmp_path) == ("services.api.app", True, ("app",))
    # Named from its own tree, the two names agree: no alias.
    assert names(app / "clients.py", tmp_path / "services/api") == ("app.clients", False, ())


def test_a_bare_file_name_is_no_alias(tmp_path: Path) -> None:
    """Every `clients.py` of a project would share the name `clients`."""
    write(tmp_path, {"jobs/clients.py": "", "reports/clients.py": ""})
    assert names(tmp_path / "reports/clients.py", tmp_path)[2] == ()


def test_a_file_under_no_root_is_named_by_its_init_chain(tmp_path: Path) -> None:
    write(tmp_path, {"lib/pkg/__init__.py": "", "lib/pkg/x.py": "", "my-tools/job.py": ""})
    assert names(tmp_path / "lib/pkg/x.py", tmp_path / "src") == ("pkg.x", False, ())
    # Below a root, but no dotted name: `my-tools` cannot be imported.
    assert names(tmp_path / "my-tools/job.py", tmp_path) == ("job", False, ())


# -- clients followed across modules ----------------------------------------------------


def test_a_client_is_followed_into_a_namespace_package_and_a_src_layout(
    tmp_path: Path,
) -> None:
    project(tmp_path, {
        "jobs/clients.py": CLIENT,
        "jobs/nightly.py": USES.format(imports="from jobs.clients import cio"),
        "src/shop/clients.py": CLIENT,
        "src/shop/orders.py": USES.format(imports="from shop.clients import cio"),
    })
    assert flagged(tmp_path) == [
        ("jobs/nightly.py", 5, 54, "CIO201"),
        ("src/shop/orders.py", 5, 54, "CIO201"),
    ]


def test_src_names_the_folders_modules_start_from(tmp_path: Path) -> None:
    files = {
        "lib/shop/clients.py": CLIENT,
        "lib/shop/orders.py": USES.format(imports="from shop.clients import cio"),
    }
    project(tmp_path, files)
    assert flagged(tmp_path) == []  # by default, that module is lib.shop.clients
    project(tmp_path, files, 'src = ["lib"]\n')
    assert flagged(tmp_path) == [("lib/shop/orders.py", 5, 54, "CIO201")]


def test_an_import_by_the_alias_of_a_package_of_its_own(tmp_path: Path) -> None:
    project(tmp_path, {
        "services/api/app/__init__.py": "",
        "services/api/app/clients.py": CLIENT,
        "services/api/app/signup.py": USES.format(imports="from app.clients import cio"),
        "services/api/app/billing.py": USES.format(
            imports="from services.api.app.clients import cio"
        ),
    })
    assert flagged(tmp_path) == [
        ("services/api/app/billing.py", 5, 54, "CIO201"),
        ("services/api/app/signup.py", 5, 54, "CIO201"),
    ]


def test_a_flush_helper_imported_by_the_alias_of_its_package_counts(tmp_path: Path) -> None:
    """CIO604 follows a call of `app.tracking.shutdown` to the module it names, whichever of
    its names the caller uses."""
    project(tmp_path, {
        "services/api/app/__init__.py": "",
        "services/api/app/tracking.py": (
            "from customerio import analytics\n\nclient = analytics.Client(WRITE_KEY)\n\n\n"
            "def shutdown():\n    client.shutdown()\n"
        ),
        "services/api/app/backfill.py": (
            "from app.tracking import client, shutdown\n\n"
            'client.track(user_id="1", event="imported")\nshutdown()\n'
        ),
        "services/api/app/leaky.py": (
            "from app.tracking import client\n\n"
            'client.track(user_id="1", event="imported")\n'
        ),
    })
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": ("CIO604",)}), None)
    assert [(Path(f.path).name, f.code) for f in run.findings] == [("leaky.py", "CIO604")]


def test_a_flush_helper_imported_by_a_neighbouring_script_counts(tmp_path: Path) -> None:
    project(tmp_path, {
        "scripts/tracking.py": (
            "from customerio import analytics\n\nclient = analytics.Client(WRITE_KEY)\n\n\n"
            "def shutdown():\n    client.shutdown()\n"
        ),
        "scripts/backfill.py": (
            'import tracking\n\ntracking.client.track(user_id="1", event="imported")\n'
            "tracking.shutdown()\n"
        ),
        "scripts/leaky.py": (
            'import tracking\n\ntracking.client.track(user_id="1", event="imported")\n'
        ),
    })
    run = lint_paths([tmp_path], ConfigResolver(None, {"select": ("CIO604",)}), None)
    assert [(Path(f.path).name, f.code) for f in run.findings] == [("leaky.py", "CIO604")]


@pytest.mark.parametrize(
    ("path", "imports"),
    [
        ("jobs/nightly.py", "from .clients import cio"),
        ("jobs/nightly.py", "from . import clients\ncio = clients.cio"),
        ("jobs/daily/nightly.py", "from ..clients import cio"),
    ],
)
def test_relative_imports_inside_a_namespace_package(
    tmp_path: Path, path: str, imports: str
) -> None:
    project(tmp_path, {"jobs/clients.py": CLIENT, path: USES.format(imports=imports)})
    line = 5 + imports.count("\n")
    assert flagged(tmp_path) == [(path, line, 54, "CIO201")]


def test_a_script_imports_its_neighbour_by_its_bare_name(tmp_path: Path) -> None:
    project(tmp_path, {
        "scripts/tracking.py": CLIENT,
        "scripts/job.py": USES.format(imports="from tracking import cio"),
        "scripts/other.py": USES.format(imports="import tracking\ncio = tracking.cio"),
    })
    assert flagged(tmp_path) == [
        ("scripts/job.py", 5, 54, "CIO201"),
        ("scripts/other.py", 6, 54, "CIO201"),
    ]


def test_a_bare_import_is_not_read_as_a_neighbour_when_it_could_be_another(
    tmp_path: Path,
) -> None:
    project(tmp_path, {
        # A project module of that name: the import means it, not the neighbour.
        "tracking.py": "cio = None\n",
        "scripts/tracking.py": CLIENT,
        "scripts/job.py": USES.format(imports="from tracking import cio"),
        # In a regular package, `import clients` is absolute, not the neighbour.
        "shop/__init__.py": "",
        "shop/clients.py": CLIENT,
        "shop/orders.py": USES.format(imports="from clients import cio"),
        # A neighbour of the same name elsewhere is not this folder's.
        "reports/weekly.py": USES.format(imports="from clients import cio"),
    })
    assert flagged(tmp_path) == []


# -- the setting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"src"', "'src' must be a list of strings"),
        ("[1]", "'src' must be a list of strings"),
        ('[""]', "'src' entry '' is not a folder path"),
        ('["src/*"]', "'src' entry 'src/*' is a glob; name each folder"),
    ],
)
def test_a_bad_src_is_a_one_line_error(tmp_path: Path, value: str, message: str) -> None:
    project(tmp_path, {"app.py": "import customerio\n"}, f"src = {value}\n")
    result = run_cli("check", ".", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].endswith(message), result.stderr


def test_show_settings_names_src_and_where_it_was_set(tmp_path: Path) -> None:
    project(tmp_path, {"app.py": ""}, 'src = ["lib", "."]\n')
    result = run_cli("check", "--show-settings", "app.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f'src = ["lib", "."]  # {tmp_path / "pyproject.toml"}' in result.stdout.splitlines()


# -- JavaScript and TypeScript -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/lib/customerio.ts", ("lib.customerio", False, ())),
        ("src/lib/index.ts", ("lib", True, ())),
        ("src/lib/index.js", ("lib", True, ())),
        ("lib/index.mjs", ("lib", True, ())),
        ("src/lib/customer-io.ts", ("lib.customer-io", False, ())),
        ("src/lib/cio.server.ts", ("lib.cio.server", False, ())),
        ("src/types/cio.d.ts", ("types.cio", False, ())),
        ("app/api/signup/route.tsx", ("app.api.signup.route", False, ())),
        ("index.js", ("index", False, ())),
    ],
)
def test_a_javascript_module_is_named_by_its_path_below_the_deepest_root(
    tmp_path: Path, path: str, expected: tuple[str, bool, tuple[str, ...]]
) -> None:
    assert names(tmp_path / path, tmp_path, tmp_path / "src") == expected


@pytest.mark.parametrize(
    ("importer", "specifier", "target"),
    [
        ("src/app/api/signup/route.ts", "../../../lib/customerio", "src/lib/customerio.ts"),
        ("src/app/api/signup/route.ts", "@/lib/customerio", "src/lib/customerio.ts"),
        ("src/app/api/signup/route.ts", "~/lib", "src/lib/index.ts"),
        ("src/app/page.tsx", "../lib/cio.js", "src/lib/cio.ts"),
        ("src/app/page.tsx", "../lib/customer-io", "src/lib/customer-io.ts"),
        ("src/app/page.tsx", "../lib/cio.server", "src/lib/cio.server.ts"),
        ("src/lib/index.ts", "./customerio", "src/lib/customerio.ts"),
        ("src/lib/index.ts", "../workers/digest.mjs", "src/workers/digest.mjs"),
        ("src/lib/customerio.ts", ".", "src/lib/index.ts"),
        ("src/lib/customerio.ts", "./index.js", "src/lib/index.ts"),
    ],
)
def test_a_javascript_import_names_the_module_the_file_is_named(
    tmp_path: Path, importer: str, specifier: str, target: str
) -> None:
    roots = (tmp_path, tmp_path / "src")
    name, is_package, _ = names(tmp_path / importer, *roots)
    assert ImportReader(name, is_package).module_of(specifier) == names(
        tmp_path / target, *roots)[0]


def test_a_javascript_file_has_no_bare_script_name(tmp_path: Path) -> None:
    assert script_name(tmp_path / "scripts/helpers.ts", "scripts.helpers") == ()
    assert script_name(tmp_path / "scripts/helpers.py", "scripts.helpers") == ("helpers",)
