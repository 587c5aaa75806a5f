"""Cost linear in the input: long chains, dense files and long re-export chains finish,
with every finding, where cost that grows faster than the input once made them hang.

These assert behaviour under a generous timeout, never a time: the benchmark
(``benchmarks/pathological.py``) is where growth is measured.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import cio_lint_command

HEADER = (
    "import os\n\nfrom customerio import CustomerIO\n\n"
    'cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])\n'
)
EMAIL_AS_ID = 'cio.identify(id="ann@example.com")\n'
#: Far beyond what each case needs once cost is linear; a hang still fails the test.
TIMEOUT = 120


def lint(*args: str, cwd: Path) -> tuple[int, list[dict[str, object]]]:
    """Exit code and JSON findings of a cold run over ``args`` (every rule, no time budget
    per file: the point is that the run itself finishes)."""
    command = [*cio_lint_command(), "check", *args, "--select", "ALL", "--no-cache",
               "--output-format", "json", "--file-timeout", str(TIMEOUT)]
    completed = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert completed.returncode in (0, 1), completed.stderr
    document = json.loads(completed.stdout)
    assert document["errors"] == []
    return completed.returncode, document["findings"]


def codes_at(findings: list[dict[str, object]], path: str) -> list[str]:
    return [str(f["code"]) for f in findings if Path(str(f["path"])).name == path]


def write_reexport_chain(root: Path, length: int) -> Path:
    """``pkg/m{length}`` builds the client; each ``m{i}`` re-exports ``m{i+1}``'s, so the
    chain runs against the order files are read in; ``m0`` calls it."""
    package = root / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / f"m{length}.py").write_text(HEADER)
    for i in range(1, length):
        (package / f"m{i}.py").write_text(f"from pkg.m{i + 1} import cio\n")
    (package / "m0.py").write_text(f"from pkg.m1 import cio\n\n{EMAIL_AS_ID}")
    return package


def test_client_reexported_through_a_long_chain_named_on_the_command_line(
    tmp_path: Path,
) -> None:
    """Named files go through the prefilter like walked ones: only the last module names
    ``customerio``, and the client still reaches ``m0`` through 40 re-exports, however
    the files are ordered."""
    package = write_reexport_chain(tmp_path, 40)
    files = sorted(str(path.relative_to(tmp_path)) for path in package.glob("*.py"))
    _, findings = lint(*files, cwd=tmp_path)
    assert codes_at(findings, "m0.py") == ["CIO302"]


def test_client_reexported_through_hundreds_of_modules_found_by_walking(
    tmp_path: Path,
) -> None:
    """Only the first module mentions ``customerio``: every other one is admitted because
    it imports a client, one link of the chain at a time."""
    write_reexport_chain(tmp_path, 300)
    _, findings = lint(".", cwd=tmp_path)
    assert codes_at(findings, "m0.py") == ["CIO302"]


@pytest.mark.parametrize(
    "chain",
    [
        pytest.param(" + ".join(["user.a"] * 1_000), id="plus"),
        pytest.param("user" + ".q()" * 500, id="method-calls"),
        pytest.param("user" + "[0]" * 500, id="subscripts"),
        pytest.param("customerio" + ".a" * 1_000, id="attributes-of-the-sdk"),
    ],
)
def test_long_chain_is_analysed_to_the_end(tmp_path: Path, chain: str) -> None:
    (tmp_path / "app.py").write_text(
        f"{HEADER}\nimport customerio\n\n\ndef signup(user):\n    value = {chain}\n"
        f'    cio.track(user.id, "signed_up", data={{"value": value}})\n    {EMAIL_AS_ID}'
    )
    _, findings = lint("app.py", cwd=tmp_path)
    assert codes_at(findings, "app.py") == ["CIO302"]


def test_dense_file_of_sdk_calls_keeps_its_last_finding(tmp_path: Path) -> None:
    calls = "".join(
        f'cio.track("user-{i}", "signed_up", data={{"plan": "pro", "seat": {i}}})\n'
        for i in range(2_000)
    )
    (tmp_path / "app.py").write_text(f"{HEADER}\n{calls}{EMAIL_AS_ID}")
    _, findings = lint("app.py", cwd=tmp_path)
    assert codes_at(findings, "app.py") == ["CIO302"]


def test_many_files_each_with_its_own_key_are_masked_everywhere(tmp_path: Path) -> None:
    """Every secret of the project is masked in every finding of every file: the cost
    is linear in the text masked, not findings times secrets (a project of a few hundred
    files once took most of an hour)."""
    keys = [f"sk_live_{index:04d}{'9f3b' * 5}" for index in range(150)]
    for index, key in enumerate(keys):
        calls = "".join(
            f'    cio.identify(id="user{n}@example.com")  # {keys[index - 1]}\n'
            for n in range(20)
        )
        (tmp_path / f"module_{index}.py").write_text(
            "from customerio import CustomerIO\n\n"
            f'cio = CustomerIO("site", "{key}")\n\n\ndef sync():\n{calls}'
        )
    _, findings = lint(".", cwd=tmp_path)
    assert len([f for f in findings if f["code"] == "CIO302"]) == 150 * 20
    text = json.dumps(findings)
    assert not any(key in text for key in keys)
