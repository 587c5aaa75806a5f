"""What the server knows, kept on the analysis thread: the projects, the text each open
document was last linted from, and the answers made from them (diagnostics, code
actions, hovers). Nothing here speaks the protocol's transport; ``app`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types

from cio_lint.core.file_errors import FileError
from cio_lint.core.findings import Finding, Related
from cio_lint.core.lines import lines_without_ends
from cio_lint.engine.budget import Budget
from cio_lint.engine.fixing import FileFix, fix_units
from cio_lint.engine.live_project import LiveProject
from cio_lint.engine.reading import encoding_of
from cio_lint.engine.units import Unit
from cio_lint.server.actions import ActionRequest, code_actions
from cio_lint.server.diagnostics import diagnostic
from cio_lint.server.document import Document
from cio_lint.server.hover import hover_text
from cio_lint.server.options import ServerOptions
from cio_lint.server.positions import client_range, from_client
from cio_lint.server.projects import Projects

#: A document's diagnostics, for the version of its text they were made from.
Publication = tuple[str, int | None, list[types.Diagnostic]]
#: A document's new text: its path, its bytes, its version.
Text = tuple[Path, bytes, int | None]


def encoded(text: str) -> bytes:
    """A buffer's text as the file would be saved: UTF-8, or the encoding a Python
    coding cookie declares (which the parser will read it with)."""
    data = text.encode("utf-8", "surrogateescape")
    declared = encoding_of(data)
    if declared in ("utf-8", "utf-8-sig"):
        return data
    try:
        return text.encode(declared)
    except (UnicodeEncodeError, LookupError):
        return data  # the parser reports the mismatch, as it would on disk


class Analysis:
    """The projects and the documents' last linted texts (analysis thread only)."""

    def __init__(self, options: ServerOptions, budget: Budget) -> None:
        self.budget = budget
        self.projects = Projects(options, budget)
        self._documents: dict[str, Document] = {}
        self._messages: list[str] = []
        self._dirty: set[Path] = set()
        #: Workspace folders not analysed yet.
        self._folders: list[Path] = []
        self._encoding: str = types.PositionEncodingKind.Utf16

    def reconfigure(self, options: ServerOptions) -> None:
        self.projects.reconfigure(options)

    def set_folders(self, folders: Sequence[Path]) -> None:
        """The workspace folders: each is analysed whole at the next lint, so the first
        edit is answered warm and a file's project-wide findings are right at once."""
        self.projects.set_folders(list(folders))
        self._folders = list(folders)

    def closed(self, uri: str, path: Path) -> None:
        """The document ``uri`` of ``path`` was closed: the disk's text counts again."""
        self._documents.pop(uri, None)
        project = self.projects.set_text(path, None)
        self._dirty.add(project.root)

    def stop(self) -> None:
        self.projects.close()

    def disk_changed(self, changes: Sequence[tuple[Path, int]]) -> None:
        """Files changed on disk (created, changed or deleted) outside the editor."""
        for path, kind in changes:
            project = self.projects.project_for(path)
            if kind == types.FileChangeType.Changed:
                project.forget(path)
            else:
                project.load()
            self._dirty.add(project.root)

    def lint(
        self, texts: dict[str, Text], open_documents: dict[str, Path], reload: bool,
        encoding: str,
    ) -> list[Publication]:
        """Take the editors' new texts, lint the projects they changed, and say what each
        open document of those projects shows now."""
        self._encoding = encoding
        if reload or self.projects.settings_changed():
            self.projects.reload()
            self._dirty.update(self.projects.project_for(path).root
                               for path in open_documents.values())
        touched: dict[Path, LiveProject] = {}
        for folder in self._folders:
            project = self.projects.project_for(folder)
            touched[project.root] = project
        self._folders = []
        for uri, (path, data, version) in texts.items():
            project = self.projects.set_text(path, data)
            touched[project.root] = project
            text = data.decode(encoding_of(data), "replace")
            self._documents[uri] = Document(uri, path, text, version)
        for path in open_documents.values():
            project = self.projects.project_for(path)
            if project.root in self._dirty:
                touched[project.root] = project
        self._dirty.clear()
        for project in touched.values():
            self._lint(project)
        return [
            self._publication(uri, path, touched[root])
            for uri, path in open_documents.items()
            if (root := self.projects.project_for(path).root) in touched
            and uri in self._documents
        ]

    def take_messages(self) -> tuple[list[str], list[str]]:
        """What to show the user (settings that cannot be used) and what to log
        (internal errors), each said once."""
        problems, self.projects.problems = self.projects.problems, []
        messages, self._messages = self._messages, []
        return problems, messages

    def _lint(self, project: LiveProject) -> None:
        result = project.lint()
        self._messages.extend(_message(error) for error in result.errors if error.internal)

    def _publication(self, uri: str, path: Path, project: LiveProject) -> Publication:
        document = self._documents[uri]
        encoding = self._encoding

        def locate(place: Related) -> types.Location | None:
            target = project.path_of(place.path)
            text = project.text_of(target)
            if text is None:
                return None
            lines = lines_without_ends(text)
            return types.Location(target.as_uri(),
                                  client_range(lines, place.start, place.end, encoding))

        findings = project.findings_for(path)
        return uri, document.version, [
            diagnostic(finding, document.lines, encoding, locate) for finding in findings]

    # -- requests ------------------------------------------------------------------------

    def code_actions(self, uri: str, params: types.CodeActionParams, versioned: bool
                     ) -> list[types.CodeAction]:
        found = self._linted(uri)
        if found is None:
            return []
        document, _, unit, findings = found
        request = ActionRequest(document, findings, unit, self._encoding, versioned,
                                fix_file=self._fix_file)
        return code_actions(request, params)

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        found = self._linted(uri)
        if found is None:
            return None
        document, _, _, findings = found
        at = from_client(document.lines, position, self._encoding)
        under = [f for f in findings if f.start <= at <= f.end]
        if not under:
            return None
        first = under[0]
        return types.Hover(
            contents=types.MarkupContent(types.MarkupKind.Markdown,
                                         hover_text(under, document.path)),
            range=client_range(document.lines, first.start, first.end, self._encoding),
        )

    def _linted(self, uri: str) -> tuple[Document, LiveProject, Unit, list[Finding]] | None:
        document = self._documents.get(uri)
        if document is None:
            return None
        project = self.projects.project_for(document.path)
        unit = project.unit_for(document.path)
        if unit is None:
            return None
        return document, project, unit, project.findings_for(document.path)

    def _fix_file(self, units: Sequence[Unit], findings: Sequence[Finding]) -> list[FileFix]:
        return fix_units(units, findings, unsafe=False, budget=self.budget)


def _message(error: FileError) -> str:
    return f"cio-lint: {error.path}: {error.message}"
