"""The whole project in the editor: a wrapper edited in one buffer changes what its
callers show, configuration reloads, settings from the editor, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra")

from lsprotocol import types

from tests.server.projects import SIGNUP, TRACKING, TRACKING_FORWARDING, VIEWS, shop
from tests.server.session import editor

pytestmark = pytest.mark.asyncio


def _codes(diagnostics: list[types.Diagnostic]) -> list[tuple[object, int]]:
    return [(d.code, d.range.start.line) for d in diagnostics]


async def test_editing_a_wrapper_updates_its_callers(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        views = ed.open("app/views.py")
        assert await ed.diagnostics(views) == []
        tracking = ed.open("app/tracking.py")
        assert await ed.diagnostics(tracking) == []
        # Unsaved: the wrapper now passes `when` on as the event's timestamp.
        ed.replace(tracking, TRACKING_FORWARDING)
        (found,) = await ed.diagnostics(views, until=bool, version=1)
        assert (found.code, found.range.start.line, found.range.start.character) == (
            "CIO201", 6, 50)
        assert found.message.endswith(
            "; via `record_event()` -> `cio.track` at app/tracking.py:9")
        (link,) = found.related_information or ()
        assert link.location.uri == (root / "app/tracking.py").as_uri()
        assert link.location.range.start == types.Position(8, 4)
        assert link.message == "`cio.track` called here"
        # Undone in the editor: the caller is clean again.
        ed.replace(tracking, TRACKING)
        assert await ed.diagnostics(views, until=lambda d: not d, version=1) == []
    assert (root / "app/tracking.py").read_text(encoding="utf-8") == TRACKING


async def test_a_wrapper_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        views = ed.open("app/views.py")
        assert await ed.diagnostics(views) == []
        (root / "app/tracking.py").write_text(TRACKING_FORWARDING, encoding="utf-8")
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([
            types.FileEvent(ed.uri("app/tracking.py"), types.FileChangeType.Changed)]))
        assert _codes(await ed.diagnostics(views, until=bool)) == [("CIO201", 6)]


async def test_a_syntax_error_is_reported_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async with editor(shop(tmp_path)) as ed:
        uri = ed.open("app/signup.py")
        assert _codes(await ed.diagnostics(uri)) == [("CIO201", 6)]
        ed.replace(uri, SIGNUP.replace("def signup(user_id, email):", "def signup(user_id, email"))
        (broken,) = await ed.diagnostics(uri)
        assert broken.code == "CIO000"
        assert broken.range.start.line == 5
        assert broken.message.startswith("syntax error")
        ed.replace(uri, SIGNUP)
        assert _codes(await ed.diagnostics(uri)) == [("CIO201", 6)]


async def test_configuration_file_changes_reload(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        uri = ed.open("app/signup.py")
        assert _codes(await ed.diagnostics(uri)) == [("CIO201", 6)]
        (root / "pyproject.toml").write_text(
            '[tool.cio-lint]\nignore = ["CIO201"]\n', encoding="utf-8")
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([
            types.FileEvent(ed.uri("pyproject.toml"), types.FileChangeType.Changed)]))
        assert await ed.diagnostics(uri, until=lambda d: not d) == []


async def test_configuration_is_read_again_without_a_file_watcher(tmp_path: Path) -> None:
    # Editors that cannot watch files for a server: the next edit sees the new settings.
    root = shop(tmp_path)
    async with editor(root, client_name="neovim") as ed:
        uri = ed.open("app/signup.py")
        assert _codes(await ed.diagnostics(uri)) == [("CIO201", 6)]
        (root / "pyproject.toml").write_text(
            '[tool.cio-lint]\nignore = ["CIO201"]\n', encoding="utf-8")
        ed.replace(uri, SIGNUP + "\n")
        assert await ed.diagnostics(uri) == []


async def test_initialization_options_select_and_ignore(tmp_path: Path) -> None:
    async with editor(shop(tmp_path), options={"ignore": ["CIO201"], "debounceMs": 0}) as ed:
        uri = ed.open("app/signup.py")
        assert await ed.diagnostics(uri) == []
        ed.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"cio-lint": {"select": ["CIO2"]}}))
        assert _codes(await ed.diagnostics(uri, until=bool)) == [("CIO201", 6)]


async def test_configuration_path_from_the_editor(tmp_path: Path) -> None:
    root = shop(tmp_path)
    (root / "strict.toml").write_text('ignore = ["CIO2"]\n', encoding="utf-8")
    async with editor(root, options={"configuration": "strict.toml"}) as ed:
        uri = ed.open("app/signup.py")
        assert await ed.diagnostics(uri) == []


async def test_a_broken_configuration_file_is_shown(tmp_path: Path) -> None:
    root = shop(tmp_path)
    (root / "strict.toml").write_text('[tool.cio-lint]\nignore = ["CIO2"]\n', encoding="utf-8")
    async with editor(root, options={"configuration": "strict.toml"}) as ed:
        uri = ed.open("app/signup.py")
        # The project's own configuration applies instead.
        assert _codes(await ed.diagnostics(uri)) == [("CIO201", 6)]
        (shown,) = [m.message for m in ed.client.messages]
        assert shown == (f"cio-lint: {root / 'strict.toml'}: settings go at the top level of "
                         "strict.toml, without a [tool.cio-lint] table")


async def test_bad_settings_are_shown_and_the_rest_apply(tmp_path: Path) -> None:
    options = {"select": ["CIO999"], "ignore": ["CIO201"], "debounceMs": "soon"}
    async with editor(shop(tmp_path), options=options) as ed:
        uri = ed.open("app/signup.py")
        assert await ed.diagnostics(uri) == []
        shown = [(m.type, m.message) for m in ed.client.messages]
        assert (types.MessageType.Error,
                "cio-lint: select: unknown rule code 'CIO999'") in shown
        assert (types.MessageType.Error,
                "cio-lint: debounceMs: expected milliseconds from 0 to 10000, got 'soon'") in shown


async def test_closing_a_document_clears_it_and_restores_the_disk_text(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        views = ed.open("app/views.py")
        tracking = ed.open("app/tracking.py")
        ed.replace(tracking, TRACKING_FORWARDING)
        assert _codes(await ed.diagnostics(views, until=bool, version=1)) == [("CIO201", 6)]
        ed.close(tracking)
        # The unsaved change is gone with its buffer: the caller reads the disk again.
        assert await ed.diagnostics(views, until=lambda d: not d, version=1) == []
        assert list(ed.client.diagnostics[tracking]) == []


async def test_files_outside_the_workspace_are_linted_alone(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    root = shop(tmp_path / "project")
    loose = tmp_path / "scratch.py"
    loose.write_text(SIGNUP.replace("from app.clients import cio", (
        "import os\nfrom customerio import CustomerIO\n"
        "cio = CustomerIO(os.environ['A'], os.environ['B'])")), encoding="utf-8")
    async with editor(root) as ed:
        uri = loose.as_uri()
        ed.versions[uri], ed.texts[uri] = 1, loose.read_text(encoding="utf-8")
        ed.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "python", 1, ed.texts[uri])))
        assert [d.code for d in await ed.diagnostics(uri)] == ["CIO201"]


async def test_views_unchanged(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        views = ed.open("app/views.py")
        await ed.diagnostics(views)
    assert (root / "app/views.py").read_text(encoding="utf-8") == VIEWS


async def test_a_project_without_configuration_is_the_workspace_folder(tmp_path: Path) -> None:
    # No pyproject.toml and no __init__.py: modules are named from the workspace folder,
    # not from wherever the editor started the server, so the caller is still understood.
    root = shop(tmp_path)
    (root / "pyproject.toml").unlink()
    (root / "app/__init__.py").unlink()
    (root / "app/tracking.py").write_text(TRACKING_FORWARDING, encoding="utf-8")
    async with editor(root) as ed:
        views = ed.open("app/views.py")
        assert _codes(await ed.diagnostics(views)) == [("CIO201", 6)]


async def test_each_workspace_folder_is_a_project_of_its_own(tmp_path: Path) -> None:
    # Two services with the same module names: each folder links its own modules.
    first, second = tmp_path / "billing", tmp_path / "web"
    for folder in (first, second):
        folder.mkdir()
        shop(folder)
    (first / "app/tracking.py").write_text(TRACKING_FORWARDING, encoding="utf-8")
    async with editor(first, folders=[first, second]) as ed:
        billing = ed.open(str(first / "app/views.py"))
        web = ed.open(str(second / "app/views.py"))
        assert _codes(await ed.diagnostics(billing)) == [("CIO201", 6)]
        assert await ed.diagnostics(web) == []
        # A folder added later is analysed as a project of its own too.
        third = tmp_path / "admin"
        third.mkdir()
        shop(third)
        (third / "app/tracking.py").write_text(TRACKING_FORWARDING, encoding="utf-8")
        ed.client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
            types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(third.as_uri(), "admin")], removed=[])))
        admin = ed.open(str(third / "app/views.py"))
        assert _codes(await ed.diagnostics(admin)) == [("CIO201", 6)]
