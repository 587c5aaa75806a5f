"""Start-up and pre-commit scenarios: the runs a user waits for at every commit or keystroke.

A whole-corpus benchmark hides what a user feels most: how long ``cio-lint`` takes to answer
when there is almost nothing to do. Each scenario here is a short command, measured in
alternation with a reference (``python -c "import click"`` with the interpreter cio-lint is
installed in: the least a click program can cost), so every scenario gets the median of its
own wall times and the median of its ratios to the reference taken pair by pair, which holds
when the machine's speed drifts.

The project they run in is built deterministically: 200 ordinary modules (application code
that never names Customer.io) and 20 generated modules that use the SDK in every function,
a folder of ordinary modules only, and a folder whose configuration is broken.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpora
from measure import Sample, run_once

ORDINARY = 200
USING = 20
#: What pre-commit passes for a typical commit: a few changed modules, most of them plain.
NAMED_USING = 2
NAMED = 20
BROKEN_CONFIG = '[tool.cio-lint]\nselect = ["CIO201", "CIO9999"]\n'


def ordinary_module(seed: int, index: int) -> str:
    """Application code that no Customer.io rule can concern (no SDK word in it)."""
    rng = random.Random(f"{seed}:ordinary:{index}")
    names = corpora.draw_names(rng, corpora.STYLES[index % len(corpora.STYLES)])
    parts = ['"""Reports for the dashboard."""\n\nimport logging\nimport time\n\n'
             "log = logging.getLogger(__name__)\n"]
    parts += [corpora.plain_section(rng, names, k) for k in range(1, 7)]
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Project:
    """The scenarios' project and the files pre-commit would name."""

    root: Path
    ordinary_dir: Path
    broken_dir: Path
    one_file: list[Path]
    twenty_files: list[Path]
    ordinary_named: list[Path]


def build(work: Path, seed: int) -> Project:
    """Write the project (``app/``: ordinary modules, the SDK modules beside it, ``plain/``:
    ordinary modules only) and, outside it, a folder whose configuration is broken."""
    root = work / "project"
    corpora.build_dense(root, seed=seed, count=USING)
    using = corpora.python_files(root)
    app = root / "app"
    app.mkdir()
    ordinary = []
    for index in range(ORDINARY):
        target = app / f"report_{index:03d}.py"
        target.write_text(ordinary_module(seed, index))
        ordinary.append(target)
    plain = root / "plain"
    plain.mkdir()
    for index in range(NAMED):
        (plain / f"report_{index:03d}.py").write_text(ordinary_module(seed, ORDINARY + index))
    broken = work / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "pyproject.toml").write_text(BROKEN_CONFIG)
    (broken / "jobs.py").write_text(ordinary_module(seed, ORDINARY + NAMED))
    named = using[:NAMED_USING] + ordinary[: NAMED - NAMED_USING]
    return Project(root=root, ordinary_dir=plain, broken_dir=broken, one_file=using[:1],
                   twenty_files=named, ordinary_named=sorted(plain.glob("*.py")))


def interpreter_of(executable: str) -> str:
    """The Python a console script runs with (its ``#!`` line), else this one."""
    try:
        with open(executable, "rb") as script:
            first = script.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!") and Path(first[2:].split()[0]).is_file():
        return first[2:].split()[0]
    return sys.executable


@dataclass
class Scenario:
    """One short command, its reference-relative limit and what it stands for."""

    key: str
    label: str
    command: list[str]
    cwd: Path
    ok_returncodes: tuple[int, ...]
    limit: float | None = None  # ratio to the reference, when the issue sets one
    seconds: float | None = None  # an absolute wall-time limit, when the issue sets one
    prepare: Callable[[], None] | None = None  # run once, untimed, before the first run
    samples: list[Sample] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        walls = [s.wall for s in self.samples]
        return {
            "key": self.key, "label": self.label, "command": self.command,
            "runs": len(walls),
            "median_wall_s": round(statistics.median(walls), 4) if walls else None,
            "min_wall_s": min(walls) if walls else None,
            "median_ratio": round(statistics.median(self.ratios), 2) if self.ratios else None,
            "limit_ratio": self.limit, "limit_s": self.seconds,
            "returncodes": sorted({s.returncode for s in self.samples}),
            "failed": any(s.returncode not in self.ok_returncodes for s in self.samples),
            "peak_rss_mb": max((s.rss_mb for s in self.samples), default=None),
        }


def scenarios(cio_lint: str, project: Project, cache: Path) -> list[Scenario]:
    """Every scenario the issue names, in the order they run."""
    check = [cio_lint, "check"]
    warm = [*check, "--cache-dir", str(cache)]
    root = project.root

    def fill(command: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(command, cwd=root, capture_output=True, check=False)

    start_up = 1.5
    return [
        Scenario("version", "cio-lint --version", [cio_lint, "--version"], root, (0,), start_up),
        Scenario("rules", "cio-lint rules", [cio_lint, "rules"], root, (0,), start_up),
        Scenario("rule", "cio-lint rule CIO201", [cio_lint, "rule", "CIO201"], root, (0,),
                 start_up),
        Scenario("config-error", "check, broken configuration (exit 2)",
                 [*check, "--no-cache", "."], project.broken_dir, (2,), start_up),
        Scenario("prefilter-miss", f"check {NAMED} files no rule concerns",
                 [*check, "--no-cache", str(project.ordinary_dir)], root, (0,), start_up),
        Scenario("cache-hit", f"check {ORDINARY + USING} files, warm cache",
                 [*warm, "--exit-zero", "."], root, (0,), start_up,
                 prepare=fill([*warm, "--exit-zero", "."])),
        Scenario("precommit-1", "pre-commit: 1 named file, warm",
                 [*warm, "--force-exclude", *map(str, project.one_file)], root, (1,),
                 seconds=0.15,
                 prepare=fill([*warm, "--force-exclude", *map(str, project.one_file)])),
        Scenario("precommit-20", f"pre-commit: {NAMED} named files, warm",
                 [*warm, "--force-exclude", *map(str, project.twenty_files)], root, (1,),
                 seconds=0.25,
                 prepare=fill([*warm, "--force-exclude", *map(str, project.twenty_files)])),
        Scenario("named-ordinary", f"pre-commit: {NAMED} named files no rule concerns, cold",
                 [*check, "--no-cache", *map(str, project.ordinary_named)], root, (0,)),
    ]


def measure(cio_lint: str, work: Path, seed: int, runs: int, timeout: float,
            log: Callable[[str], None]) -> dict[str, Any]:
    """Run every scenario ``runs`` times, each right after the reference."""
    project = build(work / "startup", seed)
    cache = work / "startup-cache"
    python = interpreter_of(cio_lint)
    reference = Scenario("reference", 'python -c "import click"',
                         [python, "-c", "import click"], project.root, (0,))
    items = scenarios(cio_lint, project, cache)
    for item in items:
        if item.prepare is not None:
            item.prepare()
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for run in range(runs):
        for item in items:
            base = run_once(reference.command, cwd=reference.cwd, env=env,
                            stdout=logs / "startup-reference.out", timeout=timeout)
            sample = run_once(item.command, cwd=item.cwd, env=env,
                              stdout=logs / f"startup-{item.key}.out", timeout=timeout)
            reference.samples.append(base)
            item.samples.append(sample)
            item.ratios.append(sample.wall / base.wall)
        log(f"[start-up run {run + 1}/{runs}] " + "  ".join(
            f"{item.key} {item.samples[-1].wall * 1000:.0f} ms" for item in items))
    return {"python": python, "reference": reference.to_json(),
            "scenarios": [item.to_json() for item in items],
            "files": {"ordinary": ORDINARY, "using": USING, "named": NAMED,
                      "named_using": NAMED_USING}}


def table(data: dict[str, Any]) -> str:
    """A fixed-width table of the scenarios against the reference."""
    reference = data["reference"]
    header = (f"{'scenario':<52} {'runs':>4} {'wall ms':>8} {'x import click':>14} "
              f"{'limit':>7} {'rss MB':>7}")
    lines = [header, "-" * len(header),
             f"{reference['label']:<52} {reference['runs']:>4} "
             f"{reference['median_wall_s'] * 1000:>8.0f} {'1.00':>14} {'':>7} "
             f"{reference['peak_rss_mb']:>7.0f}"]
    for row in data["scenarios"]:
        limit = (f"{row['limit_ratio']}x" if row["limit_ratio"] else
                 f"{row['limit_s'] * 1000:.0f} ms" if row["limit_s"] else "")
        flag = " FAILED" if row["failed"] else ""
        lines.append(f"{row['label']:<52} {row['runs']:>4} {row['median_wall_s'] * 1000:>8.0f} "
                     f"{row['median_ratio']:>14.2f} {limit:>7} {row['peak_rss_mb']:>7.0f}{flag}")
    return "\n".join(lines)
