"""``cio-lint server``: the Language Server Protocol over stdio, on pygls.

The protocol runs on asyncio's thread; analysis runs on one thread of its own (so a long
analysis never stops the editor's requests from being read, and the projects are only
ever touched by that thread). Edits are debounced, then linted together; a request
that needs current findings (code actions, hover) lints pending edits first.
"""

from __future__ import annotations

import asyncio
import re
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from cio_lint import __version__
from cio_lint.core.config import ConfigError
from cio_lint.engine.budget import Budget
from cio_lint.server.analysis import Analysis, Publication, encoded
from cio_lint.server.options import ServerOptions, parse_options
from cio_lint.server.projects import is_settings_file

T = TypeVar("T")

#: The source files and settings files the server asks the editor to watch on disk
#: (no ``*`` inside braces: some editors' glob readers, Eglot 1.9's, refuse it).
WATCHED = (
    "**/*.{py,pyi,js,jsx,mjs,cjs,ts,mts,cts,tsx}",
    "**/{pyproject.toml,cio-lint.toml,.cio-lint.toml,setup.cfg,package.json,package-lock.json,"
    "npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,poetry.lock,uv.lock,Pipfile.lock,.gitignore}",
    "**/requirements*.txt",
)


class CioLintServer(LanguageServer):
    """The server: documents in, diagnostics, code actions and hovers out."""

    def __init__(self) -> None:
        super().__init__("cio-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = ServerOptions()
        self.analysis = Analysis(self.options, Budget())
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cio-lint")
        self._open: dict[str, Path] = {}
        self._pending: set[str] = set()
        self._published: dict[str, tuple[int | None, list[types.Diagnostic]]] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None
        self._wanted = False
        self._reload = False
        self._logged: set[str] = set()
        #: The workspace folders, and what was wrong with the editor's settings.
        self.folders: list[Path] = []
        self.problems: list[str] = []

    # -- what the editor asks ------------------------------------------------------------

    def configure(self, raw: Any, root: Path | None) -> list[str]:
        """Take the editor's settings (on the analysis thread, in order with the lints);
        what was wrong with them."""
        options, problems = parse_options(raw, root)
        self.options = options
        self.submit(lambda: self.analysis.reconfigure(options))
        return problems

    def opened(self, uri: str, language: str) -> None:
        path = _path(uri) or self._unsaved_path(uri, language)
        if path is not None:
            self._open[uri] = path
            self.changed(uri, delay_ms=0)

    def changed(self, uri: str, delay_ms: int | None = None) -> None:
        if uri not in self._open:
            return
        self._pending.add(uri)
        self.schedule(self.options.debounce_ms if delay_ms is None else delay_ms)

    def closed(self, uri: str) -> None:
        path = self._open.pop(uri, None)
        if path is None:
            return
        self._pending.discard(uri)
        self._published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        self.submit(lambda: self.analysis.closed(uri, path))
        self.schedule(0)

    def files_changed(self, changes: list[types.FileEvent]) -> None:
        paths = [(path, change.type) for change in changes
                 if (path := _path(change.uri)) is not None]
        if any(is_settings_file(path) for path, _ in paths):
            self._reload = True
        self.submit(lambda: self.analysis.disk_changed(paths))
        self.schedule(0)

    def reload(self) -> None:
        self._reload = True
        self.schedule(0)

    # -- linting -------------------------------------------------------------------------

    def schedule(self, delay_ms: int) -> None:
        """Lint after ``delay_ms`` (an earlier request still waiting is put off)."""
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(delay_ms / 1000, self._start)

    def _start(self) -> None:
        self._timer = None
        self._wanted = True
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._lint_until_current())

    async def current(self) -> None:
        """Wait until every edit received so far is linted."""
        if self._timer is not None or self._pending:
            if self._timer is not None:
                self._timer.cancel()
            self._start()
        if self._task is not None:
            await asyncio.shield(self._task)

    async def _lint_until_current(self) -> None:
        while self._wanted:
            self._wanted = False
            texts = {uri: self._text(uri) for uri in self._pending}
            self._pending.clear()
            reload, self._reload = self._reload, False
            open_documents = dict(self._open)
            publications = await self.run(partial(
                self.analysis.lint, texts, open_documents, reload, self.encoding))
            for publication in publications or ():
                self._publish(publication)
            self._log_errors()

    def _text(self, uri: str) -> tuple[Path, bytes, int | None]:
        document = self.workspace.get_text_document(uri)
        return self._open[uri], encoded(document.source), document.version

    def _publish(self, publication: Publication) -> None:
        uri, version, diagnostics = publication
        if uri not in self._open:
            return
        if self._published.get(uri) == (version, diagnostics):
            return
        self._published[uri] = (version, diagnostics)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, diagnostics, version=version))

    def _log_errors(self) -> None:
        problems, messages = self.analysis.take_messages()
        for problem in problems:
            self.show(f"cio-lint: {problem}", types.MessageType.Error)
        for message in messages:
            if message not in self._logged:
                self._logged.add(message)
                self.log(message, types.MessageType.Error)

    async def run(self, job: Callable[[], T]) -> T | None:
        """``job`` on the analysis thread; an exception is logged, never fatal."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, job)
        except ConfigError as error:
            self.show(f"cio-lint: {error}", types.MessageType.Error)
        except Exception:  # the server keeps serving whatever one analysis did
            self.log(f"cio-lint: internal error:\n{traceback.format_exc()}",
                     types.MessageType.Error)
        return None

    def submit(self, job: Callable[[], object]) -> None:
        """``job`` on the analysis thread, in order with the lints."""
        self._executor.submit(job)

    # -- talking back --------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.server_capabilities.position_encoding or
                   types.PositionEncodingKind.Utf16)

    @property
    def versioned_edits(self) -> bool:
        workspace = self.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace is not None else None
        return bool(edit is not None and edit.document_changes)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(kind, message))

    def show(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        self.window_show_message(types.ShowMessageParams(kind, message))

    def shutdown_analysis(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._executor.submit(self.analysis.stop)
        self._executor.shutdown(wait=True)


    def _unsaved_path(self, uri: str, language: str) -> Path | None:
        """Where an unsaved buffer (``untitled:Untitled-1``) is linted as if it were: in
        the first workspace folder, in a folder no file is in, named for its language."""
        suffix = _SUFFIXES.get(language)
        if suffix is None:
            return None
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", uri.partition(":")[2]).strip("-") or "untitled"
        return (self.folders[0] if self.folders else Path.cwd()) / UNSAVED / f"{name}{suffix}"


#: The folder unsaved buffers are linted in (never created).
UNSAVED = ".cio-lint-unsaved"
_SUFFIXES = {"python": ".py", "javascript": ".js", "javascriptreact": ".jsx",
             "typescript": ".ts", "typescriptreact": ".tsx"}


def _path(uri: str) -> Path | None:
    """The file behind a ``file:`` URI (None for an unsaved ``untitled:`` buffer)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None

