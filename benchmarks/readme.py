"""Write the README's speed figures from the benchmark's own results.

The tables between ``<!-- benchmark:start -->`` and ``<!-- benchmark:end -->`` in README.md
are never typed by hand: this script renders them from ``results.json`` (and, when present,
the language server's ``lsp.json``), names the machine and the versions measured, and copies
the chart to ``docs/benchmark.png``:

    python benchmarks/readme.py                      # benchmarks/out/results.json, lsp.json
    python benchmarks/readme.py RESULTS.json [LSP.json]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
CHART = HERE.parent / "docs" / "benchmark.png"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"

CORPORA = {
    "sparse": "the interpreter's standard library plus 20 planted Customer.io modules",
    "dense": "generated Django/Flask/Celery modules that all use Customer.io",
    "js-sparse": "JavaScript/TypeScript shipped by pinned npm packages plus 20 planted "
                 "`customerio-node` modules",
    "js-dense": "generated Express, Next.js and worker modules that all use the SDK",
}
ORDER = ("sparse", "dense", "js-sparse", "js-dense")


def _n(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


#: Versions worth naming only when that tool ran.
RAN_WITH = {"fixit": "fixit", "semgrep": "semgrep", "eslint": "eslint",
            "@typescript-eslint/parser": "eslint", "node": "eslint"}


def machine_line(meta: dict[str, Any], tools: set[str]) -> str:
    """``2-core AMD EPYC, 24 GiB, Linux 6.18, Python 3.11.7; libcst 1.9.0, ...``."""
    box = meta["machine"]
    versions = ", ".join(f"{name} {version}" for name, version in meta["versions"].items()
                         if version and name != "cio-lint"
                         and RAN_WITH.get(name, "cio-cold") in tools)
    memory = f", {box['memory_gib']} GiB" if box.get("memory_gib") else ""
    return (f"{box['cpus']}-core {box.get('cpu_model', 'x86_64')}{memory}, "
            f"{box.get('system', box['platform'])}, Python {box['python']}; {versions}")


def startup_table(startup: dict[str, Any]) -> list[str]:
    reference = startup["reference"]
    lines = ["| run | median ms | x `import click` | target |", "|---|---:|---:|---|"]
    lines.append(f"| `python -c \"import click\"` (reference) | "
                 f"{reference['median_wall_s'] * 1000:.0f} | 1.00 | |")
    for row in startup["scenarios"]:
        target = (f"{row['limit_ratio']}x" if row["limit_ratio"]
                  else f"< {row['limit_s'] * 1000:.0f} ms" if row["limit_s"] else "")
        lines.append(f"| {row['label']} | {row['median_wall_s'] * 1000:.0f} | "
                     f"{_n(row['median_ratio'])} | {target} |")
    return lines


def corpus_table(data: dict[str, Any]) -> list[str]:
    lines = ["| corpus | files | tool | runs | median wall s | median CPU s | peak RSS MB | "
             "x cio-lint cold | x grep -rl |", "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for corpus in ORDER:
        for row in data["results"]:
            if row["corpus"] != corpus or row["median_wall_s"] is None:
                continue
            runs = sum(1 for run in row["runs"] if not run["timed_out"])
            lines.append(f"| {corpus} | {data['corpora'][corpus]['files']:,} | {row['label']} "
                         f"| {runs} | {_n(row['median_wall_s'])} | {_n(row['median_cpu_s'])} "
                         f"| {_n(row['peak_rss_mb'], 0)} | {_n(row['vs_cio_cold'])} "
                         f"| {_n(row['vs_grep_floor'], 1)} |")
    return lines


def growth_table(data: dict[str, Any]) -> list[str]:
    rows = {(r["tool"], int(r["corpus"].removeprefix("growth-"))): r
            for r in data["results"] if r["corpus"].startswith("growth-")}
    sizes = sorted({size for _, size in rows})
    if not sizes:
        return []
    lines = ["| dense files | cold wall s | cold CPU s | cold peak RSS MB | warm wall s | "
             "warm peak RSS MB |", "|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        cold, warm = rows.get(("cio-cold", size)), rows.get(("cio-warm", size))
        lines.append(f"| {size:,} | {_n(cold and cold['median_wall_s'])} "
                     f"| {_n(cold and cold['median_cpu_s'])} "
                     f"| {_n(cold and cold['peak_rss_mb'], 0)} "
                     f"| {_n(warm and warm['median_wall_s'])} "
                     f"| {_n(warm and warm['peak_rss_mb'], 0)} |")
    return lines


def lsp_table(lsp: dict[str, Any]) -> list[str]:
    lines = ["| project | edit to diagnostics, median (p90) | warm-up | server memory "
             "| CLI relint on save |", "|---|---:|---:|---:|---:|"]
    for language, entry in lsp["results"].items():
        server = entry["server"]
        edits = server.get("edits", {})
        memory = (server.get("memory_at_end") or {}).get("rss_mb")
        cli = entry["cli"][0]["median_wall_s"] if entry["cli"] else None
        lines.append(f"| {language}, {entry['files']:,} files ({entry['customerio_files']} use "
                     f"Customer.io) | {_n(edits.get('median_ms'), 0)} ms "
                     f"({_n(edits.get('p90_ms'), 0)} ms) | {_n(server.get('warm_up_s'))} s "
                     f"| {_n(memory, 0)} MB | {_n(cli)} s |")
    return lines


def section(data: dict[str, Any], lsp: dict[str, Any] | None) -> str:
    """The generated Markdown, without the markers."""
    meta = data["meta"]
    corpora = data["corpora"]
    described = "; ".join(f"*{name}*: {corpora[name]['files']:,} files, {CORPORA[name]}"
                          for name in ORDER if name in corpora)
    out = [f"Measured by `python benchmarks/run.py` in one invocation on "
           f"{meta['date'][:10]}, on a "
           f"{machine_line(meta, {row['tool'] for row in data['results']})} "
           f"([how](benchmarks/README.md)). {described}. cio-lint runs all its rules; "
           "semgrep, Fixit and ESLint run two or three equivalent rules. Medians of "
           f"{meta['runs_done']} runs.", "", "![median wall time per tool](docs/benchmark.png)",
           ""]
    if data.get("startup"):
        startup = data["startup"]
        files = startup["files"]
        out += [f"Start-up and pre-commit runs, each paired with `python -c \"import click\"` "
                f"({startup['reference']['runs']} pairs; a project of {files['ordinary']} "
                f"ordinary modules and {files['using']} that use Customer.io; the "
                f"{files['named']} named files hold {files['named_using']} of those):", "",
                *startup_table(startup), ""]
    out += ["Whole projects (peak RSS is the largest single process of the command's tree; "
            "each command is started by a small launcher, so no figure is below its 10 MB):",
            "", *corpus_table(data), ""]
    growth = growth_table(data)
    if growth:
        out += ["As the project grows (the dense generator; one run per size; the cold run "
                "fills the cache the warm run reads):", "", *growth, ""]
    if lsp:
        out += [f"In an editor, `cio-lint server` keeps the project analysed "
                f"(`python benchmarks/lsp.py`, {lsp['meta']['date'][:10]}, "
                f"{lsp['meta']['edits']} edits; "
                "[details](benchmarks/README.md#the-language-server-edit-to-diagnostics)):", "",
                *lsp_table(lsp), ""]
    return "\n".join(out).rstrip() + "\n"


def splice(readme: str, generated: str) -> str:
    """Replace what lies between the markers; the markers must be there exactly once."""
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise SystemExit(f"README.md must hold {START} and {END} once each")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{generated}{END}{tail}"


def main(argv: list[str]) -> int:
    results = Path(argv[0]) if argv else HERE / "out" / "results.json"
    lsp_path = Path(argv[1]) if len(argv) > 1 else results.with_name("lsp.json")
    data = json.loads(results.read_text())
    lsp = json.loads(lsp_path.read_text()) if lsp_path.is_file() else None
    README.write_text(splice(README.read_text(), section(data, lsp)))
    chart = results.with_suffix(".png")
    if chart.is_file():
        shutil.copyfile(chart, CHART)
    print(f"README.md speed section written from {results}"
          + (f" and {lsp_path}" if lsp else "") + (f"; {CHART} from {chart}"
                                                  if chart.is_file() else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
