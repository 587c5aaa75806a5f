"""The editor recipes start cio-lint's language server in real editors and show its findings.

The Neovim and Emacs tests take a recipe as the documentation shows it (the block under its
``<!-- recipe: NAME -->`` marker), run it in the editor with the test's virtual environment
first on PATH (so ``cio-lint`` is this tree's console script), and add only a harness that
opens a file, waits for the editor's diagnostics and writes them out as JSON.

An editor that is not installed skips its test, unless CIO_LINT_EDITOR_TESTS=required (CI
sets it once it has installed the editors): then a missing editor, or a missing lsp extra,
fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

import pytest

from .conftest import ROOT
from .test_workflow import git

REQUIRED = os.environ.get("CIO_LINT_EDITOR_TESTS") == "required"

#: The mistake every editor must show: a millisecond timestamp sent as `created_at`.
APP = """\
import os
import time

from customerio import CustomerIO

cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])
cio.identify(id="u1", email="a@b.co", created_at=int(time.time() * 1000))
"""
FLAGGED_LINE = 7  # 1-based
FLAGGED_COLUMN = 50  # 1-based, where `int(time.time() * 1000)` starts
VIM_ERROR = 1  # vim.diagnostic.severity.ERROR


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}, and CIO_LINT_EDITOR_TESTS=required")
    pytest.skip(reason)


def _editor(binary: str, *ready: str) -> str:
    """The editor's path, once ``binary *ready`` (a check of its version) succeeds."""
    if importlib.util.find_spec("pygls") is None:
        _unavailable("the language server needs the lsp extra (pygls)")
    found = shutil.which(binary)
    if found is None:
        _unavailable(f"{binary} is not installed")
    assert found is not None
    check = subprocess.run([found, *ready], capture_output=True, text=True, timeout=60)
    if check.returncode != 0:
        _unavailable(f"{binary} cannot run the recipe: {' '.join(ready)} failed")
    return found


def recipe(document: str, name: str) -> str:
    """The code block under ``<!-- recipe: NAME -->`` in a documentation file."""
    text = (ROOT / document).read_text(encoding="utf-8")
    found = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```\w*\n(.*?)```", text, re.S)
    assert found is not None, f"{document} shows no {name} recipe"
    return found.group(1)


def _project(root: Path, name: str) -> Path:
    project = root / name
    (project / "app").mkdir(parents=True)
    (project / "app" / "signup.py").write_text(APP, encoding="utf-8")
    (project / "app" / "welcome.py").write_text(APP, encoding="utf-8")
    git("init", "-q", cwd=project)
    return project


def _environment(home: Path) -> dict[str, str]:
    """A fresh user (no personal editor configuration) whose PATH finds this tree's cio-lint."""
    home.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


NEOVIM_HARNESS = """
-- Test harness: open each file, wait for its diagnostics, write them and the clients as JSON.
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients -- 0.10 renamed it

local function diagnostics_of(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(found, { code = d.code, lnum = d.lnum, col = d.col, source = d.source,
                          severity = d.severity, message = d.message })
  end
  return found
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so that :edit runs the FileType autocommands, the recipe's among them
  callback = function()
    local report = { files = {}, clients = {} }
    local ok, err = pcall(function()
      for _, path in ipairs(vim.fn.json_decode(vim.env.CIO_LINT_TEST_FILES)) do
        table.insert(report.files, { path = path, diagnostics = diagnostics_of(path) })
      end
      for _, client in pairs(get_clients()) do
        table.insert(report.clients, { name = client.name, root = client.config.root_dir })
      end
    end)
    report.error = not ok and tostring(err) or vim.NIL
    vim.fn.writefile({ vim.fn.json_encode(report) }, vim.env.CIO_LINT_TEST_OUT)
    vim.cmd('qall!')
  end,
})
"""


def test_neovim_recipe_shows_the_finding(tmp_path: Path) -> None:
    nvim = _editor("nvim", "--headless", "--clean", "-c",
                   'if !has("nvim-0.7") | cquit | endif', "-c", "qall!")
    init = tmp_path / "init.lua"
    init.write_text(recipe("README.md", "neovim-lsp.lua") + NEOVIM_HARNESS, encoding="utf-8")
    first, second = _project(tmp_path, "shop"), _project(tmp_path, "billing")
    files = [first / "app" / "signup.py", first / "app" / "welcome.py",
             second / "app" / "signup.py"]
    out = tmp_path / "diagnostics.json"
    env = _environment(tmp_path / "home")
    env.update(CIO_LINT_TEST_FILES=json.dumps([str(f) for f in files]),
               CIO_LINT_TEST_OUT=str(out))
    result = subprocess.run([nvim, "--headless", "--clean", "-u", str(init)], cwd=first,
                            env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["error"] is None, report["error"]
    for file, shown in zip(files, report["files"], strict=True):
        assert shown["path"] == str(file)
        assert [(d["code"], d["lnum"] + 1, d["col"] + 1, d["source"], d["severity"])
                for d in shown["diagnostics"]] == [
            ("CIO201", FLAGGED_LINE, FLAGGED_COLUMN, "cio-lint", VIM_ERROR)
        ]
        assert "milliseconds" in shown["diagnostics"][0]["message"]
    # One server per project: the second file of a project reuses its client.
    assert sorted((c["name"], c["root"]) for c in report["clients"]) == sorted(
        [("cio-lint", str(first)), ("cio-lint", str(second))]
    )


EMACS_HARNESS = """
;; Test harness: open the file, wait for its Flymake diagnostics, write them as JSON.
(require 'json)
(defun cio-lint-test-diagnostics (path)
  (find-file path)
  ;; eglot-ensure connects from post-command-hook, which the command loop runs after the
  ;; command that visited the file; batch mode has no command loop, so run it as it would.
  (run-hooks 'post-command-hook)
  (let ((deadline (+ (float-time) 60)) found)
    (while (and (null (setq found (flymake-diagnostics))) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.1))
    (mapcar (lambda (d)
              (list :line (line-number-at-pos (flymake-diagnostic-beg d))
                    :column (save-excursion (goto-char (flymake-diagnostic-beg d))
                                            (1+ (current-column)))
                    :type (symbol-name (flymake-diagnostic-type d))
                    :text (flymake-diagnostic-text d)))
            found)))
(let ((report (condition-case err
                  (list :diagnostics
                        (vconcat (cio-lint-test-diagnostics (getenv "CIO_LINT_TEST_FILE"))))
                (error (list :error (format "%S" err))))))
  (with-temp-file (getenv "CIO_LINT_TEST_OUT") (insert (json-encode report))))
(kill-emacs 0)
"""


def test_emacs_eglot_recipe_shows_the_finding(tmp_path: Path) -> None:
    emacs = _editor("emacs", "--batch", "--eval", "(require 'eglot)")
    script = tmp_path / "init.el"
    script.write_text(recipe("docs/editors.md", "emacs-eglot.el") + EMACS_HARNESS,
                      encoding="utf-8")
    project = _project(tmp_path, "shop")
    out = tmp_path / "diagnostics.json"
    env = _environment(tmp_path / "home")
    env.update(CIO_LINT_TEST_FILE=str(project / "app" / "signup.py"), CIO_LINT_TEST_OUT=str(out))
    # --batch reads no init file; the system's site files (where packaged Eglot is made
    # available) still load, as for any user.
    result = subprocess.run([emacs, "--batch", "-l", str(script)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert out.exists(), result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in report, report
    assert [(d["line"], d["column"], d["type"]) for d in report["diagnostics"]] == [
        (FLAGGED_LINE, FLAGGED_COLUMN, "eglot-error")
    ]
    assert report["diagnostics"][0]["text"].startswith("cio-lint [CIO201]: ")


def test_helix_and_sublime_recipes_start_the_server_neovim_starts() -> None:
    """Helix and Sublime Text cannot run here: their recipes must at least parse as those
    editors read them and start the command the Neovim recipe starts."""
    neovim = recipe("README.md", "neovim-lsp.lua")
    assert "cmd = { 'cio-lint', 'server' }" in neovim
    helix = tomllib.loads(recipe("docs/editors.md", "helix-languages.toml"))
    server = helix["language-server"]["cio-lint"]
    assert [server["command"], *server["args"]] == ["cio-lint", "server"]
    languages = {language["name"]: language["language-servers"] for language in helix["language"]}
    assert set(languages) == {"python", "javascript", "jsx", "typescript", "tsx"}
    for servers in languages.values():
        assert servers[-1] == "cio-lint" and len(servers) > 1  # beside the default ones
    sublime = json.loads(recipe("docs/editors.md", "sublime-lsp.json"))["clients"]["cio-lint"]
    assert sublime["command"] == ["cio-lint", "server"] and sublime["enabled"] is True
    scopes = {scope.strip() for scope in sublime["selector"].split("|")}
    assert scopes == {"source.python", "source.js", "source.jsx", "source.ts", "source.tsx"}
