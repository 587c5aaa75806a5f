"""The server as an editor uses it: diagnostics from the buffer, quick fixes applied by
the editor, hovers, the rule page. Every test drives ``cio-lint server`` over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra")

from lsprotocol import types

from tests.server.projects import CLIENT, SIGNUP, SIGNUP_TS, shop, write_project
from tests.server.session import editor

pytestmark = pytest.mark.asyncio

DOCS = "https://github.com/cio-lint/cio-lint/blob/main/docs/rules.md"


def _summary(diagnostics: list[types.Diagnostic]) -> list[tuple[object, int, int]]:
    return [(d.code, d.range.start.line, d.range.start.character) for d in diagnostics]


async def test_millisecond_timestamp_is_reported_fixed_and_cleared(tmp_path: Path) -> None:
    root = shop(tmp_path)
    async with editor(root) as ed:
        uri = ed.open("app/signup.py")
        diagnostics = await ed.diagnostics(uri)
        assert _summary(diagnostics) == [("CIO201", 6, 53)]
        (found,) = diagnostics
        assert found.source == "cio-lint"
        assert found.severity == types.DiagnosticSeverity.Error
        assert found.message == (
            "`created_at` gets milliseconds (`int(time.time() * 1000)`); Customer.io reads seconds")
        assert found.code_description is not None
        assert found.code_description.href == f"{DOCS}#cio201-millisecond-timestamp"
        assert (found.range.end.line, found.range.end.character) == (6, 76)

        actions = await ed.code_actions(uri, diagnostics)
        assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
            ("Fix CIO201: send seconds: `int(time.time())`", "quickfix", True),
            ("Suppress CIO201 on this line", "quickfix", None),
            ("Open the CIO201 rule page", "quickfix", None),
            ("Fix all safe cio-lint findings in this file", "source.fixAll.cio-lint", None),
        ]
        assert actions[0].edit is not None
        texts = ed.apply(actions[0].edit)
        assert "created_at=int(time.time()))" in texts[uri]
        assert await ed.diagnostics(uri) == []
    # The server never writes: the fix lives in the editor's buffer until it is saved.
    assert (root / "app/signup.py").read_text(encoding="utf-8") == SIGNUP


async def test_suppression_comment_and_fix_all(tmp_path: Path) -> None:
    text = SIGNUP + (
        "\n\ndef again(user_id):\n"
        "    cio.identify(id=user_id, last_seen=int(time.time() * 1000))\n")
    root = write_project(tmp_path, {"app/clients.py": CLIENT,
                                    "app/signup.py": text})
    async with editor(root) as ed:
        uri = ed.open("app/signup.py")
        diagnostics = await ed.diagnostics(uri)
        assert _summary(diagnostics) == [("CIO201", 6, 53), ("CIO201", 10, 39)]
        actions = await ed.code_actions(uri, diagnostics[1:])
        suppress = next(a for a in actions if a.title == "Suppress CIO201 on this line")
        assert suppress.edit is not None
        texts = ed.apply(suppress.edit)
        assert texts[uri].splitlines()[10].endswith("* 1000))  # noqa: CIO201")
        diagnostics = await ed.diagnostics(uri)
        assert _summary(diagnostics) == [("CIO201", 6, 53)]

        (fix_all,) = await ed.code_actions(uri, [], only=["source.fixAll.cio-lint"])
        assert fix_all.kind == "source.fixAll.cio-lint"
        assert fix_all.edit is not None
        texts = ed.apply(fix_all.edit)
        assert "created_at=int(time.time()))" in texts[uri]
        assert await ed.diagnostics(uri) == []


async def test_hover_explains_the_finding(tmp_path: Path) -> None:
    async with editor(shop(tmp_path)) as ed:
        uri = ed.open("app/signup.py")
        (found,) = await ed.diagnostics(uri)
        hover = await ed.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), found.range.start))
        assert hover is not None
        assert isinstance(hover.contents, types.MarkupContent)
        text = hover.contents.value
        assert text.startswith("**CIO201** `millisecond-timestamp` (error)")
        assert "Here: `int(time.time() * 1000)` → `int(time.time())`" in text
        assert "Wrong:\n```python\n" in text and "Correct:\n```python\n" in text
        assert f"({DOCS}#cio201-millisecond-timestamp)" in text
        nothing = await ed.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 0)))
        assert nothing is None


async def test_rule_page_opens_in_the_browser(tmp_path: Path) -> None:
    async with editor(shop(tmp_path)) as ed:
        uri = ed.open("app/signup.py")
        actions = await ed.code_actions(uri, await ed.diagnostics(uri))
        page = next(a for a in actions if a.title == "Open the CIO201 rule page")
        assert page.command is not None and page.edit is None
        await ed.client.workspace_execute_command_async(types.ExecuteCommandParams(
            page.command.command, page.command.arguments))
        (shown,) = ed.client.shown_documents
        assert shown.uri == f"{DOCS}#cio201-millisecond-timestamp"
        assert shown.external is True


async def test_typescript_buffer(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"src/signup.ts": SIGNUP_TS})
    async with editor(root) as ed:
        uri = ed.open("src/signup.ts")
        diagnostics = await ed.diagnostics(uri)
        assert _summary(diagnostics) == [("CIO201", 5, 46)]
        actions = await ed.code_actions(uri, diagnostics)
        assert actions[0].title.startswith("Fix CIO201: ")
        assert actions[0].edit is not None
        texts = ed.apply(actions[0].edit)
        assert "created_at: Math.floor(Date.now() / 1000)" in texts[uri]
        assert await ed.diagnostics(uri) == []


async def test_columns_are_counted_in_the_editors_units(tmp_path: Path) -> None:
    # Two UTF-16 units for the emoji, one character for cio-lint: the squiggle must
    # still start at `int(`.
    text = SIGNUP.replace("email=email,", 'email=email, note="🎉",')
    root = write_project(tmp_path, {"app/clients.py": CLIENT,
                                    "app/signup.py": text})
    async with editor(root) as ed:
        uri = ed.open("app/signup.py")
        (found,) = await ed.diagnostics(uri)
        line = text.splitlines()[6]
        utf16_column = len(line[: line.index("int(")].encode("utf-16-le")) // 2
        assert (found.range.start.line, found.range.start.character) == (6, utf16_column)
        actions = await ed.code_actions(uri, [found])
        assert actions[0].edit is not None
        texts = ed.apply(actions[0].edit)
        assert 'note="🎉", created_at=int(time.time()))' in texts[uri]


async def test_an_unsaved_buffer_is_linted_as_its_language(tmp_path: Path) -> None:
    root = shop(tmp_path)
    text = SIGNUP.replace("from app.clients import cio", "from app.clients import cio\n")
    async with editor(root) as ed:
        uri = "untitled:Untitled-1"
        ed.versions[uri], ed.texts[uri] = 1, text
        ed.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "python", 1, text)))
        # It imports the project's client as any module of the workspace would.
        assert [(d.code, d.range.start.line) for d in await ed.diagnostics(uri)] == [
            ("CIO201", 7)]
        actions = await ed.code_actions(uri, await ed.diagnostics(uri))
        assert actions[0].edit is not None
        ed.apply(actions[0].edit)
        assert await ed.diagnostics(uri) == []
    assert not (root / ".cio-lint-unsaved").exists()
