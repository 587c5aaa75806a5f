"""What a release ships: one version everywhere, a changelog entry for it, and an sdist that
holds the whole source tree (tests, fixtures, docs), built the way `python -m build` does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

import pytest

import cio_lint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the runtime dependency of Python 3.10
    import tomli as tomllib

from .conftest import ROOT, run_cli

#: Files of the source tree that are not part of a source distribution.
NOT_SHIPPED = {".gitignore"}


def test_version_is_the_same_in_cli_metadata_and_package() -> None:
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"cio-lint, version {cio_lint.__version__}"
    assert metadata.version("cio-lint") == cio_lint.__version__


def test_version_is_written_in_one_place() -> None:
    """pyproject.toml reads the version from the package; no second copy can drift."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    dynamic = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "cio_lint.__version__"}


def test_changelog_describes_this_version_first() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", changelog, re.M)
    assert headings[0] == ("Unreleased", "")
    version, date = headings[1]
    assert version == cio_lint.__version__
    assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", date), date
    for name, _ in headings:  # every heading links to its tag or comparison
        assert re.search(rf"^\[{re.escape(name)}\]: https://\S+$", changelog, re.M), name


def test_readme_names_this_release() -> None:
    """Install commands name a tag and a wheel; after a version bump they must follow."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tags = set(re.findall(r"@v(\d+\.\d+\.\d+)", readme))
    wheels = set(re.findall(r"cio_lint-(\d+\.\d+\.\d+)-py3-none-any\.whl", readme))
    assert tags == wheels == {cio_lint.__version__}


def _source_files() -> set[str]:
    """The files a source distribution must hold: git's list, or an unpacked sdist's own."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode("utf-8").split("\0")
        # A file deleted but not yet committed is not shipped.
        return {name for name in listed if name and (ROOT / name).is_file()} - NOT_SHIPPED
    skip = {"PKG-INFO", "setup.cfg"}
    return {
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*")
        if path.is_file() and path.name not in skip
        and not any(part.endswith(".egg-info") or part == "__pycache__" for part in path.parts)
    }


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An sdist and, built from it as `python -m build` does, a wheel of a copy of the tree."""
    tree = tmp_path_factory.mktemp("tree")
    for name in _source_files():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the build backend of the test extras, so no package index is needed.
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                             str(out), str(tree)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


def test_sdist_holds_the_whole_source_tree(dists: dict[str, Path]) -> None:
    prefix = f"cio_lint-{cio_lint.__version__}/"
    with tarfile.open(dists["sdist"]) as archive:
        members = {m.name.removeprefix(prefix) for m in archive.getmembers() if m.isfile()}
    missing = _source_files() - members
    assert not missing, sorted(missing)
    for needed in ("tests/conftest.py", "fixtures", "docs/recipes", "tests/sarif_schemas.py",
                   "CHANGELOG.md", "LICENSE", "action.yml", ".ci/run"):
        assert any(m == needed or m.startswith(needed + "/") for m in members), needed
    assert not [m for m in members if "__pycache__" in m or m.endswith(".pyc")]


def test_wheel_metadata_is_complete(dists: dict[str, Path]) -> None:
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = wheel.namelist()
        info = f"cio_lint-{cio_lint.__version__}.dist-info"
        fields = HeaderParser().parsestr(wheel.read(f"{info}/METADATA").decode("utf-8"))
        entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
    assert fields["Name"] == "cio-lint"
    assert fields["Version"] == cio_lint.__version__
    assert fields["License-Expression"] == "MIT"
    assert fields["Requires-Python"] == ">=3.10"
    requires = fields.get_all("Requires-Dist") or []
    assert any(r.startswith("tree-sitter-typescript") for r in requires), requires
    assert fields["Description-Content-Type"] == "text/markdown"
    assert "# cio-lint" in fields.get_payload()
    assert "cio-lint = cio_lint.entry:main" in entry_points
    assert f"{info}/licenses/LICENSE" in names
    assert "cio_lint/report/json_schema.json" in names  # package data
    assert not [n for n in names if n.startswith(("tests/", "fixtures/"))]
