"""A warm run of an unchanged tree only stats its files: the cache's manifest answers for
their digests, the prefilter's verdicts and the export words searched for in them.

Every test lints a small project twice through the library, with every file open of
the process recorded by an audit hook (``sys.addaudithook`` sees ``open`` and
``io.open`` alike), so "not read" means no file of the project was opened at all.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cio_lint.engine import manifest as manifest_module
from cio_lint.engine.cache_version import FORMAT
from cio_lint.engine.config_resolver import ConfigResolver
from cio_lint.engine.manifest import RACY_NS, Manifest, Record
from cio_lint.engine.session import LintSession, SessionSettings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="inodes and ctimes")

CLIENTS = """\
import os
from customerio import CustomerIO
cio = CustomerIO(os.environ["SITE_ID"], os.environ["API_KEY"])
cio.identify(id="5", email="a@example.com")
"""
#: Never names customerio: linted only because it imports the client ``clients`` exports.
USES = """\
from app.clients import cio
cio.track("5", "signed_up", plan="pro")
"""
OTHER = "import json\nprint(json.dumps({}))\n"
#: Earlier than any run of a test: no file is "changed too recently" to be trusted.
LONG_AGO_NS = 1_600_000_000 * 10**9

_RECORDING: list[list[str]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _RECORDING and isinstance(args[0], (str, bytes, os.PathLike)):
        _RECORDING[-1].append(os.path.abspath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


@contextmanager
def opened(project: Path) -> Iterator[list[str]]:
    """The project's ``.py`` files opened inside the block, as paths below it."""
    _RECORDING.append([])
    found: list[str] = []
    try:
        yield found
    finally:
        paths = _RECORDING.pop()
        root = str(project) + os.sep
        found.extend(sorted({p[len(root):] for p in paths
                             if p.startswith(root) and p.endswith(".py")}))


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n", encoding="utf-8")
    (root / "requirements.txt").write_text("customerio==3.2.0\n", encoding="utf-8")
    for name, text in (("app/clients.py", CLIENTS), ("app/uses.py", USES),
                       ("other.py", OTHER)):
        write(root / name, text)
    monkeypatch.chdir(root)
    # Files written a moment ago are "changed too recently" to be recorded (their ctime
    # cannot be set back): the racy rule has its own test, with its own clock.
    monkeypatch.setattr(manifest_module, "RACY_NS", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CIO_LINT_CACHE_DIR", raising=False)
    return root


def write(path: Path, text: str, mtime_ns: int = LONG_AGO_NS) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def lint(project: Path) -> list[str]:
    """``cio-lint check`` with the default cache, as the findings it prints."""
    settings = SessionSettings(jobs=1, cache=True)
    with LintSession(ConfigResolver(None, {}), settings) as session:
        run = session.lint(session.collect([Path(".")]))
    return [f"{f.path}:{f.start.line}: {f.code}" for f in run.findings]


def manifest_path(project: Path) -> Path:
    return project / ".cio_lint_cache" / f"v{FORMAT}" / "manifest.json"


def test_a_warm_run_of_an_unchanged_tree_opens_no_file_and_finds_the_same(
    project: Path,
) -> None:
    with opened(project) as cold_reads:
        cold = lint(project)
    assert "app/uses.py:2: CIO304" in cold  # linted through the client it imports
    assert cold_reads == ["app/clients.py", "app/uses.py", "other.py"]
    with opened(project) as warm_reads:
        assert lint(project) == cold
    assert warm_reads == []


@pytest.mark.parametrize("change", ["same size, new mtime", "same mtime, new size",
                                    "replaced inode, same size and mtime"])
def test_a_changed_file_is_read_again(project: Path, change: str) -> None:
    cold = lint(project)
    path = project / "app" / "uses.py"
    if change == "same size, new mtime":
        text = USES.replace('"5"', '"6"')
        write(path, text, LONG_AGO_NS + 10**9)
    elif change == "same mtime, new size":
        text = USES + "cio.track('7', 'signed_up', plan='pro')\n"
        write(path, text)
    else:
        text = USES.replace('"5"', '"6"')
        replacement = path.with_name("uses.new")
        write(replacement, text)
        os.replace(replacement, path)
    assert len(text) != len(USES) or path.stat().st_size == len(USES)
    with opened(project) as reads:
        warm = lint(project)
    assert reads == ["app/uses.py"]
    if change == "same mtime, new size":
        assert warm == sorted([*cold, "app/uses.py:3: CIO304"])
    else:
        assert warm == cold


def test_a_stamp_that_differs_in_any_part_is_not_trusted(tmp_path: Path) -> None:
    """Size, mtime, ctime, inode and device each decide alone (a write also moves ctime,
    so the runs above cannot show that)."""
    store = _Store()
    first = Manifest(store)
    stamp = (10, LONG_AGO_NS, LONG_AGO_NS, 42, 7)
    first.record("/p/a.py", stamp, "d" * 64, 3)
    first.save()
    second = Manifest(store)
    assert second.known("/p/a.py", stamp) == Record(stamp, "d" * 64, 3)
    for part in range(len(stamp)):
        changed = tuple(n + 1 if i == part else n for i, n in enumerate(stamp))
        assert second.known("/p/a.py", changed) is None  # type: ignore[arg-type]


def test_a_file_changed_just_before_the_run_that_read_it_is_read_again(
    tmp_path: Path,
) -> None:
    """Racy timestamps: a second change within the clock's granularity would not show."""
    store = _Store()
    run = Manifest(store)
    recent = (10, run.started_ns - RACY_NS // 2, run.started_ns - RACY_NS // 2, 1, 1)
    settled = (10, run.started_ns - 2 * RACY_NS, run.started_ns - 2 * RACY_NS, 2, 1)
    run.record("/p/recent.py", recent, "a" * 64, 1)
    run.record("/p/settled.py", settled, "b" * 64, 1)
    run.save()
    later = Manifest(store)
    assert later.known("/p/recent.py", recent) is None
    assert later.known("/p/settled.py", settled) is not None


def test_a_tampered_manifest_is_not_trusted(project: Path) -> None:
    cold = lint(project)
    path = manifest_path(project)
    signature, _, body = path.read_bytes().partition(b"\n")
    document = json.loads(body)
    for record in document["files"].values():
        record[3] = {key: False for key in record[3]}  # "no file can produce a finding"
        record[5] += record[4]  # "and none holds an exported name"
        record[4] = []
    path.write_bytes(signature + b"\n" + json.dumps(document).encode("utf-8"))
    with opened(project) as reads:
        assert lint(project) == cold
    assert reads == ["app/clients.py", "app/uses.py", "other.py"]


def test_a_manifest_signed_with_another_key_is_not_trusted(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cold = lint(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    with opened(project) as reads:
        assert lint(project) == cold
    assert reads == ["app/clients.py", "app/uses.py", "other.py"]


def test_a_manifest_of_another_version_is_not_trusted(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cold = lint(project)
    monkeypatch.setattr(manifest_module, "__version__", "0.0.0-another")
    with opened(project) as reads:
        assert lint(project) == cold
    assert reads == ["app/clients.py", "app/uses.py", "other.py"]


def test_a_configuration_that_changes_the_prefilter_asks_the_files_again(
    project: Path,
) -> None:
    lint(project)
    write(project / "other.py", OTHER.replace("print", "mailer = None\nprint"))
    lint(project)  # the edit is recorded
    (project / "pyproject.toml").write_text('[tool.cio-lint]\nclient-names = ["mailer"]\n',
                                            encoding="utf-8")
    with opened(project) as reads:
        lint(project)
    assert "other.py" in reads  # its verdict was for a prefilter without ``mailer``


def test_a_manifest_that_is_a_link_is_neither_read_nor_written_through(
    project: Path, tmp_path: Path,
) -> None:
    cold = lint(project)
    path = manifest_path(project)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    write(project / "other.py", OTHER + "\n")  # so this run has a record to write
    with opened(project) as reads:
        assert lint(project) == cold
    assert reads == ["app/clients.py", "app/uses.py", "other.py"]
    assert elsewhere.read_bytes() == before
    assert not path.is_symlink()


class _Store:
    """The manifest's signed storage, in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def read_signed(self, name: str) -> bytes | None:
        return self.files.get(name)

    def write_signed(self, name: str, body: bytes) -> None:
        self.files[name] = body
