"""Drive ``cio-lint server`` over stdio the way an editor does, and time what it answers.

A pygls ``LanguageClient`` starts the server, records every ``publishDiagnostics`` with
the moment it arrived (on a monotonic clock, in the client's event loop), and lets the
benchmark wait for the one it is after: the diagnostics of a document at a version, or
the first ones of a document that differ from what it had. The server's stderr is
drained continuously (a full pipe would stall it) and kept for the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient


@dataclass(frozen=True)
class Published:
    """One publishDiagnostics the server sent."""

    at: float  # time.perf_counter() when the client read it
    uri: str
    version: int | None
    codes: tuple[str, ...]


@dataclass
class Memory:
    """VmRSS and VmHWM of the server process (and its children's VmRSS, if any), in MB."""

    rss_mb: float | None
    hwm_mb: float | None
    children: int = 0
    children_rss_mb: float = 0.0


def _status_kb(pid: int, key: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found + [grandchild for child in found for grandchild in _children(child)]


def memory_of(pid: int) -> Memory:
    """What /proc says about the server now (Linux; None elsewhere)."""
    rss, hwm = _status_kb(pid, "VmRSS"), _status_kb(pid, "VmHWM")
    children = _children(pid)
    child_kb = sum(_status_kb(child, "VmRSS") or 0 for child in children)
    return Memory(rss_mb=None if rss is None else round(rss / 1024, 1),
                  hwm_mb=None if hwm is None else round(hwm / 1024, 1),
                  children=len(children), children_rss_mb=round(child_kb / 1024, 1))


def _codes(params: types.PublishDiagnosticsParams) -> tuple[str, ...]:
    return tuple(sorted(str(d.code) for d in params.diagnostics))


@dataclass
class BenchClient:
    """A language client that remembers what the server published and said."""

    client: LanguageClient = field(default_factory=lambda: LanguageClient("cio-lint-bench", "1"))
    published: list[Published] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    stderr: bytearray = field(default_factory=bytearray)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        client = self.client

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(Published(time.perf_counter(), params.uri, params.version,
                                            _codes(params)))
            self._arrived.set()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def log_message(params: types.LogMessageParams) -> None:
            self.messages.append(f"log {params.type.name}: {params.message}")

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def show_message(params: types.ShowMessageParams) -> None:
            self.messages.append(f"show {params.type.name}: {params.message}")

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            return None

        @client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def progress(params: types.WorkDoneProgressCreateParams) -> None:
            return None

        @client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params: types.ConfigurationParams) -> list[Any]:
            return [None for _ in params.items]

    @property
    def pid(self) -> int:
        server = self.client._server
        assert server is not None, "the server is not running"
        return server.pid

    @property
    def returncode(self) -> int | None:
        server = self.client._server
        return None if server is None else server.returncode

    async def start(self, executable: str, cwd: Path) -> None:
        await self.client.start_io(executable, "server", cwd=str(cwd))
        server = self.client._server
        assert server is not None and server.stderr is not None
        self._tasks.append(asyncio.create_task(self._drain(server.stderr)))

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.stderr += chunk

    async def initialize(self, root: Path, options: dict[str, Any], timeout: float) -> float:
        """Send initialize/initialized; returns the seconds the answer took."""
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    version_support=True, related_information=True,
                    code_description_support=True),
            ),
            workspace=types.WorkspaceClientCapabilities(workspace_folders=True),
        )
        params = types.InitializeParams(
            process_id=None, root_uri=root.as_uri(), capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=options,
        )
        start = time.perf_counter()
        await asyncio.wait_for(self.client.initialize_async(params), timeout)
        answered = time.perf_counter() - start
        self.client.initialized(types.InitializedParams())
        return answered

    def open(self, path: Path, language: str, text: str, version: int = 1) -> float:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language,
                                                 version=version, text=text)))
        return time.perf_counter()

    def change(self, path: Path, version: int,
               changes: list[types.TextDocumentContentChangeEvent]) -> float:
        """Send one didChange; returns the moment it was handed to the pipe."""
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(),
                                                                version=version),
            content_changes=changes))
        return sent

    async def wait_for(self, accept: Callable[[Published], bool], since: int,
                       timeout: float) -> Published | None:
        """The first publish at index ``since`` or later that ``accept`` takes."""
        deadline = time.perf_counter() + timeout
        seen = since
        while True:
            for item in self.published[seen:]:
                if accept(item):
                    return item
            seen = len(self.published)
            left = deadline - time.perf_counter()
            if left <= 0 or self.returncode is not None:
                return None
            self._arrived.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), min(left, 1.0))

    async def stop(self, timeout: float = 15.0) -> None:
        """shutdown + exit; the process is killed if it does not leave in time."""
        client, server = self.client, self.client._server
        if server is not None and server.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.shutdown_async(None), timeout)
                client.exit(None)
            try:
                await asyncio.wait_for(server.wait(), timeout)
            except asyncio.TimeoutError:
                server.kill()
                await server.wait()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.stop(), timeout)
        for task in self._tasks:
            task.cancel()
