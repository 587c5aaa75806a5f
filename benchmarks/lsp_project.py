"""Build the warm project the language server benchmark edits, deterministically.

A real project is mostly ordinary modules; a share of them talk to Customer.io, some with
their own clients and some through one wrapper module that builds the clients. The code
comes from the generators of corpora.py and corpora_js.py (the ``dense`` modules, their
``plain`` sections and the TypeScript wrapper); this module only lays them out as one
project and knows the edits the benchmark makes: a line that adds a finding to the edited
module, and a line of the wrapper that decides whether the callers' client is a
Customer.io client at all.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import corpora
import corpora_js

#: About one module in ten uses Customer.io; the rest is the application around it.
CUSTOMERIO_SHARE = 0.1
EDITED_LINES = 300
KINDS = ("models", "forms", "serializers", "utils", "queries", "admin")

PY_WRAPPER = '''\
"""One place that builds the Customer.io clients; views and tasks import them from here."""

import os

from customerio import APIClient, CustomerIO, Regions


class RecordingClient:
    """Stands in for the Track client in local development: records calls, sends nothing."""

    def __init__(self, *args, **kwargs):
        self.calls = []

    def identify(self, customer_id, **attributes):
        self.calls.append(("identify", customer_id, attributes))

    def track(self, customer_id, name, data=None, **kwargs):
        self.calls.append(("track", customer_id, name, data))


cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"])
transactional = APIClient(os.environ["CUSTOMERIO_APP_API_KEY"], region=Regions.US)


def identify_user(user_id, **attributes):
    cio.identify(user_id, **attributes)


def track_event(user_id, name, **data):
    cio.track(user_id, name, data)
'''

TS_RECORDER = """
/** Stands in for the Track client in local development: records calls, sends nothing. */
export class RecordingClient {
  readonly calls: unknown[] = [];
  constructor(..._args: unknown[]) {}
  async identify(id: string, attributes: Record<string, unknown> = {}) {
    this.calls.push(["identify", id, attributes]);
  }
  async track(id: string, event: Record<string, unknown>) {
    this.calls.push(["track", id, event]);
  }
}
"""


@dataclass(frozen=True)
class LineSwap:
    """One line of a file and what an edit replaces it with (and back again)."""

    line: int  # zero-based
    original: str
    replacement: str


@dataclass(frozen=True)
class Project:
    """Where things are in one built project, and the edits the benchmark makes."""

    language: str
    root: Path
    files: int
    customerio_files: int
    edited: Path  # the dense module of a few hundred lines that is edited
    insert_at: int  # zero-based line before which the finding line is inserted
    finding_line: str  # the inserted line (with its newline)
    wrapper: Path
    wrapper_swap: LineSwap  # turns the wrapper's client into a recording stand-in
    caller: Path  # a module that takes its client from the wrapper


def _python_ordinary(seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:lsp-plain:{index}")
    names = corpora.draw_names(rng, corpora.STYLES[index % len(corpora.STYLES)])
    sections = [corpora.plain_section(rng, names, k) for k in range(1, rng.randint(2, 5))]
    return (f'"""{names.Model} helpers for the {names.app} app."""\n\n'
            "import logging\nimport time\n\nlog = logging.getLogger(__name__)\n\n\n"
            + "\n\n".join(sections))


def _python_caller(text: str) -> str:
    """A dense module that imports its clients from the wrapper instead of building them."""
    text, built = re.subn(r"^(\w+) = CustomerIO\(.*\)$", _import_cio, text, count=1,
                          flags=re.M)
    text, api = re.subn(r"^transactional = APIClient\(.*\)$",
                        "from app.lib.customerio import transactional", text, count=1,
                        flags=re.M)
    if built != 1 or api != 1:
        raise RuntimeError("corpora.header changed: no client construction to replace")
    return text


def _import_cio(match: re.Match[str]) -> str:
    alias = match.group(1)
    return "from app.lib.customerio import cio" + ("" if alias == "cio" else f" as {alias}")


def _ts_ordinary(seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:lsp-js-plain:{index}")
    names = corpora.draw_names(rng, corpora_js.STYLES[index % len(corpora_js.STYLES)])
    sections = [corpora_js.plain_section(rng, names, k) for k in range(1, rng.randint(2, 5))]
    return (f"// {names.Model} helpers for {names.app}.\n"
            'import { logger } from "../../lib/logger";\n\n' + "\n".join(sections))


def _middle_match(lines: list[str], pattern: str) -> int:
    """The index of the matching line nearest the middle of the file."""
    hits = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    if not hits:
        raise RuntimeError(f"no line matches {pattern!r} in the edited module")
    return min(hits, key=lambda i: abs(i - len(lines) // 2))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _split(files: int) -> tuple[int, int]:
    """(Customer.io modules besides the wrapper, ordinary modules) for ``files`` in all."""
    if files < 6:
        raise ValueError("the project needs at least 6 files")
    customerio = max(4, round(files * CUSTOMERIO_SHARE))
    return customerio, files - 1 - customerio


def build_python(root: Path, *, seed: int, files: int) -> Project:
    """``files`` modules under ``app/``: the wrapper, Customer.io modules, ordinary ones."""
    shutil.rmtree(root, ignore_errors=True)
    customerio, ordinary = _split(files)
    wrapper = root / "app" / "lib" / "customerio.py"
    _write(wrapper, PY_WRAPPER)
    caller: Path | None = None
    edited = root / "app" / "billing" / "views_0000.py"
    edited_text = corpora.dense_module(seed, 0, EDITED_LINES)
    _write(edited, edited_text)
    for index in range(1, customerio):
        app = corpora.APP_NAMES[index % len(corpora.APP_NAMES)]
        kind = ("views", "tasks", "services")[index % 3]
        path = root / "app" / app / f"{kind}_{index:04d}.py"
        text = corpora.dense_module(seed, index)
        if index % 2:
            text = _python_caller(text)
            caller = caller or path
        _write(path, text)
    for index in range(ordinary):
        app = corpora.APP_NAMES[index % len(corpora.APP_NAMES)]
        path = root / "app" / app / f"{KINDS[index % len(KINDS)]}_{index:04d}.py"
        _write(path, _python_ordinary(seed, index))
    assert caller is not None
    lines = edited_text.splitlines()
    client = re.search(r"^(\w+) = CustomerIO\(", edited_text, flags=re.M)
    assert client is not None
    line = next(i for i, text in enumerate(PY_WRAPPER.splitlines())
                if text.startswith("cio = CustomerIO("))
    return Project(
        language="python", root=root, files=files, customerio_files=customerio + 1,
        edited=edited, insert_at=_middle_match(lines, r"    try:$") + 1,
        finding_line=(f"        {client.group(1)}.identify(user.pk,"
                      " last_seen_at=int(time.time() * 1000))\n"),
        wrapper=wrapper,
        wrapper_swap=LineSwap(line, PY_WRAPPER.splitlines()[line], "cio = RecordingClient()"),
        caller=caller,
    )


def build_typescript(root: Path, *, seed: int, files: int) -> Project:
    """``files`` TypeScript modules under ``src/``, laid out as corpora_js lays them out."""
    shutil.rmtree(root, ignore_errors=True)
    customerio, ordinary = _split(files)
    _write(root / "package.json", corpora_js.PACKAGE_JSON)
    wrapper = root / "src" / "lib" / "customerio.ts"
    wrapper_text = corpora_js.WRAPPER + TS_RECORDER
    _write(wrapper, wrapper_text)
    edited = root / "src" / "routes" / "billing" / "order_0000.ts"
    edited_text = corpora_js.dense_module(seed, 0, EDITED_LINES)
    _write(edited, edited_text)
    caller: Path | None = None
    for index in range(1, customerio):
        relative, imports = corpora_js.dense_path(index)
        path = root / relative
        _write(path, corpora_js.dense_module(seed, index))
        if imports is not None:
            caller = caller or path
    for index in range(ordinary):
        app = corpora.APP_NAMES[index % len(corpora.APP_NAMES)]
        path = root / "src" / KINDS[index % len(KINDS)] / app / f"helpers_{index:04d}.ts"
        _write(path, _ts_ordinary(seed, index))
    assert caller is not None
    lines = edited_text.splitlines()
    client = re.search(r"^const (\w+) = new TrackClient\(", edited_text, flags=re.M)
    assert client is not None
    wrapper_lines = wrapper_text.splitlines()
    line = wrapper_lines.index("export const cio = new TrackClient(")
    return Project(
        language="typescript", root=root, files=files, customerio_files=customerio + 1,
        edited=edited, insert_at=_middle_match(lines, r"    await \w+\.identify\(user\.id, "),
        finding_line=(f"    await {client.group(1)}.identify(user.id,"
                      " { last_seen_at: Date.now() });\n"),
        wrapper=wrapper,
        wrapper_swap=LineSwap(line, wrapper_lines[line],
                              "export const cio = new RecordingClient("),
        caller=caller,
    )


BUILDERS = {"python": build_python, "js": build_typescript}


def line_count(root: Path) -> int:
    """Lines of source in the project, for the report."""
    suffixes = (".py", *corpora_js.JS_SUFFIXES)
    return sum(path.read_text().count("\n") for path in root.rglob("*")
               if path.is_file() and path.name.endswith(suffixes))
