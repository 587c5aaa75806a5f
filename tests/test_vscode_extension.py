"""The VS Code extension in editors/vscode: its manifest, lock file and README agree with each
other and with the project, so `npm ci && npm run package` builds what the README describes.
Nothing here needs Node.js or the network."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import cio_lint

from .conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"
LANGUAGES = ["python", "javascript", "javascriptreact", "typescript", "typescriptreact"]
#: The server's options (initializationOptions and settings["cio-lint"]), one setting each.
SERVER_OPTIONS = ["select", "extendSelect", "ignore", "configuration"]
FIX_ALL = "source.fixAll.cio-lint"


def _json(name: str) -> Any:
    return json.loads((EXTENSION / name).read_text(encoding="utf-8"))


def _readme() -> str:
    return (EXTENSION / "README.md").read_text(encoding="utf-8")


def test_extension_has_the_projects_version_and_license() -> None:
    manifest = _json("package.json")
    assert manifest["version"] == cio_lint.__version__
    assert manifest["license"] == "MIT"
    assert manifest["main"] == "./out/extension.js"
    assert re.fullmatch(r"\^1\.\d+\.0", manifest["engines"]["vscode"])


def test_extension_starts_for_every_language_it_lints() -> None:
    manifest = _json("package.json")
    assert manifest["activationEvents"] == [f"onLanguage:{name}" for name in LANGUAGES]
    (fix_all,) = manifest["contributes"]["codeActions"]
    assert fix_all["languages"] == LANGUAGES
    assert fix_all["actions"]["kind"] == FIX_ALL
    source = (EXTENSION / "src" / "extension.ts").read_text(encoding="utf-8")
    assert all(f'"{name}"' in source for name in LANGUAGES)


def test_every_setting_is_read_and_documented() -> None:
    manifest = _json("package.json")
    settings = manifest["contributes"]["configuration"]["properties"]
    readme = _readme()
    options = (EXTENSION / "src" / "options.ts").read_text(encoding="utf-8")
    for name in SERVER_OPTIONS:
        assert f"cio-lint.{name}" in settings, name
        assert f'read("{name}")' in options, name
    for name in ("path", "interpreter"):
        assert f'read("{name}")' in options, name
        assert f"cio-lint.{name}" in manifest["capabilities"]["untrustedWorkspaces"][
            "restrictedConfigurations"]
    for setting in settings:
        assert f"| `{setting}` |" in readme, setting
    commands = {c["command"]: c for c in manifest["contributes"]["commands"]}
    assert commands["cio-lint.restart"]["title"] == "Restart server"
    for command in commands.values():
        assert f"**{command['category']}: {command['title']}**" in readme, command
        assert f'"{command["command"]}"' in (EXTENSION / "src" / "extension.ts").read_text(
            encoding="utf-8")


def test_readme_says_how_to_build_install_and_fix_on_save() -> None:
    readme = _readme()
    manifest = _json("package.json")
    assert "npm ci && npm run package" in readme
    assert "code --install-extension cio-lint-*.vsix" in readme
    assert "pip install 'cio-lint[lsp]'" in readme
    assert f'"{FIX_ALL}": "explicit"' in readme
    assert "vsce package" in manifest["scripts"]["package"]
    assert manifest["scripts"]["vscode:prepublish"] == "npm run compile"


def test_lock_file_matches_the_manifest() -> None:
    """`npm ci` refuses a lock file whose root dependencies differ from package.json."""
    manifest = _json("package.json")
    lock = _json("package-lock.json")
    root = lock["packages"][""]
    assert lock["name"] == root["name"] == manifest["name"]
    assert root["version"] == manifest["version"]
    assert root.get("dependencies", {}) == manifest["dependencies"]
    assert root.get("devDependencies", {}) == manifest["devDependencies"]
    assert "vscode-languageclient" in manifest["dependencies"]


def test_build_outputs_are_never_committed() -> None:
    ignored = (EXTENSION / ".gitignore").read_text(encoding="utf-8").split()
    assert {"node_modules/", "out/", "*.vsix"} <= set(ignored)
    shipped = (EXTENSION / ".vscodeignore").read_text(encoding="utf-8").split()
    assert {"src/**", "*.vsix"} <= set(shipped)


def test_extension_and_server_agree(tmp_path: Path) -> None:
    """The fix-all kind the extension offers is the server's; the rule-page command is the
    server's to register (a second registration of it would fail in VS Code)."""
    actions = pytest.importorskip("cio_lint.server.actions")
    from cio_lint.server.options import parse_options

    manifest = _json("package.json")
    assert actions.FIX_ALL == FIX_ALL
    commands = {c["command"] for c in manifest["contributes"]["commands"]}
    assert actions.OPEN_RULE_PAGE not in commands
    source = (EXTENSION / "src" / "extension.ts").read_text(encoding="utf-8")
    assert actions.OPEN_RULE_PAGE not in source
    for name in SERVER_OPTIONS[:3]:  # each rule setting the extension sends is understood
        options, problems = parse_options({"cio-lint": {name: ["CIO2"]}}, None)
        assert problems == [] and len(options.overrides) == 1, name
    config = tmp_path / "cio-lint.toml"
    config.write_text("", encoding="utf-8")
    options, problems = parse_options({"cio-lint": {"configuration": config.name}}, tmp_path)
    assert problems == [] and options.configuration == config
