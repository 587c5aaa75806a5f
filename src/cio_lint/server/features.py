"""The protocol's messages, each handed to the server or its analysis."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from cio_lint.server.actions import FIX_ALL, OPEN_RULE_PAGE
from cio_lint.server.app import WATCHED, CioLintServer
from cio_lint.server.projects import is_settings_file


def create_server() -> CioLintServer:
    """A server with every feature registered (not yet started)."""
    server = CioLintServer()
    _register_documents(server)
    _register_workspace(server)
    _register_requests(server)
    return server


def _folders(params: types.InitializeParams) -> list[Path]:
    folders = [f.uri for f in params.workspace_folders or ()]
    if not folders and params.root_uri:
        folders = [params.root_uri]
    if not folders and params.root_path:
        return [Path(params.root_path)]
    return [Path(path) for uri in folders if (path := to_fs_path(uri))]


def _register_documents(server: CioLintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: CioLintServer, params: types.InitializeParams) -> None:
        folders = _folders(params)
        ls.folders = folders
        ls.problems = ls.configure(params.initialization_options, folders[0] if folders else None)
        ls.submit(lambda: ls.analysis.set_folders(folders))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CioLintServer, params: types.InitializedParams) -> None:
        for problem in ls.problems:
            ls.show(f"cio-lint: {problem}", types.MessageType.Error)
        ls.schedule(0)  # analyse the workspace now, before the first edit
        await _watch_files(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CioLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document.uri, params.text_document.language_id)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CioLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CioLintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path is not None and is_settings_file(Path(path)):
            ls.reload()
        else:
            ls.changed(params.text_document.uri, delay_ms=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CioLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)


def _register_workspace(server: CioLintServer) -> None:
    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CioLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.files_changed(list(params.changes))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: CioLintServer, params: types.DidChangeConfigurationParams) -> None:
        if params.settings is None:
            return
        root = ls.folders[0] if ls.folders else None
        for problem in ls.configure(params.settings, root):
            ls.show(f"cio-lint: {problem}", types.MessageType.Error)
        ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(ls: CioLintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        removed = {Path(p) for f in params.event.removed if (p := to_fs_path(f.uri))}
        added = [Path(p) for f in params.event.added if (p := to_fs_path(f.uri))]
        ls.folders = [f for f in ls.folders if f not in removed] + added
        current = list(ls.folders)
        ls.submit(lambda: ls.analysis.set_folders(current))
        ls.schedule(0)


def _register_requests(server: CioLintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(ls: CioLintServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        await ls.current()
        uri, versioned = params.text_document.uri, ls.versioned_edits
        return await ls.run(lambda: ls.analysis.code_actions(uri, params, versioned))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: CioLintServer, params: types.HoverParams) -> types.Hover | None:
        await ls.current()
        uri, position = params.text_document.uri, params.position
        return await ls.run(lambda: ls.analysis.hover(uri, position))

    @server.command(OPEN_RULE_PAGE)
    async def open_rule_page(ls: CioLintServer, url: str) -> None:
        if not url.startswith("https://"):
            return
        shown = None
        window = ls.client_capabilities.window
        if window is not None and window.show_document is not None:
            shown = await ls.window_show_document_async(
                types.ShowDocumentParams(url, external=True))
        if shown is None or not shown.success:
            ls.show(f"cio-lint rule page: {url}", types.MessageType.Info)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CioLintServer, params: None) -> None:
        ls.shutdown_analysis()


async def _watch_files(ls: CioLintServer) -> None:
    """Ask the editor to say when a source or settings file changes on disk (a branch
    switched, a formatter run), where it can watch files for a server."""
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace is not None else None
    if watching is None or not watching.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
    try:
        await ls.client_register_capability_async(types.RegistrationParams([
            types.Registration("cio-lint-watched-files",
                               types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)]))
    except Exception as error:  # the editor refused: settings are still polled at each lint
        ls.log(f"cio-lint: the editor does not watch files for the server: {error}")
