"""Turn measured series into the printed table, the target verdicts, JSON and a chart.

Kept apart from the runner so the chart can be redrawn from a saved results.json
(``python benchmarks/report.py benchmarks/out/results.json``) without re-measuring.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Linear growth allows this much over proportional time when the corpus doubles.
LINEAR_LIMIT = 2.3
RSS_LIMIT_MB = 200.0
CIO_TOOLS = ("cio-cold", "cio-warm", "cio-jobs1")
#: A median wall time (None when unmeasured) and whether it is only a lower bound.
Wall = tuple[float | None, bool]


@dataclass(frozen=True)
class Target:
    """One promise from the issue, checked against the measurements."""

    name: str
    measured: float | None
    limit: float
    at_least: bool  # True: measured must be >= limit; False: <= (or < for RSS)
    detail: str
    lower_bound: bool = False  # the measured ratio is a bound (a run hit the timeout)

    @property
    def passed(self) -> bool | None:
        if self.measured is None:
            return None
        if self.at_least:
            return self.measured >= self.limit
        return self.measured <= self.limit if not self.lower_bound else None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "measured": self.measured, "limit": self.limit,
                "at_least": self.at_least, "passed": self.passed, "detail": self.detail,
                "lower_bound": self.lower_bound}


def _index(results: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["tool"], r["corpus"]): r for r in results}


def _wall(row: dict[str, Any] | None, timeout: float) -> Wall:
    """A series' median wall time, or the timeout as a lower bound when it never finished."""
    if row is None:
        return None, False
    if row["median_wall_s"] is not None:
        return row["median_wall_s"], False
    if row["timed_out"]:
        return timeout, True
    return None, False


def _ratio(slow: Wall, fast: Wall) -> Wall:
    if slow[0] is None or fast[0] is None or fast[0] == 0 or fast[1]:
        return None, False
    return round(slow[0] / fast[0], 2), slow[1]


def add_ratios(results: list[dict[str, Any]]) -> None:
    """Each row's median wall relative to cio-lint cold and to the grep floor (same corpus)."""
    rows = _index(results)
    for row in results:
        wall = row["median_wall_s"]
        for key, reference in (("vs_cio_cold", "cio-cold"), ("vs_grep_floor", "grep")):
            ref = rows.get((reference, row["corpus"]))
            ref_wall = ref["median_wall_s"] if ref else None
            row[key] = round(wall / ref_wall, 2) if wall and ref_wall else None


def evaluate(results: list[dict[str, Any]], timeout: float,
             startup: dict[str, Any] | None = None) -> list[Target]:
    """The issue's targets, each with the measured ratio (None when a tool was not run)."""
    rows = _index(results)

    def wall(tool: str, corpus: str) -> Wall:
        return _wall(rows.get((tool, corpus)), timeout)

    targets: list[Target] = []

    def speedup(name: str, slow: str, fast: str, corpus: str, limit: float, detail: str) -> None:
        ratio, bound = _ratio(wall(slow, corpus), wall(fast, corpus))
        targets.append(Target(name, ratio, limit, True, detail, bound))

    speedup("sparse: cold >= 6x faster than semgrep", "semgrep", "cio-cold", "sparse", 6,
            "semgrep wall / cio-lint cold wall")
    speedup("sparse: cold >= 100x faster than Fixit", "fixit", "cio-cold", "sparse", 100,
            "Fixit wall / cio-lint cold wall")
    for tool, limit in (("cio-cold", 20), ("cio-warm", 8)):
        ratio, _ = _ratio(wall(tool, "sparse"), wall("grep", "sparse"))
        targets.append(Target(f"sparse: {tool.removeprefix('cio-')} within {limit}x of grep -rl",
                              ratio, limit, False, f"cio-lint {tool[4:]} wall / grep -rl wall"))
    speedup("sparse: warm >= 3x faster than cold", "cio-cold", "cio-warm", "sparse", 3,
            "cio-lint cold wall / warm wall")
    ratio, _ = _ratio(wall("cio-jobs1", "dense"), wall("parse", "dense"))
    targets.append(Target("dense: cold --jobs 1 <= 2x bare LibCST parse", ratio, 2, False,
                          "cio-lint --jobs 1 wall / libcst.parse_module wall"))
    speedup("dense: cold --jobs 1 >= 3x faster than Fixit", "fixit", "cio-jobs1", "dense", 3,
            "Fixit wall / cio-lint --jobs 1 wall")
    peaks = [r["peak_rss_mb"] for r in results
             if r["tool"] in CIO_TOOLS and r["corpus"] in ("sparse", "dense")
             and r["peak_rss_mb"] is not None]
    targets.append(Target("peak RSS < 200 MB on either corpus", max(peaks) if peaks else None,
                          RSS_LIMIT_MB, False, "largest cio-lint process, any mode, MB"))
    targets += _startup_targets(startup)
    targets += _growth_targets(growth(results))
    targets += _js_targets(rows, wall)
    for tool in ("cio-cold", "cio-jobs1"):
        for big, small in (("dense-double", "dense"), ("dense", "dense-half")):
            ratio, _ = _ratio(wall(tool, big), wall(tool, small))
            targets.append(Target(f"linear: {tool} {big}/{small} <= {LINEAR_LIMIT}", ratio,
                                  LINEAR_LIMIT, False, "wall time when the file count doubles"))
    return targets


def _startup_targets(startup: dict[str, Any] | None) -> list[Target]:
    """Each start-up scenario against ``python -c "import click"`` (median of paired ratios),
    and the pre-commit runs against their wall-time limits."""
    targets: list[Target] = []
    for row in (startup or {}).get("scenarios", []):
        if row["limit_ratio"]:
            targets.append(Target(f"start-up: {row['label']} within {row['limit_ratio']}x of "
                                  "import click", row["median_ratio"], row["limit_ratio"],
                                  False, "median of paired wall ratios"))
        if row["limit_s"]:
            targets.append(Target(f"{row['label']} under {row['limit_s']:g} s",
                                  row["median_wall_s"], row["limit_s"], False,
                                  "median wall s"))
    return targets


def _growth_targets(steps: list[dict[str, Any]]) -> list[Target]:
    """Linear growth up to the largest growth size, and memory at 2,000 files or more."""
    targets = []
    for step in steps:
        for metric in ("wall", "cpu", "rss"):
            targets.append(Target(
                f"growth: {step['tool']} {metric} {step['small']} -> {step['big']} files "
                f"<= {LINEAR_LIMIT}x", step[f"{metric}_ratio"], LINEAR_LIMIT, False,
                f"{metric} at {step['big']} / at {step['small']} files"))
    memory = [step for step in steps if step["big"] >= MEMORY_FILES]
    for tool in CIO_TOOLS:
        first = next((step for step in memory if step["tool"] == tool), None)
        if first is not None:
            targets.append(Target(f"growth: {tool} peak RSS < {RSS_LIMIT_MB:g} MB at "
                                  f"{first['big']} files", first["big_rss_mb"], RSS_LIMIT_MB,
                                  False, f"largest process at {first['big']} dense files, MB"))
    return targets


#: The issue's memory promise: under RSS_LIMIT_MB at this many dense files (or more).
MEMORY_FILES = 2000


def growth(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each doubling step of the growth series: wall, CPU and peak RSS ratios per tool."""
    by_tool: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for row in results:
        if row["corpus"].startswith("growth-") and row["median_wall_s"]:
            size = int(row["corpus"].removeprefix("growth-"))
            by_tool.setdefault(row["tool"], []).append((size, row))
    steps = []
    for tool, rows in by_tool.items():
        rows.sort(key=lambda pair: pair[0])
        for (small, a), (big, b) in itertools.pairwise(rows):
            step: dict[str, Any] = {"tool": tool, "small": small, "big": big,
                                    "small_wall_s": a["median_wall_s"],
                                    "big_wall_s": b["median_wall_s"],
                                    "big_cpu_s": b["median_cpu_s"],
                                    "big_rss_mb": b["peak_rss_mb"]}
            for metric, key in (("wall", "median_wall_s"), ("cpu", "median_cpu_s"),
                                ("rss", "peak_rss_mb")):
                step[f"{metric}_ratio"] = (round(b[key] / a[key] * small / big * 2, 2)
                                           if a[key] and b[key] else None)
            steps.append(step)
    return steps


def growth_table(steps: list[dict[str, Any]]) -> str:
    """Growth per doubling (2.0 = proportional), normalised when a step is not exactly 2x."""
    header = (f"{'growth (dense files)':<26} {'step':>12} {'wall s':>8} {'cpu s':>8} "
              f"{'rss MB':>7} {'wall x':>7} {'cpu x':>6} {'rss x':>6}")
    lines = [header, "-" * len(header)]
    for step in steps:
        lines.append(
            f"{LABEL_OF.get(step['tool'], step['tool']):<26} "
            f"{step['small']:>5} -> {step['big']:>4} {_fmt(step['big_wall_s'], digits=2):>8} "
            f"{_fmt(step['big_cpu_s'], digits=2):>8} {_fmt(step['big_rss_mb'], digits=0):>7} "
            f"{_fmt(step['wall_ratio']):>7} {_fmt(step['cpu_ratio']):>6} "
            f"{_fmt(step['rss_ratio']):>6}")
    return "\n".join(lines)


LABEL_OF = {"cio-cold": "cio-lint cold", "cio-warm": "cio-lint warm",
            "cio-jobs1": "cio-lint --jobs 1"}


def _js_targets(rows: dict[tuple[str, str], dict[str, Any]],
                wall: Any) -> list[Target]:
    """The same promises on the JavaScript/TypeScript corpora, and the per-line cost of
    JavaScript against Python ("about the time of Python code of the same size")."""
    targets: list[Target] = []
    if not any(corpus.startswith("js-") for _, corpus in rows):
        return targets
    ratio, _ = _ratio(wall("cio-cold", "js-sparse"), wall("grep", "js-sparse"))
    targets.append(Target("js-sparse: cold within 5x of grep -rl", ratio, 5, False,
                          "cio-lint cold wall / grep -rl wall"))
    ratio, bound = _ratio(wall("cio-cold", "js-sparse"), wall("cio-warm", "js-sparse"))
    targets.append(Target("js-sparse: warm >= 3x faster than cold", ratio, 3, True,
                          "cio-lint cold wall / warm wall", bound))
    for corpus in ("js-sparse", "js-dense"):
        for other in ("eslint", "semgrep"):
            ratio, bound = _ratio(wall(other, corpus), wall("cio-cold", corpus))
            targets.append(Target(f"{corpus}: cold faster than {other}", ratio, 1, True,
                                  f"{other} wall / cio-lint cold wall", bound))
    peaks = [r["peak_rss_mb"] for (tool, corpus), r in rows.items()
             if tool in CIO_TOOLS and corpus.startswith("js-") and r["peak_rss_mb"] is not None]
    targets.append(Target("peak RSS < 200 MB on either JS corpus",
                          max(peaks) if peaks else None, RSS_LIMIT_MB, False,
                          "largest cio-lint process, any mode, MB"))
    for tool in ("cio-cold", "cio-jobs1"):
        per_line = []
        for corpus in ("dense", "js-dense"):
            row = rows.get((tool, corpus))
            per_line.append(row["median_cpu_s"] / row["lines"] if row and row.get("lines")
                            and row["median_cpu_s"] else None)
        measured = (round(per_line[1] / per_line[0], 2)
                    if per_line[0] and per_line[1] else None)
        targets.append(Target(f"js-dense: {tool} CPU per line <= 1.5x Python dense", measured,
                              JS_PER_LINE_LIMIT, False,
                              "CPU seconds per line, js-dense / dense"))
    return targets


#: "About the time of Python code of the same size": CPU per line within this factor.
JS_PER_LINE_LIMIT = 1.5
COST_TOOLS = ("cio-cold", "cio-warm", "cio-jobs1", "parse", "ts-parse")
MAIN_CORPORA = ("sparse", "dense", "js-sparse", "js-dense")


def costs(results: list[dict[str, Any]], corpora: dict[str, Any]) -> list[dict[str, Any]]:
    """Per-file and per-line cost of cio-lint (and the parse floors) on every main corpus,
    so Python and JavaScript corpora of different sizes can be compared."""
    out = []
    for row in results:
        if row["tool"] not in COST_TOOLS or row["corpus"] not in MAIN_CORPORA:
            continue
        size = corpora[row["corpus"]]
        entry: dict[str, Any] = {"tool": row["tool"], "label": row["label"],
                                 "corpus": row["corpus"], "files": size["files"],
                                 "lines": size["lines"]}
        for metric in ("wall", "cpu"):
            value = row[f"median_{metric}_s"]
            entry[f"{metric}_ms_per_file"] = (round(1000 * value / size["files"], 3)
                                              if value and size["files"] else None)
            entry[f"{metric}_ms_per_kline"] = (round(1e6 * value / size["lines"], 3)
                                               if value and size["lines"] else None)
        out.append(entry)
    return out


def cost_table(entries: list[dict[str, Any]]) -> str:
    header = (f"{'per-file / per-line cost':<26} {'corpus':<10} {'files':>5} {'lines':>7} "
              f"{'wall ms/file':>12} {'cpu ms/file':>11} {'wall ms/kline':>13} "
              f"{'cpu ms/kline':>12}")
    lines = [header, "-" * len(header)]
    for e in sorted(entries, key=lambda e: (COST_TOOLS.index(e["tool"]),
                                            MAIN_CORPORA.index(e["corpus"]))):
        lines.append(
            f"{e['label']:<26} {e['corpus']:<10} {e['files']:>5} {e['lines']:>7} "
            f"{_fmt(e['wall_ms_per_file'], digits=2):>12} "
            f"{_fmt(e['cpu_ms_per_file'], digits=2):>11} "
            f"{_fmt(e['wall_ms_per_kline'], digits=1):>13} "
            f"{_fmt(e['cpu_ms_per_kline'], digits=1):>12}")
    return "\n".join(lines)


def compared_findings(results: list[dict[str, Any]], codes: Iterable[str]) -> str:
    """What cio-lint reported of the codes the ESLint and semgrep JS rules imitate."""
    wanted = tuple(codes)
    lines = []
    for row in results:
        if row["tool"] == "cio-cold" and row["corpus"].startswith("js-"):
            by_code = row.get("findings_by_code") or {}
            counts = ", ".join(f"{code} {by_code.get(code, 0)}" for code in wanted)
            lines.append(f"  {row['corpus']:<10} {counts} "
                         f"(total {sum(by_code.get(code, 0) for code in wanted)})")
    if not lines:
        return ""
    return ("cio-lint findings of the codes the ESLint and semgrep JS rules imitate:\n"
            + "\n".join(lines))


def linearity(results: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Wall and CPU growth of cio-lint as the dense corpus doubles (2.0 is proportional)."""
    rows = _index(results)
    out: dict[str, dict[str, float | None]] = {}
    for tool in ("cio-cold", "cio-jobs1", "parse"):
        entry: dict[str, float | None] = {}
        for name, big, small in (("double/base", "dense-double", "dense"),
                                 ("base/half", "dense", "dense-half")):
            for metric in ("median_wall_s", "median_cpu_s"):
                b, s = rows.get((tool, big)), rows.get((tool, small))
                value = None
                if b and s and b[metric] and s[metric]:
                    value = round(b[metric] / s[metric], 2)
                entry[f"{name} {metric.split('_')[1]}"] = value
        out[tool] = entry
    return out


def _fmt(value: float | None, suffix: str = "", digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}{suffix}"


def table(results: list[dict[str, Any]], corpora: dict[str, Any]) -> str:
    """A fixed-width table: one row per tool and corpus."""
    header = (f"{'tool':<26} {'corpus':<12} {'files':>5} {'runs':>4} {'wall s':>8} "
              f"{'cpu s':>8} {'rss MB':>7} {'x cold':>7} {'x grep':>7} {'found':>6}")
    lines = [header, "-" * len(header)]
    for row in results:
        runs = sum(1 for run in row["runs"] if not run["timed_out"])
        wall = _fmt(row["median_wall_s"], digits=3)
        if row["median_wall_s"] is None and row["timed_out"]:
            wall = "timeout"
        flag = " FAILED" if row["failed"] else ""
        found = "-" if row["findings"] is None else row["findings"]
        lines.append(
            f"{row['label']:<26} {row['corpus']:<12} {corpora[row['corpus']]['files']:>5} "
            f"{runs:>4} {wall:>8} {_fmt(row['median_cpu_s'], digits=3):>8} "
            f"{_fmt(row['peak_rss_mb'], digits=0):>7} {_fmt(row['vs_cio_cold']):>7} "
            f"{_fmt(row['vs_grep_floor']):>7} {found:>6}"
            f"{flag}"
        )
    return "\n".join(lines)


def verdicts(targets: list[Target]) -> str:
    lines = []
    for target in targets:
        state = {True: "PASS", False: "FAIL", None: "n/a "}[target.passed]
        bound = ">" if target.lower_bound else ""
        measured = "-" if target.measured is None else f"{bound}{target.measured:g}"
        lines.append(f"[{state}] {target.name}: measured {measured} ({target.detail})")
    return "\n".join(lines)


def chart(data: dict[str, Any], png: Path) -> str:
    """Draw median wall time per tool, one panel per main corpus; says what it did."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "chart skipped: matplotlib is not installed (pip install matplotlib)"
    panels = [c for c in MAIN_CORPORA if any(r["corpus"] == c for r in data["results"])]
    if not panels:
        return "chart skipped: no sparse or dense results"
    growing = [r for r in data["results"] if r["corpus"].startswith("growth-")
               and r["median_wall_s"]]
    if growing:
        panels.append("growth")
    columns = min(2, len(panels))
    rows_count = (len(panels) + columns - 1) // columns
    fig, axes = plt.subplots(rows_count, columns, figsize=(6.5 * columns, 4.2 * rows_count),
                             squeeze=False)
    for axis in axes.flat[len(panels):]:
        axis.set_visible(False)
    for axis, corpus in zip(axes.flat, panels, strict=False):
        if corpus == "growth":
            _growth_panel(axis, growing)
            continue
        rows = [r for r in data["results"] if r["corpus"] == corpus and r["median_wall_s"]]
        rows.sort(key=lambda r: r["median_wall_s"])
        labels = [r["label"] for r in rows]
        values = [r["median_wall_s"] for r in rows]
        colors = ["#2b6cb0" if r["tool"].startswith("cio") else "#a0aec0" for r in rows]
        bars = axis.barh(labels, values, color=colors)
        axis.set_xscale("log")
        files = data["corpora"][corpus]["files"]
        axis.set_title(f"{corpus} corpus ({files} files): median wall time")
        axis.set_xlabel("seconds (log scale)")
        for bar, value in zip(bars, values, strict=True):
            axis.text(bar.get_width() * 1.08, bar.get_y() + bar.get_height() / 2,
                      f"{value:.3g} s", va="center", fontsize=8)
        axis.set_xlim(right=max(values) * 4)
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=120)
    plt.close(fig)
    return f"chart written to {png}"


def _growth_panel(axis: Any, rows: list[dict[str, Any]]) -> None:
    """Wall time against dense files for each cio-lint mode, with proportional growth."""
    for tool, color in (("cio-cold", "#2b6cb0"), ("cio-warm", "#63b3ed")):
        points = sorted((int(r["corpus"].removeprefix("growth-")), r["median_wall_s"])
                        for r in rows if r["tool"] == tool)
        if not points:
            continue
        sizes, walls = zip(*points, strict=True)
        axis.plot(sizes, walls, marker="o", color=color, label=LABEL_OF[tool])
        axis.plot(sizes, [walls[0] * size / sizes[0] for size in sizes], linestyle=":",
                  color=color, linewidth=1)
    axis.set_title("growth: dense files (dotted: proportional)")
    axis.set_xlabel("files")
    axis.set_ylabel("median wall s")
    axis.legend(fontsize=8)


def main(argv: list[str]) -> int:
    """Redraw the chart from a saved results.json."""
    source = Path(argv[0]) if argv else Path(__file__).parent / "out" / "results.json"
    data = json.loads(source.read_text())
    print(chart(data, source.with_suffix(".png")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
