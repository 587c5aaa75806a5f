"""How cio-lint's cost grows on pathological inputs: read the growth off doubling sizes.

Each input is generated at sizes N, 2N, 4N...; every size is linted by the installed CLI
in a child process (``--select ALL --no-cache --jobs 1``), and its wall and CPU time and
peak RSS (``ru_maxrss`` from ``os.wait4``) are printed, with the ratio of CPU time to the
previous size. When cost is linear, doubling N doubles the time (ratio ~2); quadratic
shows ~4, cubic ~8.

    python benchmarks/pathological.py                    # every input, default sizes
    python benchmarks/pathological.py plus dense --steps 3 --timeout 60

Inputs:

- ``plus``, ``methods``, ``subscripts``: one function whose local is an N-term ``+``
  chain, N chained method calls or N chained subscripts, then an SDK call using it;
- ``dense``: N ``cio.track(...)`` lines in one module;
- ``signup``: one sign-up function of N ``identify`` calls without an email (each one a
  CIO303 finding, judged against every other identify of the function);
- ``reexport``: N modules, each re-exporting the client of the one before, the last one
  calling it (only the first mentions ``customerio``).

Every input ends in one CIO302 finding (an email as id), so a run that loses the end of
the input shows ``findings=0``. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HEADER = (
    "import os\n\nfrom customerio import CustomerIO\n\n"
    'cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])\n'
)
FINDING = 'cio.identify(id="ann@example.com")\n'


def _chain_module(expression: str) -> str:
    return (
        f"{HEADER}\n\ndef signup(user):\n    value = {expression}\n"
        '    cio.track(user.id, "signed_up", data={"value": value})\n'
        f"    {FINDING}"
    )


def plus_chain(root: Path, size: int) -> None:
    (root / "app.py").write_text(_chain_module(" + ".join(["user.a"] * size)))


def method_chain(root: Path, size: int) -> None:
    (root / "app.py").write_text(_chain_module("user" + ".q()" * size))


def subscript_chain(root: Path, size: int) -> None:
    (root / "app.py").write_text(_chain_module("user" + "[0]" * size))


def dense_module(root: Path, size: int) -> None:
    calls = "".join(
        f'cio.track("user-{i}", "signed_up", data={{"plan": "pro", "seat": {i}}})\n'
        for i in range(size)
    )
    (root / "app.py").write_text(f"{HEADER}\n{calls}{FINDING}")


def signup_identifies(root: Path, size: int) -> None:
    calls = "".join(f'    cio.identify(user.id_{i}, plan="pro")\n' for i in range(size))
    (root / "app.py").write_text(f"{HEADER}\n\ndef signup(user):\n{calls}    {FINDING}")


def reexport_chain(root: Path, size: int) -> None:
    package = root / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "m0.py").write_text(HEADER)
    for i in range(1, size):
        (package / f"m{i}.py").write_text(f"from pkg.m{i - 1} import cio\n")
    (package / f"m{size}.py").write_text(f"from pkg.m{size - 1} import cio\n\n{FINDING}")


INPUTS: dict[str, tuple[Callable[[Path, int], None], int]] = {
    "plus": (plus_chain, 500),
    "methods": (method_chain, 500),
    "subscripts": (subscript_chain, 500),
    "dense": (dense_module, 2_500),
    "signup": (signup_identifies, 250),
    "reexport": (reexport_chain, 50),
}


def _command(root: Path, timeout: float) -> list[str]:
    """The run to measure; the per-file time budget, where there is one, is lifted."""
    command = [
        sys.executable, "-m", "cio_lint", "check", str(root), "--select", "ALL", "--no-cache",
        "--jobs", "1", "--exit-zero", "--output-format", "concise",
    ]
    usage = subprocess.run([*command[:4], "--help"], capture_output=True, text=True).stdout
    return [*command, "--file-timeout", str(timeout)] if "--file-timeout" in usage else command


def measure(root: Path, timeout: float) -> tuple[float, float, float, int | None]:
    """Wall and CPU seconds, peak RSS in MB and the number of CIO302 findings of one cold
    run (findings None: killed at ``timeout``). CPU time is the figure to read on a busy
    machine."""
    command = _command(root, timeout)
    output = root.parent / f"{root.name}.out"
    started = time.monotonic()
    with output.open("w") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, cwd=root)
    killer = threading.Timer(timeout, child.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        killer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    wall = time.monotonic() - started
    text = output.read_text()
    output.unlink()
    cpu = usage.ru_utime + usage.ru_stime
    if wall >= timeout:
        return wall, cpu, usage.ru_maxrss / 1024, None
    findings = sum(" CIO302 " in line for line in text.splitlines())
    return wall, cpu, usage.ru_maxrss / 1024, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help=f"any of {', '.join(INPUTS)} (default: all)")
    parser.add_argument("--steps", type=int, default=4, help="sizes per input (doubling)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the first size")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args()
    unknown = sorted(set(args.inputs) - set(INPUTS))
    if unknown:
        parser.error(f"unknown input {unknown[0]!r}; choose from {', '.join(INPUTS)}")
    for name in args.inputs or INPUTS:
        generate, first = INPUTS[name]
        previous: float | None = None
        for step in range(args.steps):
            size = int(first * args.scale) * 2**step
            root = Path(tempfile.mkdtemp(prefix=f"cio-patho-{name}-"))
            try:
                generate(root, size)
                wall, cpu, rss, findings = measure(root, args.timeout)
            finally:
                shutil.rmtree(root, ignore_errors=True)
            ratio = f"x{cpu / previous:.1f}" if previous else ""
            shown = "timeout" if findings is None else f"findings={findings}"
            print(f"{name:<11} N={size:>7,}  wall {wall:7.2f} s  cpu {cpu:7.2f} s {ratio:>5}  "
                  f"peak RSS {rss:7.1f} MB ({rss * 1024 / size:6.1f} KB/N)  {shown}", flush=True)
            if findings is None:
                break
            previous = cpu
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
