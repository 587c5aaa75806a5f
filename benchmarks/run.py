"""Benchmark cio-lint against Fixit, ESLint, semgrep, grep and a bare parse.

One command builds the corpora (Python and JavaScript/TypeScript) in a scratch directory,
runs every selected tool on every corpus round-robin (run 1 of each tool, then run 2 of
each, ...), so slow drift of the machine spreads over all tools instead of favouring one,
and reports medians, a JSON file and a chart. See benchmarks/README.md for what is
measured and how long it takes.

    python benchmarks/run.py --quick      # smoke run, a few minutes
    python benchmarks/run.py              # full run, 5 runs per tool (over an hour)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402 - a sibling module, importable once HERE is on the path
import corpora_js  # noqa: E402
import report  # noqa: E402
import startup  # noqa: E402
from measure import Series, become_subreaper, run_once  # noqa: E402

TOOLS = ("cio-cold", "cio-warm", "cio-jobs1", "fixit", "semgrep", "eslint", "grep", "parse",
         "ts-parse")
LABELS = {
    "cio-cold": "cio-lint cold",
    "cio-warm": "cio-lint warm",
    "cio-jobs1": "cio-lint --jobs 1",
    "fixit": "Fixit 2 (2 rules)",
    "semgrep": "semgrep (2 rules)",
    "eslint": "ESLint (3 selectors)",
    "grep": "grep -rl (floor)",
    "parse": "libcst parse (floor)",
    "ts-parse": "tree-sitter parse (floor)",
}
#: Labels that differ on the JavaScript corpora (semgrep runs its JS rule file there).
JS_LABELS = {"semgrep": "semgrep (3 rules)"}
LANGUAGES = {"python": ("sparse", "dense"), "js": ("js-sparse", "js-dense")}
JS_CORPORA = LANGUAGES["js"]
ALL_MAIN = (*LANGUAGES["python"], *JS_CORPORA)
#: Which corpora each tool runs on; the parse floors are defined over the dense files only.
MAIN_CORPORA = {tool: ALL_MAIN for tool in TOOLS} | {
    "fixit": ("sparse", "dense"),
    "parse": ("dense",),
    "eslint": JS_CORPORA,
    "ts-parse": ("js-dense",),
}
LINEARITY_TOOLS = ("cio-cold", "cio-jobs1", "parse")
#: The growth series (625 to 5,000 dense files): time and memory as the project grows.
GROWTH_TOOLS = ("cio-cold", "cio-warm")
#: The cio-lint codes the ESLint and semgrep JavaScript rules imitate.
JS_COMPARED_CODES = ("CIO101", "CIO104", "CIO201")

PARSE_FLOOR = (
    "import pathlib, sys, libcst\n"
    "ok = bad = 0\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.py')):\n"
    "    try:\n"
    "        libcst.parse_module(path.read_bytes())\n"
    "        ok += 1\n"
    "    except libcst.ParserSyntaxError:\n"
    "        bad += 1\n"
    "print(f'parsed {ok} files, {bad} unparsable')\n"
)

#: The JavaScript analogue: every file through the tree-sitter grammar cio-lint picks for
#: its name (TypeScript for .ts/.mts/.cts, TSX for .tsx, JavaScript otherwise).
TS_PARSE_FLOOR = (
    "import pathlib, sys, tree_sitter, tree_sitter_javascript as js, "
    "tree_sitter_typescript as ts\n"
    "L = tree_sitter.Language\n"
    "parsers = {'ts': tree_sitter.Parser(L(ts.language_typescript())),\n"
    "           'tsx': tree_sitter.Parser(L(ts.language_tsx())),\n"
    "           'js': tree_sitter.Parser(L(js.language()))}\n"
    "kinds = {'.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx'}\n"
    "ok = bad = 0\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):\n"
    "    if path.suffix not in ('.js', '.jsx', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx'):\n"
    "        continue\n"
    "    tree = parsers[kinds.get(path.suffix, 'js')].parse(path.read_bytes())\n"
    "    if tree.root_node.has_error:\n"
    "        bad += 1\n"
    "    else:\n"
    "        ok += 1\n"
    "print(f'parsed {ok} files, {bad} with syntax errors')\n"
)


@dataclass(frozen=True)
class Sizes:
    """Corpus sizes: the full run follows the issue, --quick shrinks everything."""

    stdlib_files: int | None
    dense: int
    dense_small: int
    dense_large: int
    js_package_files: int = 3000
    js_dense: int = 300


FULL = Sizes(stdlib_files=None, dense=300, dense_small=150, dense_large=600)
QUICK = Sizes(stdlib_files=60, dense=40, dense_small=20, dense_large=80, js_package_files=60,
              js_dense=40)


@dataclass
class Environment:
    """Executables found, flags the installed cio-lint accepts, and what had to change."""

    cio_lint: str
    cio_flags: set[str]
    fixit: str | None
    semgrep: str | None
    work: Path
    eslint: str | None = None
    npm: Path | None = None
    notes: list[str] = field(default_factory=list)
    versions: dict[str, str | None] = field(default_factory=dict)


# --------------------------------------------------------------------------- discovery

def _find(name: str, explicit: str | None, venvs: Path) -> str | None:
    """An executable: given, in the benchmark's own venv, on PATH, or beside python."""
    candidates = [explicit, str(venvs / name / "bin" / name), shutil.which(name),
                  str(Path(sys.executable).parent / name)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def accepted_flags(cio_lint: str) -> set[str]:
    """The cache and worker flags ``cio-lint check --help`` lists (they may be missing)."""
    help_text = subprocess.run([cio_lint, "check", "--help"], capture_output=True,
                               text=True, check=False).stdout
    return {flag for flag in ("--no-cache", "--cache-dir", "--jobs")
            if re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help_text)}


def version(executable: str | None, distribution: str) -> str | None:
    """The installed version, read from the tool's own environment without running it
    (``semgrep --version`` may try the network, which can hang offline)."""
    if executable is None:
        return None
    python = Path(executable).parent / "python"
    interpreter = str(python) if python.exists() else sys.executable
    script = f"import importlib.metadata as m; print(m.version({distribution!r}))"
    done = subprocess.run([interpreter, "-c", script], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or "unknown"


# --------------------------------------------------------------------------- commands

CommandFactory = Callable[[Path, int], tuple[list[str], dict[str, str]]]


def cio_command(env: Environment, tool: str, corpus: Path) -> CommandFactory:
    """The cio-lint invocation for a mode, degraded (with a note) if a flag is missing."""
    base = [env.cio_lint, "check", "--exit-zero", "--output-format", "concise"]
    cache_root = env.work / "cache" / corpus.name

    def build(_: Path, run: int) -> tuple[list[str], dict[str, str]]:
        args = list(base)
        extra_env: dict[str, str] = {}
        if tool == "cio-warm":
            args += ["--cache-dir", str(cache_root / "warm")]
        elif "--no-cache" in env.cio_flags:
            args.append("--no-cache")
        else:  # an empty cache directory per run is as cold as no cache at all
            fresh = cache_root / f"cold-{tool}-{run}"
            shutil.rmtree(fresh, ignore_errors=True)
            if "--cache-dir" in env.cio_flags:
                args += ["--cache-dir", str(fresh)]
            extra_env["CIO_LINT_CACHE_DIR"] = str(fresh)
        if tool == "cio-jobs1" and "--jobs" in env.cio_flags:
            args += ["--jobs", "1"]
        return [*args, str(corpus)], extra_env

    return build


def tool_command(env: Environment, tool: str, corpus: Path) -> CommandFactory | None:
    """How to run ``tool`` on ``corpus``, or None when the tool is not available."""
    if tool.startswith("cio-"):
        return cio_command(env, tool, corpus)
    if tool == "fixit" and env.fixit:
        fixit = env.fixit
        return lambda path, _: ([fixit, "lint", str(path)], {"PYTHONPATH": str(HERE)})
    if tool == "semgrep" and env.semgrep:
        rules = "cio_rules_js.yml" if is_js(corpus.name) else "cio_rules.yml"
        configs = ["--config", str(HERE / "semgrep" / rules)]
        semgrep = env.semgrep
        return lambda path, _: (
            [semgrep, "--metrics=off", "--disable-version-check", *configs, "--json",
             str(path)],
            {"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"},
        )
    if tool == "eslint" and env.eslint and env.npm:
        eslint, npm = env.eslint, env.npm
        config = str(HERE / "eslint" / "eslint.config.mjs")
        return lambda path, _: ([eslint, "--config", config, "--format", "json", str(path)],
                                {"CIO_BENCH_NPM": str(npm)})
    if tool == "grep":
        return lambda path, _: (["grep", "-rl", "customerio", str(path)], {})
    if tool == "parse":
        return lambda path, _: ([sys.executable, "-c", PARSE_FLOOR, str(path)], {})
    if tool == "ts-parse":
        return lambda path, _: ([sys.executable, "-c", TS_PARSE_FLOOR, str(path)], {})
    return None


def is_js(corpus: str) -> bool:
    """JavaScript/TypeScript corpora are named ``js-...``."""
    return corpus.startswith("js-")


def label(tool: str, corpus: str) -> str:
    return (JS_LABELS.get(tool) if is_js(corpus) else None) or LABELS[tool]


OK_RETURNCODES = {
    "fixit": (0, 1, 2, 3),  # 1: violations, 2: files it could not parse (Python 2 in stdlib)
    "semgrep": (0, 1),
    "eslint": (0, 1),  # 1: problems found
    "grep": (0, 1),
}


def count_findings(tool: str, output: Path) -> int | None:
    """What the last run reported, to show the tools found comparable things."""
    if not output.exists():
        return None
    text = output.read_text(errors="replace")
    if tool.startswith("cio-"):
        return len(re.findall(r"^\S.*?:\d+:\d+: CIO\d{3} ", text, re.MULTILINE))
    if tool == "fixit":
        return len(re.findall(r"@\d+:\d+ \w+: ", text))
    if tool == "semgrep":
        try:
            return len(json.loads(text).get("results", []))
        except json.JSONDecodeError:
            return None
    if tool == "eslint":
        try:
            return sum(1 for entry in json.loads(text) for message in entry["messages"]
                       if message.get("ruleId") == "no-restricted-syntax")
        except (json.JSONDecodeError, KeyError, TypeError):
            return None
    if tool == "grep":
        return len(text.splitlines())
    if tool in ("parse", "ts-parse"):
        match = re.search(r"parsed (\d+) files", text)
        return int(match.group(1)) if match else None
    return None


def count_codes(output: Path) -> dict[str, int]:
    """How many findings of each code a cio-lint run printed."""
    if not output.exists():
        return {}
    codes = re.findall(r"^\S.*?:\d+:\d+: (CIO\d{3}) ", output.read_text(errors="replace"),
                       re.MULTILINE)
    return {code: codes.count(code) for code in sorted(set(codes))}


# --------------------------------------------------------------------------- setup

def setup_tools(venvs: Path) -> int:
    """Install the competitors, each in its own venv: their pins conflict (click)."""
    pins = {}
    for line in (HERE / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pins[re.split(r"[=<>!~ ]", line, maxsplit=1)[0].lower()] = line
    for name in ("fixit", "semgrep"):
        target = venvs / name
        print(f"installing {pins[name]} into {target}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
        subprocess.run([str(target / "bin" / "python"), "-m", "pip", "install", "-q",
                        pins[name]], check=True)
    print(f"installing {pins['matplotlib']} into {sys.prefix} (for the chart)", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", pins["matplotlib"]],
                   check=True)
    npm_dir = venvs.parent / "npm"
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not on PATH: ESLint and the js-sparse corpus are not installed",
              flush=True)
        return 1
    npm_dir.mkdir(parents=True, exist_ok=True)
    # The lock file pins what the packages depend on too, so js-sparse is the same
    # selection of files on every machine.
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HERE / name, npm_dir / name)
    print(f"installing ESLint and the js-sparse packages (package.json) into {npm_dir}",
          flush=True)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts",
                    "--loglevel", "error"], cwd=npm_dir, check=True)
    return 0


# --------------------------------------------------------------------------- main

def build_corpora(env: Environment, sizes: Sizes, seed: int, linearity: bool,
                  languages: list[str]) -> dict[str, Path]:
    """Write every corpus under ``env.work`` and return them by name."""
    work = env.work
    paths: dict[str, Path] = {}
    if "python" in languages:
        paths |= {"sparse": work / "sparse", "dense": work / "dense"}
        corpora.build_sparse(paths["sparse"], seed=seed, stdlib_limit=sizes.stdlib_files)
        corpora.build_dense(paths["dense"], seed=seed, count=sizes.dense)
    if "js" in languages:
        node_modules = env.npm / "node_modules" if env.npm else None
        if node_modules is not None and node_modules.is_dir():
            paths["js-sparse"] = work / "js-sparse"
            corpora_js.build_sparse(paths["js-sparse"], seed=seed, node_modules=node_modules,
                                    limit=sizes.js_package_files)
        else:
            env.notes.append("the npm packages are not installed: js-sparse skipped "
                             "(python benchmarks/run.py --setup installs them)")
        paths["js-dense"] = work / "js-dense"
        corpora_js.build_dense(paths["js-dense"], seed=seed, count=sizes.js_dense)
    if linearity and "python" in languages:
        paths["dense-half"] = work / "dense-half"
        paths["dense-double"] = work / "dense-double"
        corpora.build_dense(paths["dense-half"], seed=seed, count=sizes.dense_small)
        corpora.build_dense(paths["dense-double"], seed=seed, count=sizes.dense_large)
    return paths


def build_growth(work: Path, seed: int, sizes: list[int]) -> dict[str, Path]:
    """The dense generator at every growth size (each a prefix of the next)."""
    paths = {}
    for size in sizes:
        paths[f"growth-{size}"] = work / f"growth-{size}"
        corpora.build_dense(paths[f"growth-{size}"], seed=seed, count=size)
    return paths


def plan_growth(env: Environment, tools: list[str], paths: dict[str, Path]) -> Planned:
    """cio-lint cold and warm on every growth size, smallest first. The cold run starts
    from an empty cache directory and fills it, and the warm run reads what it wrote: the
    largest sizes take minutes, too long to run cold twice."""
    series = []
    for corpus, path in paths.items():
        warm = cio_command(env, "cio-warm", path)
        for tool in GROWTH_TOOLS:
            if tool in tools:
                factory = _emptied_first(env, path, warm) if tool == "cio-cold" else warm
                command, _ = factory(path, 0)
                series.append((Series(tool=tool, corpus=corpus, label=label(tool, corpus),
                                      command=command), path, factory))
    return series


def _emptied_first(env: Environment, corpus: Path, warm: CommandFactory) -> CommandFactory:
    """The warm command, its cache directory emptied before each run: a cold run that
    writes the cache."""
    def build(path: Path, run: int) -> tuple[list[str], dict[str, str]]:
        shutil.rmtree(env.work / "cache" / corpus.name / "warm", ignore_errors=True)
        return warm(path, run)

    return build


def describe(paths: dict[str, Path]) -> dict[str, dict[str, Any]]:
    info = {}
    for name, path in paths.items():
        files = corpora_js.js_files(path) if is_js(name) else corpora.python_files(path)
        data = [f.read_bytes() for f in files]
        info[name] = {"path": str(path), "files": len(files),
                      "lines": sum(d.count(b"\n") for d in data),
                      "bytes": sum(len(d) for d in data),
                      "customerio_files": sum(1 for d in data if b"customerio" in d)}
    return info


Planned = list[tuple[Series, Path, CommandFactory]]


def plan(env: Environment, tools: list[str], paths: dict[str, Path]) -> Planned:
    """Every (tool, corpus) series, in the order each round runs them."""
    series = []
    for corpus, path in paths.items():
        main_corpus = corpus in ALL_MAIN
        for tool in tools:
            if main_corpus and corpus not in MAIN_CORPORA[tool]:
                continue
            if not main_corpus and tool not in LINEARITY_TOOLS:
                continue
            factory = tool_command(env, tool, path)
            if factory is None:
                continue
            command, _ = factory(path, 0)
            item = Series(tool=tool, corpus=corpus, label=label(tool, corpus), command=command,
                          ok_returncodes=OK_RETURNCODES.get(tool, (0,)))
            series.append((item, path, factory))
    return series


def detect(args: argparse.Namespace, work: Path, tools: list[str]) -> Environment:
    venvs = Path(args.out) / "venvs"
    cio = _find("cio-lint", args.cio_lint, venvs)
    if cio is None:
        sys.exit("cio-lint is not installed in this environment (pip install -e .)")
    npm = Path(args.out) / "npm"
    eslint = args.eslint or str(npm / "node_modules" / ".bin" / "eslint")
    env = Environment(cio_lint=cio, cio_flags=accepted_flags(cio),
                      fixit=_find("fixit", args.fixit, venvs),
                      semgrep=_find("semgrep", args.semgrep, venvs), work=work,
                      eslint=eslint if Path(eslint).is_file() else None, npm=npm)
    env.versions = {"cio-lint": version(cio, "cio-lint"), "fixit": version(env.fixit, "fixit"),
                    "semgrep": version(env.semgrep, "semgrep"),
                    "libcst": version(sys.executable, "libcst"),
                    "eslint": npm_version(npm, "eslint") if env.eslint else None,
                    "@typescript-eslint/parser": npm_version(npm, "@typescript-eslint/parser"),
                    "tree-sitter": version(sys.executable, "tree-sitter"),
                    "node": node_version()}
    flags = env.cio_flags
    if "--no-cache" not in flags:
        env.notes.append("cio-lint check does not accept --no-cache yet: cold runs use a fresh, "
                         "empty cache directory per run instead")
    if "--cache-dir" not in flags and "cio-warm" in tools:
        env.notes.append("cio-lint check does not accept --cache-dir yet: the warm cache is "
                         "pointed at with CIO_LINT_CACHE_DIR, which it may ignore")
    if "--jobs" not in flags and "cio-jobs1" in tools:
        env.notes.append("cio-lint check does not accept --jobs yet: '--jobs 1' runs the "
                         "default invocation (single process unless cio-lint parallelises)")
    for tool in ("fixit", "semgrep", "eslint"):
        if tool in tools and getattr(env, tool) is None:
            env.notes.append(f"{tool} is not installed: skipped (python benchmarks/run.py "
                             f"--setup installs it)")
    return env


def fill_warm_cache(env: Environment, series: Planned,
                    timeout: float) -> None:
    """One untimed run per corpus so the warm series reads a full cache."""
    for item, path, factory in series:
        if item.tool != "cio-warm":
            continue
        command, extra = factory(path, -1)
        shutil.rmtree(env.work / "cache" / path.name / "warm", ignore_errors=True)
        log = env.work / "logs" / f"{item.corpus}-{item.tool}-fill.out"
        sample = run_once(command, cwd=path, env=os.environ | extra, stdout=log,
                          timeout=timeout)
        print(f"  filled the warm cache for {item.corpus} in {sample.wall:.2f} s",
              file=sys.stderr, flush=True)


def run_round(series: Planned, run: int, runs: int, work: Path, timeout: float) -> None:
    """Run ``run`` of every series once, in order, and print each sample."""
    for item, path, factory in series:
        if item.timed_out:
            continue  # one timeout is enough evidence; do not burn another hour
        command, extra = factory(path, run)
        log = work / "logs" / f"{item.corpus}-{item.tool}.out"
        sample = run_once(command, cwd=path, env=os.environ | extra, stdout=log,
                          timeout=timeout)
        item.samples.append(sample)
        status = "TIMEOUT" if sample.timed_out else f"rc={sample.returncode}"
        print(f"[run {run + 1}/{runs}] {item.label:<26} {item.corpus:<12} "
              f"{sample.wall:9.3f} s  cpu {sample.cpu:9.3f} s  rss {sample.rss_mb:6.0f} MB"
              f"  {status}", file=sys.stderr, flush=True)
        if sample.returncode not in item.ok_returncodes and not sample.timed_out:
            err = log.with_suffix(".err").read_text(errors="replace").strip()
            print("    " + "\n    ".join(err.splitlines()[-5:]), file=sys.stderr)


def warm_page_cache(paths: dict[str, Path]) -> None:
    """Read every corpus once so the first measured tool does not pay for disk reads."""
    for path in paths.values():
        for file in path.rglob("*"):
            if file.is_file():
                file.read_bytes()


def machine() -> dict[str, Any]:
    """What the figures were measured on, named as the README quotes it."""
    model, memory = platform.machine(), None
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        model = found.group(1).strip() if found else model
        total = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(),
                          re.MULTILINE)
        memory = round(int(total.group(1)) / 1024 / 1024) if total else None
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "memory_gib": memory,
            "platform": platform.platform(), "system": f"{platform.system()} "
            f"{platform.release().split('-')[0]}", "python": platform.python_version()}


def npm_version(npm: Path, package: str) -> str | None:
    """The version npm installed, from the package's own package.json."""
    manifest = npm / "node_modules" / package / "package.json"
    if not manifest.is_file():
        return None
    return str(json.loads(manifest.read_text()).get("version", "unknown"))


def node_version() -> str | None:
    node = shutil.which("node")
    if node is None:
        return None
    return subprocess.run([node, "--version"], capture_output=True, text=True,
                          check=False).stdout.strip() or None


def collect(args: argparse.Namespace, env: Environment, sizes: Sizes,
            described: dict[str, Any], series: Planned,
            runs_done: int, partial: bool) -> dict[str, Any]:
    results = []
    for item, _, _ in series:
        log = env.work / "logs" / f"{item.corpus}-{item.tool}.out"
        item.findings = count_findings(item.tool, log)
        row = item.to_json()
        row["files"] = described[item.corpus]["files"]
        row["lines"] = described[item.corpus]["lines"]
        if item.tool.startswith("cio-"):
            row["findings_by_code"] = count_codes(log)
        results.append(row)
    report.add_ratios(results)
    return {
        "meta": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "partial": partial,
            "runs_requested": args.runs,
            "runs_done": runs_done,
            "quick": args.quick,
            "seed": args.seed,
            "timeout_s": args.timeout,
            "machine": machine(),
            "versions": env.versions,
            "cio_lint_flags": sorted(env.cio_flags),
            "notes": env.notes,
            "sizes": sizes.__dict__,
            "js_compared_codes": list(JS_COMPARED_CODES),
        },
        "corpora": described,
        "results": results,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None,
                        help="timed runs per tool and corpus (default 5; 3 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="smaller corpora and fewer runs: a smoke test in a few minutes")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help=f"comma-separated subset of: {', '.join(TOOLS)}")
    parser.add_argument("--languages", default="python,js",
                        help="which corpora to build: python (sparse, dense and the "
                             "linearity variants), js (js-sparse, js-dense), or both")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds before one run is killed (default 2400; 600 with "
                             "--quick); a series that times out is not run again")
    parser.add_argument("--no-linearity", action="store_true",
                        help="skip the 150/600-file dense variants")
    parser.add_argument("--growth", default=None,
                        help="comma-separated dense sizes for the growth series, cold and "
                             "warm (default 625,1250,2500,5000; 40,80,160 with --quick; "
                             "'none' to skip)")
    parser.add_argument("--growth-runs", type=int, default=1,
                        help="timed runs per growth size (default 1: the largest takes "
                             "minutes)")
    parser.add_argument("--startup-runs", type=int, default=None,
                        help="paired runs of each start-up and pre-commit scenario against "
                             "python -c 'import click' (default 15; 5 with --quick; 0 skips)")
    parser.add_argument("--seed", type=int, default=20240611,
                        help="seed of the generated code (same seed, same bytes)")
    parser.add_argument("--work-dir", default=None,
                        help="where corpora, caches and logs go (default: a directory "
                             "under the system temp dir, rebuilt on every run)")
    parser.add_argument("--out", default=str(HERE / "out"),
                        help="where results.json and results.png go")
    parser.add_argument("--setup", action="store_true",
                        help="install fixit, semgrep (own venvs under OUT/venvs) and "
                             "matplotlib from requirements.txt, ESLint and the js-sparse "
                             "packages from package.json (npm, into OUT/npm), then exit")
    parser.add_argument("--cio-lint", default=None, help="cio-lint executable")
    parser.add_argument("--fixit", default=None, help="fixit executable")
    parser.add_argument("--semgrep", default=None, help="semgrep executable")
    parser.add_argument("--eslint", default=None,
                        help="eslint executable (default OUT/npm/node_modules/.bin/eslint)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    if args.startup_runs is None:
        args.startup_runs = 5 if args.quick else 15
    growth = args.growth or ("40,80,160" if args.quick else "625,1250,2500,5000")
    args.growth = [] if growth == "none" else [int(size) for size in growth.split(",")]
    args.timeout = args.timeout or (600.0 if args.quick else 2400.0)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    if args.setup:
        return setup_tools(out / "venvs")
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(tools) - set(TOOLS)
    if unknown:
        sys.exit(f"unknown tools: {', '.join(sorted(unknown))} (choose from {', '.join(TOOLS)})")
    languages = [name.strip() for name in args.languages.split(",") if name.strip()]
    if not languages or set(languages) - set(LANGUAGES):
        sys.exit(f"--languages takes python, js or both, not {args.languages!r}")
    sizes = QUICK if args.quick else FULL
    work = Path(args.work_dir or Path(tempfile.gettempdir()) / "cio-lint-bench")
    (work / "logs").mkdir(parents=True, exist_ok=True)
    env = detect(args, work, tools)
    print(f"building corpora in {work} ...", file=sys.stderr, flush=True)
    paths = build_corpora(env, sizes, args.seed, linearity=not args.no_linearity,
                          languages=languages)
    growth_paths = build_growth(work, args.seed, args.growth if "python" in languages else [])
    for note in env.notes:
        print(f"note: {note}", file=sys.stderr)
    described = describe(paths | growth_paths)
    series = plan(env, tools, paths)
    growth = plan_growth(env, tools, growth_paths)
    become_subreaper()
    warm_page_cache(paths | growth_paths)
    fill_warm_cache(env, series, args.timeout)

    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "results.json"
    extra: dict[str, Any] = {}
    if args.startup_runs:
        print("start-up and pre-commit scenarios ...", file=sys.stderr, flush=True)
        extra["startup"] = startup.measure(env.cio_lint, work, args.seed, args.startup_runs,
                                           args.timeout, lambda line: print(
                                               line, file=sys.stderr, flush=True))
    everything = series + growth

    def save(runs_done: int, partial: bool) -> None:
        data = collect(args, env, sizes, described, everything, runs_done, partial) | extra
        json_path.write_text(json.dumps(data, indent=2))

    for run in range(args.runs):
        run_round(series, run, args.runs, work, args.timeout)
        save(run + 1, partial=True)
    for run in range(args.growth_runs if growth else 0):
        run_round(growth, run, args.growth_runs, work, args.timeout)
        save(args.runs, partial=True)

    data = collect(args, env, sizes, described, everything, args.runs, partial=False) | extra
    targets = report.evaluate(data["results"], args.timeout, data.get("startup"))
    data["targets"] = [t.to_json() for t in targets]
    data["linearity"] = report.linearity(data["results"])
    data["growth"] = report.growth(data["results"])
    data["costs"] = report.costs(data["results"], data["corpora"])
    json_path.write_text(json.dumps(data, indent=2))

    print()
    print(f"cio-lint benchmark: {args.runs} runs per tool, medians; "
          f"{os.cpu_count()} CPUs; {'quick' if args.quick else 'full'} corpora")
    for name, info in data["corpora"].items():
        print(f"  {name:<12} {info['files']:>5} files {info['lines']:>8} lines "
              f"({info['customerio_files']} use customerio)")
    print()
    print(report.table(data["results"], data["corpora"]))
    print()
    sizes_text = "/".join(str(data["corpora"][name]["files"]) for name in
                          ("dense-double", "dense", "dense-half") if name in data["corpora"])
    if "dense-half" in data["corpora"]:
        print(f"linearity (dense corpus at {sizes_text} files; 2.0 = proportional):")
        for tool, entry in data["linearity"].items():
            pairs = ", ".join(f"{key} {value}" for key, value in entry.items()
                              if value is not None)
            if pairs:
                print(f"  {LABELS[tool]:<26} {pairs}")
        print()
    if data["growth"]:
        print(report.growth_table(data["growth"]))
        print()
    if "startup" in data:
        print(startup.table(data["startup"]))
        print()
    print(report.cost_table(data["costs"]))
    compared = report.compared_findings(data["results"], JS_COMPARED_CODES)
    if compared:
        print()
        print(compared)
    print()
    print("targets:")
    print(report.verdicts(targets))
    for note in env.notes:
        print(f"note: {note}")
    print()
    print(f"results: {json_path}")
    print(report.chart(data, out / "results.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
