"""Measure ``cio-lint server`` as an editor uses it, beside the CLI relint it replaces.

One command builds a warm project of 1,000 files (per language), starts the language
server over stdio with pygls' client, opens a dense module of a few hundred lines, edits it
N times (each edit adds or removes one finding) and times every didChange until the
publishDiagnostics for that document version arrives; then edits the wrapper module that
builds the Customer.io clients and times until an open caller's diagnostics change. Beside
it, what a user has without the server: ``cio-lint check <project>`` (the editor recipes'
relint on save), timed like benchmarks/run.py times a tool. See benchmarks/README.md.

    python benchmarks/lsp.py --quick      # smoke run: small project, few edits
    python benchmarks/lsp.py              # 1,000 files, 30 edits, Python and TypeScript
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import lsp_project  # noqa: E402 - a sibling module, importable once HERE is on the path
from lsp_client import BenchClient, Published, memory_of  # noqa: E402
from lsp_project import Project  # noqa: E402
from lsprotocol import types  # noqa: E402
from measure import Series, become_subreaper, run_once  # noqa: E402

TARGET_MS = 200.0
LANGUAGE_IDS = {"python": "python", "typescript": "typescript"}


def cio_lint(args: argparse.Namespace) -> str:
    """The given executable, else the console script of the running interpreter's
    environment (the one the benchmark measures)."""
    path = Path(args.cio_lint or Path(sys.executable).parent / "cio-lint")
    if not path.is_file():
        sys.exit(f"no cio-lint at {path}: pip install -e '.[lsp]' in this environment")
    return str(path)


def p90(values: list[float]) -> float:
    """Nearest-rank 90th percentile (no interpolation: a value that was measured)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median_ms": None, "p90_ms": None, "min_ms": None, "max_ms": None}
    return {"median_ms": round(statistics.median(values), 1), "p90_ms": round(p90(values), 1),
            "min_ms": round(min(values), 1), "max_ms": round(max(values), 1)}


def _revision_line(project: Project, number: int) -> str:
    return f"{'#' if project.language == 'python' else '//'} revision {number}\n"


def _revision_change(project: Project, number: int) -> types.TextDocumentContentChangeEvent:
    """Line 0 becomes ``# revision N``: every edit's text is new, so no edit is answered
    from results the server remembers for a text it saw before (undo would be)."""
    span = types.Range(start=types.Position(line=0, character=0),
                       end=types.Position(line=1, character=0))
    return types.TextDocumentContentChangePartial(range=span,
                                                  text=_revision_line(project, number))


def _toggle_change(project: Project, insert: bool) -> types.TextDocumentContentChangeEvent:
    """Insert the finding line before ``insert_at``, or remove it again (incremental);
    the revision line above counts."""
    at = project.insert_at + 1
    if insert:
        span = types.Range(start=types.Position(line=at, character=0),
                           end=types.Position(line=at, character=0))
        return types.TextDocumentContentChangePartial(range=span, text=project.finding_line)
    span = types.Range(start=types.Position(line=at, character=0),
                       end=types.Position(line=at + 1, character=0))
    return types.TextDocumentContentChangePartial(range=span, text="")


def _swap_change(project: Project, to_stub: bool) -> types.TextDocumentContentChangeEvent:
    swap = project.wrapper_swap
    old, new = (swap.original, swap.replacement) if to_stub else (swap.replacement,
                                                                  swap.original)
    span = types.Range(start=types.Position(line=swap.line, character=0),
                       end=types.Position(line=swap.line, character=len(old)))
    return types.TextDocumentContentChangePartial(range=span, text=new)


async def drive(project: Project, args: argparse.Namespace) -> dict[str, Any]:
    """One server session on one project; returns what was measured and what went wrong."""
    bench = BenchClient()
    language = LANGUAGE_IDS[project.language]
    problems: list[str] = []
    result: dict[str, Any] = {"problems": problems}
    edited = project.edited.as_uri()
    await bench.start(cio_lint(args), project.root)
    try:
        start = time.perf_counter()
        result["initialize_s"] = round(await bench.initialize(
            project.root, {"debounceMs": 0}, args.timeout), 3)
        mark = len(bench.published)
        opened = bench.open(project.edited, language, project.edited.read_text())
        first = await bench.wait_for(lambda p: p.uri == edited, mark, args.timeout)
        if first is None:
            problems.append(f"no diagnostics for the edited file within {args.timeout:.0f} s "
                            "of opening it")
            return result
        if first.version not in (1, None):
            problems.append(f"first diagnostics carry version {first.version}, not 1")
        result["warm_up_s"] = round(first.at - start, 3)
        result["open_to_diagnostics_s"] = round(first.at - opened, 3)
        result["diagnostics_at_open"] = len(first.codes)
        result["memory_after_warm_up"] = asdict(memory_of(bench.pid))
        result["edits"] = await _edits(bench, project, args, len(first.codes), problems)
        result["wrapper_edits"] = await _wrapper_edits(bench, project, language, args,
                                                       problems)
        result["memory_at_end"] = asdict(memory_of(bench.pid))
        result["publishes"] = len(bench.published)
        result["published_uris"] = len({p.uri for p in bench.published})
        return result
    finally:
        if bench.returncode is not None:
            problems.append(f"the server exited with code {bench.returncode}")
        await bench.stop()
        result["server_messages"] = bench.messages[-50:]
        result["server_stderr_tail"] = bench.stderr.decode(errors="replace")[-4000:]
        result["returncode"] = bench.returncode


async def _edits(bench: BenchClient, project: Project, args: argparse.Namespace,
                 base: int, problems: list[str]) -> dict[str, Any]:
    """N edits of the open module, alternately adding and removing one finding."""
    latencies: list[float] = []
    counts: list[int] = []
    unexpected = 0
    missing_version = 0
    uri = project.edited.as_uri()
    mark = len(bench.published)
    start = types.Range(start=types.Position(line=0, character=0),
                        end=types.Position(line=0, character=0))
    bench.change(project.edited, 2, [types.TextDocumentContentChangePartial(
        range=start, text=_revision_line(project, 0))])
    if await bench.wait_for(lambda p: p.uri == uri and p.version in (2, None), mark,
                            args.edit_timeout) is None:
        problems.append("no diagnostics after the revision line was added")
        return {"count": 0}
    for number in range(1, args.edits + 1):
        version = number + 2
        insert = number % 2 == 1
        mark = len(bench.published)
        sent = bench.change(project.edited, version,
                            [_revision_change(project, number), _toggle_change(project, insert)])

        def same(p: Published, version: int = version) -> bool:
            return p.uri == uri and p.version in (version, None)

        got = await bench.wait_for(same, mark, args.edit_timeout)
        if got is None:
            problems.append(f"edit {number}: no diagnostics for version {version} within "
                            f"{args.edit_timeout:.0f} s")
            break
        missing_version += got.version is None
        latencies.append((got.at - sent) * 1000)
        counts.append(len(got.codes))
        unexpected += len(got.codes) != base + (1 if insert else 0)
        await asyncio.sleep(args.pause)
    if missing_version:
        problems.append(f"{missing_version} of {len(latencies)} edits' diagnostics came "
                        "without a version")
    if unexpected:
        problems.append(f"{unexpected} of {len(latencies)} edits did not show the one "
                        f"finding added or removed (counts {counts[:10]}..., base {base})")
    return {"count": len(latencies), "latencies_ms": [round(v, 2) for v in latencies],
            "diagnostic_counts": counts, **summary(latencies)}


async def _wrapper_edits(bench: BenchClient, project: Project, language: str,
                         args: argparse.Namespace, problems: list[str]) -> dict[str, Any]:
    """Swap the wrapper's client for a stand-in and back; time the open caller's update."""
    caller, wrapper = project.caller.as_uri(), project.wrapper.as_uri()
    mark = len(bench.published)
    bench.open(project.caller, language, project.caller.read_text())
    opened = await bench.wait_for(lambda p: p.uri == caller, mark, args.timeout)
    mark = len(bench.published)
    bench.open(project.wrapper, language, project.wrapper.read_text())
    await bench.wait_for(lambda p: p.uri == wrapper, mark, args.timeout)
    if opened is None:
        problems.append("no diagnostics for the opened caller of the wrapper")
        return {}
    base = len(opened.codes)
    samples: list[dict[str, Any]] = []
    for version, to_stub in ((2, True), (3, False)):
        mark = len(bench.published)
        sent = bench.change(project.wrapper, version, [_swap_change(project, to_stub)])

        def changed(p: Published, to_stub: bool = to_stub) -> bool:
            return p.uri == caller and (len(p.codes) != base) == to_stub

        def itself(p: Published, version: int = version) -> bool:
            return p.uri == wrapper and p.version == version

        own = await bench.wait_for(itself, mark, args.edit_timeout)
        got = await bench.wait_for(changed, mark, args.edit_timeout)
        if got is None:
            seen = [p for p in bench.published[mark:] if p.uri == caller]
            problems.append(f"wrapper edit (version {version}): the caller's diagnostics did "
                            f"not change within {args.edit_timeout:.0f} s ({len(seen)} "
                            f"publishes for it, counts {[len(p.codes) for p in seen]})")
            continue
        samples.append({"to_stand_in": to_stub, "caller_ms": round((got.at - sent) * 1000, 2),
                        "wrapper_ms": None if own is None else round((own.at - sent) * 1000, 2),
                        "caller_diagnostics": len(got.codes), "caller_before": base})
        await asyncio.sleep(args.pause)
    return {"caller": str(project.caller.relative_to(project.root)),
            "wrapper": str(project.wrapper.relative_to(project.root)), "samples": samples}


# --------------------------------------------------------------------------- without the server

def _save_toggled(project: Project, insert: bool) -> None:
    """Write the edited module with or without the finding line, as a save would."""
    lines = project.edited.read_text().splitlines(keepends=True)
    if insert:
        lines.insert(project.insert_at, project.finding_line)
    else:
        del lines[project.insert_at]
    project.edited.write_text("".join(lines))


def cli_runs(project: Project, args: argparse.Namespace, logs: Path) -> list[Series]:
    """The editor recipes' ``cio-lint check <project>``, one saved edit before each run,
    and the same run without its cache, round-robin like benchmarks/run.py."""
    exe = cio_lint(args)
    command = [exe, "check", "--output-format", "concise", str(project.root)]
    series = [
        Series(tool="cli-recipe", corpus=project.language, command=command,
               label="cio-lint check <project> (relint on save, cache warm)",
               ok_returncodes=(0, 1)),
        Series(tool="cli-cold", corpus=project.language, command=[*command, "--no-cache"],
               label="cio-lint check --no-cache <project>", ok_returncodes=(0, 1)),
    ]
    log = logs / f"cli-{project.language}.out"
    run_once(command, cwd=project.root, env=os.environ, stdout=log, timeout=args.timeout)
    inserted = False
    for run in range(args.runs):
        inserted = not inserted
        _save_toggled(project, inserted)
        for item in series:
            sample = run_once(item.command, cwd=project.root, env=os.environ, stdout=log,
                              timeout=args.timeout)
            item.samples.append(sample)
            item.findings = sum(1 for line in log.read_text(errors="replace").splitlines()
                                if re.search(r":\d+:\d+: CIO\d+ ", line))
            print(f"  [run {run + 1}/{args.runs}] {item.label:<55} {sample.wall:8.3f} s  "
                  f"cpu {sample.cpu:7.3f} s  rss {sample.rss_mb:5.0f} MB  "
                  f"rc={sample.returncode}", file=sys.stderr, flush=True)
    if inserted:
        _save_toggled(project, False)
    return series


def series_json(item: Series) -> dict[str, Any]:
    row = item.to_json()
    walls = [s.wall for s in item.samples if not s.timed_out]
    row["min_wall_s"] = min(walls) if walls else None
    row["max_wall_s"] = max(walls) if walls else None
    return row


# --------------------------------------------------------------------------- report

def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}{unit}"


def _memory(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "-"
    text = f"{_fmt(entry['rss_mb'], digits=0)} / {_fmt(entry['hwm_mb'], ' MB', 0)}"
    if entry.get("children"):
        text += f" (+{entry['children']} children, {_fmt(entry['children_rss_mb'], ' MB', 0)})"
    return text


def table(results: dict[str, dict[str, Any]]) -> str:
    """Metrics down, languages across."""
    rows: list[tuple[str, list[str]]] = []

    def row(name: str, render: Any) -> None:
        rows.append((name, [render(r) for r in results.values()]))

    row("files (use Customer.io) / lines",
        lambda r: f"{r['files']:,} ({r['customerio_files']}) / {r['lines']:,}")
    row("edited module lines", lambda r: f"{r['edited_lines']}")
    row("warm-up: initialize to first diagnostics",
        lambda r: _fmt(r["server"].get("warm_up_s"), " s", 2))
    row("  initialize answered after", lambda r: _fmt(r["server"].get("initialize_s"), " s", 2))
    row("edit to diagnostics: median", lambda r: _fmt(r["server"].get("edits", {})
                                                       .get("median_ms"), " ms"))
    row("  p90 / min / max", lambda r: " / ".join(
        _fmt(r["server"].get("edits", {}).get(k)) for k in ("p90_ms", "min_ms", "max_ms"))
        + " ms")
    row("  edits timed", lambda r: str(r["server"].get("edits", {}).get("count", 0)))
    row("wrapper edit to caller diagnostics", lambda r: " / ".join(
        _fmt(s["caller_ms"], " ms") for s in r["server"].get("wrapper_edits", {})
        .get("samples", [])) or "-")
    row("server VmRSS / VmHWM after warm-up",
        lambda r: _memory(r["server"].get("memory_after_warm_up")))
    row("server VmRSS / VmHWM at the end", lambda r: _memory(r["server"].get("memory_at_end")))
    for index, name in enumerate(("CLI relint on save (cache warm)", "CLI --no-cache")):
        row(f"{name}: median wall", lambda r, i=index: _fmt(r["cli"][i]["median_wall_s"],
                                                            " s", 2) if r["cli"] else "-")
        row("  min / max wall, median CPU, peak RSS", lambda r, i=index: (
            f"{_fmt(r['cli'][i]['min_wall_s'], digits=2)} / "
            f"{_fmt(r['cli'][i]['max_wall_s'], ' s', 2)}, "
            f"{_fmt(r['cli'][i]['median_cpu_s'], ' s', 2)}, "
            f"{_fmt(r['cli'][i]['peak_rss_mb'], ' MB', 0)}") if r["cli"] else "-")
    row(f"target: median under {TARGET_MS:.0f} ms", lambda r: r["target"])
    width = max(len(name) for name, _ in rows) + 2
    columns = [max(len(lang), *(len(cells[i]) for _, cells in rows)) + 2
               for i, lang in enumerate(results)]
    lines = [" " * width + "".join(lang.rjust(w) for lang, w in zip(results, columns,
                                                                     strict=True))]
    lines += [name.ljust(width) + "".join(cell.rjust(w) for cell, w in zip(cells, columns,
                                                                         strict=True))
              for name, cells in rows]
    return "\n".join(lines)


def verdict(server: dict[str, Any]) -> str:
    median = server.get("edits", {}).get("median_ms")
    if median is None:
        return "not measured"
    return "met" if median < TARGET_MS else "not met"


# --------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=None,
                        help="files in each project (default 1000; 120 with --quick)")
    parser.add_argument("--edits", type=int, default=None,
                        help="timed edits of the open module (default 30; 10 with --quick)")
    parser.add_argument("--runs", type=int, default=None,
                        help="timed CLI runs, as benchmarks/run.py (default 5; 3 with --quick)")
    parser.add_argument("--languages", default="python,js",
                        help="python, js (a TypeScript project) or both")
    parser.add_argument("--quick", action="store_true",
                        help="a small project and few edits: a smoke test in a minute")
    parser.add_argument("--seed", type=int, default=20240611,
                        help="seed of the generated code (same seed, same bytes)")
    parser.add_argument("--work-dir", default=None,
                        help="where the projects and logs go (default: a directory under "
                             "the system temp dir, rebuilt on every run)")
    parser.add_argument("--cio-lint", default=None,
                        help="cio-lint executable (default: the one beside this Python)")
    parser.add_argument("--out", default=str(HERE / "out"), help="where lsp.json goes")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds for the warm-up and for one CLI run (default 600)")
    parser.add_argument("--edit-timeout", type=float, default=60.0,
                        help="seconds to wait for one edit's diagnostics (default 60)")
    parser.add_argument("--pause", type=float, default=0.05,
                        help="seconds between edits, untimed (default 0.05)")
    args = parser.parse_args(argv)
    args.files = args.files or (120 if args.quick else 1000)
    args.edits = args.edits or (10 if args.quick else 30)
    args.runs = args.runs or (3 if args.quick else 5)
    return args


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    languages = [name.strip() for name in args.languages.split(",") if name.strip()]
    if not languages or set(languages) - set(lsp_project.BUILDERS):
        sys.exit(f"--languages takes python, js or both, not {args.languages!r}")
    work = Path(args.work_dir or Path(tempfile.gettempdir()) / "cio-lint-bench-lsp")
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    failed = False
    for language in languages:
        print(f"building the {language} project ({args.files} files) in {work} ...",
              file=sys.stderr, flush=True)
        project = lsp_project.BUILDERS[language](work / language, seed=args.seed,
                                                files=args.files)
        print(f"cio-lint server on {project.root}: warm-up and {args.edits} edits ...",
              file=sys.stderr, flush=True)
        server = asyncio.run(drive(project, args))
        (logs / f"server-{project.language}.err").write_text(server["server_stderr_tail"])
        for problem in server["problems"]:
            print(f"  problem: {problem}", file=sys.stderr)
        failed = failed or bool(server["problems"])
        print(f"cio-lint check {project.root}: {args.runs} runs ...", file=sys.stderr,
              flush=True)
        become_subreaper()  # only now: run_once reaps any child, and the server is gone
        cli = [series_json(item) for item in cli_runs(project, args, logs)]
        results[project.language] = {
            "files": project.files, "customerio_files": project.customerio_files,
            "lines": lsp_project.line_count(project.root),
            "edited": str(project.edited.relative_to(project.root)),
            "edited_lines": project.edited.read_text().count("\n"),
            "server": server, "cli": cli, "target": verdict(server),
        }
    data = {
        "meta": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": args.quick,
            "seed": args.seed, "files": args.files, "edits": args.edits, "runs": args.runs,
            "target_ms": TARGET_MS,
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version()},
            "versions": {name: _version(name) for name in
                         ("cio-lint", "pygls", "lsprotocol", "libcst", "tree-sitter")},
        },
        "results": results,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "lsp.json").write_text(json.dumps(data, indent=2))
    print()
    print(f"cio-lint server: {args.files}-file projects, {args.edits} edits, "
          f"{os.cpu_count()} CPUs; CLI: {args.runs} runs, medians")
    print(table(results))
    print()
    for language, entry in results.items():
        median = entry["server"].get("edits", {}).get("median_ms")
        print(f"target ({language}): diagnostics for an edited file of "
              f"{entry['edited_lines']} lines in a warm {entry['files']:,}-file project in "
              f"well under {TARGET_MS:.0f} ms at the median: {entry['target'].upper()}"
              f" ({_fmt(median, ' ms')})")
        for problem in entry["server"]["problems"]:
            print(f"  problem: {problem}")
    print(f"\nresults: {out / 'lsp.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
