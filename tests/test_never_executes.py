"""Linting never imports or runs the code: files that would leave a marker leave none."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli
from .test_cli import write

NAMES = ("app.py", "pkg/__init__.py", "pkg/__main__.py", "sitecustomize.py",
         "usercustomize.py", "conftest.py", "setup.py", "noxfile.py", "pkg/stubs.pyi")


def payload(marker: Path) -> str:
    """Module-level code that writes ``marker`` when the file is imported or run, plus a
    fixable finding so that --fix re-lints the file."""
    return (
        "import time\n"
        "from customerio import CustomerIO\n"
        f"open({str(marker)!r}, 'w').write('executed')\n"
        f"__import__('pathlib').Path({str(marker)!r}).touch()\n"
        "cio = CustomerIO(site_id=S, api_key=K)\n"
        "cio.identify(id='5', updated_at=time.time() * 1000)\n"
        "if __name__ == '__main__':\n"
        f"    open({str(marker)!r}, 'w').write('main')\n"
    )


@pytest.mark.parametrize("flags", [(), ("--fix", "--unsafe-fixes"), ("--diff",),
                                   ("--add-noqa",)], ids=["check", "fix", "diff", "add-noqa"])
def test_no_linted_file_is_executed(tmp_path: Path, flags: tuple[str, ...]) -> None:
    project = tmp_path / "project"
    markers = tmp_path / "markers"
    markers.mkdir()
    for index, name in enumerate(NAMES):
        write(project, name, payload(markers / f"{index}-{Path(name).name}"))
    write(project, "pyproject.toml", '[tool.cio-lint]\nselect = ["ALL"]\n')
    result = run_cli("check", *flags, ".", cwd=project)
    assert "Traceback" not in result.stderr
    assert "CIO201" in result.stdout + result.stderr or flags, result.stdout
    assert list(markers.iterdir()) == []
    # Named one by one (each holds Customer.io code, so each is parsed), too.
    again = run_cli("check", *flags, *NAMES, cwd=project)
    assert "Traceback" not in again.stderr
    assert list(markers.iterdir()) == []
