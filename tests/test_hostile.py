"""Hostile input: whatever the files are, the run finishes, reports and lints the rest.

Each case puts one hostile path beside ``normal.py`` (one known CIO201 finding) and
runs the installed command with a timeout, so a hang fails the test instead of
blocking CI. The expected result is what the user sees: the exit code, the exact
CIO000 message or one-line error, and ``normal.py``'s finding still reported.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import cio_lint_command
from .test_cli import BAD, write

NORMAL = "normal.py:5:33: CIO201 `updated_at` gets milliseconds"
#: Hostile files mention the SDK so that the walk's prefilter does not pass them over.
SDK = "from customerio import CustomerIO  # customerio\n"


def lint(
    *paths: str, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None,
    extra: tuple[str, ...] = (), memory: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``cio-lint check --output-format concise PATHS``; a hang raises ``TimeoutExpired``.

    ``memory`` caps the child's address space, so a runaway case fails instead of
    exhausting the machine.
    """

    def limit_memory() -> None:  # pragma: no cover - runs in the child
        import resource

        assert memory is not None
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env["CIO_LINT_CACHE_DIR"] = str(cwd / ".cio_lint_cache")
    full_env.update(env or {})
    return subprocess.run(
        [*cio_lint_command(), "check", "--output-format", "concise", *extra, *paths],
        cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout,
        stdin=subprocess.DEVNULL,
        preexec_fn=limit_memory if memory is not None and sys.platform != "win32" else None,
    )


def lines_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The report lines, shortened to ``path:line:col: CODE message-start``."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stdout + result.stderr
    return result.stdout.splitlines()


def only_normal_finding(result: subprocess.CompletedProcess[str]) -> None:
    lines = lines_of(result)
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(lines) == 1 and lines[0].startswith(NORMAL), lines


def project(tmp_path: Path) -> Path:
    write(tmp_path, "normal.py", BAD)
    return tmp_path


def sitecustomize(tmp_path: Path, code: str) -> dict[str, str]:
    """An environment whose interpreter runs ``code`` first (patches inside the CLI)."""
    hook = tmp_path.parent / f"{tmp_path.name}-hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(code)
    return {"PYTHONPATH": str(hook)}


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n\n", b"\xef\xbb\xbf\r\n"],
                         ids=["empty", "bom-only", "blank-lines", "bom-crlf"])
def test_empty_files_are_clean(tmp_path: Path, content: bytes) -> None:
    write(project(tmp_path), "hostile.py", content)
    only_normal_finding(lint(".", cwd=tmp_path))
    only_normal_finding(lint("hostile.py", "normal.py", cwd=tmp_path))


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_foreign_line_endings_report_the_right_lines(tmp_path: Path, newline: str) -> None:
    project(tmp_path)
    write(tmp_path, "hostile.py", ("# first\n" + BAD).replace("\n", newline).encode())
    lines = lines_of(lint(".", cwd=tmp_path))
    assert [line.split(" `")[0] for line in lines] == [
        "hostile.py:6:33: CIO201", "normal.py:5:33: CIO201"]


def test_tabs_mixed_with_spaces(tmp_path: Path) -> None:
    project(tmp_path)
    head = ("import time\nfrom customerio import CustomerIO\n"
            "cio = CustomerIO(site_id=S, api_key=K)\n")
    call = 'cio.identify(id="5", updated_at=int(time.time() * 1000))\n'
    # Consistent per block: Python accepts it, and so must the linter (tab = one column).
    write(tmp_path, "consistent.py",
          head + "def f(x):\n\tif x:\n\t\t" + call + "\ndef g(x):\n    if x:\n        " + call)
    # Ambiguous: a tab and spaces that only agree at one tab width.
    write(tmp_path, "ambiguous.py", head + "def f(x):\n\tif x:\n\t\treturn 1\n        return 2\n")
    lines = lines_of(lint(".", cwd=tmp_path))
    assert lines[0] == (
        "ambiguous.py:7:1: CIO000 syntax error: inconsistent use of tabs and spaces in indentation"
    )
    assert [line.split(" `")[0] for line in lines[1:]] == [
        "consistent.py:6:35: CIO201", "consistent.py:10:41: CIO201", "normal.py:5:33: CIO201"]


def test_pep263_latin1_file_is_decoded_and_linted(tmp_path: Path) -> None:
    project(tmp_path)
    source = "# -*- coding: latin-1 -*-\n# Café signup\n" + BAD.replace('id="5"', 'id="é"')
    write(tmp_path, "latin.py", source.encode("latin-1"))
    lines = lines_of(lint(".", cwd=tmp_path))
    # Columns count characters, not bytes.
    assert [line.split(" `")[0] for line in lines] == [
        "latin.py:7:33: CIO201", "normal.py:5:33: CIO201"]


def test_invalid_utf8_is_cio000_with_the_byte_position(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, "hostile.py", SDK.encode() + b"name = '\xe9t\xe9'\n")
    lines = lines_of(lint(".", cwd=tmp_path))
    assert lines[0] == "hostile.py:2:9: CIO000 file is not valid utf-8: invalid continuation byte"
    assert lines[1].startswith(NORMAL) and len(lines) == 2


def test_nul_bytes_are_cio000(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, "hostile.py", SDK.encode() + b"x = 1\x00\n")
    result = lint(".", cwd=tmp_path)
    lines = lines_of(result)
    assert result.returncode == 1
    assert re.fullmatch(r"hostile\.py:\d+:\d+: CIO000 syntax error: source code (string )?"
                        r"cannot contain null bytes", lines[0]), lines
    assert lines[1].startswith(NORMAL) and len(lines) == 2


def test_file_over_the_size_limit_is_reported_as_skipped(tmp_path: Path) -> None:
    from cio_lint.engine.reading import MAX_FILE_BYTES

    project(tmp_path)
    with (tmp_path / "huge.py").open("wb") as handle:
        handle.write(SDK.encode())
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB of NUL bytes, no disk used
    assert (tmp_path / "huge.py").stat().st_size > MAX_FILE_BYTES
    result = lint(".", cwd=tmp_path)
    lines = lines_of(result)
    assert result.returncode == 1
    assert lines == [lines[0], "huge.py:1:1: error: skipped: file is 20.0 MB, over the 10 MB "
                     "limit"] and lines[0].startswith(NORMAL)


@pytest.mark.parametrize("brackets", ["()", "[]", "{}"], ids=["parens", "brackets", "braces"])
def test_5000_nested_brackets_are_reported_fast(tmp_path: Path, brackets: str) -> None:
    """CPython refuses more than 200 levels; LibCST alone would need minutes and ~20 GB
    for 5,000 nested brackets. The address space is capped so a regression fails here
    instead of exhausting the machine."""
    project(tmp_path)
    opening, closing = brackets
    write(tmp_path, "deep.py", SDK + "x = " + opening * 5000 + "1" + closing * 5000 + "\n")
    result = lint(".", cwd=tmp_path, timeout=60, memory=4 * 1024**3)
    lines = lines_of(result)
    assert result.returncode == 1
    assert lines[0] == "deep.py:2:205: CIO000 syntax error: too many nested parentheses"
    assert lines[1].startswith(NORMAL) and len(lines) == 2


def test_a_50000_line_file_is_linted_to_its_end(tmp_path: Path) -> None:
    project(tmp_path)
    head = ("import time\nfrom customerio import CustomerIO\n\n"
            "cio = CustomerIO(site_id=SITE, api_key=KEY)\n")
    body = "".join(
        f"total_{i} = {i}\n" if i % 10 == 0 else f"# generated line {i}\n" for i in range(50_000)
    )
    tail = 'def late():\n    cio.identify(id="5", updated_at=int(time.time() * 1000))\n'
    write(tmp_path, "long.py", head + body + tail)
    lines = lines_of(lint(".", cwd=tmp_path, timeout=120))
    assert [line.split(" `")[0] for line in lines] == [
        "long.py:50006:37: CIO201", "normal.py:5:33: CIO201"]


def test_python2_file_is_cio000_in_pythons_words(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, "legacy.py", SDK + "import urllib2\n\ntry:\n    pass\n"
          "except Exception, error:\n    print 'failed', error\n")
    lines = lines_of(lint(".", cwd=tmp_path))
    # Python's own words, which differ by version: 3.9 says "invalid syntax" at column 17.
    assert lines[0] in (
        "legacy.py:6:8: CIO000 syntax error: multiple exception types must be parenthesized",
        "legacy.py:6:17: CIO000 syntax error: invalid syntax",
    )
    assert lines[1].startswith(NORMAL) and len(lines) == 2


def test_a_directory_named_like_a_module_is_walked_not_read(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, "odd.py/inner.py", BAD)
    (tmp_path / "empty.py").mkdir()
    lines = lines_of(lint(".", cwd=tmp_path))
    assert [line.split(":")[0] for line in lines] == ["normal.py", "odd.py/inner.py"]
    named = lint("odd.py", "empty.py", "normal.py", cwd=tmp_path)
    assert [line.split(":")[0] for line in lines_of(named)] == ["normal.py", "odd.py/inner.py"]


def test_a_symlink_loop_ends_and_lints_each_file_once(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, "pkg/mod.py", BAD)
    (tmp_path / "pkg" / "loop").symlink_to("..", target_is_directory=True)
    (tmp_path / "self").symlink_to(".", target_is_directory=True)
    result = lint(".", cwd=tmp_path, timeout=30)
    assert [line.split(":")[0] for line in lines_of(result)] == ["normal.py", "pkg/mod.py"]
    # Naming the loop too still lints each real file once.
    again = lint(".", "pkg/loop", "self/pkg/mod.py", cwd=tmp_path, timeout=30)
    assert [line.split(":")[0] for line in lines_of(again)] == ["normal.py", "pkg/mod.py"]


def test_a_looping_file_symlink_is_reported_not_a_traceback(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "self.py").symlink_to("self.py")
    (tmp_path / "a.py").symlink_to("b.py")
    (tmp_path / "b.py").symlink_to("a.py")
    only_normal_finding(lint(".", cwd=tmp_path, timeout=30))
    named = lint("self.py", "a.py", "normal.py", cwd=tmp_path, timeout=30)
    lines = lines_of(named)
    assert named.returncode == 1 and lines[0].startswith(NORMAL)
    assert lines[1:] == ["self.py:1:1: error: cannot read: Too many levels of symbolic links",
                         "a.py:1:1: error: cannot read: Too many levels of symbolic links"]


def test_a_symlinked_file_is_linted_once(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "alias.py").symlink_to("normal.py")
    only_normal_finding(lint(".", cwd=tmp_path))


def test_broken_symlink_is_skipped_when_walking_and_reported_when_named(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "broken.py").symlink_to("missing_target.py")
    only_normal_finding(lint(".", cwd=tmp_path))
    named = lint("broken.py", "normal.py", cwd=tmp_path)
    lines = lines_of(named)
    assert named.returncode == 1
    assert lines[0].startswith(NORMAL)
    assert lines[1] == "broken.py:1:1: error: no such file (was it deleted?)"


PERMISSION_DENIED = """\
import pathlib
original = pathlib.Path.read_bytes
def read_bytes(self):
    if self.name == "secret.py":
        raise PermissionError(13, "Permission denied", str(self))
    return original(self)
pathlib.Path.read_bytes = read_bytes
"""


def test_unreadable_file_is_reported_and_the_rest_linted(tmp_path: Path) -> None:
    project(tmp_path)
    path = write(tmp_path, "secret.py", SDK)
    path.chmod(0)
    try:
        # Root reads anything: simulate the refusal instead.
        env = sitecustomize(tmp_path, PERMISSION_DENIED) if os.access(path, os.R_OK) else {}
        result = lint(".", cwd=tmp_path, env=env)
    finally:
        path.chmod(0o644)
    lines = lines_of(result)
    assert result.returncode == 1
    assert lines[0].startswith(NORMAL)
    assert lines[1:] == ["secret.py:1:1: error: permission denied"]


def test_unreadable_file_for_real_when_not_root(tmp_path: Path) -> None:
    project(tmp_path)
    path = write(tmp_path, "secret.py", SDK)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file (root): "
                        "the simulated case above covers it")
        result = lint(".", cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert lines_of(result)[1:] == ["secret.py:1:1: error: permission denied"]


DELETED_MEANWHILE = """\
import pathlib
import cio_lint.engine.contents as contents
original = contents.read_unit
def read_unit(unit):
    if unit.source.path.name == "gone.py":
        pathlib.Path(unit.source.path).unlink()
    return original(unit)
contents.read_unit = read_unit
"""


def test_file_deleted_between_discovery_and_reading(tmp_path: Path) -> None:
    project(tmp_path)
    gone = write(tmp_path, "gone.py", BAD)
    result = lint(".", cwd=tmp_path, env=sitecustomize(tmp_path, DELETED_MEANWHILE))
    lines = lines_of(result)
    assert not gone.exists()
    assert result.returncode == 1
    assert lines[0].startswith(NORMAL)
    assert lines[1:] == ["gone.py:1:1: error: no such file (was it deleted?)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_fifo_found_by_walking_is_skipped_without_blocking(tmp_path: Path) -> None:
    project(tmp_path)
    os.mkfifo(tmp_path / "pipe.py")
    only_normal_finding(lint(".", cwd=tmp_path, timeout=30))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_fifo_named_explicitly_does_not_block(tmp_path: Path) -> None:
    project(tmp_path)
    os.mkfifo(tmp_path / "pipe.py")
    result = lint("pipe.py", "normal.py", cwd=tmp_path, timeout=15)
    lines = lines_of(result)
    assert result.returncode == 1
    assert lines[0].startswith(NORMAL)
    assert lines[1] == "pipe.py:1:1: error: skipped: not a regular file"


def test_every_hostile_file_at_once(tmp_path: Path) -> None:
    """All of it in one walk: nothing stops the run, each problem is reported once."""
    project(tmp_path)
    write(tmp_path, "a_empty.py", b"")
    write(tmp_path, "b_bom.py", b"\xef\xbb\xbf")
    write(tmp_path, "c_utf8.py", SDK.encode() + b"x = '\xff'\n")
    write(tmp_path, "d_nul.py", SDK.encode() + b"\x00")
    write(tmp_path, "e_py2.py", SDK + 'print "x"\n')
    (tmp_path / "f_dir.py").mkdir()
    (tmp_path / "g_broken.py").symlink_to("nowhere.py")
    (tmp_path / "h_loop").symlink_to(".", target_is_directory=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "i_pipe.py")
    result = lint(".", cwd=tmp_path, timeout=60)
    codes = [line.split(": ")[1].split()[0] for line in lines_of(result)]
    files = [line.split(":")[0] for line in lines_of(result)]
    assert files == ["c_utf8.py", "d_nul.py", "e_py2.py", "normal.py"]
    assert codes == ["CIO000", "CIO000", "CIO000", "CIO201"]
    assert result.returncode == 1



# TypeScript files ---------------------------------------------------------------------

TS_SDK = 'import { TrackClient } from "customerio-node";\n'
TS_BAD = (TS_SDK + "const cio = new TrackClient(siteId, apiKey);\n"
          + 'cio.identify("5", { created_at: 1 });\n')


def _concise_ts(*paths: str, cwd: Path) -> list[str]:
    result = lint(*paths, cwd=cwd, extra=("--select", "CIO000,CIO303"))
    return [line.split(" `")[0] for line in lines_of(result)]


def test_invalid_utf8_typescript_is_cio000_and_the_run_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "app.ts", TS_BAD)
    write(tmp_path, "bad.ts", TS_SDK.encode() + b"const name = '\xe9t\xe9';\n")
    assert _concise_ts(".", cwd=tmp_path) == [
        "app.ts:3:1: CIO303",
        "bad.ts:2:15: CIO000 file is not valid utf-8: invalid continuation byte",
    ]


def test_a_bom_at_the_start_of_typescript_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "app.ts", b"\xef\xbb\xbf" + TS_BAD.replace("\n", "\r\n").encode())
    assert _concise_ts(".", cwd=tmp_path) == ["app.ts:3:1: CIO303"]
    result = lint("app.ts", cwd=tmp_path, extra=("--select", "CIO303", "--add-noqa"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "app.ts").read_bytes() == b"\xef\xbb\xbf" + TS_BAD.replace(
        "1 });\n", "1 });  // noqa: CIO303\n").replace("\n", "\r\n").encode()


def test_typescript_over_the_size_limit_is_reported_as_skipped(tmp_path: Path) -> None:
    write(tmp_path, "app.ts", TS_BAD)
    with (tmp_path / "huge.ts").open("wb") as handle:
        handle.write(TS_SDK.encode())
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB of NUL bytes, no disk used
    result = lint(".", cwd=tmp_path, extra=("--select", "CIO303"))
    assert result.returncode == 1
    assert [line.split(" `")[0] for line in lines_of(result)] == [
        "app.ts:3:1: CIO303", "huge.ts:1:1: error: skipped: file is 20.0 MB, over the 10 MB limit",
    ]


def test_unreadable_typescript_is_reported_and_the_rest_linted(tmp_path: Path) -> None:
    write(tmp_path, "app.ts", TS_BAD)
    path = write(tmp_path, "secret.ts", TS_SDK)
    path.chmod(0)
    try:
        env = (sitecustomize(tmp_path, PERMISSION_DENIED.replace("secret.py", "secret.ts"))
               if os.access(path, os.R_OK) else {})
        result = lint(".", cwd=tmp_path, env=env, extra=("--select", "CIO303"))
    finally:
        path.chmod(0o644)
    assert result.returncode == 1
    assert [line.split(" `")[0] for line in lines_of(result)] == [
        "app.ts:3:1: CIO303", "secret.ts:1:1: error: permission denied",
    ]


def test_generated_javascript_chains_are_analysed_within_the_file_timeout(
    tmp_path: Path,
) -> None:
    """A 20,000-term ``+`` event name, a 20,000-step member chain and 5,000 nested brackets
    are followed without recursion: well inside a 10 s per-file budget, whose overrun would
    turn the findings into one CIO000."""
    project(tmp_path)
    write(tmp_path, "chains.js",
          'const { TrackClient } = require("customerio-node");\n'
          "const cio = new TrackClient(siteId, apiKey);\n"
          'cio.track("u", { name: ' + " + ".join(['"a"'] * 20_000) + " });\n"
          "const deep = a" + ".b" * 20_000 + ";\n"
          "const nested = " + "(" * 5_000 + "1" + ")" * 5_000 + ";\n"
          "cio.identify(user.id, { email: user.email, created_at: Date.now() });\n")
    result = lint("--file-timeout", "10", "--select", "CIO201,CIO401", "chains.js",
                  cwd=tmp_path, timeout=120)
    lines = lines_of(result)
    assert [line.split(": ")[0] + " " + line.split()[1] for line in lines[:2]] == [
        "chains.js:3:24 CIO401", "chains.js:6:56 CIO201",
    ], lines
