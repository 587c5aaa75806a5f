"""An editor for the tests: a real LSP client over stdio talking to ``cio-lint server``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Union

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import client as lsp_client  # noqa: E402
from pytest_lsp.client import LanguageClient  # noqa: E402

from tests.conftest import cio_lint_command  # noqa: E402

#: Seconds a test waits for the server to answer before failing (never a timing claim:
#: only a bound, so a broken server fails instead of hanging the suite).
PATIENCE = 60.0


class Editor:
    """What an editor does: open, edit and save documents, read what the server says."""

    def __init__(self, client: Any, root: Path) -> None:
        self.client = client
        self.root = root
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str, text: str | None = None) -> str:
        path = self.root / name
        text = path.read_text(encoding="utf-8") if text is None else text
        uri = path.as_uri()
        self.versions[uri], self.texts[uri] = 1, text
        language = "python" if name.endswith(".py") else "typescript"
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, language, 1, text)))
        return uri

    def replace(self, uri: str, text: str) -> int:
        """Send the whole new text (as a full-document change); its version."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        path = Path(uri.removeprefix("file://"))
        path.write_text(self.texts[uri], encoding="utf-8")
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    async def diagnostics(
        self, uri: str, until: Callable[[Sequence[types.Diagnostic]], bool] | None = None,
        version: int | None = None,
    ) -> list[types.Diagnostic]:
        """The document's diagnostics once the server published ones for ``version`` (the
        latest sent, by default) that satisfy ``until``."""
        wanted = self.versions.get(uri) if version is None else version

        def ready() -> bool:
            published = self.client.diagnostics.get(uri)
            if published is None or self._version(uri) != wanted:
                return False
            return until is None or until(published)

        async def wait() -> None:
            while not ready():
                await self.client.wait_for_notification(
                    types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

        await asyncio.wait_for(wait(), PATIENCE)
        return list(self.client.diagnostics[uri])

    def _version(self, uri: str) -> int | None:
        return self._published_versions.get(uri)

    @property
    def _published_versions(self) -> dict[str, int | None]:
        return self.client.published_versions  # type: ignore[no-any-return]

    async def code_actions(
        self, uri: str, diagnostics: Sequence[types.Diagnostic], only: list[str] | None = None,
    ) -> list[types.CodeAction]:
        whole = diagnostics[0].range if diagnostics else types.Range(
            types.Position(0, 0), types.Position(0, 0))
        answer = await self.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), whole,
            types.CodeActionContext(diagnostics=list(diagnostics), only=only)))
        return [a for a in answer or () if isinstance(a, types.CodeAction)]

    def apply(self, edit: types.WorkspaceEdit) -> dict[str, str]:
        """Apply ``edit`` to the open texts, as an editor does, and send the changes."""
        changed: dict[str, list[types.TextEdit]] = {}
        for change in edit.document_changes or ():
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.version == self.versions[change.text_document.uri]
            changed[change.text_document.uri] = [e for e in change.edits
                                                 if isinstance(e, types.TextEdit)]
        for uri, edits in (edit.changes or {}).items():
            changed[uri] = list(edits)
        for uri, edits in changed.items():
            self.replace(uri, apply_text_edits(self.texts[uri], edits))
        return {uri: self.texts[uri] for uri in changed}


def apply_text_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """``edits`` (UTF-16 positions) applied to ``text``, last first."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += len(char.encode("utf-16-le")) // 2
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _read_code_actions_as_editors_do(client: LanguageClient) -> None:
    """Tell a code action from a command by the type of ``command`` (a command's is its
    name, a code action's is a command object), as editors do; lsprotocol's own reading
    takes every code action that has a command for a command."""
    converter = client.protocol._converter

    def structure(value: Any, _: object) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)  # type: ignore[no-any-return]
        return converter.structure(value, types.CodeAction)  # type: ignore[no-any-return]

    # The very key lsprotocol registered its reading under: a typing.Union.
    converter.register_structure_hook(
        Union[types.Command, types.CodeAction], structure)  # noqa: UP007


@asynccontextmanager
async def editor(
    root: Path, options: dict[str, Any] | None = None, client_name: str = "visual-studio-code",
    folders: Sequence[Path] | None = None, command: Sequence[str] | None = None,
) -> AsyncIterator[Editor]:
    """``cio-lint server`` started for the workspace folder ``root`` (or ``folders``),
    initialized."""
    def published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published_versions[params.uri] = params.version

    def registered(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    client = lsp_client.LanguageClient(converter_factory=lsp_client.default_converter)
    client.published_versions = {}
    client.registrations = []
    _read_code_actions_as_editors_do(client)
    lsp_client.register_lsp_features(client, {
        **lsp_client.DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published,
        types.CLIENT_REGISTER_CAPABILITY: registered})

    command = command or [*cio_lint_command(), "server"]
    await client.start_io(command[0], *command[1:])
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities(client_name),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)
                           for folder in (folders if folders is not None else [root])],
        initialization_options=options,
    ))
    try:
        yield Editor(client, root)
    finally:
        await client.shutdown_session()
        await client.stop()
