"""Fix mode: --fix, --unsafe-fixes, --diff, --show-fixes, --add-noqa, and the fixtures' fixes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cio_lint.analysis.python.frontend import PYTHON
from cio_lint.api import ConfigResolver, lint_paths
from cio_lint.core.findings import Edit, Finding, Fix, Position, Severity
from cio_lint.engine.edits import apply_edits, fix_source
from cio_lint.rules import REGISTRY

from .conftest import FIXTURES, run_cli
from .test_cli import write

HEAD = "import time\nfrom customerio import CustomerIO\n\ncio = CustomerIO(site_id=S, api_key=K)\n"
SAFE = HEAD + "cio.identify(id='5', updated_at=time.time() * 1000)\n"
SAFE_FIXED = HEAD + "cio.identify(id='5', updated_at=int(time.time()))\n"
UNSAFE = HEAD + "ts = int(time.time() * 1000)\ncio.track('5', 'paid', timestamp=ts)\n"
UNSAFE_FIXED = HEAD + "ts = int(time.time())\ncio.track('5', 'paid', timestamp=ts)\n"


def test_fix_applies_safe_fixes_and_exits_zero_when_nothing_remains(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", SAFE)
    result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text() == SAFE_FIXED
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert "All checks passed" in result.stdout
    again = run_cli("check", "--select", "CIO201", "--fix", "--exit-non-zero-on-fix", "app.py",
                    cwd=tmp_path)
    assert again.returncode == 0  # nothing left to fix: idempotent
    write(tmp_path, "app.py", SAFE)
    flagged = run_cli("check", "--select", "CIO201", "--fix", "--exit-non-zero-on-fix",
                      "app.py", cwd=tmp_path)
    assert flagged.returncode == 1


def test_unsafe_fixes_need_the_flag_and_remaining_findings_exit_one(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", UNSAFE)
    safe_only = run_cli("check", "--select", "CIO201", "--fix", "--output-format", "concise",
                        "app.py", cwd=tmp_path)
    assert safe_only.returncode == 1
    assert path.read_text() == UNSAFE  # only an unsafe fix exists: untouched
    assert safe_only.stdout.startswith("app.py:6:34: CIO201")
    unsafe = run_cli("check", "--select", "CIO201", "--fix", "--unsafe-fixes", "--show-fixes",
                     "app.py", cwd=tmp_path)
    assert unsafe.returncode == 0, unsafe.stdout
    assert path.read_text() == UNSAFE_FIXED
    assert "fixed app.py:6:34: CIO201 send seconds: `int(time.time())`" in unsafe.stderr


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", SAFE)
    result = run_cli("check", "--select", "CIO201", "--diff", "app.py", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_text() == SAFE
    assert result.stdout.splitlines()[:2] == ["--- a/app.py", "+++ b/app.py"]
    assert "-cio.identify(id='5', updated_at=time.time() * 1000)" in result.stdout
    assert "+cio.identify(id='5', updated_at=int(time.time()))" in result.stdout
    write(tmp_path, "app.py", SAFE_FIXED)
    clean = run_cli("check", "--select", "CIO201", "--diff", "app.py", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


def test_stdin_fix_prints_the_fixed_source(tmp_path: Path) -> None:
    result = run_cli("check", "--select", "CIO201", "--fix", "-", cwd=tmp_path, stdin=SAFE)
    assert result.returncode == 0
    assert result.stdout == SAFE_FIXED
    assert list(tmp_path.iterdir()) == []


def test_read_only_file_is_not_written(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", SAFE)
    path.chmod(0o444)
    try:
        result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=tmp_path)
    finally:
        path.chmod(0o644)
    if os.geteuid() == 0 and os.access(path, os.W_OK) and path.read_text() != SAFE:
        pytest.fail("a read-only file was written")
    assert path.read_text() == SAFE
    assert "app.py: not fixed: the file is read-only" in result.stderr
    assert result.returncode == 1


def test_file_changed_between_read_and_write_is_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, "app.py", SAFE)
    hook = tmp_path / "hook"
    hook.mkdir()
    # Simulates an editor saving the file while cio-lint computes the fix.
    (hook / "sitecustomize.py").write_text(
        "import cio_lint.engine.edits as fix\n"
        "original = fix.fix_source\n"
        "def racing(*args, **kw):\n"
        "    outcome = original(*args, **kw)\n"
        f"    open({str(path)!r}, 'a').write('# edited meanwhile\\n')\n"
        "    return outcome\n"
        "fix.fix_source = racing\n"
        "import cio_lint.engine.fixing as fixing\n"
        "fixing.fix_source = racing\n"
    )
    result = run_cli("check", "--select", "CIO201", "--fix", "app.py", cwd=tmp_path,
                     env={"PYTHONPATH": str(hook)})
    assert path.read_text() == SAFE + "# edited meanwhile\n"
    assert "not fixed: the file changed while cio-lint was working on it" in result.stderr
    assert result.returncode == 1


def test_fix_keeps_mode_line_endings_and_encoding(tmp_path: Path) -> None:
    crlf = write(tmp_path, "crlf.py", SAFE.replace("\n", "\r\n").encode())
    crlf.chmod(0o640)
    latin = write(tmp_path, "latin.py", ("# -*- coding: latin-1 -*-\n# café\n" + SAFE)
                  .encode("latin-1"))
    bom = write(tmp_path, "bom.py", b"\xef\xbb\xbf" + SAFE.encode())
    result = run_cli("check", "--select", "CIO201", "--fix", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert crlf.read_bytes() == SAFE_FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o640
    assert latin.read_bytes() == ("# -*- coding: latin-1 -*-\n# café\n" + SAFE_FIXED).encode(
        "latin-1")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + SAFE_FIXED.encode()


def test_add_noqa_suppresses_every_finding_and_merges(tmp_path: Path) -> None:
    source = (HEAD + "cio.identify(user.email, updated_at=time.time() * 1000)  # noqa: E501\n"
              + "cio.identify(  # explained below\n    user.email,\n)\n"
              + 'cio.track(user.id, """multi\nline""", timestamp=time.time() * 1000)\n')
    path = write(tmp_path, "app.py", source)
    result = run_cli("check", "--select", "CIO201,CIO302", "--add-noqa", "app.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text()
    assert "cio.identify(user.email, updated_at=time.time() * 1000)  # noqa: CIO201, CIO302, " \
           "E501\n" in text
    assert "cio.identify(  # explained below\n    user.email,  # noqa: CIO302\n)\n" in text
    assert 'cio.track(user.id, """multi\nline""", timestamp=time.time() * 1000)  # noqa: ' \
           "CIO201\n" in text
    again = run_cli("check", "--select", "CIO201,CIO302", "app.py", cwd=tmp_path)
    assert again.returncode == 0, again.stdout


def _finding(line: int, start: int, end: int, text: str, code: str = "CIO201") -> Finding:
    edit = Edit(Position(line, start), Position(line, end), text)
    return Finding(code, "x", Severity.ERROR, "f.py", Position(line, start), Position(line, end),
                   "m", "w", "c", Fix((edit,), True, "d"))


def test_overlapping_edits_are_never_applied_together() -> None:
    text, applied = apply_edits("abcdef\n", [_finding(1, 1, 4, "X"), _finding(1, 3, 6, "Y")])
    assert text == "Xdef\n" and len(applied) == 1
    same_point = [_finding(1, 1, 1, "import x\n"), _finding(1, 1, 1, "import x\n")]
    text, applied = apply_edits("a = 1\n", same_point)
    assert text == "import x\na = 1\n" and len(applied) == 1


def test_a_fix_that_breaks_the_syntax_is_discarded() -> None:
    outcome = fix_source(
        "a = 1\n", [_finding(1, 5, 6, "(")], lambda text: [], PYTHON.syntax_error, unsafe=False
    )
    assert outcome.source == "a = 1\n"
    assert outcome.discarded is not None and "would not parse" in outcome.discarded


FIXABLE = sorted(
    path for path in FIXTURES.rglob("*.py")
    if path.parent.name in REGISTRY or path.parents[1].name in REGISTRY
)


def _fixture_code(path: Path) -> str:
    for parent in path.parents:
        if parent.name in REGISTRY:
            return parent.name
    raise AssertionError(path)


@pytest.mark.parametrize("path", FIXABLE, ids=[str(p.relative_to(FIXTURES)) for p in FIXABLE])
def test_fixture_fixes_match_expected_output(path: Path, tmp_path: Path) -> None:
    """Every fixable fixture has a ``.py.fixed`` file: what --fix --unsafe-fixes writes.

    The fixed text must parse, leave only the rule's unfixable findings, and be stable.
    """
    code = _fixture_code(path)
    resolver = ConfigResolver(None, {"select": (code,)})
    before = [f for f in lint_paths([path], resolver, None).findings if f.code == code]
    fixable = [f for f in before if f.fix is not None]
    expected = path.with_name(path.name + ".fixed")
    if not fixable:
        assert not expected.exists(), f"{expected.name} exists but nothing is fixable"
        return
    assert expected.exists(), f"missing {expected.name}"
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    for config in path.parent.glob("pyproject.toml"):
        (tmp_path / config.name).write_bytes(config.read_bytes())
    result = run_cli("check", "--select", code, "--fix", "--unsafe-fixes", copy.name,
                     cwd=tmp_path)
    assert copy.read_text() == expected.read_text(), result.stdout + result.stderr
    after = [f for f in lint_paths([copy], resolver, None).findings if f.code == code]
    assert all(f.fix is None for f in after), [f.message for f in after if f.fix]
    assert len(after) == len(before) - len(fixable)
    run_cli("check", "--select", code, "--fix", "--unsafe-fixes", copy.name, cwd=tmp_path)
    assert copy.read_text() == expected.read_text()  # idempotent
