"""An editor's warm project must report exactly what a cold run of the same texts
reports, whichever way an edit is taken in (the edited file alone, or the project
linked again)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cio_lint.core.findings import Finding
from cio_lint.engine.budget import Budget
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.live_project import LiveProject
from cio_lint.engine.pipeline import lint_units
from cio_lint.engine.targets import collect_units
from tests.conftest import FIXTURES

PROJECT = FIXTURES / "whole_program" / "wrapper_arguments"


def _shown(findings: list[Finding]) -> list[tuple[str, str, int, int, str]]:
    return [(f.path, f.code, f.line, f.column, f.message) for f in findings]


def _cold(root: Path, texts: dict[str, str]) -> list[tuple[str, str, int, int, str]]:
    """A cold run of the project with ``texts`` written over its files."""
    copy = root.parent / f"{root.name}-cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy)
    for name, text in texts.items():
        (copy / name).write_text(text, encoding="utf-8")
    units = collect_units([copy], ConfigResolver(None, {}), None)
    for unit in units:  # named as the warm project names them
        unit.source = type(unit.source)(unit.source.path, unit.source.path.relative_to(
            copy).as_posix())
    return _shown(lint_units(units).findings)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def _edits(root: Path) -> list[tuple[str, str]]:
    """A session of edits: (file, its new text), each kept until changed again."""
    jobs = (root / "app/jobs.py").read_text(encoding="utf-8")
    tracking = (root / "app/tracking.py").read_text(encoding="utf-8")
    views = (root / "app/views.py").read_text(encoding="utf-8")
    return [
        # A line added above everything: every finding of the file moves.
        ("app/jobs.py", "# a comment\n" + jobs),
        # A new finding typed into a module nobody imports.
        ("app/jobs.py", "# a comment\n" + jobs + (
            "\n\ndef late(user):\n    record_late(user.id, int(time.time() * 1000))\n")),
        # A wrapper's line moves: its callers' chains name the new line.
        ("app/tracking.py", "\n\n" + tracking),
        # A call of a wrapper typed into a route (a module nobody imports): a new finding
        # at the call, through the wrapper.
        ("app/views.py", views.replace(
            "def checkout(request, user, order):\n",
            "def checkout(request, user, order):\n"
            "    record_event(user.id, 'order_opened', when=int(time.time() * 1000))\n")),
        # A syntax error, then mended.
        ("app/views.py", views + "\ndef broken(:\n"),
        ("app/views.py", views),
        # A file that never named Customer.io starts to.
        ("app/lookalike_tracking.py", "from app.clients import cio\n\n\ndef hello(user):\n"
         "    cio.identify(id=user.email, email=user.email)\n"),
        # A key written into a file: a secret of the project, masked everywhere it shows.
        ("app/jobs.py", jobs.replace("import time", (
            "import time\n\nfrom customerio import CustomerIO\n\n"
            "cio = CustomerIO('3f2a9c1b7d4e', '9b1f3c7a2e8d4f6b0a5c9e1d7f3b2a4c')"))),
    ]


def test_every_edit_reports_what_a_cold_run_reports(project: Path) -> None:
    live = LiveProject(project, ConfigResolver(None, {}), Budget())
    try:
        assert _shown(live.lint().findings) == _cold(project, {})
        texts: dict[str, str] = {}
        ways = []
        for name, text in _edits(project):
            texts[name] = text
            live.set_text(project / name, text.encode("utf-8"))
            assert _shown(live.lint().findings) == _cold(project, texts), name
            ways.append(live.relinter.last)
        # Edits that change nothing other files learn are judged alone; the others link
        # the project again.
        assert ways == ["judged", "judged", "linked", "judged", "linked", "linked", "linked",
                        "linked"]
        # Closing a buffer goes back to the disk's text.
        for name in texts:
            live.set_text(project / name, None)
        assert _shown(live.lint().findings) == _cold(project, {})
    finally:
        live.close()


def test_a_file_written_on_disk_is_read_again(project: Path) -> None:
    live = LiveProject(project, ConfigResolver(None, {}), Budget())
    try:
        live.lint()
        path = project / "app/jobs.py"
        path.write_text(path.read_text(encoding="utf-8") + (
            "\n\ndef late(user):\n    record_late(user.id, int(time.time() * 1000))\n"),
            encoding="utf-8")
        live.forget(path)
        assert _shown(live.lint().findings) == _cold(project, {})
    finally:
        live.close()


def test_passing_a_client_in_a_module_nobody_imports_is_linked(tmp_path: Path) -> None:
    # jobs.py is imported by nobody, but what it passes decides whether notify()'s
    # parameter is a client: then notify.py has a finding of its own.
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n", encoding="utf-8")
    files = {
        "app/__init__.py": "",
        "app/clients.py": ("import os\n\nfrom customerio import CustomerIO\n\n"
                           "cio = CustomerIO(os.environ['SITE'], os.environ['KEY'])\n"),
        "app/notify.py": ("def notify(client, user):\n"
                          "    client.identify(id=user.email, email=user.email)\n"),
        "app/jobs.py": ("from app.clients import cio\nfrom app.notify import notify\n\n\n"
                        "def run(user):\n    notify(None, user)\n    cio.identify(id=user.id)\n"),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    live = LiveProject(root, ConfigResolver(None, {}), Budget())
    try:
        assert _shown(live.lint().findings) == _cold(root, {})
        passing = files["app/jobs.py"].replace("notify(None, user)", "notify(cio, user)")
        live.set_text(root / "app/jobs.py", passing.encode("utf-8"))
        found = _shown(live.lint().findings)
        assert found == _cold(root, {"app/jobs.py": passing})
        assert [(path, code) for path, code, *_ in found if path == "app/notify.py"] == [
            ("app/notify.py", "CIO302")]
        assert live.relinter.last == "linked"
    finally:
        live.close()
