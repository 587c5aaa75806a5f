"""What must never take the server down: a rule that fails, a missing extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra")

from cio_lint.engine.budget import Budget
from cio_lint.rules import REGISTRY
from cio_lint.server.analysis import Analysis
from cio_lint.server.options import ServerOptions
from tests.server.projects import SIGNUP, shop


def test_a_failing_rule_is_logged_and_costs_only_its_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(REGISTRY["CIO302"], "check", broken)
    root = shop(tmp_path)
    analysis = Analysis(ServerOptions(), Budget())
    analysis.set_folders([root])
    path = root / "app/signup.py"
    uri = path.as_uri()
    (publication,) = analysis.lint(
        {uri: (path, SIGNUP.encode(), 3)}, {uri: path}, reload=False, encoding="utf-16")
    assert publication[0:2] == (uri, 3)
    assert [d.code for d in publication[2]] == ["CIO201"]
    problems, messages = analysis.take_messages()
    assert problems == []
    assert len(messages) == 4  # every module of the project that the rule was run on
    assert messages[0].startswith("cio-lint: app/")
    assert "internal error in CIO302: ValueError: boom" in messages[0]
    analysis.stop()


@pytest.mark.asyncio
async def test_a_failing_rule_is_logged_through_the_protocol(tmp_path: Path) -> None:
    from lsprotocol import types

    from tests.server.session import editor

    # The server, with one rule broken in its own process.
    broken = ("from cio_lint.rules import REGISTRY\n"
              "def boom(self, ctx):\n    raise ValueError('boom')\n"
              "type(REGISTRY['CIO302']).check = boom\n"
              "from cio_lint.server import serve\nserve()\n")
    async with editor(shop(tmp_path), command=[sys.executable, "-c", broken]) as ed:
        uri = ed.open("app/signup.py")
        assert [d.code for d in await ed.diagnostics(uri)] == ["CIO201"]
        errors = [m.message for m in ed.client.log_messages if m.type == types.MessageType.Error]
        assert errors
        assert all("internal error in CIO302: ValueError: boom" in m for m in errors)
        # Still serving.
        ed.replace(uri, SIGNUP.replace("* 1000", ""))
        assert await ed.diagnostics(uri) == []


def test_without_the_extra_the_server_says_how_to_install_it() -> None:
    hide = ("import sys; sys.modules['pygls'] = None; sys.argv = ['cio-lint', 'server']; "
            "from cio_lint.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr == (
        "cio-lint: error: cio-lint server needs the lsp extra: pip install 'cio-lint[lsp]'\n")
    assert result.stdout == ""
